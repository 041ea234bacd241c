import type { Insertable, Updateable } from 'kysely';
import type { DbOrTrx } from '../../storage/database.js';
import type {
  IndicatorTable,
  IndicatorSourceTable,
  IndicatorValueTable,
  IndicatorDerivationTable,
  IndicatorValueHistoryTable,
} from './indicator.table.js';

export const findIndicatorByCode = (db: DbOrTrx, code: string) =>
  db.selectFrom('indicators').selectAll().where('code', '=', code).executeTakeFirst();

export const findIndicatorById = (db: DbOrTrx, id: string) =>
  db.selectFrom('indicators').selectAll().where('id', '=', id).executeTakeFirst();

export const listIndicators = (db: DbOrTrx) => db.selectFrom('indicators').selectAll().orderBy('code').execute();

export const insertIndicator = (db: DbOrTrx, row: Insertable<IndicatorTable>) =>
  db.insertInto('indicators').values(row).execute();

export const listSources = (db: DbOrTrx, indicatorId: string) =>
  db
    .selectFrom('indicator_sources')
    .leftJoin('organizations', 'organizations.id', 'indicator_sources.organization_id')
    .selectAll('indicator_sources')
    .select(['organizations.name as organization_name', 'organizations.slug as organization_slug'])
    .where('indicator_id', '=', indicatorId)
    .orderBy('indicator_sources.created_at')
    .execute();

export type SourceRow = Awaited<ReturnType<typeof listSources>>[number];

export const findSource = (db: DbOrTrx, id: string) =>
  db.selectFrom('indicator_sources').selectAll().where('id', '=', id).executeTakeFirst();

export const insertSource = (db: DbOrTrx, row: Insertable<IndicatorSourceTable>) =>
  db.insertInto('indicator_sources').values(row).execute();

export const updateSourceRow = (db: DbOrTrx, id: string, patch: Updateable<IndicatorSourceTable>) =>
  db.updateTable('indicator_sources').set(patch).where('id', '=', id).execute();

export interface ValueFilter {
  wilayahKode?: string;
  period?: string;
  sourceId?: string;
  /** Only areas whose code starts with this prefix (and the prefix itself). */
  kodePrefix?: string;
}

/** Values of one indicator with their area's name and level. */
export function listValues(db: DbOrTrx, indicatorId: string, filter: ValueFilter = {}) {
  let q = db
    .selectFrom('indicator_values as v')
    .innerJoin('wilayah as w', 'w.kode', 'v.wilayah_kode')
    .selectAll('v')
    .select(['w.nama as wilayah_nama', 'w.tingkat as wilayah_tingkat'])
    .where('v.indicator_id', '=', indicatorId);
  if (filter.wilayahKode) q = q.where('v.wilayah_kode', '=', filter.wilayahKode);
  if (filter.period) q = q.where('v.period', '=', filter.period);
  if (filter.sourceId) q = q.where('v.source_id', '=', filter.sourceId);
  if (filter.kodePrefix) {
    const p = filter.kodePrefix;
    // A range on the code (rather than LIKE) so both databases use the index.
    q = q.where((eb) =>
      eb.or([
        eb('v.wilayah_kode', '=', p),
        eb.and([eb('v.wilayah_kode', '>=', `${p}.`), eb('v.wilayah_kode', '<', `${p}/`)]),
      ]),
    );
    // The same range on the joined table lets the planner read only those areas, not all of them.
    q = q.where((eb) =>
      eb.or([eb('w.kode', '=', p), eb.and([eb('w.kode', '>=', `${p}.`), eb('w.kode', '<', `${p}/`)])]),
    );
  }
  return q.orderBy('v.period').orderBy('v.wilayah_kode').execute();
}

export type ValueRow = Awaited<ReturnType<typeof listValues>>[number];

export const findValue = (
  db: DbOrTrx,
  key: { indicatorId: string; sourceId: string; wilayahKode: string; period: string },
) =>
  db
    .selectFrom('indicator_values')
    .selectAll()
    .where('indicator_id', '=', key.indicatorId)
    .where('source_id', '=', key.sourceId)
    .where('wilayah_kode', '=', key.wilayahKode)
    .where('period', '=', key.period)
    .executeTakeFirst();

export const insertValue = (db: DbOrTrx, row: Insertable<IndicatorValueTable>) =>
  db.insertInto('indicator_values').values(row).execute();

export const updateValueRow = (db: DbOrTrx, id: string, patch: Updateable<IndicatorValueTable>) =>
  db.updateTable('indicator_values').set(patch).where('id', '=', id).execute();

export const insertHistory = (db: DbOrTrx, row: Insertable<IndicatorValueHistoryTable>) =>
  db.insertInto('indicator_value_history').values(row).execute();

export const listHistory = (db: DbOrTrx, indicatorId: string) =>
  db
    .selectFrom('indicator_value_history as h')
    .innerJoin('indicator_values as v', 'v.id', 'h.value_id')
    .select([
      'h.previous_value',
      'h.new_value',
      'h.previous_status',
      'h.new_status',
      'h.origin',
      'h.changed_at',
      'h.actor_label',
      'v.wilayah_kode',
      'v.period',
      'v.source_id',
    ])
    .where('h.indicator_id', '=', indicatorId)
    .orderBy('h.changed_at', 'desc')
    .limit(100)
    .execute();

export const listDerivations = (db: DbOrTrx, indicatorId: string) =>
  db
    .selectFrom('indicator_derivations')
    .selectAll()
    .where('indicator_id', '=', indicatorId)
    .orderBy('created_at')
    .execute();

export const derivationsForResource = (db: DbOrTrx, resourceId: string) => derivationsForResources(db, [resourceId]);

export const derivationsForResources = async (db: DbOrTrx, resourceIds: string[]) =>
  resourceIds.length
    ? db.selectFrom('indicator_derivations').selectAll().where('resource_id', 'in', resourceIds).execute()
    : [];

export const insertDerivation = (db: DbOrTrx, row: Insertable<IndicatorDerivationTable>) =>
  db.insertInto('indicator_derivations').values(row).execute();

export const updateDerivationRow = (db: DbOrTrx, id: string, patch: Updateable<IndicatorDerivationTable>) =>
  db.updateTable('indicator_derivations').set(patch).where('id', '=', id).execute();

/** Distinct periods with values, newest last. */
export async function listPeriods(db: DbOrTrx, indicatorId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('indicator_values')
    .select('period')
    .distinct()
    .where('indicator_id', '=', indicatorId)
    .orderBy('period')
    .execute();
  return rows.map((r) => r.period);
}
