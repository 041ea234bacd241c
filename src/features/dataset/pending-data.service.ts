import fs from 'node:fs';
import type { Db, Storage, DbOrTrx } from '../../storage/database.js';
import type { CurrentUser } from '../../http/context.js';
import { AppError } from '../../errors.js';
import { newId, nowIso } from '../../ids.js';
import { recordAudit } from '../audit/audit.service.js';
import { MIME, runIngestJob, type StoredUpload, type UploadOptions } from '../ingest/resource.service.js';
import { formatFromName, type SourceFormat } from '../ingest/row-sources.js';
import { parseQuality, type QualityReport } from '../ingest/quality.js';
import type { IngestJobTable, ResourceTable } from '../ingest/ingest.table.js';
import * as repo from './dataset.repository.js';
import type { DatasetRow } from './dataset.repository.js';
import { requireProducer } from './dataset.policy.js';
import { getDataset, parseRevision, type RevisionData } from './dataset.service.js';

/**
 * Changes to the resources of a published dataset wait in its revision until the walidata approves
 * it; the public keeps seeing the live resources meanwhile.
 *
 * - New data for a live resource is loaded into a hidden resource row (state 'pending') with its
 *   own datastore table; approval swaps that table in (`pendingData`).
 * - A new uploaded or linked resource is a hidden row (state 'pending') too; approval makes it
 *   active with the table it already has (`newResources`).
 * - A resource to remove stays live until approval marks it 'deleted' (`removals`).
 *
 * Files are loaded before they join the revision (a `staged_loads` row plus its ingest_jobs row
 * track the load); a failed load leaves the revision as it was.
 */
export interface PendingData {
  resourceId: string;
  pendingId: string;
  fileName: string;
}

export interface StagedResource {
  /** Id of the hidden row; the resource keeps it once published. */
  resourceId: string;
  kind: 'upload' | 'link';
  name: string;
  fileName: string | null;
  url: string | null;
}

export interface StagedRemoval {
  resourceId: string;
  name: string;
}

const REVISION_COLUMNS = ['title', 'notes', 'license_id', 'contact_name', 'contact_email', 'update_frequency', 'next_release_date', 'temporal_start', 'temporal_end', 'spatial_codes', 'source', 'method', 'concept', 'definition', 'classification', 'measure', 'unit', 'indicator_formula', 'indicator_interpretation', 'private'] as const;

const actor = (user: CurrentUser | null) => ({ id: user?.id ?? null, label: user?.email ?? 'system' });

/** The revision to extend: the pending one, or a copy of the live metadata. */
async function revisionOf(db: DbOrTrx, d: DatasetRow): Promise<RevisionData> {
  const existing = parseRevision(d);
  if (existing) return existing;
  const columns = Object.fromEntries(REVISION_COLUMNS.map((k) => [k, d[k]])) as unknown as RevisionData['columns'];
  const groups = await db.selectFrom('dataset_groups').select('group_id').where('dataset_id', '=', d.id).execute();
  return { columns, tags: await repo.tagsOf(db, d.id), groupIds: groups.map((g) => g.group_id) };
}

async function saveRevision(trx: DbOrTrx, current: DatasetRow, revision: RevisionData): Promise<string> {
  const revisionState = current.revision_state === 'returned' ? 'returned' : 'draft';
  await trx.updateTable('datasets').set({ revision_json: JSON.stringify(revision), revision_state: revisionState }).where('id', '=', current.id).execute();
  return revisionState;
}

/** Whether the producer may stage changes for the next version now (a published dataset whose revision is not with the walidata). */
export function canStage(d: Pick<DatasetRow, 'state' | 'revision_state'>): boolean {
  return d.state === 'published' && d.revision_state !== 'submitted';
}

function requireStaging(d: DatasetRow): void {
  if (!canStage(d)) throw new AppError('DATASET_WRONG_STATE', 409, { state: d.revision_state ?? d.state }, { state: d.revision_state ?? d.state });
}

/** Removes a hidden row that will not be published (replaced, discarded, the dataset withdrawn) with its table and job. */
export async function discardPending(db: Db, pendingId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const store = await trx.selectFrom('datastore_tables').select('table_name').where('resource_id', '=', pendingId).executeTakeFirst();
    await trx.deleteFrom('staged_loads').where('pending_id', '=', pendingId).execute();
    await trx.deleteFrom('datastore_tables').where('resource_id', '=', pendingId).execute();
    await trx.deleteFrom('ingest_jobs').where('resource_id', '=', pendingId).execute();
    await trx.deleteFrom('resources').where('id', '=', pendingId).where('state', '=', 'pending').execute();
    if (store) await trx.schema.dropTable(store.table_name).ifExists().execute();
  });
}

