import type { ValueRow } from '../indicator.repository.js';
import type { Mark } from './published-table.js';

/**
 * What travels with a value besides the number can give it away:
 * - a hidden cell publishes no note, citation (a derivation's citation leads to the raw rows),
 *   denominator or missing count: only the mark;
 * - for a protected indicator, row counts are counts of people too ("3 baris" beside "<5" is the
 *   value; beside a published 40 it can still be a small count of people, and the difference of
 *   two published row counts a hidden one), so a denominator that holds a number and the missing
 *   count are never published for it. A denominator in words ("jumlah penduduk") stays.
 * Applied once in `publicValues`, so every door (HTML, JSON, CSV, JSON-stat, profile, map,
 * compare, embed, feeds) gets the same guarded row.
 */
export function sideChannelGuard(protectedIndicator: boolean) {
  return (row: ValueRow, mark: Mark | null): ValueRow => {
    if (mark) return { ...row, note: '', citation: '', denominator: '', missing_count: null };
    if (!protectedIndicator) return row;
    const numeric = /\d/.test(row.denominator);
    if (!numeric && row.missing_count === null) return row;
    return { ...row, denominator: numeric ? '' : row.denominator, missing_count: null };
  };
}
