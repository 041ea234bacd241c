import type { Db, DbOrTrx } from '../../storage/database.js';
import type { Seed } from '../../storage/seeds/seed.js';
import { readReferenceCsv } from '../../storage/seeds/reference-files.js';
import { newId, nowIso } from '../../ids.js';
import { recordAudit } from '../audit/audit.service.js';
import type { Actor } from '../../actor/actor.js';
import { writeValue } from './indicator-value-write.js';
import type { IndicatorLevel, Direction, BreakdownDimension } from './indicator.table.js';

export const SEED_ACTOR: Actor = { id: null, label: 'system:seed' };

export interface SeedIndicator {
  code: string;
  nameId: string;
  nameEn: string;
  concept: string;
  definition: string;
  interpretation?: string;
  formula: string;
  unit: string;
  measure: string;
  classification?: string;
  lowestLevel: IndicatorLevel;
  direction: Direction;
  countsPeople: boolean;
  decimals: number;
  producers: string[];
  /** Required when countsPeople is false: protection is on unless declared off with a reason. */
  notPeopleReason?: string;
  breakdownOf?: string;
  breakdownDimension?: BreakdownDimension;
}
export interface SeedSource {
  key: string;
  producer: string;
  orgSlug: string | null;
  method: string;
  citation: string;
  official?: boolean;
}

async function orgId(db: DbOrTrx, slug: string | null): Promise<string | null> {
  if (!slug) return null;
  return (await db.selectFrom('organizations').select('id').where('slug', '=', slug).executeTakeFirst())?.id ?? null;
}

/** Creates the indicator and its sources when missing (matched by code and producer); returns their ids. Idempotent. */
export async function ensureIndicator(
  trx: DbOrTrx,
  ind: SeedIndicator,
  sources: SeedSource[],
  example: boolean,
): Promise<{ id: string; sources: Map<string, string>; created: boolean }> {
  const now = nowIso();
  let row = await trx.selectFrom('indicators').selectAll().where('code', '=', ind.code).executeTakeFirst();
  let created = false;
  if (!row) {
    const producerIds = (await Promise.all(ind.producers.map((s) => orgId(trx, s)))).filter((x): x is string => !!x);
    await trx
      .insertInto('indicators')
      .values({
        id: newId(),
        code: ind.code,
        name_id: ind.nameId,
        name_en: ind.nameEn,
        concept: ind.concept,
        definition: ind.definition,
        interpretation: ind.interpretation ?? '',
        formula: ind.formula,
        unit: ind.unit,
        measure: ind.measure,
        classification: ind.classification ?? 'Wilayah (Kemendagri); periode',
        lowest_level: ind.lowestLevel,
        better_direction: ind.direction,
        counts_people: ind.countsPeople ? 1 : 0,
        not_people_reason: ind.countsPeople ? '' : (ind.notPeopleReason ?? ''),
        breakdown_of: ind.breakdownOf ?? null,
        breakdown_dimension: ind.breakdownDimension ?? null,
        decimals: ind.decimals,
        producer_org_ids: JSON.stringify(producerIds),
        dataset_ids: '[]',
        official_source_id: null,
        is_example: example ? 1 : 0,
        created_at: now,
        updated_at: now,
      })
      .execute();
    row = await trx.selectFrom('indicators').selectAll().where('code', '=', ind.code).executeTakeFirstOrThrow();
    created = true;
    await recordAudit(trx, SEED_ACTOR, {
      action: 'indicator.create',
      entityType: 'indicator',
      entityId: row.id,
      after: { code: ind.code, seed: true },
    });
  }
  const ids = new Map<string, string>();
  for (const s of sources) {
    const existing: { id: string } | undefined = await trx
      .selectFrom('indicator_sources')
      .select('id')
      .where('indicator_id', '=', row.id)
      .where('producer', '=', s.producer)
      .executeTakeFirst();
    const id: string = existing?.id ?? newId();
    if (!existing) {
      await trx
        .insertInto('indicator_sources')
        .values({
          id,
          indicator_id: row.id,
          organization_id: await orgId(trx, s.orgSlug),
          producer: s.producer,
          method: s.method,
          citation: s.citation,
          is_example: example ? 1 : 0,
          created_at: now,
          updated_at: now,
        })
        .execute();
    }
    if (s.official && !row.official_source_id) {
      await trx.updateTable('indicators').set({ official_source_id: id }).where('id', '=', row.id).execute();
      row = { ...row, official_source_id: id };
    }
    ids.set(s.key, id);
  }
  return { id: row.id, sources: ids, created };
}

