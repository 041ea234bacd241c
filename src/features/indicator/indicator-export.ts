import type { IndicatorRow } from './indicator.service.js';
import type { PublicValue } from './indicator-publish.service.js';
import { displayValue } from './indicator.presenter.js';
import { toCsv } from '../../csv/csv.js';

/** A shown value is a number (never neutralised, so -12.5 stays a number); a hidden one its mark, "<5" or "x". */
const csvValue = (v: PublicValue, threshold: number, decimals: number) =>
  v.suppressed || v.value === null ? displayValue(v, threshold, null, decimals) : v.value;

/** One row per published value, suppression applied, with its source and context. */
export function valuesCsv(indicator: IndicatorRow, values: PublicValue[], threshold: number): string {
  const header = [
    'indikator',
    'kode_wilayah',
    'nama_wilayah',
    'tingkat',
    'periode',
    'nilai',
    'satuan',
    'status',
    'sumber',
    'resmi',
    'metode',
    'sitasi',
    'penyebut',
    'filter',
    'jumlah_tidak_terisi',
    'catatan',
    'sitasi_nilai',
    'contoh',
  ];
  const rows = values.map((v) => [
    indicator.code,
    v.row.wilayah_kode,
    v.row.wilayah_nama,
    v.row.wilayah_tingkat,
    v.row.period,
    csvValue(v, threshold, indicator.decimals),
    indicator.unit,
    v.row.status,
    v.source.producer,
    v.official ? 'ya' : 'tidak',
    v.source.method,
    v.source.citation,
    v.row.denominator,
    v.row.filters,
    v.row.missing_count ?? '',
    v.suppressed ? '' : v.row.note,
    v.row.citation,
    v.row.is_example || v.source.is_example ? 'contoh' : '',
  ]);
  return toCsv(header, rows, { bom: true });
}

/** A JSON-stat 2.0 dataset: dimensions wilayah × period × source; suppressed cells are null with a status mark. */
export function valuesJsonStat(indicator: IndicatorRow, values: PublicValue[], threshold: number, baseUrl: string) {
  const wilayah = [...new Map(values.map((v) => [v.row.wilayah_kode, v.row.wilayah_nama])).entries()].sort(([a], [b]) =>
    a.localeCompare(b),
  );
  const periods = [...new Set(values.map((v) => v.row.period))].sort();
  const sources = [...new Map(values.map((v) => [v.source.id, v])).values()].sort(
    (a, b) => Number(b.official) - Number(a.official),
  );
  const wi = new Map(wilayah.map(([k], i) => [k, i]));
  const pi = new Map(periods.map((p, i) => [p, i]));
  const si = new Map(sources.map((s, i) => [s.source.id, i]));
  const size = [wilayah.length, periods.length, sources.length];
  const value: Array<number | null> = new Array(size[0]! * size[1]! * size[2]!).fill(null);
  const status: Record<string, string> = {};
  for (const v of values) {
    const idx = (wi.get(v.row.wilayah_kode)! * size[1]! + pi.get(v.row.period)!) * size[2]! + si.get(v.source.id)!;
    value[idx] = v.value;
    if (v.suppressed) status[String(idx)] = displayValue(v, threshold, null, 0);
  }
  return {
    version: '2.0',
    class: 'dataset',
    href: `${baseUrl}/api/v1/indicators/${indicator.code}`,
    label: indicator.name_id,
    source: sources.map((s) => s.source.producer).join('; '),
    updated: values.reduce((m, v) => (v.row.updated_at > m ? v.row.updated_at : m), indicator.updated_at),
    note: [
      `Satuan: ${indicator.unit}`,
      `Hitungan orang di bawah ${threshold} disembunyikan ("<${threshold}"); sel pelengkap ditandai "x".`,
    ],
    id: ['wilayah', 'periode', 'sumber'],
    size,
    dimension: {
      wilayah: {
        label: 'Wilayah',
        category: { index: Object.fromEntries(wilayah.map(([k], i) => [k, i])), label: Object.fromEntries(wilayah) },
      },
      periode: { label: 'Periode', category: { index: Object.fromEntries(periods.map((p, i) => [p, i])) } },
      sumber: {
        label: 'Sumber',
        category: {
          index: Object.fromEntries(sources.map((s, i) => [s.source.id, i])),
          label: Object.fromEntries(
            sources.map((s) => [s.source.id, `${s.source.producer}${s.official ? ' (resmi)' : ''}`]),
          ),
          note: Object.fromEntries(
            sources.map((s) => [s.source.id, [s.source.method, s.source.citation].filter(Boolean)]),
          ),
        },
      },
    },
    value,
    ...(Object.keys(status).length ? { status } : {}),
    extension: { unit: indicator.unit, officialSourceId: indicator.official_source_id },
  };
}

export function msIndCsv(records: Array<Record<string, string>>): string {
  const header = records.length ? Object.keys(records[0]!) : ['Kode Indikator'];
  return toCsv(
    header,
    records.map((r) => header.map((h) => r[h] ?? '')),
    { bom: true },
  );
}
