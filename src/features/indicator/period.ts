import type { IndicatorLevel } from './indicator.table.js';

export type PeriodType = 'year' | 'quarter' | 'month';

const PATTERNS: Array<[PeriodType, RegExp]> = [
  ['year', /^(19|20)\d{2}$/],
  ['quarter', /^(19|20)\d{2}-Q[1-4]$/],
  ['month', /^(19|20)\d{2}-(0[1-9]|1[0-2])$/],
];

/** `2024` (year), `2024-Q3` (quarter) or `2024-07` (month); null for anything else. */
export function periodType(period: string): PeriodType | null {
  for (const [type, re] of PATTERNS) if (re.test(period)) return type;
  return null;
}

export const isPeriod = (period: string): boolean => periodType(period) !== null;

/** Depth of a wilayah level in the hierarchy: kota 1, kecamatan 2, kelurahan 3. */
export function levelDepth(tingkat: string): number {
  switch (tingkat) {
    case 'provinsi':
      return 0;
    case 'kota':
    case 'kabupaten':
      return 1;
    case 'kecamatan':
      return 2;
    default:
      return 3;
  }
}

/** Whether a value for an area at `tingkat` is valid for an indicator whose lowest valid level is `lowest`. */
export const levelAllowed = (lowest: IndicatorLevel, tingkat: string): boolean =>
  levelDepth(tingkat) <= levelDepth(lowest);

/** The parent of a Kemendagri code, derived from the code itself (35.77.02.1002 → 35.77.02). */
export function parentKode(kode: string): string | null {
  const parts = kode.split('.');
  return parts.length > 1 ? parts.slice(0, -1).join('.') : null;
}
