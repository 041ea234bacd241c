import { MONTHS } from './month-names.js';

/**
 * Periods as producers label them (`Januari 2024`, `Jan-24`, `01/2024`, `Triwulan I 2024`,
 * `TW II 2024`, `Semester 1 2024`, `2024`) stored as one sortable text: `2024-01` (month),
 * `2024-Q1` (quarter), `2024-S1` (semester), `2024` (year). Within one granularity the text
 * order is the calendar order, so `ORDER BY` and the explorer's charts follow the calendar.
 */
export type PeriodKind = 'year' | 'month' | 'quarter' | 'semester';

const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4, 1: 1, 2: 2, 3: 3, 4: 4 };
const YEAR_MONTH = /^(\d{4})-(\d{1,2})$/;
const MONTH_SLASH_YEAR = /^(\d{1,2})[/-](\d{4})$/;
const NAMED_MONTH = /^([a-z]+)\.?[\s-]+'?(\d{4}|\d{2})$/;
const QUARTER = /^(?:triwulan|tw|kuartal|kwartal|quarter|q)[\s.-]*(iv|i{1,3}|[1-4])[\s-]+(?:tahun\s+)?(\d{4})$/;
const YEAR_QUARTER = /^(\d{4})[\s-]*(?:q|tw)([1-4])$/;
const SEMESTER = /^(?:semester|smt|sem)[\s.-]*(i{1,2}|[12])[\s-]+(?:tahun\s+)?(\d{4})$/;
const YEAR_SEMESTER = /^(\d{4})[\s-]*s([12])$/;

const validYear = (y: number) => y >= 1800 && y <= 2200;
const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/** The canonical text of a period label, or null when it is not one. A bare year counts. */
export function parsePeriod(label: string): string | null {
  const s = label.trim().toLowerCase();
  if (s.length < 4 || s.length > 28) return null;
  const c = s.charCodeAt(0);
  if (c >= 48 && c <= 57) {
    if (s.length === 4) return /^\d{4}$/.test(s) && validYear(+s) ? s : null;
    let m = YEAR_MONTH.exec(s);
    if (m) return month(+m[1]!, +m[2]!);
    m = MONTH_SLASH_YEAR.exec(s);
    if (m) return month(+m[2]!, +m[1]!);
    m = YEAR_QUARTER.exec(s);
    if (m) return validYear(+m[1]!) ? `${m[1]}-Q${m[2]}` : null;
    m = YEAR_SEMESTER.exec(s);
    if (m) return validYear(+m[1]!) ? `${m[1]}-S${m[2]}` : null;
    return null;
  }
  let m = QUARTER.exec(s);
  if (m) return validYear(+m[2]!) ? `${m[2]}-Q${ROMAN[m[1]!]}` : null;
  m = SEMESTER.exec(s);
  if (m) return validYear(+m[2]!) ? `${m[2]}-S${ROMAN[m[1]!]}` : null;
  m = NAMED_MONTH.exec(s);
  if (m) {
    const n = MONTHS[m[1]!];
    if (!n) return null;
    // Two-digit years (Jan-24) are this century's: the data portal publishes recent statistics.
    return month(m[2]!.length === 2 ? 2000 + +m[2]! : +m[2]!, n);
  }
  return null;
}

function month(y: number, m: number): string | null {
  return validYear(y) && m >= 1 && m <= 12 ? `${y}-${pad2(m)}` : null;
}

/**
 * Whether a (trimmed) cell is a period label other than a bare year (a column of plain years is a
 * period column only when its header says so, see analyse.ts). A cheap test on the first and last
 * characters first: this runs on every cell of the analysed sample.
 */
export function looksLikePeriod(s: string): boolean {
  const n = s.length;
  if (n < 6 || n > 28) return false;
  const last = s.charCodeAt(n - 1);
  if (last < 48 || last > 57) return false;
  return parsePeriod(s) !== null;
}

/** The granularity of a canonical period. */
export function periodKind(canonical: string): PeriodKind {
  if (canonical.length === 4) return 'year';
  const c = canonical.charCodeAt(5);
  return c === 81 ? 'quarter' : c === 83 ? 'semester' : 'month';
}

const ROMAN_OUT = ['', 'I', 'II', 'III', 'IV'];
const CANONICAL = /^\d{4}(-(0[1-9]|1[0-2]|Q[1-4]|S[12]))?$/;

/** A canonical period as a reader would write it (Januari 2024, Triwulan I 2024). */
export function periodLabel(locale: 'id' | 'en', canonical: string): string {
  if (!CANONICAL.test(canonical)) return canonical;
  const kind = periodKind(canonical);
  const year = canonical.slice(0, 4);
  if (kind === 'year') return year;
  const n = Number(canonical.slice(canonical.length - 1 - (kind === 'month' ? 1 : 0)).replace(/\D/g, ''));
  if (kind === 'quarter') return locale === 'id' ? `Triwulan ${ROMAN_OUT[n]} ${year}` : `Q${n} ${year}`;
  if (kind === 'semester') return locale === 'id' ? `Semester ${ROMAN_OUT[n]} ${year}` : `H${n} ${year}`;
  return new Intl.DateTimeFormat(locale === 'id' ? 'id-ID' : 'en-GB', {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(Number(year), n - 1, 1)));
}