/** A load whose job has not moved for this long died with its process (a restart); it no longer holds anything back. */
const STALE_LOAD_MS = 30 * 60 * 1000;
/**
 * Whether a load is still under way: queued, running, or done but not yet joined to the revision
 * (its staged_loads row goes in the same transaction that adds it to the revision).
 */
export const loadUnderWay = (job: Pick<IngestJobTable, 'state' | 'updated_at'> | undefined) => !!job && job.state !== 'failed' && Date.now() - Date.parse(job.updated_at) < STALE_LOAD_MS;
const isRunning = loadUnderWay;

/** Loads of the dataset with their job (state, progress, error). */
async function loadsWithJobs(db: DbOrTrx, datasetId: string) {
  const loads = await db.selectFrom('staged_loads').selectAll().where('dataset_id', '=', datasetId).orderBy('created_at').execute();
  const jobs = loads.length ? await db.selectFrom('ingest_jobs').selectAll().where('id', 'in', loads.map((l) => l.id)).execute() : [];
  return loads.map((l) => ({ ...l, job: jobs.find((j) => j.id === l.id) }));
}

/** Loads that have not finished yet (submitting waits for them). */
export async function runningLoads(db: DbOrTrx, datasetId: string): Promise<number> {
  return (await loadsWithJobs(db, datasetId)).filter((l) => isRunning(l.job)).length;
}

/**
 * Drops what will not be published: the revision's hidden rows (when the dataset is withdrawn) and
 * every load. A load still running only loses its staged_loads row; it discards its own result.
 */
export async function discardLeftovers(db: Db, datasetId: string, revision: RevisionData | null): Promise<void> {
  const ids = [...(revision?.pendingData ?? []).map((p) => p.pendingId), ...(revision?.newResources ?? []).map((n) => n.resourceId)];
  for (const l of await loadsWithJobs(db, datasetId)) {
    if (isRunning(l.job)) await db.deleteFrom('staged_loads').where('id', '=', l.id).execute();
    else ids.push(l.pending_id);
  }
  for (const id of ids) await discardPending(db, id);
}

/** The same choices as an upload to a draft (web uploads load in the background; API and CLI wait). */
export type StageUploadOptions = UploadOptions;

export interface StageResult {
  /** The hidden row the file loads into (for a new resource: its id, kept once published). */
  pendingId: string;
  jobId: string;
  /** Null while a background load runs. */
  report: QualityReport | null;
}

/**
 * Loads a file for the next version: new data for the live resource `target`, or (target null) a
 * new resource. A newer file for the same resource supersedes an unfinished one.
 */
