import type { DbOrTrx } from '../../storage/database.js';
import * as repo from './dataset.repository.js';
import type { DatasetRow } from './dataset.repository.js';
import type { DatastoreField } from '../ingest/ingest.table.js';
import type { ResourceTable } from './resources/resource.table.js';
import type { StagedChanges } from './resources/staged-changes.js';
import type { DatastoreTableTable } from '../datastore/datastore.table.js';
import type { IngestJobTable } from './resources/ingest-job.table.js';

/** What the dataset's pages and JSON twins read about it, its resources and their data, in few queries. */

export interface ResourceView {
  row: ResourceTable;
  store: DatastoreTableTable | undefined;
  job: IngestJobTable | undefined;
  fields: DatastoreField[];
}

/** Everything the dataset page and its JSON twin show. */
export async function loadDatasetDetail(db: DbOrTrx, d: DatasetRow) {
  const [org, tags, groups, resources, reviews, versions] = await Promise.all([
    repo.organizationOf(db, d.organization_id),
    repo.tagsOf(db, d.id),
    repo.groupsOf(db, d.id),
    repo.resourcesOf(db, d.id),
    repo.reviewsOf(db, d.id),
    repo.versionsOf(db, d.id),
  ]);
  const ids = resources.map((r) => r.id);
  const [stores, jobs] = await Promise.all([repo.datastoreOf(db, ids), repo.latestJobs(db, ids)]);
  const views: ResourceView[] = resources.map((row) => {
    const store = stores.find((s) => s.resource_id === row.id);
    return {
      row,
      store,
      job: jobs.find((j) => j.resource_id === row.id),
      fields: store ? (JSON.parse(store.fields_json) as DatastoreField[]) : [],
    };
  });
  return { dataset: d, org, tags, groups, resources: views, reviews, versions };
}

/**
 * A staged new resource (hidden row of a published dataset's revision, or one still loading), for
 * its producers and the walidata; null for anything else (new data for a live resource stays hidden).
 */
export async function stagedResourceView(
  db: DbOrTrx,
  d: DatasetRow,
  id: string,
  staged: StagedChanges,
): Promise<ResourceView | null> {
  // stagedChangesOf reads the loads before the revision, and a load joins the revision in one
  // transaction: a new resource's row is in one of the two.
  const visible =
    staged.newResources.some((n) => n.resourceId === id) ||
    staged.loads.some((l) => l.pendingId === id && !l.resourceId);
  if (!visible) return null;
  const row = await db
    .selectFrom('resources')
    .selectAll()
    .where('id', '=', id)
    .where('dataset_id', '=', d.id)
    .where('state', '=', 'pending')
    .executeTakeFirst();
  if (!row) return null;
  const [stores, jobs] = await Promise.all([repo.datastoreOf(db, [id]), repo.latestJobs(db, [id])]);
  const store = stores[0];
  return { row, store, job: jobs[0], fields: store ? (JSON.parse(store.fields_json) as DatastoreField[]) : [] };
}

export type DatasetDetail = Awaited<ReturnType<typeof loadDatasetDetail>>;

/**
 * The datasets of a list page with their organisation, tags and groups: three queries for the
 * whole page, however long it is (not three per dataset).
 */
export async function listDetails(db: DbOrTrx, rows: DatasetRow[]) {
  const ids = rows.map((d) => d.id);
  const [orgs, tags, groups] = await Promise.all([
    repo.organizationsByIds(
      db,
      rows.map((d) => d.organization_id),
    ),
    repo.tagsOfMany(db, ids),
    repo.groupsOfMany(db, ids),
  ]);
  return rows.map((d) => {
    const org = orgs.find((o) => o.id === d.organization_id);
    if (!org) throw new Error(`dataset ${d.id}: organisation ${d.organization_id} is missing`);
    return { dataset: d, org, tags: tags.get(d.id) ?? [], groups: groups.get(d.id) ?? [] };
  });
}
