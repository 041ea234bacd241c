import type { Locale } from '../../i18n/i18n.js';
import { formatNumber } from '../../i18n/i18n.js';
import type { IndicatorRow } from './indicator.service.js';
import type { PublicValue } from './indicator-publish.service.js';
import type { SourceRow } from './indicator.repository.js';
import { isProtected } from './disclosure/people-count.js';

export const indicatorUrls = {
  index: () => '/indikator',
  page: (code: string) => `/indikator/${encodeURIComponent(code)}`,
  map: (code: string, q = '') => `/indikator/${encodeURIComponent(code)}/peta${q}`,
  embed: (code: string) => `/indikator/${encodeURIComponent(code)}/embed`,
  svg: (code: string) => `/indikator/${encodeURIComponent(code)}/chart.svg`,
  png: (code: string) => `/indikator/${encodeURIComponent(code)}/chart.png`,
  csv: (code: string) => `/indikator/${encodeURIComponent(code)}/nilai.csv`,
  jsonStat: (code: string) => `/indikator/${encodeURIComponent(code)}/nilai.jsonstat.json`,
  compare: (kodes: string[] = []) =>
    `/indikator/bandingkan${kodes.length ? `?kode=${kodes.map(encodeURIComponent).join(',')}` : ''}`,
  manage: (code: string) => `/indikator/${encodeURIComponent(code)}/kelola`,
  create: () => '/indikator/baru',
  catalogueJson: () => '/api/v1/indicators',
  json: (code: string) => `/api/v1/indicators/${encodeURIComponent(code)}`,
  valuesJson: (code: string, q = '') => `/api/v1/indicators/${encodeURIComponent(code)}/values${q}`,
  msIndCsv: () => '/indikator/ms-ind.csv',
  msIndJson: () => '/indikator/ms-ind.json',
};

export const nameOf = (row: Pick<IndicatorRow, 'name_id' | 'name_en'>, locale: Locale) =>
  locale === 'en' ? row.name_en : row.name_id;
const parseIds = (text: string): string[] => {
  try {
    const v = JSON.parse(text) as unknown;
    return Array.isArray(v) ? v.map(String) : [];
  } catch {
    return [];
  }
};

export function presentIndicator(row: IndicatorRow, locale: Locale, orgNames: Map<string, string> = new Map()) {
  return {
    code: row.code,
    version: row.edit_version,
    name: nameOf(row, locale),
    nameId: row.name_id,
    nameEn: row.name_en,
    concept: row.concept,
    definition: row.definition,
    interpretation: row.interpretation,
    formula: row.formula,
    unit: row.unit,
    measure: row.measure,
    classification: row.classification,
    lowestLevel: row.lowest_level,
    betterDirection: row.better_direction,
    countsPeople: row.counts_people === 1,
    notPeopleReason: row.not_people_reason,
    protected: isProtected(row),
    breakdownOf: row.breakdown_of,
    breakdownDimension: row.breakdown_dimension,
    decimals: row.decimals,
    producers: parseIds(row.producer_org_ids).map((id) => ({ id, name: orgNames.get(id) ?? id })),
    datasetIds: parseIds(row.dataset_ids),
    officialSourceId: row.official_source_id,
    example: row.is_example === 1,
    url: indicatorUrls.page(row.code),
    updatedAt: row.updated_at,
  };
}

export function presentSource(s: SourceRow, officialId: string | null) {
  return {
    id: s.id,
    producer: s.producer,
    organization: s.organization_name ?? null,
    method: s.method,
    citation: s.citation,
    official: s.id === officialId,
    example: s.is_example === 1,
  };
}

/** The published text of a value: the number, or the suppression mark. */
export function displayValue(
  v: Pick<PublicValue, 'suppressed' | 'value'>,
  threshold: number,
  locale: Locale | null,
  decimals: number,
): string {
  if (v.suppressed === 'primary') return `<${threshold}`;
  if (v.suppressed === 'secondary' || v.value === null) return 'x';
  return locale ? formatNumber(locale, v.value, decimals || undefined) : String(v.value);
}

export function presentValue(indicator: IndicatorRow, v: PublicValue, threshold: number) {
  return {
    indicator: indicator.code,
    wilayah: { kode: v.row.wilayah_kode, nama: v.row.wilayah_nama, tingkat: v.row.wilayah_tingkat },
    period: v.row.period,
    value: v.value,
    display: displayValue(v, threshold, null, indicator.decimals),
    suppressed: v.suppressed,
    unit: indicator.unit,
    status: v.row.status,
    note: v.suppressed ? '' : v.row.note,
    citation: v.row.citation,
    denominator: v.row.denominator,
    filters: v.row.filters,
    missingCount: v.row.missing_count,
    origin: v.row.origin,
    official: v.official,
    example: v.row.is_example === 1 || v.source.is_example === 1,
    source: presentSource(v.source, indicator.official_source_id),
    updatedAt: v.row.updated_at,
  };
}

const LEVEL_ID: Record<string, string> = { kota: 'Kota', kecamatan: 'Kecamatan', kelurahan: 'Kelurahan' };
const DIRECTION_ID: Record<string, string> = {
  higher: 'Positif (makin tinggi makin baik)',
  lower: 'Negatif (makin rendah makin baik)',
  neutral: 'Netral',
};

/** Indicator metadata in the MS-Ind shape (Peraturan BPS 5/2020), with the Indonesian field names regional portals use. */
export function msInd(
  row: IndicatorRow,
  sources: SourceRow[],
  orgNames: Map<string, string> = new Map(),
): Record<string, string> {
  const official = sources.find((s) => s.id === row.official_source_id);
  return {
    'Kode Indikator': row.code,
    'Nama Indikator': row.name_id,
    'Nama Indikator (Inggris)': row.name_en,
    Konsep: row.concept,
    Definisi: row.definition,
    Interpretasi: row.interpretation,
    'Metode/Rumus Perhitungan': row.formula,
    Ukuran: row.measure,
    Satuan: row.unit,
    'Klasifikasi Penyajian': row.classification,
    'Level Estimasi': LEVEL_ID[row.lowest_level] ?? row.lowest_level,
    Polaritas: DIRECTION_ID[row.better_direction] ?? row.better_direction,
    'Produsen Data': parseIds(row.producer_org_ids)
      .map((id) => orgNames.get(id) ?? id)
      .join('; '),
    'Sumber Resmi': official ? official.producer : '',
    'Sumber Lain': sources
      .filter((s) => s.id !== row.official_source_id)
      .map((s) => s.producer)
      .join('; '),
    'Dataset Terkait': parseIds(row.dataset_ids).join('; '),
  };
}