export interface SeedValue {
  code: string;
  source: string;
  kode: string;
  period: string;
  value: number;
  note?: string;
  citation?: string;
  denominator?: string;
  status?: 'provisional' | 'final' | 'revised';
}

/** Writes values only where none exist yet, so re-running a seed never overwrites a walidata's revision. */
export async function seedValues(
  trx: DbOrTrx,
  refs: Map<string, { id: string; sources: Map<string, string> }>,
  values: SeedValue[],
  example: boolean,
): Promise<number> {
  let added = 0;
  for (const v of values) {
    const ref = refs.get(v.code)!;
    const sourceId = ref.sources.get(v.source)!;
    const exists = await trx
      .selectFrom('indicator_values')
      .select('id')
      .where('indicator_id', '=', ref.id)
      .where('source_id', '=', sourceId)
      .where('wilayah_kode', '=', v.kode)
      .where('period', '=', v.period)
      .executeTakeFirst();
    if (exists) continue;
    const indicator = await trx.selectFrom('indicators').selectAll().where('id', '=', ref.id).executeTakeFirstOrThrow();
    await writeValue(
      trx,
      SEED_ACTOR,
      indicator,
      {
        sourceId,
        wilayahKode: v.kode,
        period: v.period,
        value: v.value,
        status: v.status ?? 'final',
        note: v.note ?? '',
        citation: v.citation ?? '',
        denominator: v.denominator ?? '',
        filters: '',
        missingCount: undefined,
      },
      { origin: 'seed', example },
    );
    added++;
  }
  return added;
}

interface CityCsvRow {
  indikator: string;
  tahun: string;
  nilai: string;
  satuan: string;
  wilayah_kode: string;
  sumber: string;
  catatan: string;
}

const BPS_SAKERNAS: SeedSource = {
  key: 'bps',
  producer: 'BPS Kota Madiun — Sakernas Agustus',
  orgSlug: 'bps-kota-madiun',
  method:
    'Survei Angkatan Kerja Nasional (Sakernas) Agustus: survei sampel rumah tangga; estimasi valid sampai tingkat kota. ' +
    'Definisi BPS: penduduk usia kerja 15+, penganggur terbuka termasuk yang mencari kerja, mempersiapkan usaha, ' +
    'putus asa, atau sudah diterima tetapi belum mulai bekerja.',
  citation: 'BPS Kota Madiun, Sakernas Agustus (dikutip media; lihat sitasi tiap nilai)',
  official: true,
};