async function stageUpload(storage: Storage, user: CurrentUser | null, d: DatasetRow, target: ResourceTable | null, upload: StoredUpload, format: SourceFormat, options: StageUploadOptions): Promise<StageResult> {
  const { db } = storage;
  const pendingId = newId();
  const jobId = newId();
  const now = nowIso();
  const superseded: string[] = [];
  await db.transaction().execute(async (trx) => {
    if (target) {
      for (const l of await loadsWithJobs(trx, d.id)) {
        if (l.resource_id !== target.id) continue;
        await trx.deleteFrom('staged_loads').where('id', '=', l.id).execute();
        if (!isRunning(l.job)) superseded.push(l.pending_id);
      }
    }
    const position = target ? { n: target.position } : await trx.selectFrom('resources').select((eb) => eb.fn.countAll<number>().as('n')).where('dataset_id', '=', d.id).executeTakeFirstOrThrow();
    await trx.insertInto('resources').values({
      id: pendingId, dataset_id: d.id, name: target?.name ?? (options.name || upload.fileName), description: target?.description ?? options.description ?? '', format: format.toUpperCase(), url_type: 'upload', url: '',
      mimetype: MIME[format], size: upload.size, hash: upload.hash, position: Number(position.n), state: 'pending', created_at: now, last_modified: null, metadata_modified: now, datastore_active: 0,
      original_file: upload.relative, sheet: options.sheet || null,
    }).execute();
    await trx.insertInto('ingest_jobs').values({ id: jobId, resource_id: pendingId, state: 'queued', progress: 0, rows_loaded: 0, error_code: null, error_json: null, created_at: now, updated_at: now }).execute();
    await trx.insertInto('staged_loads').values({ id: jobId, dataset_id: d.id, pending_id: pendingId, resource_id: target?.id ?? null, file_name: upload.fileName, created_by: user?.id ?? null, created_at: now }).execute();
    await recordAudit(trx, actor(user), { action: 'resource.stage_upload', entityType: 'resource', entityId: target?.id ?? pendingId, after: { dataset: d.name, file: upload.fileName, size: upload.size, newResource: !target, background: !!options.background } });
  });
  for (const id of superseded) await discardPending(db, id);

  const run = async (): Promise<QualityReport> => {
    let report: QualityReport;
    try {
      report = await runIngestJob(storage, { jobId, resourceId: pendingId, datasetId: d.id, file: upload.file, format, sheet: options.sheet || undefined, wilayahColumn: options.wilayahColumn || undefined, onProgress: options.onProgress });
    } catch (error) {
      const code = error instanceof AppError ? error.code : 'INGEST_FAILED';
      // A background failure stays on the page (the job row holds the error) until replaced or dismissed.
      if (options.background && (await db.selectFrom('staged_loads').select('id').where('id', '=', jobId).executeTakeFirst())) {
        await db.transaction().execute((trx) => recordAudit(trx, actor(user), { action: 'resource.stage_failed', entityType: 'resource', entityId: target?.id ?? pendingId, after: { dataset: d.name, file: upload.fileName, error: code } }));
      } else {
        await discardPending(db, pendingId);
      }
      throw error;
    }
    let keep = false;
    let replaced: string | undefined;
    await db.transaction().execute(async (trx) => {
      const load = await trx.selectFrom('staged_loads').select('id').where('id', '=', jobId).executeTakeFirst();
      const current = await repo.findDatasetById(trx, d.id);
      if (!load || !current || !canStage(current)) return;
      keep = true;
      await trx.deleteFrom('staged_loads').where('id', '=', jobId).execute();
      const revision = await revisionOf(trx, current);
      if (target) {
        replaced = revision.pendingData?.find((p) => p.resourceId === target.id)?.pendingId;
        revision.pendingData = [...(revision.pendingData ?? []).filter((p) => p.resourceId !== target.id), { resourceId: target.id, pendingId, fileName: upload.fileName }];
      } else {
        const row = await trx.selectFrom('resources').select('name').where('id', '=', pendingId).executeTakeFirstOrThrow();
        revision.newResources = [...(revision.newResources ?? []), { resourceId: pendingId, kind: 'upload', name: row.name, fileName: upload.fileName, url: null }];
      }
      const revisionState = await saveRevision(trx, current, revision);
      await recordAudit(trx, actor(user), { action: target ? 'resource.stage' : 'resource.stage_create', entityType: 'resource', entityId: target?.id ?? pendingId, after: { dataset: d.name, file: upload.fileName, size: upload.size, rows: report.rowsLoaded, revisionState } });
    });
    if (!keep) {
      // Superseded by a newer file, discarded, or the revision went to the walidata meanwhile.
      await discardPending(db, pendingId);
      return report;
    }
    if (replaced) await discardPending(db, replaced);
    return report;
  };
  if (options.background) {
    void run().catch(() => undefined);
    return { pendingId, jobId, report: null };
  }
  return { pendingId, jobId, report: await run() };
}

async function stagingDataset(storage: Storage, user: CurrentUser | null, datasetName: string, upload?: StoredUpload): Promise<{ d: DatasetRow; format: SourceFormat | null }> {
  try {
    const d = await getDataset(storage.db, user, datasetName);
    requireProducer(user, d.organization_id);
    requireStaging(d);
    const format = upload ? formatFromName(upload.fileName) : null;
    if (upload && !format) throw new AppError('INGEST_UNSUPPORTED_FORMAT', 415, { fileName: upload.fileName });
    return { d, format };
  } catch (error) {
    if (upload) fs.rmSync(upload.file, { force: true });
    throw error;
  }
}

