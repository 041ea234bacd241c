import type { FieldType } from './ingest.table.js';
import { MONTHS } from './month-names.js';
import { looksLikePeriod, parsePeriod } from './period.js';

/**
 * Per-cell classification into the shapes a column can take, as bit flags, using char-code loops
 * rather than regular expressions: it runs on every cell of a million-row file.
 */
export const K = {
  MISSING: 1,
  INT: 2, // 1234, -12
  INT_ID: 4, // 1.234.567 (Indonesian thousands)
  INT_EN: 8, // 1,234,567
  AMBIG_THOUSANDS: 16, // 1.234 (thousands in id, decimal in en)
  AMBIG_COMMA: 32, // 1,234 (decimal in id, thousands in en)
  DEC_ID: 64, // 1.234,56 or 12,5
  DEC_EN: 128, // 1,234.56 or 12.5
  BOOL: 256,
  DATE_ISO: 512,
  DATE_DMY: 1024,
  DATE_LONG: 2048, // 31 Desember 2024
  TEXT: 4096,
  PERIOD: 8192, // Januari 2024, 2024-01, Triwulan I 2024 (a bare year is INT: see analyse.ts)
  /** Added to a number's flag: the cell is a currency amount (Rp 9.000.000, IDR 9,000,000). */
  CURRENCY: 16384,
} as const;

const MISSING_MARKERS = new Set(['-', '--', 'na', 'n/a', 'null', '...', '…', 'tidak ada data', '#n/a']);
const TRUE_WORDS = new Set(['true', 'ya', 'yes', 'benar', 'y']);
const FALSE_WORDS = new Set(['false', 'tidak', 'no', 'salah', 'n']);

export function isMissing(s: string): boolean {
  if (s.length === 0) return true;
  if (s.length > 14) return false;
  const c = s.charCodeAt(0) | 32; // lower-cases ASCII letters
  // Only '-', '.', '…', '#', 'n' and 't' start a marker; everything else is quickly not missing.
  if (c !== 45 && c !== 46 && c !== 0x2026 && c !== 35 && c !== 110 && c !== 116 && c !== 32) return false;
  return MISSING_MARKERS.has(s.toLowerCase());
}

/** Digits with separators every three: "1.234.567" with sep "." → true. */
function grouped(s: string, start: number, end: number, sep: number): boolean {
  const first = s.indexOf(String.fromCharCode(sep), start);
  if (first < 0 || first >= end || first - start < 1 || first - start > 3) return false;
  let i = first;
  while (i < end) {
    if (s.charCodeAt(i) !== sep) return false;
    for (let k = 1; k <= 3; k++) {
      const c = s.charCodeAt(i + k);
      if (!(c >= 48 && c <= 57) || i + k >= end) return false;
    }
    i += 4;
  }
  return i === end;
}