export const CITY_INDICATORS: Array<{ ind: SeedIndicator; sources: SeedSource[] }> = [
  {
    ind: {
      code: 'jumlah-penduduk',
      nameId: 'Jumlah penduduk',
      nameEn: 'Population',
      concept: 'Penduduk',
      definition: 'Banyaknya penduduk yang tercatat di suatu wilayah pada periode rujukan.',
      interpretation:
        'Dukcapil menghitung penduduk terdaftar (administratif); sensus BPS mencacah penduduk. Angkanya berbeda karena metodenya berbeda.',
      formula: 'Jumlah orang',
      unit: 'jiwa',
      measure: 'Jumlah',
      lowestLevel: 'kelurahan',
      direction: 'neutral',
      countsPeople: true,
      decimals: 0,
      producers: ['bps-kota-madiun'],
    },
    sources: [
      {
        key: 'dukcapil',
        producer: 'Dukcapil (Kepmendagri No 300.2.2-2138 Tahun 2025)',
        orgSlug: null,
        method:
          'Hitungan administratif penduduk terdaftar dalam data kependudukan (Dukcapil), ditetapkan dengan Keputusan Mendagri.',
        citation: 'cahyadsn/wilayah db/wilayah_penduduk.sql (MIT), mengutip Kepmendagri No 300.2.2-2138 Tahun 2025',
        official: true,
      },
      {
        key: 'sp2020',
        producer: 'BPS — Sensus Penduduk 2020',
        orgSlug: 'bps-kota-madiun',
        method: 'Sensus penduduk oleh BPS (pencacahan), berbeda dengan hitungan administratif Dukcapil.',
        citation: 'satukanegeri.com, memberitakan BRS BPS Kota Madiun tentang Sensus Penduduk 2020',
      },
    ],
  },
  {
    ind: {
      code: 'jumlah-penduduk-laki-laki',
      nameId: 'Jumlah penduduk laki-laki',
      nameEn: 'Male population',
      concept: 'Penduduk menurut jenis kelamin',
      definition: 'Banyaknya penduduk laki-laki yang tercatat.',
      formula: 'Jumlah orang',
      unit: 'jiwa',
      measure: 'Jumlah',
      lowestLevel: 'kelurahan',
      direction: 'neutral',
      countsPeople: true,
      breakdownOf: 'jumlah-penduduk',
      breakdownDimension: 'sex',
      decimals: 0,
      producers: [],
    },
    sources: [
      {
        key: 'dukcapil',
        producer: 'Dukcapil (Kepmendagri No 300.2.2-2138 Tahun 2025)',
        orgSlug: null,
        method: 'Hitungan administratif penduduk terdaftar (Dukcapil).',
        citation: 'cahyadsn/wilayah db/wilayah_penduduk.sql (MIT)',
        official: true,
      },
    ],
  },
  {
    ind: {
      code: 'jumlah-penduduk-perempuan',
      nameId: 'Jumlah penduduk perempuan',
      nameEn: 'Female population',
      concept: 'Penduduk menurut jenis kelamin',
      definition: 'Banyaknya penduduk perempuan yang tercatat.',
      formula: 'Jumlah orang',
      unit: 'jiwa',
      measure: 'Jumlah',
      lowestLevel: 'kelurahan',
      direction: 'neutral',
      countsPeople: true,
      breakdownOf: 'jumlah-penduduk',
      breakdownDimension: 'sex',
      decimals: 0,
      producers: [],
    },
    sources: [
      {
        key: 'dukcapil',
        producer: 'Dukcapil (Kepmendagri No 300.2.2-2138 Tahun 2025)',
        orgSlug: null,
        method: 'Hitungan administratif penduduk terdaftar (Dukcapil).',
        citation: 'cahyadsn/wilayah db/wilayah_penduduk.sql (MIT)',
        official: true,
      },
    ],
  },
  {
    ind: {
      code: 'luas-wilayah',
      nameId: 'Luas wilayah',
      nameEn: 'Land area',
      concept: 'Luas daratan wilayah administrasi',
      definition: 'Luas wilayah administrasi dalam kilometer persegi.',
      interpretation: 'Kepmendagri (basis BIG) dan BPS memakai angka berbeda; angka BPS lebih lama.',
      formula: 'Luas poligon batas wilayah',
      unit: 'km2',
      measure: 'Luas',
      lowestLevel: 'kelurahan',
      direction: 'neutral',
      countsPeople: false,
      notPeopleReason: 'Luas wilayah dalam km², bukan hitungan orang.',
      decimals: 3,
      producers: ['bps-kota-madiun'],
    },
    sources: [
      {
        key: 'kepmendagri',
        producer: 'Kepmendagri (basis BIG)',
        orgSlug: null,
        method: 'Luas menurut Keputusan Mendagri tentang kode dan data wilayah administrasi, berbasis batas dari BIG.',
        citation: 'cahyadsn/wilayah db/wilayah_luas.sql (MIT)',
        official: true,
      },
      {
        key: 'bps',
        producer: 'BPS Kota Madiun',
        orgSlug: 'bps-kota-madiun',
        method: 'Angka resmi BPS yang lebih lama (Kota Madiun Dalam Angka).',
        citation: 'beberapa halaman yang mengutip BPS Kota Madiun (mis. Kota Madiun Dalam Angka)',
      },
    ],
  },
  {
    ind: {
      code: 'tpt',
      nameId: 'Tingkat pengangguran terbuka (TPT)',
      nameEn: 'Open unemployment rate',
      concept: 'Ketenagakerjaan (konsep BPS/ILO)',
      definition: 'Persentase penganggur terbuka terhadap angkatan kerja.',
      interpretation:
        'Makin rendah makin baik. Estimasi Sakernas hanya valid sampai tingkat kota; untuk kelurahan gunakan data administratif (bukan TPT).',
      formula: 'TPT = penganggur ÷ angkatan kerja × 100',
      unit: 'persen',
      measure: 'Persentase',
      lowestLevel: 'kota',
      direction: 'lower',
      countsPeople: false,
      notPeopleReason: 'Persentase dari estimasi survei, bukan hitungan orang.',
      decimals: 2,
      producers: ['bps-kota-madiun'],
    },
    sources: [BPS_SAKERNAS],
  },
  {
    ind: {
      code: 'angkatan-kerja',
      nameId: 'Angkatan kerja',
      nameEn: 'Labour force',
      concept: 'Ketenagakerjaan (konsep BPS/ILO)',
      definition: 'Penduduk usia kerja (15+) yang bekerja atau menganggur.',
      formula: 'Angkatan kerja = bekerja + penganggur',
      unit: 'orang',
      measure: 'Jumlah',
      lowestLevel: 'kota',
      direction: 'neutral',
      countsPeople: true,
      decimals: 0,
      producers: ['bps-kota-madiun'],
    },
    sources: [BPS_SAKERNAS],
  },
  {
    ind: {
      code: 'pengangguran',
      nameId: 'Jumlah penganggur',
      nameEn: 'Number of unemployed people',
      concept: 'Penganggur',
      definition: 'Banyaknya penduduk usia kerja yang tidak bekerja dan mencari pekerjaan atau mempersiapkan usaha.',
      interpretation:
        'Dua produsen, dua metode: BPS memperkirakan dari survei sampel (Sakernas, valid tingkat kota); ' +
        'Disnaker KUKM mendata dari pintu ke pintu menurut nama dan alamat (dapat dirinci per kelurahan). ' +
        'Angka BPS adalah angka resmi statistik; angka Disnaker menjadi dasar program per kelurahan.',
      formula: 'Jumlah orang',
      unit: 'orang',
      measure: 'Jumlah',
      lowestLevel: 'kelurahan',
      direction: 'lower',
      countsPeople: true,
      decimals: 0,
      producers: ['bps-kota-madiun', 'disnaker-kukm'],
    },
    sources: [
      BPS_SAKERNAS,
      {
        key: 'disnaker',
        producer: 'Disnaker KUKM Kota Madiun — pendataan pintu ke pintu',
        orgSlug: 'disnaker-kukm',
        method:
          'Pendataan pencari kerja dari pintu ke pintu, menurut nama dan alamat (by name by address), usia 15–45 tahun; pelajar dikeluarkan dari hitungan.',
        citation: 'madiuntoday.id 2023-02-20 (Disnaker KUKM Kota Madiun)',
      },
    ],
  },
  {
    ind: {
      code: 'persentase-penduduk-miskin',
      nameId: 'Persentase penduduk miskin',
      nameEn: 'Poverty rate',
      concept: 'Kemiskinan (pendekatan kebutuhan dasar BPS)',
      definition: 'Persentase penduduk dengan pengeluaran per kapita per bulan di bawah garis kemiskinan.',
      formula: 'Penduduk miskin ÷ jumlah penduduk × 100',
      unit: 'persen',
      measure: 'Persentase',
      lowestLevel: 'kota',
      direction: 'lower',
      countsPeople: false,
      notPeopleReason: 'Persentase dari estimasi survei, bukan hitungan orang.',
      decimals: 2,
      producers: ['bps-kota-madiun'],
    },
    sources: [
      {
        key: 'bps',
        producer: 'BPS Kota Madiun — Susenas',
        orgSlug: 'bps-kota-madiun',
        method: 'Survei Sosial Ekonomi Nasional (Susenas) Maret; garis kemiskinan pendekatan kebutuhan dasar.',
        citation: 'bapelitbangda.madiunkota.go.id (BPS Kota Madiun)',
        official: true,
      },
    ],
  },
  {
    ind: {
      code: 'kelurahan-desa-cantik',
      nameId: 'Kelurahan binaan Desa Cantik',
      nameEn: 'Kelurahan in the Desa Cantik programme',
      concept: 'Pembinaan statistik sektoral BPS (Desa/Kelurahan Cinta Statistik)',
      definition: 'Banyaknya kelurahan yang dibina dalam program Desa/Kelurahan Cinta Statistik.',
      formula: 'Jumlah kelurahan',
      unit: 'kelurahan',
      measure: 'Jumlah',
      lowestLevel: 'kota',
      direction: 'higher',
      countsPeople: false,
      notPeopleReason: 'Hitungan kelurahan, bukan hitungan orang.',
      decimals: 0,
      producers: ['bps-kota-madiun'],
    },
    sources: [
      {
        key: 'bps',
        producer: 'BPS Kota Madiun dan Pemkot Madiun',
        orgSlug: 'bps-kota-madiun',
        method: 'Penetapan kelurahan binaan program Desa Cantik.',
        citation: 'jatim.antaranews.com/berita/824211',
        official: true,
      },
    ],
  },
];

