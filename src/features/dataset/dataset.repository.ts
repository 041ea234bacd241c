import type { DbOrTrx } from '../../storage/database.js';
import type { DatasetTable } from './dataset.table.js';

export type DatasetRow = DatasetTable;

export function findDatasetByName(db: DbOrTrx, name: string): Promise<DatasetRow | undefined> {
  return db.selectFrom('datasets').selectAll().where('name', '=', name).executeTakeFirst();
}

export function findDatasetById(db: DbOrTrx, id: string): Promise<DatasetRow | undefined> {
  return db.selectFrom('datasets').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function tagsOf(db: DbOrTrx, datasetId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('dataset_tags')
    .select('name')
    .where('dataset_id', '=', datasetId)
    .orderBy('name')
    .execute();
  return rows.map((r) => r.name);
}

export async function groupsOf(db: DbOrTrx, datasetId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('dataset_groups')
    .innerJoin('groups', 'groups.id', 'dataset_groups.group_id')
    .select('groups.name')
    .where('dataset_groups.dataset_id', '=', datasetId)
    .orderBy('groups.name')
    .execute();
  return rows.map((r) => r.name);
}

/** Names of many values per dataset, for a whole list at once (`rows` ordered by name). */
function byDataset(ids: string[], rows: Array<{ dataset_id: string; name: string }>): Map<string, string[]> {
  const out = new Map<string, string[]>(ids.map((id) => [id, []]));
  for (const r of rows) out.get(r.dataset_id)?.push(r.name);
  return out;
}

/** {@link tagsOf} for many datasets in one query. */
export async function tagsOfMany(db: DbOrTrx, datasetIds: string[]): Promise<Map<string, string[]>> {
  if (datasetIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('dataset_tags')
    .select(['dataset_id', 'name'])
    .where('dataset_id', 'in', datasetIds)
    .orderBy('name')
    .execute();
  return byDataset(datasetIds, rows);
}

/** {@link groupsOf} for many datasets in one query. */
export async function groupsOfMany(db: DbOrTrx, datasetIds: string[]): Promise<Map<string, string[]>> {
  if (datasetIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('dataset_groups')
    .innerJoin('groups', 'groups.id', 'dataset_groups.group_id')
    .select(['dataset_groups.dataset_id', 'groups.name'])
    .where('dataset_groups.dataset_id', 'in', datasetIds)
    .orderBy('groups.name')
    .execute();
  return byDataset(datasetIds, rows);
}

export async function replaceTags(db: DbOrTrx, datasetId: string, tags: string[]): Promise<void> {
  await db.deleteFrom('dataset_tags').where('dataset_id', '=', datasetId).execute();
  const unique = [...new Set(tags.map((t) => t.trim()).filter(Boolean))];
  if (unique.length)
    await db
      .insertInto('dataset_tags')
      .values(unique.map((name) => ({ dataset_id: datasetId, name })))
      .execute();
}

export async function replaceGroups(db: DbOrTrx, datasetId: string, groupIds: string[]): Promise<void> {
  await db.deleteFrom('dataset_groups').where('dataset_id', '=', datasetId).execute();
  const unique = [...new Set(groupIds)];
  if (unique.length)
    await db
      .insertInto('dataset_groups')
      .values(unique.map((group_id) => ({ dataset_id: datasetId, group_id })))
      .execute();
}

export function listGroups(db: DbOrTrx) {
  return db.selectFrom('groups').selectAll().orderBy('title').execute();
}

export function resourcesOf(db: DbOrTrx, datasetId: string) {
  // 'pending': new data for a published resource, waiting for the walidata (resources/revision-staging.service.ts).
  return db
    .selectFrom('resources')
    .selectAll()
    .where('dataset_id', '=', datasetId)
    .where('state', 'not in', ['deleted', 'pending'])
    .orderBy('position')
    .orderBy('created_at')
    .execute();
}

/** A resource row of the dataset that is not deleted (a staged one too: callers decide who sees it). */
export function findResourceOf(db: DbOrTrx, datasetId: string, id: string) {
  return db
    .selectFrom('resources')
    .selectAll()
    .where('id', '=', id)
    .where('dataset_id', '=', datasetId)
    .where('state', '!=', 'deleted')
    .executeTakeFirst();
}

export function datastoreOf(db: DbOrTrx, resourceIds: string[]) {
  if (resourceIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('datastore_tables').selectAll().where('resource_id', 'in', resourceIds).execute();
}

export function latestJobs(db: DbOrTrx, resourceIds: string[]) {
  if (resourceIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('ingest_jobs')
    .selectAll()
    .where('resource_id', 'in', resourceIds)
    .orderBy('created_at', 'desc')
    .execute();
}

export function reviewsOf(db: DbOrTrx, datasetId: string) {
  return db
    .selectFrom('dataset_reviews')
    .selectAll()
    .where('dataset_id', '=', datasetId)
    .orderBy('created_at', 'desc')
    .execute();
}

export function versionsOf(db: DbOrTrx, datasetId: string) {
  return db
    .selectFrom('dataset_versions')
    .select(['version', 'published_at', 'published_by'])
    .where('dataset_id', '=', datasetId)
    .orderBy('version', 'desc')
    .execute();
}

export function findVersion(db: DbOrTrx, datasetId: string, version: number) {
  return db
    .selectFrom('dataset_versions')
    .selectAll()
    .where('dataset_id', '=', datasetId)
    .where('version', '=', version)
    .executeTakeFirst();
}

export function organizationOf(db: DbOrTrx, id: string) {
  return db
    .selectFrom('organizations')
    .select(['id', 'slug', 'name', 'kind'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}

/** {@link organizationOf} for many organisations in one query. */
export function organizationsByIds(db: DbOrTrx, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('organizations')
    .select(['id', 'slug', 'name', 'kind'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
}

/** The organisations a dataset form offers (null: all of them), by name. */
export function organizationChoices(db: DbOrTrx, ids: string[] | null) {
  let q = db.selectFrom('organizations').select(['id', 'slug', 'name']).orderBy('name');
  if (ids) q = ids.length ? q.where('id', 'in', ids) : q.where('id', '=', '');
  return q.execute();
}

export function findOrganization(db: DbOrTrx, slugOrId: string) {
  return db
    .selectFrom('organizations')
    .select(['id', 'slug', 'name', 'kind'])
    .where((eb) => eb.or([eb('slug', '=', slugOrId), eb('id', '=', slugOrId)]))
    .executeTakeFirst();
}

export interface DatasetListFilter {
  state?: string;
  /** New datasets submitted for review, and published ones whose revision is submitted. */
  awaitingReview?: boolean;
  organizationIds?: string[];
  limit: number;
  offset: number;
}

export async function listDatasets(db: DbOrTrx, f: DatasetListFilter) {
  let q = db.selectFrom('datasets');
  if (f.state) q = q.where('state', '=', f.state as DatasetRow['state']);
  if (f.awaitingReview)
    q = q.where((eb) =>
      eb.or([
        eb('state', '=', 'submitted'),
        eb.and([eb('state', '=', 'published'), eb('revision_state', '=', 'submitted')]),
      ]),
    );
  if (f.organizationIds)
    q = f.organizationIds.length ? q.where('organization_id', 'in', f.organizationIds) : q.where('id', '=', '');
  const [rows, total] = await Promise.all([
    q.selectAll().orderBy('metadata_modified', 'desc').orderBy('id').limit(f.limit).offset(f.offset).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

/** The position a resource added now takes: after every resource row of the dataset (any state). */
export async function nextResourcePosition(db: DbOrTrx, datasetId: string): Promise<number> {
  const row = await db
    .selectFrom('resources')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('dataset_id', '=', datasetId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