/** Loads new data for a resource of a published dataset, to be published with the next version. */
export async function stagePendingData(storage: Storage, user: CurrentUser | null, datasetName: string, resourceId: string, upload: StoredUpload, options: StageUploadOptions): Promise<StageResult> {
  const { d, format } = await stagingDataset(storage, user, datasetName, upload);
  const live = await storage.db.selectFrom('resources').selectAll().where('id', '=', resourceId).where('dataset_id', '=', d.id).where('state', '=', 'active').where('url_type', '=', 'upload').executeTakeFirst();
  const removal = live && parseRevision(d)?.removals?.some((r) => r.resourceId === live.id);
  if (!live || removal) {
    fs.rmSync(upload.file, { force: true });
    if (removal) throw new AppError('RESOURCE_REMOVAL_STAGED', 409);
    throw new AppError('RESOURCE_NOT_FOUND', 404);
  }
  return stageUpload(storage, user, d, live, upload, format!, options);
}

/** Loads a file as a new resource of a published dataset, published with the next version. */
export async function stageNewUpload(storage: Storage, user: CurrentUser | null, datasetName: string, upload: StoredUpload, options: StageUploadOptions): Promise<StageResult> {
  const { d, format } = await stagingDataset(storage, user, datasetName, upload);
  return stageUpload(storage, user, d, null, upload, format!, options);
}

