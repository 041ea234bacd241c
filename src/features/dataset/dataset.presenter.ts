import type { DbOrTrx } from '../../storage/database.js';
import type { Translate } from '../../i18n/i18n.js';
import * as repo from './dataset.repository.js';
import type { DatasetRow } from './dataset.repository.js';
import { findLicense } from './licenses.js';
import { isOverdue } from './dataset.service.js';
import { datasetUrls } from './dataset.urls.js';
import type { DatastoreField, DatastoreTableTable, IngestJobTable, ResourceTable } from '../ingest/ingest.table.js';
import { parseQuality } from '../ingest/quality.js';
import type { StagedChanges } from './staged-changes.js';

export function spatialCodes(d: Pick<DatasetRow, 'spatial_codes'>): string[] {
  try {
    const v = JSON.parse(d.spatial_codes) as unknown;
    return Array.isArray(v) ? v.map(String) : [];
  } catch {
    return [];
  }
}

export function presentDatasetSummary(d: DatasetRow, org: { id: string; slug: string; name: string }, tags: string[] = [], groups: string[] = []) {
  return {
    id: d.id, name: d.name, title: d.title, notes: d.notes, state: d.state, version: d.version,
    organization: { id: org.id, slug: org.slug, name: org.name },
    licenseId: d.license_id, licenseTitle: findLicense(d.license_id)?.title ?? d.license_id, tags, groups,
    contactName: d.contact_name, contactEmail: d.contact_email, updateFrequency: d.update_frequency, nextReleaseDate: d.next_release_date, overdue: isOverdue(d),
    temporalStart: d.temporal_start, temporalEnd: d.temporal_end, spatialCodes: spatialCodes(d),
    source: d.source, method: d.method, concept: d.concept, definition: d.definition, classification: d.classification, measure: d.measure, unit: d.unit,
    indicatorFormula: d.indicator_formula, indicatorInterpretation: d.indicator_interpretation, private: Number(d.private) === 1, supersededBy: d.superseded_by,
    createdAt: d.created_at, metadataModified: d.metadata_modified, publishedAt: d.published_at, url: datasetUrls.page(d.name),
  };
}

export interface ResourceView {
  row: ResourceTable;
  store: DatastoreTableTable | undefined;
  job: IngestJobTable | undefined;
  fields: DatastoreField[];
}

/** The translated error of a failed ingest job (null otherwise). */
export function jobErrorMessage(t: Translate, job: IngestJobTable | undefined): string | null {
  if (job?.state !== 'failed' || !job.error_code) return null;
  const extra = job.error_json ? (JSON.parse(job.error_json) as { params?: Record<string, string | number> }) : {};
  return t(`error.${job.error_code}`, extra.params ?? {});
}

export function presentJob(t: Translate, job: IngestJobTable) {
  return { state: job.state, progress: Number(job.progress), errorCode: job.error_code, errorMessage: jobErrorMessage(t, job) };
}

/** What is staged for a published dataset's next version (producers and the walidata only). */
export function presentStagedChanges(t: Translate, c: StagedChanges) {
  return {
    pendingData: c.pendingData.map((p) => ({ resourceId: p.resourceId, fileName: p.fileName, rows: p.rows })),
    newResources: c.newResources.map((n) => ({ id: n.resourceId, kind: n.kind, name: n.name, format: n.format, fileName: n.fileName, url: n.url, rows: n.rows })),
    removals: c.removals.map((r) => ({ resourceId: r.resourceId, name: r.name })),
    loads: c.loads.map((l) => ({ id: l.id, resourceId: l.resourceId, newResourceId: l.resourceId ? null : l.pendingId, fileName: l.fileName, ingest: l.job ? presentJob(t, l.job) : null })),
  };
}

export function presentResource(t: Translate, v: ResourceView, withQuality: boolean) {
  const r = v.row;
  const job = v.job;
  return {
    id: r.id, name: r.name, description: r.description, format: r.format, urlType: r.url_type, url: r.url, mimetype: r.mimetype,
    size: r.size === null ? null : Number(r.size), hash: r.hash, position: r.position, createdAt: r.created_at, lastModified: r.last_modified,
    datastoreActive: Number(r.datastore_active) === 1, sheet: r.sheet, fields: v.fields, rowCount: v.store ? Number(v.store.row_count) : 0,
    ...(withQuality ? { quality: parseQuality(v.store?.quality_json) } : {}),
    ingest: job ? presentJob(t, job) : null,
  };
}

/** Everything the dataset page and its JSON twin show. */
export async function loadDatasetDetail(db: DbOrTrx, d: DatasetRow) {
  const [org, tags, groups, resources, reviews, versions] = await Promise.all([
    repo.organizationOf(db, d.organization_id), repo.tagsOf(db, d.id), repo.groupsOf(db, d.id), repo.resourcesOf(db, d.id), repo.reviewsOf(db, d.id), repo.versionsOf(db, d.id),
  ]);
  const ids = resources.map((r) => r.id);
  const [stores, jobs] = await Promise.all([repo.datastoreOf(db, ids), repo.latestJobs(db, ids)]);
  const views: ResourceView[] = resources.map((row) => {
    const store = stores.find((s) => s.resource_id === row.id);
    return { row, store, job: jobs.find((j) => j.resource_id === row.id), fields: store ? (JSON.parse(store.fields_json) as DatastoreField[]) : [] };
  });
  return { dataset: d, org, tags, groups, resources: views, reviews, versions };
}

/**
 * A staged new resource (hidden row of a published dataset's revision, or one still loading), for
 * its producers and the walidata; null for anything else (new data for a live resource stays hidden).
 */
export async function stagedResourceView(db: DbOrTrx, d: DatasetRow, id: string, staged: StagedChanges): Promise<ResourceView | null> {
  // stagedChangesOf reads the loads before the revision, and a load joins the revision in one
  // transaction: a new resource's row is in one of the two.
  const visible = staged.newResources.some((n) => n.resourceId === id) || staged.loads.some((l) => l.pendingId === id && !l.resourceId);
  if (!visible) return null;
  const row = await db.selectFrom('resources').selectAll().where('id', '=', id).where('dataset_id', '=', d.id).where('state', '=', 'pending').executeTakeFirst();
  if (!row) return null;
  const [stores, jobs] = await Promise.all([repo.datastoreOf(db, [id]), repo.latestJobs(db, [id])]);
  const store = stores[0];
  return { row, store, job: jobs[0], fields: store ? (JSON.parse(store.fields_json) as DatastoreField[]) : [] };
}

export type DatasetDetail = Awaited<ReturnType<typeof loadDatasetDetail>>;

export function presentDatasetDetail(t: Translate, detail: DatasetDetail, options: { internal: boolean }) {
  const d = detail.dataset;
  return {
    ...presentDatasetSummary(d, detail.org, detail.tags, detail.groups),
    resources: detail.resources.map((v) => presentResource(t, v, options.internal)),
    ...(options.internal ? { reviews: detail.reviews.map((r) => ({ field: r.field, comment: r.comment, version: r.version, createdAt: r.created_at, resolved: Number(r.resolved) === 1 })) } : {}),
    versions: detail.versions.map((v) => ({ version: v.version, publishedAt: v.published_at, url: datasetUrls.version(d.name, v.version) })),
  };
}