function allDigits(s: string, start: number, end: number): boolean {
  if (end <= start) return false;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

function classifyNumber(s: string): number {
  let start = 0;
  const c0 = s.charCodeAt(0);
  if (c0 === 45 || c0 === 43) start = 1; // - +
  const n = s.length;
  if (start >= n) return 0;
  // Fast path: plain digits.
  if (allDigits(s, start, n)) {
    // Leading zeros (codes such as 0812…) and 16+ digits (NIK-like identifiers) are not quantities.
    if ((s.charCodeAt(start) === 48 && n - start > 1) || n - start > 15) return 0;
    return K.INT;
  }
  const dot = s.indexOf('.', start);
  const comma = s.indexOf(',', start);
  if (dot >= 0 && comma < 0) {
    const lastDot = s.lastIndexOf('.');
    if (lastDot === dot) {
      if (!allDigits(s, start, dot) || !allDigits(s, dot + 1, n)) return 0;
      return n - dot - 1 === 3 && dot - start <= 3 && s.charCodeAt(start) !== 48 ? K.AMBIG_THOUSANDS : K.DEC_EN;
    }
    return grouped(s, start, n, 46) ? K.INT_ID : 0;
  }
  if (comma >= 0 && dot < 0) {
    const lastComma = s.lastIndexOf(',');
    if (lastComma === comma) {
      if (!allDigits(s, start, comma) || !allDigits(s, comma + 1, n)) return 0;
      return n - comma - 1 === 3 && comma - start <= 3 && s.charCodeAt(start) !== 48 ? K.AMBIG_COMMA : K.DEC_ID;
    }
    return grouped(s, start, n, 44) ? K.INT_EN : 0;
  }
  if (dot >= 0 && comma >= 0) {
    if (dot < comma) {
      // 1.234,56
      if (s.indexOf(',', comma + 1) >= 0 || !allDigits(s, comma + 1, n)) return 0;
      return grouped(s, start, comma, 46) ? K.DEC_ID : 0;
    }
    if (s.indexOf('.', dot + 1) >= 0 || !allDigits(s, dot + 1, n)) return 0;
    return grouped(s, start, dot, 44) ? K.DEC_EN : 0;
  }
  return 0;
}

function classifyDate(s: string): number {
  const n = s.length;
  if (n === 10 && s.charCodeAt(4) === 45 && s.charCodeAt(7) === 45) {
    return validDate(+s.slice(0, 4), +s.slice(5, 7), +s.slice(8, 10)) ? K.DATE_ISO : 0;
  }
  if (n >= 8 && n <= 10) {
    const m = /^(\d{1,2})[/-](\d{1,2})[/-](\d{4})$/.exec(s);
    if (m) return validDate(+m[3]!, +m[2]!, +m[1]!) ? K.DATE_DMY : 0;
  }
  if (n >= 8 && n <= 20 && s.charCodeAt(n - 5) === 32) {
    return parseLongDate(s) ? K.DATE_LONG : 0;
  }
  return 0;
}

const DAYS_IN_MONTH = [0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function validDate(y: number, m: number, d: number): boolean {
  if (!(y >= 1000 && y <= 2999 && m >= 1 && m <= 12 && d >= 1 && d <= DAYS_IN_MONTH[m]!)) return false;
  return m !== 2 || d < 29 || (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0));
}

function parseLongDate(s: string): string | null {
  const m = /^(\d{1,2})\s+([A-Za-z]+)\.?\s+(\d{4})$/.exec(s.trim());
  if (!m) return null;
  const month = MONTHS[m[2]!.toLowerCase()];
  if (!month || !validDate(+m[3]!, month, +m[1]!)) return null;
  return `${m[3]}-${String(month).padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
}

/** Bit flags for one (trimmed) cell. */
export function classifyCell(s: string): number {
  if (isMissing(s)) return K.MISSING;
  const c = s.charCodeAt(0);
  if ((c >= 48 && c <= 57) || c === 45 || c === 43) {
    const num = classifyNumber(s);
    if (num) return num;
    const date = classifyDate(s);
    if (date) return date;
    if (looksLikePeriod(s)) return K.PERIOD;
    return currencyFlag(s) || K.TEXT;
  }
  const lower = s.length <= 6 ? s.toLowerCase() : '';
  if (lower && (TRUE_WORDS.has(lower) || FALSE_WORDS.has(lower))) return K.BOOL;
  const l = c | 32;
  // Currency starts with r (Rp) or i (IDR); periods with a month's, triwulan's or semester's letter.
  if (l === 114 || l === 105) return currencyFlag(s) || K.TEXT;
  if (PERIOD_INITIALS.has(l) && looksLikePeriod(s)) return K.PERIOD;
  return K.TEXT;
}

const PERIOD_INITIALS = new Set([...'jfmasondtkq'].map((ch) => ch.charCodeAt(0)));

/**
 * The number inside a currency amount (`Rp 9.000.000`, `Rp9.000.000,00`, `Rp. 9.000.000`,
 * `Rp 9.000.000,-`, `IDR 9,000,000`, `9.000.000 rupiah`), or null when the cell is not one.
 */
export function currencyAmount(s: string): string | null {
  let start = 0;
  let end = s.length;
  const c0 = s.charCodeAt(0) | 32;
  const c1 = s.charCodeAt(1) | 32;
  if (c0 === 114 && c1 === 112) start = s.charCodeAt(2) === 46 ? 3 : 2;
  else if (c0 === 105 && c1 === 100 && (s.charCodeAt(2) | 32) === 114) start = 3;
  else if (end > 6 && s.slice(end - 6).toLowerCase() === 'rupiah') end -= 6;
  else return null;
  while (start < end && (s.charCodeAt(start) === 32 || s.charCodeAt(start) === 160)) start++;
  while (end > start && (s.charCodeAt(end - 1) === 32 || s.charCodeAt(end - 1) === 160)) end--;
  // "Rp 9.000.000,-": the dash stands for "no cents".
  if (end - start > 2 && s.charCodeAt(end - 1) === 45 && s.charCodeAt(end - 2) === 44) end -= 2;
  return end > start ? s.slice(start, end) : null;
}

function currencyFlag(s: string): number {
  const amount = currencyAmount(s);
  const n = amount === null ? 0 : classifyNumber(amount);
  return n ? n | K.CURRENCY : 0;
}

export type NumberLocale = 'id' | 'en';

/** What a column was seen to hold: the union of flags and counts per flag. */
export class ColumnProfile {
  counts = new Map<number, number>();
  nonMissing = 0;
  missing = 0;
  add(flag: number): void {
    if (flag === K.MISSING) {
      this.missing++;
      return;
    }
    this.nonMissing++;
    this.counts.set(flag, (this.counts.get(flag) ?? 0) + 1);
  }
  count(mask: number): number {
    let total = 0;
    for (const [flag, n] of this.counts) if (flag & mask) total += n;
    return total;
  }
  /** Cells whose flag has every bit of `mask` (e.g. an ambiguous number that is also currency). */
  countAll(mask: number): number {
    let total = 0;
    for (const [flag, n] of this.counts) if ((flag & mask) === mask) total += n;
    return total;
  }
}

export interface ColumnDecision {
  type: FieldType;
  /** Cells that do not fit the type (stored as NULL and reported). */
  mismatches: number;
}

/** Evidence a column gives about the number style of the file. */
export function localeEvidence(p: ColumnProfile): { id: number; en: number } {
  return { id: p.count(K.INT_ID | K.DEC_ID), en: p.count(K.INT_EN | K.DEC_EN) };
}

/**
 * Chooses the column type: the type that at least 95% of the filled cells fit. Text otherwise.
 * (The 5% tolerance lets a stray "n.a." land in the quality report instead of turning a numeric
 * column into text.)
 */
export function decideType(p: ColumnProfile, locale: NumberLocale): ColumnDecision {
  const filled = p.nonMissing;
  if (filled === 0) return { type: 'text', mismatches: 0 };
  const need = Math.ceil(filled * 0.95);
  const intMask = K.INT | (locale === 'id' ? K.INT_ID | K.AMBIG_THOUSANDS : K.INT_EN | K.AMBIG_COMMA);
  const floatMask = intMask | (locale === 'id' ? K.DEC_ID | K.AMBIG_COMMA : K.DEC_EN | K.AMBIG_THOUSANDS);
  const candidates: Array<[FieldType, number]> = [
    ['bool', K.BOOL],
    ['int', intMask],
    ['float', floatMask],
    ['date', K.DATE_ISO | K.DATE_DMY | K.DATE_LONG],
    ['period', K.PERIOD],
  ];
  for (const [type, mask] of candidates) {
    const fit = p.count(mask);
    if (fit >= need) return { type, mismatches: filled - fit };
  }
  return { type: 'text', mismatches: 0 };
}

/** A converter from trimmed cell text to the stored value, or `undefined` when it does not fit. */
export type Converter = (s: string) => string | number | null | undefined;

const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * Plain `[-+]?digits[.digits]` with at most 15 digits, read without building a substring: the
 * mantissa is an exact integer and 10^k is exact, so one IEEE division gives the correctly
 * rounded value, i.e. exactly what Number(s) gives. A leading zero is only accepted as "0" or
 * "0.xxx" (so codes such as 0812 keep taking the classifying path). NaN when it does not apply.
 */
function plainDecimal(s: string, allowPoint: boolean): number {
  const n = s.length;
  let i = 0;
  let c = s.charCodeAt(0);
  const negative = c === 45;
  if (c === 45 || c === 43) c = s.charCodeAt(++i);
  if (i >= n || n - i > 16) return NaN;
  if (c === 48 && i + 1 < n && s.charCodeAt(i + 1) !== 46) return NaN;
  let m = 0;
  let digits = 0;
  let point = -1;
  for (; i < n; i++) {
    c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      m = m * 10 + (c - 48);
      digits++;
    } else if (c === 46 && point < 0 && allowPoint && digits > 0) point = digits;
    else return NaN;
  }
  if (digits === 0 || digits > 15 || point === digits) return NaN;
  const v = point < 0 ? m : m / POW10[digits - point]!;
  return negative ? -v : v;
}

export const BOOL_EXACT = new Map<string, number>();
for (const w of TRUE_WORDS)
  for (const f of [w, w.toUpperCase(), w[0]!.toUpperCase() + w.slice(1)]) BOOL_EXACT.set(f, 1);
for (const w of FALSE_WORDS)
  for (const f of [w, w.toUpperCase(), w[0]!.toUpperCase() + w.slice(1)]) BOOL_EXACT.set(f, 0);

/** yyyy-mm-dd checked with char codes (no substrings); the common case of a date column. */
function isoDate(s: string): boolean {
  if (s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return false;
  let y = 0;
  for (let i = 0; i < 4; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return false;
    y = y * 10 + c;
  }
  const m1 = s.charCodeAt(5) - 48,
    m2 = s.charCodeAt(6) - 48,
    d1 = s.charCodeAt(8) - 48,
    d2 = s.charCodeAt(9) - 48;
  if (m1 < 0 || m1 > 9 || m2 < 0 || m2 > 9 || d1 < 0 || d1 > 9 || d2 < 0 || d2 > 9) return false;
  return validDate(y, m1 * 10 + m2, d1 * 10 + d2);
}

export function converterFor(type: FieldType, locale: NumberLocale): Converter {
  const thousands = locale === 'id' ? /\./g : /,/g;
  const decimal = locale === 'id' ? ',' : '.';
  const toNumber = (s: string): number => {
    let t = s.indexOf(locale === 'id' ? '.' : ',') >= 0 ? s.replace(thousands, '') : s;
    if (decimal === ',' && t.indexOf(',') >= 0) t = t.replace(',', '.');
    return Number(t);
  };
  switch (type) {
    case 'int':
      return (s) => {
        const quick = plainDecimal(s, false);
        if (quick === quick && s.charCodeAt(0) !== 43) return quick;
        if (isMissing(s)) return null;
        if (s.length < 16 && allDigits(s, 0, s.length) && (s.charCodeAt(0) !== 48 || s.length === 1)) return Number(s);
        const [f, t] = numberPart(s);
        if (f === K.INT) return Number(t);
        const mask = locale === 'id' ? K.INT_ID | K.AMBIG_THOUSANDS : K.INT_EN | K.AMBIG_COMMA;
        return f & mask ? toNumber(t) : undefined;
      };
    case 'float':
      return (s) => {
        if (locale === 'en') {
          const quick = plainDecimal(s, true);
          if (quick === quick) return quick;
        }
        if (isMissing(s)) return null;
        if (locale === 'en') {
          const n = +s;
          if (Number.isFinite(n) && s.charCodeAt(0) !== 48) return n; // quick path for plain 1234.5
        }
        const [f, t] = numberPart(s);
        if (f === K.INT) return Number(t);
        const mask =
          locale === 'id'
            ? K.INT_ID | K.DEC_ID | K.AMBIG_THOUSANDS | K.AMBIG_COMMA
            : K.INT_EN | K.DEC_EN | K.AMBIG_COMMA | K.AMBIG_THOUSANDS;
        return f & mask ? toNumber(t) : undefined;
      };
    case 'bool':
      return (s) => {
        const exact = BOOL_EXACT.get(s);
        if (exact !== undefined) return exact;
        if (isMissing(s)) return null;
        const lower = s.toLowerCase();
        return TRUE_WORDS.has(lower) ? 1 : FALSE_WORDS.has(lower) ? 0 : undefined;
      };
    case 'date':
      return (s) => {
        if (isoDate(s)) return s;
        if (isMissing(s)) return null;
        const f = classifyDate(s);
        if (f === K.DATE_ISO) return s;
        if (f === K.DATE_DMY) {
          const [d, m, y] = s.split(/[/-]/);
          return `${y}-${m!.padStart(2, '0')}-${d!.padStart(2, '0')}`;
        }
        if (f === K.DATE_LONG) return parseLongDate(s);
        return undefined;
      };
    case 'period':
      return (s) => parsePeriod(s) ?? (isMissing(s) ? null : undefined);
    default:
      return (s) => (s.length === 0 ? null : s);
  }
}

/** A cell's number flag and the text of its number (a currency amount without its unit). */
function numberPart(s: string): [number, string] {
  const f = classifyCell(s);
  return f & K.CURRENCY ? [f & ~K.CURRENCY, currencyAmount(s)!] : [f, s];
}

/** The value a cell of a number flag reads as in one style (for the ambiguity warning). */
export function readNumber(s: string, locale: NumberLocale): number | undefined {
  const v = converterFor('float', locale)(s);
  return typeof v === 'number' ? v : undefined;
}
