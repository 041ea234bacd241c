import type { Db } from '../../storage/database.js';
import * as repo from './indicator.repository.js';
import { suppressCells, type SuppressionReason } from './suppression.js';
import { parentKode } from './period.js';
import type { IndicatorRow } from './indicator.service.js';

export interface PublicValue {
  row: repo.ValueRow;
  source: repo.SourceRow;
  official: boolean;
  suppressed: SuppressionReason | null;
  /** null when suppressed */
  value: number | null;
}

export interface PublicFilter {
  wilayah?: string;
  period?: string;
  source?: string;
  kodePrefix?: string;
}

/** Counts of people are those flagged on the indicator or measured in people. */
export const isPeopleCount = (indicator: Pick<IndicatorRow, 'counts_people' | 'unit'>) =>
  indicator.counts_people === 1 || /^(jiwa|orang|people|persons?)$/i.test(indicator.unit.trim());

/**
 * The values the public may see: every figure with its source and whether that source is the
 * official one, small counts of people hidden, and complementary cells hidden so that totals
 * cannot recover them. Suppression is computed over the whole table of each source and period
 * (not just the rows asked for), so a filtered request hides exactly what the full table hides.
 */
export async function publicValues(db: Db, indicator: IndicatorRow, threshold: number, filter: PublicFilter = {}): Promise<PublicValue[]> {
  // An area's suppression depends on its own family (parent and siblings) and on its children's
  // families, so reading the prefix's parent subtree is enough (a province has no family at all).
  const scope = filter.kodePrefix ? parentKode(filter.kodePrefix) ?? filter.kodePrefix : undefined;
  const [all, sources] = await Promise.all([
    repo.listValues(db, indicator.id, { period: filter.period, sourceId: filter.source, kodePrefix: scope }),
    repo.listSources(db, indicator.id),
  ]);
  const byId = new Map(sources.map((s) => [s.id, s]));
  const hidden = isPeopleCount(indicator)
    ? suppressCells(all.map((v) => ({ wilayahKode: v.wilayah_kode, groupKey: `${v.source_id}|${v.period}`, value: v.value })), threshold)
    : new Map<number, SuppressionReason>();
  const out: PublicValue[] = [];
  all.forEach((row, i) => {
    if (filter.wilayah && row.wilayah_kode !== filter.wilayah) return;
    if (filter.kodePrefix && row.wilayah_kode !== filter.kodePrefix && !row.wilayah_kode.startsWith(`${filter.kodePrefix}.`)) return;
    const suppressed = hidden.get(i) ?? null;
    out.push({ row, source: byId.get(row.source_id)!, official: row.source_id === indicator.official_source_id, suppressed, value: suppressed ? null : row.value });
  });
  return out;
}

/** Official values first, then alternatives; within each, by period and area. */
export function officialFirst(values: PublicValue[]): PublicValue[] {
  return [...values].sort((a, b) => Number(b.official) - Number(a.official) || a.row.period.localeCompare(b.row.period) || a.row.wilayah_kode.localeCompare(b.row.wilayah_kode));
}

/**
 * Where two or more sources published a figure for the same area and period: the page shows them
 * side by side with their methods.
 */
export function disagreements(values: PublicValue[]): Array<{ wilayahKode: string; wilayahNama: string; period: string; values: PublicValue[] }> {
  const groups = new Map<string, PublicValue[]>();
  for (const v of values) {
    const key = `${v.row.wilayah_kode}|${v.row.period}`;
    groups.set(key, [...(groups.get(key) ?? []), v]);
  }
  return [...groups.values()]
    .filter((g) => new Set(g.map((v) => v.row.source_id)).size > 1)
    .map((g) => ({ wilayahKode: g[0]!.row.wilayah_kode, wilayahNama: g[0]!.row.wilayah_nama, period: g[0]!.row.period, values: g.sort((a, b) => Number(b.official) - Number(a.official)) }))
    .sort((a, b) => b.period.localeCompare(a.period));
}

/** The series the charts draw: the official source where it has a value, otherwise the first source that does. */
export function headlineSeries(values: PublicValue[], wilayahKode: string): PublicValue[] {
  const byPeriod = new Map<string, PublicValue>();
  for (const v of values) {
    if (v.row.wilayah_kode !== wilayahKode) continue;
    const cur = byPeriod.get(v.row.period);
    if (!cur || (!cur.official && v.official)) byPeriod.set(v.row.period, v);
  }
  return [...byPeriod.values()].sort((a, b) => a.row.period.localeCompare(b.row.period));
}

export { repo as indicatorRepo };