/** Registers a link as a new resource of a published dataset, published with the next version. */
export async function stageLink(storage: Storage, user: CurrentUser | null, datasetName: string, input: { name: string; url: string; format: string; description: string }): Promise<ResourceTable> {
  const { db } = storage;
  const { d } = await stagingDataset(storage, user, datasetName);
  const id = newId();
  const now = nowIso();
  await db.transaction().execute(async (trx) => {
    const current = (await repo.findDatasetById(trx, d.id))!;
    requireStaging(current);
    const position = await trx.selectFrom('resources').select((eb) => eb.fn.countAll<number>().as('n')).where('dataset_id', '=', d.id).executeTakeFirstOrThrow();
    await trx.insertInto('resources').values({
      id, dataset_id: d.id, name: input.name, description: input.description, format: input.format.toUpperCase(), url_type: '', url: input.url, mimetype: null, size: null, hash: null,
      position: Number(position.n), state: 'pending', created_at: now, last_modified: null, metadata_modified: now, datastore_active: 0, original_file: null, sheet: null,
    }).execute();
    const revision = await revisionOf(trx, current);
    revision.newResources = [...(revision.newResources ?? []), { resourceId: id, kind: 'link', name: input.name, fileName: null, url: input.url }];
    const revisionState = await saveRevision(trx, current, revision);
    await recordAudit(trx, actor(user), { action: 'resource.stage_link', entityType: 'resource', entityId: id, after: { dataset: d.name, name: input.name, url: input.url, revisionState } });
  });
  return db.selectFrom('resources').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

/**
 * Marks a live resource of a published dataset for removal with the next version (new data staged
 * for it is dropped). Removing a staged new resource discards it instead.
 */
export async function stageRemoval(storage: Storage, user: CurrentUser | null, datasetName: string, resourceId: string): Promise<'staged' | 'discarded'> {
  const { db } = storage;
  const { d } = await stagingDataset(storage, user, datasetName);
  if (parseRevision(d)?.newResources?.some((n) => n.resourceId === resourceId)) {
    await discardStagedChange(storage, user, datasetName, resourceId);
    return 'discarded';
  }
  const live = await db.selectFrom('resources').selectAll().where('id', '=', resourceId).where('dataset_id', '=', d.id).where('state', '=', 'active').executeTakeFirst();
  if (!live) throw new AppError('RESOURCE_NOT_FOUND', 404);
  const dropped: string[] = [];
  await db.transaction().execute(async (trx) => {
    const current = (await repo.findDatasetById(trx, d.id))!;
    requireStaging(current);
    const revision = await revisionOf(trx, current);
    dropped.push(...(revision.pendingData ?? []).filter((p) => p.resourceId === live.id).map((p) => p.pendingId));
    revision.pendingData = (revision.pendingData ?? []).filter((p) => p.resourceId !== live.id);
    if (!revision.removals?.some((r) => r.resourceId === live.id)) revision.removals = [...(revision.removals ?? []), { resourceId: live.id, name: live.name }];
    for (const l of await loadsWithJobs(trx, d.id)) {
      if (l.resource_id !== live.id) continue;
      await trx.deleteFrom('staged_loads').where('id', '=', l.id).execute();
      if (!isRunning(l.job)) dropped.push(l.pending_id);
    }
    const revisionState = await saveRevision(trx, current, revision);
    await recordAudit(trx, actor(user), { action: 'resource.stage_delete', entityType: 'resource', entityId: live.id, before: { dataset: d.name, name: live.name }, after: { revisionState } });
  });
  for (const id of dropped) await discardPending(db, id);
  return 'staged';
}

/**
 * The producer takes back one staged change before submitting: `id` is a new resource's id, the
 * live resource with new data or a removal, or a load (its job id) that failed or is still running.
 */
export async function discardStagedChange(storage: Storage, user: CurrentUser | null, datasetName: string, id: string): Promise<void> {
  const { db } = storage;
  const { d } = await stagingDataset(storage, user, datasetName);
  const dropped: string[] = [];
  await db.transaction().execute(async (trx) => {
    const current = (await repo.findDatasetById(trx, d.id))!;
    requireStaging(current);
    const revision = parseRevision(current);
    let kind: string | null = null;
    if (revision?.newResources?.some((n) => n.resourceId === id)) {
      kind = 'new';
      revision.newResources = revision.newResources.filter((n) => n.resourceId !== id);
      dropped.push(id);
    } else if (revision?.pendingData?.some((p) => p.resourceId === id)) {
      kind = 'data';
      dropped.push(...revision.pendingData.filter((p) => p.resourceId === id).map((p) => p.pendingId));
      revision.pendingData = revision.pendingData.filter((p) => p.resourceId !== id);
    } else if (revision?.removals?.some((r) => r.resourceId === id)) {
      kind = 'removal';
      revision.removals = revision.removals.filter((r) => r.resourceId !== id);
    } else {
      const load = (await loadsWithJobs(trx, d.id)).find((l) => l.id === id || l.pending_id === id);
      if (!load) throw new AppError('STAGED_CHANGE_NOT_FOUND', 404);
      kind = 'load';
      await trx.deleteFrom('staged_loads').where('id', '=', load.id).execute();
      if (!isRunning(load.job)) dropped.push(load.pending_id);
    }
    if (revision && kind !== 'load') await saveRevision(trx, current, revision);
    await recordAudit(trx, actor(user), { action: 'resource.unstage', entityType: 'resource', entityId: id, after: { dataset: d.name, kind } });
  });
  for (const p of dropped) await discardPending(db, p);
}

/** Pending data of a revision with its quality report (for the walidata's check and the producer). */
export async function pendingDataOf(db: DbOrTrx, d: DatasetRow): Promise<Array<PendingData & { name: string; rows: number; quality: QualityReport | null }>> {
  const pending = parseRevision(d)?.pendingData ?? [];
  if (!pending.length) return [];
  const stores = await repo.datastoreOf(db, pending.map((p) => p.pendingId));
  const names = await db.selectFrom('resources').select(['id', 'name']).where('id', 'in', pending.map((p) => p.resourceId)).execute();
  return pending.map((p) => {
    const s = stores.find((x) => x.resource_id === p.pendingId);
    return { ...p, name: names.find((n) => n.id === p.resourceId)?.name ?? p.fileName, rows: s ? Number(s.row_count) : 0, quality: parseQuality(s?.quality_json) };
  });
}

export interface StagedLoadView {
  id: string;
  pendingId: string;
  /** The live resource it is new data for (null: a new resource). */
  resourceId: string | null;
  resourceName: string | null;
  fileName: string;
  job: IngestJobTable | undefined;
}

export interface StagedChanges {
  pendingData: Awaited<ReturnType<typeof pendingDataOf>>;
  newResources: Array<StagedResource & { format: string; rows: number | null; quality: QualityReport | null }>;
  removals: StagedRemoval[];
  loads: StagedLoadView[];
}

/** Everything staged for the next version of a published dataset, for the producer's page and the walidata's check. */
export async function stagedChangesOf(db: DbOrTrx, dataset: DatasetRow): Promise<StagedChanges> {
  // Loads first, then the revision as it is now: a finished load leaves the one and joins the other in one transaction.
  const loads = await loadsWithJobs(db, dataset.id);
  const d = (await repo.findDatasetById(db, dataset.id)) ?? dataset;
  const revision = d.state === 'published' ? parseRevision(d) : null;
  const added = revision?.newResources ?? [];
  const [pendingData, rows, stores] = await Promise.all([
    d.state === 'published' ? pendingDataOf(db, d) : Promise.resolve([]),
    added.length ? db.selectFrom('resources').select(['id', 'format']).where('id', 'in', added.map((n) => n.resourceId)).execute() : Promise.resolve([]),
    repo.datastoreOf(db, added.map((n) => n.resourceId)),
  ]);
  const targets = loads.some((l) => l.resource_id) ? await db.selectFrom('resources').select(['id', 'name']).where('id', 'in', loads.flatMap((l) => (l.resource_id ? [l.resource_id] : []))).execute() : [];
  return {
    pendingData,
    newResources: added.map((n) => {
      const s = stores.find((x) => x.resource_id === n.resourceId);
      return { ...n, format: rows.find((r) => r.id === n.resourceId)?.format ?? '', rows: s ? Number(s.row_count) : null, quality: parseQuality(s?.quality_json) };
    }),
    removals: revision?.removals ?? [],
    loads: loads.map((l) => ({ id: l.id, pendingId: l.pending_id, resourceId: l.resource_id, resourceName: targets.find((t) => t.id === l.resource_id)?.name ?? null, fileName: l.file_name, job: l.job })),
  };
}

export const hasStagedChanges = (c: StagedChanges) => c.pendingData.length + c.newResources.length + c.removals.length + c.loads.length > 0;

/** On approval (inside its transaction): the pending tables replace the live ones, which are dropped. */
export async function swapInPendingData(trx: DbOrTrx, pending: PendingData[], now: string): Promise<void> {
  for (const p of pending) {
    const shadow = await trx.selectFrom('datastore_tables').selectAll().where('resource_id', '=', p.pendingId).executeTakeFirst();
    const source = await trx.selectFrom('resources').selectAll().where('id', '=', p.pendingId).executeTakeFirst();
    if (!shadow || !source) continue;
    const old = await trx.selectFrom('datastore_tables').select('table_name').where('resource_id', '=', p.resourceId).executeTakeFirst();
    const row = { table_name: shadow.table_name, fields_json: shadow.fields_json, row_count: shadow.row_count, wilayah_column: shadow.wilayah_column, quality_json: shadow.quality_json, created_at: now };
    await trx.deleteFrom('datastore_tables').where('resource_id', '=', p.pendingId).execute();
    if (old) await trx.updateTable('datastore_tables').set(row).where('resource_id', '=', p.resourceId).execute();
    else await trx.insertInto('datastore_tables').values({ resource_id: p.resourceId, ...row }).execute();
    await trx.updateTable('resources').set({ format: source.format, mimetype: source.mimetype, size: source.size, hash: source.hash, original_file: source.original_file, sheet: source.sheet, datastore_active: 1, last_modified: now, metadata_modified: now }).where('id', '=', p.resourceId).execute();
    await trx.deleteFrom('ingest_jobs').where('resource_id', '=', p.pendingId).execute();
    await trx.deleteFrom('resources').where('id', '=', p.pendingId).execute();
    if (old) await trx.schema.dropTable(old.table_name).ifExists().execute();
  }
}

/**
 * On approval (inside its transaction, before the version snapshot): staged new resources become
 * active with the tables they already have; removed ones become 'deleted' and lose their datastore
 * table (the original file stays, for earlier versions).
 */
export async function applyStagedResources(trx: DbOrTrx, user: CurrentUser | null, d: DatasetRow, revision: RevisionData, now: string): Promise<void> {
  const version = d.version + 1;
  for (const n of revision.newResources ?? []) {
    const done = await trx.updateTable('resources').set({ state: 'active', last_modified: now, metadata_modified: now }).where('id', '=', n.resourceId).where('state', '=', 'pending').executeTakeFirst();
    if (Number(done.numUpdatedRows) === 0) continue;
    await recordAudit(trx, actor(user), { action: n.kind === 'link' ? 'resource.link' : 'resource.create', entityType: 'resource', entityId: n.resourceId, after: { dataset: d.name, name: n.name, file: n.fileName, url: n.url, version, staged: true } });
  }
  for (const r of revision.removals ?? []) {
    const store = await trx.selectFrom('datastore_tables').select('table_name').where('resource_id', '=', r.resourceId).executeTakeFirst();
    await trx.deleteFrom('datastore_tables').where('resource_id', '=', r.resourceId).execute();
    const done = await trx.updateTable('resources').set({ state: 'deleted', datastore_active: 0, metadata_modified: now }).where('id', '=', r.resourceId).where('dataset_id', '=', d.id).where('state', '=', 'active').executeTakeFirst();
    if (store) await trx.schema.dropTable(store.table_name).ifExists().execute();
    if (Number(done.numUpdatedRows) === 0) continue;
    await recordAudit(trx, actor(user), { action: 'resource.delete', entityType: 'resource', entityId: r.resourceId, before: { dataset: d.name, name: r.name }, after: { version, staged: true } });
  }
}