const NOTE_YEARLESS =
  'Tahun angka tidak disebut dalam sumber; dicatat pada periode 2025 agar dapat dibandingkan dengan angka Kepmendagri.';

/** Maps each CSV row to indicator values; the counts inside the TPT notes become BPS values of `pengangguran`. */
export function cityValuesFromCsv(rows: CityCsvRow[]): SeedValue[] {
  const out: SeedValue[] = [];
  for (const r of rows) {
    const base = { kode: r.wilayah_kode, value: Number(r.nilai), citation: r.sumber, note: r.catatan };
    switch (r.indikator) {
      case 'jumlah_penduduk':
        out.push({ ...base, code: 'jumlah-penduduk', source: 'dukcapil', period: r.tahun });
        break;
      case 'jumlah_penduduk_sp2020':
        out.push({ ...base, code: 'jumlah-penduduk', source: 'sp2020', period: r.tahun });
        break;
      case 'jumlah_penduduk_laki_laki':
        out.push({ ...base, code: 'jumlah-penduduk-laki-laki', source: 'dukcapil', period: r.tahun });
        break;
      case 'jumlah_penduduk_perempuan':
        out.push({ ...base, code: 'jumlah-penduduk-perempuan', source: 'dukcapil', period: r.tahun });
        break;
      case 'luas_wilayah_kepmendagri':
        out.push({ ...base, code: 'luas-wilayah', source: 'kepmendagri', period: r.tahun });
        break;
      case 'luas_wilayah_bps':
        out.push({
          ...base,
          code: 'luas-wilayah',
          source: 'bps',
          period: r.tahun || '2025',
          note: [r.catatan, r.tahun ? '' : NOTE_YEARLESS].filter(Boolean).join(' '),
        });
        break;
      case 'tingkat_pengangguran_terbuka': {
        out.push({ ...base, code: 'tpt', source: 'bps', period: r.tahun });
        const people = /(?:pengangguran|penganggur)\s+(\d+)|^(\d+)\s+orang/.exec(r.catatan);
        const n = people ? Number(people[1] ?? people[2]) : null;
        if (n)
          out.push({
            code: 'pengangguran',
            source: 'bps',
            kode: r.wilayah_kode,
            period: r.tahun,
            value: n,
            citation: r.sumber,
            note: `Dari rilis TPT ${r.tahun}: ${r.catatan}`,
          });
        break;
      }
      case 'angkatan_kerja':
        out.push({ ...base, code: 'angkatan-kerja', source: 'bps', period: r.tahun });
        break;
      case 'jumlah_pengangguran_pendataan_disnaker':
        out.push({
          ...base,
          code: 'pengangguran',
          source: 'disnaker',
          period: r.tahun,
          denominator: 'penduduk usia 15–45 tahun di luar pelajar',
        });
        break;
      case 'persentase_penduduk_miskin':
        out.push({ ...base, code: 'persentase-penduduk-miskin', source: 'bps', period: r.tahun });
        break;
      case 'kelurahan_binaan_desa_cantik':
        out.push({ ...base, code: 'kelurahan-desa-cantik', source: 'bps', period: r.tahun });
        break;
      default:
        break;
    }
  }
  return out;
}

/** Loads Kota Madiun's real city figures with their cited sources. Idempotent and quick (a few dozen rows). */
export async function seedCityIndicators(db: Db): Promise<{ indicators: number; values: number }> {
  const rows = readReferenceCsv<CityCsvRow>('kota-madiun-indikator-kota.csv');
  return db.transaction().execute(async (trx) => {
    const refs = new Map<string, { id: string; sources: Map<string, string> }>();
    let created = 0;
    for (const { ind, sources } of CITY_INDICATORS) {
      const ref = await ensureIndicator(trx, ind, sources, false);
      refs.set(ind.code, ref);
      if (ref.created) created++;
    }
    const values = await seedValues(trx, refs, cityValuesFromCsv(rows), false);
    return { indicators: created, values };
  });
}

export const cityIndicatorSeed: Seed = {
  name: 'indikator kota',
  async run(db) {
    const r = await seedCityIndicators(db);
    return `${r.indicators} indikator baru, ${r.values} nilai baru`;
  },
};
