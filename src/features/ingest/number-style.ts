import { K, localeEvidence, type ColumnProfile, type NumberLocale } from './cell-types.js';

/**
 * Headers of columns that count things or hold Rupiah amounts: their values are integers, so a
 * `36.896` there is thirty-six thousand (Indonesian thousands), not a decimal.
 */
const COUNT_WORDS = [
  'jumlah',
  'jml',
  'banyaknya',
  'banyak',
  'penduduk',
  'jiwa',
  'orang',
  'warga',
  'pengunjung',
  'wisatawan',
  'kunjungan',
  'pekerja',
  'tenaga kerja',
  'siswa',
  'murid',
  'mahasiswa',
  'peserta',
  'pasien',
  'kelahiran',
  'kematian',
  'kk',
  'ruta',
  'rumah tangga',
  'keluarga',
  'unit',
  'rupiah',
  'rp',
  'idr',
  'anggaran',
  'pagu',
  'realisasi',
  'biaya',
  'harga',
  'pendapatan',
  'belanja',
  'count',
  'population',
];
const COUNT_HEADER = new RegExp(`(^|[^a-z])(${COUNT_WORDS.join('|')})([^a-z]|$)`, 'i');
/** Words that make a header a ratio or a measure even when it also names a count. */
const NOT_A_COUNT = /(rata|rasio|persen|%|indeks|ipm|laju|pertumbuhan|luas|tingkat|proporsi|ratio|rate|average|mean)/i;

export function isCountHeader(label: string): boolean {
  return COUNT_HEADER.test(label) && !NOT_A_COUNT.test(label);
}

/**
 * The style a count column's ambiguous cells point to (1.234 in a jumlah column: thousands, so
 * Indonesian), or null: such a column tells the file's other columns how it writes numbers.
 */
export function countColumnStyle(p: ColumnProfile, label: string): NumberLocale | null {
  const own = localeEvidence(p);
  if (own.id !== 0 || own.en !== 0 || (!isCountHeader(label) && p.count(K.CURRENCY) === 0)) return null;
  const dots = p.count(K.AMBIG_THOUSANDS);
  const commas = p.count(K.AMBIG_COMMA);
  // Both kinds (1.234 and 5,678) or neither: the column says nothing about the file.
  if (dots > 0 && commas > 0) return null;
  if (dots === 0 && commas === 0) return null;
  return dots > 0 ? 'id' : 'en';
}

/** What the rest of the file says about how it writes numbers, strongest first. */
export interface FileEvidence {
  /** Cells of all columns written unambiguously one way (1.234.567, 12,5 / 1,234,567, 12.5). */
  id: number;
  en: number;
  /** Count or Rupiah columns (by header) whose ambiguous cells are 1.234 (id) or 1,234 (en). */
  countColumnsId: number;
  countColumnsEn: number;
  /** Dates or periods with Indonesian month names (Januari, Mei, Agt…) anywhere in the file. */
  indonesianMonths: boolean;
  delimiter: string | null;
}

/** The style the file as a whole leans to, or null when nothing in it says. */
export function fileLeaning(e: FileEvidence): NumberLocale | null {
  if (e.id !== e.en) return e.id > e.en ? 'id' : 'en';
  if (e.countColumnsId !== e.countColumnsEn) return e.countColumnsId > e.countColumnsEn ? 'id' : 'en';
  if (e.indonesianMonths || e.delimiter === ';') return 'id';
  return null;
}

export interface NumberStyle {
  locale: NumberLocale;
  /** The evidence did not settle it: the quality report names the column and both readings. */
  ambiguous: boolean;
}

/**
 * The number style of one column, from all the evidence (issue 15):
 * 1. the column's own unambiguous cells (`1.234.567`, `12,5`, `12.5`, `1,234,567`) decide;
 * 2. otherwise its ambiguous cells (`36.896`, `1,268`) are thousands when nothing says otherwise,
 *    i.e. the `\d{1,3}(\.\d{3})+` pattern with no other decimals in the column means thousands;
 * 3. a count or Rupiah header (jumlah, penduduk, rupiah…) or currency cells make integers likely;
 * 4. the other number columns of the file (their unambiguous cells, then its count columns), its
 *    Indonesian month names or its `;` delimiter disambiguate a column with no evidence of its own.
 * It is ambiguous when the thousands reading has nothing but the pattern behind it, or when the
 * file's other columns point the other way.
 */
export function decideNumberStyle(p: ColumnProfile, label: string, leaning: NumberLocale | null): NumberStyle {
  const own = localeEvidence(p);
  if (own.id !== own.en) return { locale: own.id > own.en ? 'id' : 'en', ambiguous: false };
  const dots = p.count(K.AMBIG_THOUSANDS);
  const commas = p.count(K.AMBIG_COMMA);
  if (dots === 0 && commas === 0) return { locale: leaning ?? 'en', ambiguous: false };
  // 1.234 and 5,678 in one column: no reading makes both thousands.
  if (dots > 0 && commas > 0) return { locale: leaning ?? (dots >= commas ? 'id' : 'en'), ambiguous: true };
  const thousands: NumberLocale = dots > 0 ? 'id' : 'en';
  if (isCountHeader(label) || p.count(K.CURRENCY) > 0)
    return { locale: thousands, ambiguous: leaning !== null && leaning !== thousands };
  if (leaning !== null) return { locale: leaning, ambiguous: leaning !== thousands };
  return { locale: thousands, ambiguous: true };
}

/**
 * Canonical numbers (XLSX cells) are 1234.5; only text cells differ: a column of them written
 * 1.234,5, or Rupiah amounts (`Rp 12.500` is a text cell, so its dot groups thousands).
 */
export function canonicalNumberStyle(p: ColumnProfile): NumberStyle {
  const own = localeEvidence(p);
  if (own.id === own.en && p.countAll(K.AMBIG_THOUSANDS | K.CURRENCY) > 0) return { locale: 'id', ambiguous: false };
  return { locale: own.id > own.en ? 'id' : 'en', ambiguous: false };
}
