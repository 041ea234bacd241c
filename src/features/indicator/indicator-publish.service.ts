import type { Db } from '../../storage/database.js';
import * as repo from './indicator.repository.js';
import type { SuppressionReason } from './suppression.js';
import { isProtected } from './disclosure/people-count.js';
import { groupProtection, linkedGroup } from './disclosure/group-protection.js';
import { cellKey } from './disclosure/linked-table.js';
import { sideChannelGuard } from './disclosure/side-channels.js';
import type { IndicatorRow } from './indicator.service.js';

export interface PublicValue {
  row: repo.ValueRow;
  source: repo.SourceRow;
  official: boolean;
  suppressed: SuppressionReason | null;
  /** null when suppressed */
  value: number | null;
  /** What is shown instead of a hidden value: "<T" (primary) or "x" (secondary); null when published. */
  mark: string | null;
}

export interface PublicFilter {
  wilayah?: string;
  period?: string;
  source?: string;
  kodePrefix?: string;
}

/** Protected unless declared "not a count of people" with a reason (see disclosure/people-count.ts). */
export const isPeopleCount = (indicator: Pick<IndicatorRow, 'counts_people' | 'not_people_reason'>) =>
  isProtected(indicator);

/**
 * The values the public may see: every figure with its source and whether that source is the
 * official one, small counts of people hidden, and complementary cells hidden so that no hidden
 * value can be worked out from the published ones by linear arithmetic over the whole linked
 * table (areas, periods, breakdowns; disclosure/). The protection is computed per group and year
 * and cached by data version, so a filtered request hides exactly what the full table hides.
 */
export async function publicValues(
  db: Db,
  indicator: IndicatorRow,
  threshold: number,
  filter: PublicFilter = {},
): Promise<PublicValue[]> {
  const group = await linkedGroup(db, indicator);
  const year = filter.period ? filter.period.slice(0, 4) : undefined;
  const [all, sources, hidden] = await Promise.all([
    repo.listValues(db, indicator.id, {
      period: filter.period,
      sourceId: filter.source,
      kodePrefix: filter.kodePrefix,
      wilayahKode: filter.wilayah,
    }),
    repo.listSources(db, indicator.id),
    groupProtection(db, group, threshold, year),
  ]);
  const byId = new Map(sources.map((s) => [s.id, s]));
  const guard = sideChannelGuard(isProtected(indicator));
  return all.map((row) => {
    const suppressed = hidden.get(cellKey(indicator.id, row.source_id, row.wilayah_kode, row.period)) ?? null;
    return {
      row: guard(row, suppressed),
      source: byId.get(row.source_id)!,
      official: row.source_id === indicator.official_source_id,
      suppressed,
      value: suppressed ? null : row.value,
      mark: suppressed === 'primary' ? `<${threshold}` : suppressed ? 'x' : null,
    };
  });
}

/** Official values first, then alternatives; within each, by period and area. */
export function officialFirst(values: PublicValue[]): PublicValue[] {
  return [...values].sort(
    (a, b) =>
      Number(b.official) - Number(a.official) ||
      a.row.period.localeCompare(b.row.period) ||
      a.row.wilayah_kode.localeCompare(b.row.wilayah_kode),
  );
}

/**
 * Where two or more sources published a figure for the same area and period: the page shows them
 * side by side with their methods.
 */
export function disagreements(
  values: PublicValue[],
): Array<{ wilayahKode: string; wilayahNama: string; period: string; values: PublicValue[] }> {
  const groups = new Map<string, PublicValue[]>();
  for (const v of values) {
    const key = `${v.row.wilayah_kode}|${v.row.period}`;
    groups.set(key, [...(groups.get(key) ?? []), v]);
  }
  return [...groups.values()]
    .filter((g) => new Set(g.map((v) => v.row.source_id)).size > 1)
    .map((g) => ({
      wilayahKode: g[0]!.row.wilayah_kode,
      wilayahNama: g[0]!.row.wilayah_nama,
      period: g[0]!.row.period,
      values: g.sort((a, b) => Number(b.official) - Number(a.official)),
    }))
    .sort((a, b) => b.period.localeCompare(a.period));
}

export { repo as indicatorRepo };
