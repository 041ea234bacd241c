import { sql } from 'kysely';
import type { DbOrTrx } from '../../../storage/database.js';
import { buildLinkedTable, type GroupIndicator, type GroupSource } from './linked-table.js';
import { loadSolver } from './lp-solver.js';
import { isProtected } from './people-count.js';
import { protectTable } from './protect-table.js';
import { readStoredProtection, storeProtection } from './protection-store.js';
import type { Mark } from './published-table.js';

export type { Mark };

/**
 * The protection of one linked group (a total indicator and its breakdowns), computed once per
 * year of data and data version and kept in this process. Periods only add up within a year and
 * areas, sources and breakdowns are all inside one year's table, so a year is the unit of work.
 * The version comes from the database itself (count, latest update and sum of the year's values,
 * plus the group's declarations and sources), so several app processes serving one PostgreSQL
 * each see a change at their next read and never serve a stale protection. Behind this process's
 * cache the outcome is stored in the database per version (protection-store.ts): the first process
 * to need a version computes it, every other process reads it back.
 */
interface Entry {
  version: string;
  hidden: Map<string, Mark>;
}
const cache = new Map<string, Entry>();
const CACHE_LIMIT = 2000;

/** How often this process computed a protection (rather than finding it cached or stored); for tests. */
export const protectionStats = { computed: 0 };

/** Forgets this process's cache, as a fresh process would start (tests). */
export function clearProtectionCache(): void {
  cache.clear();
}

export interface GroupInfo {
  rootCode: string;
  indicators: GroupIndicator[];
  sources: GroupSource[];
  meta: string;
}

/** The indicators protected together with this one, and their sources with their link keys. */
export async function linkedGroup(
  db: DbOrTrx,
  indicator: { code: string; breakdown_of: string | null },
): Promise<GroupInfo> {
  const rootCode = indicator.breakdown_of ?? indicator.code;
  const rows = await db
    .selectFrom('indicators')
    .select(['id', 'code', 'counts_people', 'not_people_reason', 'breakdown_of', 'breakdown_dimension'])
    .where((eb) => eb.or([eb('code', '=', rootCode), eb('breakdown_of', '=', rootCode)]))
    .orderBy('id')
    .execute();
  const rootId = rows.find((r) => r.code === rootCode)?.id ?? null;
  const indicators: GroupIndicator[] = rows.map((r) => ({
    id: r.id,
    protect: isProtected(r),
    breakdownOf: r.code === rootCode ? null : rootId,
    dimension: r.breakdown_dimension,
  }));
  const srcRows = rows.length
    ? await db
        .selectFrom('indicator_sources')
        .select(['id', 'indicator_id', 'organization_id', 'producer'])
        .where(
          'indicator_id',
          'in',
          rows.map((r) => r.id),
        )
        .orderBy('id')
        .execute()
    : [];
  // Breakdown cells link with the total's cells of the same organisation, or the same producer text.
  const sources = srcRows.map((s) => ({
    id: s.id,
    indicatorId: s.indicator_id,
    linkKey: s.organization_id ? `org:${s.organization_id}` : `producer:${s.producer.trim().toLowerCase()}`,
  }));
  return { rootCode, indicators, sources, meta: JSON.stringify([indicators, sources]) };
}

const nextYear = (y: string) => String(Number(y) + 1);

/** Hidden cells (by cell key) of the group for the given years (all years when none given). */
export async function groupProtection(
  db: DbOrTrx,
  group: GroupInfo,
  threshold: number,
  year?: string,
): Promise<Map<string, Mark>> {
  const ids = group.indicators.map((i) => i.id);
  const out = new Map<string, Mark>();
  if (!ids.length || threshold <= 1 || !group.indicators.some((i) => i.protect)) return out;
  let q = db
    .selectFrom('indicator_values')
    .select([
      sql<string>`substr(period, 1, 4)`.as('y'),
      sql<string>`count(*)`.as('n'),
      sql<string>`max(updated_at)`.as('u'),
      sql<string>`sum(value)`.as('s'),
    ])
    .where('indicator_id', 'in', ids);
  if (year) q = q.where('period', '>=', year).where('period', '<', nextYear(year));
  const versions = await q.groupBy(sql`substr(period, 1, 4)`).execute();
  for (const v of versions) {
    const key = `${group.rootCode}|${v.y}|${threshold}`;
    const version = `${group.meta}|${v.n}|${v.u}|${v.s}`;
    let entry = cache.get(key);
    if (!entry || entry.version !== version) {
      entry = { version, hidden: await storedOrComputed(db, group, threshold, v.y, version) };
      cache.delete(key);
      if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
      cache.set(key, entry);
    }
    for (const [k, m] of entry.hidden) out.set(k, m);
  }
  return out;
}

/** The stored protection of this version, or a new computation, stored for the other processes. */
async function storedOrComputed(
  db: DbOrTrx,
  group: GroupInfo,
  threshold: number,
  year: string,
  version: string,
): Promise<Map<string, Mark>> {
  const key = { rootCode: group.rootCode, year, threshold };
  const stored = await readStoredProtection(db, key, version);
  if (stored) return stored;
  const hidden = await computeYear(db, group, threshold, year);
  protectionStats.computed++;
  await storeProtection(db, key, version, hidden);
  return hidden;
}

async function computeYear(db: DbOrTrx, group: GroupInfo, threshold: number, year: string): Promise<Map<string, Mark>> {
  const rows = await db
    .selectFrom('indicator_values')
    .select(['indicator_id', 'source_id', 'wilayah_kode', 'period', 'value'])
    .where(
      'indicator_id',
      'in',
      group.indicators.map((i) => i.id),
    )
    .where('period', '>=', year)
    .where('period', '<', nextYear(year))
    .execute();
  const values = rows.map((r) => ({
    indicatorId: r.indicator_id,
    sourceId: r.source_id,
    wilayahKode: r.wilayah_kode,
    period: r.period,
    value: Number(r.value),
  }));
  const table = buildLinkedTable(values, group.indicators, group.sources);
  const solver = await loadSolver();
  return protectTable(solver, table, new Set(group.indicators.filter((i) => i.protect).map((i) => i.id)), threshold);
}
