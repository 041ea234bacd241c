import type { Storage, DbOrTrx } from '../../../storage/database.js';
import { type CurrentUser, actorOf } from '../../../actor/actor.js';
import { AppError } from '../../../errors.js';
import { newId, nowIso } from '../../../ids.js';
import { recordAudit } from '../../audit/audit.service.js';
import { formatFromName, type SourceFormat } from '../../ingest/row-sources.js';
import type { DatasetRow } from '../dataset.repository.js';
import { requireProducer, canStage } from '../dataset.policy.js';
import { linkResourceRow, queueIngestJob, runIngestJob, type UploadOptions } from './resource-load.js';
import { MIME, precheckUpload, type StoredUpload } from '../../ingest/stored-upload.js';
import type { QualityReport } from '../../datastore/quality-report.js';
import type { ResourceTable } from './resource.table.js';
import { parseRevision, saveRevision, type RevisionData, REVISION_COLUMNS } from '../revision.js';
import { swapInPendingData } from './staged-approval.js';
import { deleteUnreferencedOriginals, originalsOf } from '../original-files.js';
import { discardPending, dropLoads, dropLoadsFor } from './staged-discard.js';
import { loadsWithJobs } from './staged-changes.js';
import * as repo from '../dataset.repository.js';

/**
 * Changes to the resources of a published dataset wait in its revision until the walidata approves
 * it; the public keeps seeing the live resources meanwhile.
 *
 * - New data for a live resource is loaded into a hidden resource row (state 'pending') with its
 *   own datastore table; approval swaps that table in (`pendingData`).
 * - A new uploaded or linked resource is a hidden row (state 'pending') too; approval makes it
 *   active with the table it already has (`newResources`). A newer file for a staged new upload
 *   loads into another hidden row that replaces its table and file as soon as it is loaded.
 * - A resource to remove stays live until approval marks it 'deleted' (`removals`).
 *
 * Files are loaded before they join the revision (a `staged_loads` row plus its ingest_jobs row
 * track the load); a failed load leaves the revision as it was. The stored original of a hidden
 * row that will not be published is deleted with it, unless something else still refers to it.
 */

/** The revision to extend: the pending one, or a copy of the live metadata. */
async function revisionOf(db: DbOrTrx, d: DatasetRow): Promise<RevisionData> {
  const existing = parseRevision(d);
  if (existing) return existing;
  const columns = Object.fromEntries(REVISION_COLUMNS.map((k) => [k, d[k]])) as unknown as RevisionData['columns'];
  const groups = await db.selectFrom('dataset_groups').select('group_id').where('dataset_id', '=', d.id).execute();
  return { columns, tags: await repo.tagsOf(db, d.id), groupIds: groups.map((g) => g.group_id) };
}

function requireStaging(d: DatasetRow): void {
  if (!canStage(d))
    throw new AppError(
      'DATASET_WRONG_STATE',
      409,
      { state: d.revision_state ?? d.state },
      { state: d.revision_state ?? d.state },
    );
}

/** The same choices as an upload to a draft (web uploads load in the background; API and CLI wait). */
export type StageUploadOptions = UploadOptions;

export interface StageResult {
  /** The hidden row the file loads into (for a new resource: its id, kept once published). */
  pendingId: string;
  /** The resource whose page shows the load: the one given new data, or the new resource. */
  resourceId: string;
  jobId: string;
  /** Null while a background load runs. */
  report: QualityReport | null;
}

interface FinishedLoad {
  jobId: string;
  pendingId: string;
  fileName: string;
  size: number;
  rows: number;
}

/** What to clean up after a load joined the revision: hidden rows it replaced, and original files no longer used. */
interface JoinOutcome {
  discard: string[];
  files: string[];
}

/**
 * Adds a finished load to the revision, in the transaction that removes its staged_loads row: new
 * data for a live resource, a new resource, or a newer file for a staged new resource (swapped in
 * right away: that resource is not public yet). Null when the load no longer belongs (superseded,
 * discarded, or the revision went to the walidata meanwhile).
 */
async function joinRevision(
  trx: DbOrTrx,
  user: CurrentUser | null,
  d: DatasetRow,
  target: ResourceTable | null,
  load: FinishedLoad,
): Promise<JoinOutcome | null> {
  const waiting = await trx.selectFrom('staged_loads').select('id').where('id', '=', load.jobId).executeTakeFirst();
  const current = await repo.findDatasetById(trx, d.id);
  if (!waiting || !current || !canStage(current)) return null;
  const revision = await revisionOf(trx, current);
  const replacing =
    target?.state === 'pending' ? revision.newResources?.find((n) => n.resourceId === target.id) : undefined;
  if (target?.state === 'pending' && !replacing) return null;
  await trx.deleteFrom('staged_loads').where('id', '=', load.jobId).execute();
  const outcome: JoinOutcome = { discard: [], files: [] };
  let action = 'resource.stage_create';
  if (target && replacing) {
    action = 'resource.stage_replace';
    outcome.files = await originalsOf(trx, [target.id]);
    // The load's job becomes the resource's latest, so its page reports the new file.
    await trx.updateTable('ingest_jobs').set({ resource_id: target.id }).where('id', '=', load.jobId).execute();
    await swapInPendingData(
      trx,
      [{ resourceId: target.id, pendingId: load.pendingId, fileName: load.fileName }],
      nowIso(),
    );
    revision.newResources = revision.newResources!.map((n) =>
      n === replacing ? { ...n, fileName: load.fileName } : n,
    );
  } else if (target) {
    action = 'resource.stage';
    outcome.discard = (revision.pendingData ?? []).filter((p) => p.resourceId === target.id).map((p) => p.pendingId);
    revision.pendingData = [
      ...(revision.pendingData ?? []).filter((p) => p.resourceId !== target.id),
      { resourceId: target.id, pendingId: load.pendingId, fileName: load.fileName },
    ];
  } else {
    const row = await trx
      .selectFrom('resources')
      .select('name')
      .where('id', '=', load.pendingId)
      .executeTakeFirstOrThrow();
    revision.newResources = [
      ...(revision.newResources ?? []),
      { resourceId: load.pendingId, kind: 'upload', name: row.name, fileName: load.fileName, url: null },
    ];
  }
  const revisionState = await saveRevision(trx, current, revision);
  await recordAudit(trx, actorOf(user, 'system'), {
    action,
    entityType: 'resource',
    entityId: target?.id ?? load.pendingId,
    ...(replacing ? { before: { file: replacing.fileName } } : {}),
    after: { dataset: d.name, file: load.fileName, size: load.size, rows: load.rows, revisionState },
  });
  return outcome;
}

/**
 * Loads a file for the next version: new data for the live resource `target`, a newer file for the
 * staged new resource `target` (state 'pending'), or (target null) a new resource. A newer file for
 * the same resource supersedes an unfinished one.
 */
async function stageUpload(
  storage: Storage,
  user: CurrentUser | null,
  d: DatasetRow,
  target: ResourceTable | null,
  upload: StoredUpload,
  format: SourceFormat,
  options: StageUploadOptions,
): Promise<StageResult> {
  const { db } = storage;
  const pendingId = newId();
  const jobId = newId();
  const now = nowIso();
  const superseded: string[] = [];
  await db.transaction().execute(async (trx) => {
    if (target) superseded.push(...(await dropLoadsFor(trx, d.id, target.id)));
    const position = target ? target.position : await repo.nextResourcePosition(trx, d.id);
    await trx
      .insertInto('resources')
      .values({
        id: pendingId,
        dataset_id: d.id,
        name: target?.name ?? (options.name || upload.fileName),
        description: target?.description ?? options.description ?? '',
        format: format.toUpperCase(),
        url_type: 'upload',
        url: '',
        mimetype: MIME[format],
        size: upload.size,
        hash: upload.hash,
        position: Number(position),
        state: 'pending',
        created_at: now,
        last_modified: null,
        metadata_modified: now,
        datastore_active: 0,
        original_file: upload.relative,
        sheet: options.sheet || null,
      })
      .execute();
    await queueIngestJob(trx, { id: jobId, resourceId: pendingId, at: now });
    await trx
      .insertInto('staged_loads')
      .values({
        id: jobId,
        dataset_id: d.id,
        pending_id: pendingId,
        resource_id: target?.id ?? null,
        file_name: upload.fileName,
        created_by: user?.id ?? null,
        created_at: now,
      })
      .execute();
    await recordAudit(trx, actorOf(user, 'system'), {
      action: 'resource.stage_upload',
      entityType: 'resource',
      entityId: target?.id ?? pendingId,
      after: {
        dataset: d.name,
        file: upload.fileName,
        size: upload.size,
        newResource: !target,
        stagedResource: target?.state === 'pending',
        background: !!options.background,
      },
    });
  });
  for (const id of superseded) await discardPending(db, id);

  const run = async (): Promise<QualityReport> => {
    let report: QualityReport;
    try {
      report = await runIngestJob(storage, {
        jobId,
        resourceId: pendingId,
        datasetId: d.id,
        file: upload.file,
        format,
        sheet: options.sheet || undefined,
        wilayahColumn: options.wilayahColumn || undefined,
        onProgress: options.onProgress,
      }).finally(() => upload.release());
    } catch (error) {
      const code = error instanceof AppError ? error.code : 'INGEST_FAILED';
      // A background failure stays on the page (the job row holds the error) until replaced or dismissed.
      if (
        options.background &&
        (await db.selectFrom('staged_loads').select('id').where('id', '=', jobId).executeTakeFirst())
      ) {
        await db.transaction().execute((trx) =>
          recordAudit(trx, actorOf(user, 'system'), {
            action: 'resource.stage_failed',
            entityType: 'resource',
            entityId: target?.id ?? pendingId,
            after: { dataset: d.name, file: upload.fileName, error: code },
          }),
        );
      } else {
        await discardPending(db, pendingId);
      }
      throw error;
    }
    const finished = { jobId, pendingId, fileName: upload.fileName, size: upload.size, rows: report.rowsLoaded };
    const outcome = await db.transaction().execute((trx) => joinRevision(trx, user, d, target, finished));
    if (!outcome) {
      await discardPending(db, pendingId);
      return report;
    }
    for (const id of outcome.discard) await discardPending(db, id);
    await deleteUnreferencedOriginals(db, outcome.files);
    return report;
  };
  if (options.background) {
    void run().catch(() => undefined);
    return { pendingId, resourceId: target?.id ?? pendingId, jobId, report: null };
  }
  return { pendingId, resourceId: target?.id ?? pendingId, jobId, report: await run() };
}

/**
 * The published dataset a producer stages a change for (the row the caller read, as the user may
 * see it: not looked up again), and the upload's format. An upload that
 * will load in the background (web forms) is read first, so an unreadable file (HTML, a bad
 * encoding, a zip bomb…) is refused at once, as for a draft; the API waits for the load anyway.
 */
async function stagingDataset(
  d: DatasetRow,
  user: CurrentUser | null,
  upload?: StoredUpload,
  options?: StageUploadOptions,
): Promise<{ d: DatasetRow; format: SourceFormat | null }> {
  try {
    requireProducer(user, d.organization_id);
    requireStaging(d);
    if (upload && options?.background) return { d, format: await precheckUpload(upload, options) };
    const format = upload ? formatFromName(upload.fileName) : null;
    if (upload && !format) throw new AppError('INGEST_UNSUPPORTED_FORMAT', 415, { fileName: upload.fileName });
    return { d, format };
  } catch (error) {
    if (upload) await upload.discard();
    throw error;
  }
}

/**
 * Loads new data for a resource of a published dataset, to be published with the next version: for
 * a live uploaded resource, or a newer file for an uploaded resource staged as new (it replaces
 * that resource's file and data once loaded, as for a draft's resource).
 */
export async function stagePendingData(
  storage: Storage,
  user: CurrentUser | null,
  dataset: DatasetRow,
  resourceId: string,
  upload: StoredUpload,
  options: StageUploadOptions,
): Promise<StageResult> {
  const { d, format } = await stagingDataset(dataset, user, upload, options);
  const revision = parseRevision(d);
  const target = await storage.db
    .selectFrom('resources')
    .selectAll()
    .where('id', '=', resourceId)
    .where('dataset_id', '=', d.id)
    .where('state', 'in', ['active', 'pending'])
    .where('url_type', '=', 'upload')
    .executeTakeFirst();
  // Hidden rows other than staged new resources (new data, loads not yet in the revision) are not addressable,
  // except the row of a new resource's upload that has not joined the revision (it failed, or still loads):
  // another file for it is that upload tried again.
  const known =
    target && (target.state === 'active' || revision?.newResources?.some((n) => n.resourceId === target.id));
  const removal = target && revision?.removals?.some((r) => r.resourceId === target.id);
  const newLoad =
    target && !known
      ? (await loadsWithJobs(storage.db, d.id)).find((l) => l.pending_id === target.id && l.resource_id === null)
      : undefined;
  if (target && newLoad) {
    const result = await stageUpload(storage, user, d, null, upload, format!, {
      ...options,
      name: target.name,
      description: target.description,
    });
    await discardStagedChange(storage, user, dataset, newLoad.id);
    return result;
  }
  if (!known || removal) {
    await upload.discard();
    if (removal) throw new AppError('RESOURCE_REMOVAL_STAGED', 409);
    throw new AppError('RESOURCE_NOT_FOUND', 404);
  }
  return stageUpload(storage, user, d, target, upload, format!, options);
}

/** Loads a file as a new resource of a published dataset, published with the next version. */
export async function stageNewUpload(
  storage: Storage,
  user: CurrentUser | null,
  dataset: DatasetRow,
  upload: StoredUpload,
  options: StageUploadOptions,
): Promise<StageResult> {
  const { d, format } = await stagingDataset(dataset, user, upload, options);
  return stageUpload(storage, user, d, null, upload, format!, options);
}

/** Registers a link as a new resource of a published dataset, published with the next version. */
export async function stageLink(
  storage: Storage,
  user: CurrentUser | null,
  dataset: DatasetRow,
  input: { name: string; url: string; format: string; description: string },
): Promise<ResourceTable> {
  const { db } = storage;
  const { d } = await stagingDataset(dataset, user);
  const id = newId();
  const now = nowIso();
  await db.transaction().execute(async (trx) => {
    const current = (await repo.findDatasetById(trx, d.id))!;
    requireStaging(current);
    await trx
      .insertInto('resources')
      .values(linkResourceRow(d.id, id, input, await repo.nextResourcePosition(trx, d.id), 'pending', now))
      .execute();
    const revision = await revisionOf(trx, current);
    revision.newResources = [
      ...(revision.newResources ?? []),
      { resourceId: id, kind: 'link', name: input.name, fileName: null, url: input.url },
    ];
    const revisionState = await saveRevision(trx, current, revision);
    await recordAudit(trx, actorOf(user, 'system'), {
      action: 'resource.stage_link',
      entityType: 'resource',
      entityId: id,
      after: { dataset: d.name, name: input.name, url: input.url, revisionState },
    });
  });
  return db.selectFrom('resources').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

/**
 * Marks a live resource of a published dataset for removal with the next version (new data staged
 * for it is dropped). Removing a staged new resource discards it instead.
 */
export async function stageRemoval(
  storage: Storage,
  user: CurrentUser | null,
  dataset: DatasetRow,
  resourceId: string,
): Promise<'staged' | 'discarded'> {
  const { db } = storage;
  const { d } = await stagingDataset(dataset, user);
  if (parseRevision(d)?.newResources?.some((n) => n.resourceId === resourceId)) {
    await discardStagedChange(storage, user, dataset, resourceId);
    return 'discarded';
  }
  const live = await db
    .selectFrom('resources')
    .selectAll()
    .where('id', '=', resourceId)
    .where('dataset_id', '=', d.id)
    .where('state', '=', 'active')
    .executeTakeFirst();
  if (!live) throw new AppError('RESOURCE_NOT_FOUND', 404);
  const dropped: string[] = [];
  await db.transaction().execute(async (trx) => {
    const current = (await repo.findDatasetById(trx, d.id))!;
    requireStaging(current);
    const revision = await revisionOf(trx, current);
    dropped.push(...(revision.pendingData ?? []).filter((p) => p.resourceId === live.id).map((p) => p.pendingId));
    revision.pendingData = (revision.pendingData ?? []).filter((p) => p.resourceId !== live.id);
    if (!revision.removals?.some((r) => r.resourceId === live.id))
      revision.removals = [...(revision.removals ?? []), { resourceId: live.id, name: live.name }];
    dropped.push(...(await dropLoadsFor(trx, d.id, live.id)));
    const revisionState = await saveRevision(trx, current, revision);
    await recordAudit(trx, actorOf(user, 'system'), {
      action: 'resource.stage_delete',
      entityType: 'resource',
      entityId: live.id,
      before: { dataset: d.name, name: live.name },
      after: { revisionState },
    });
  });
  for (const id of dropped) await discardPending(db, id);
  return 'staged';
}

/**
 * The producer takes back one staged change before submitting: `id` is a new resource's id, the
 * live resource with new data or a removal, or a load (its job id) that failed or is still running.
 * What is dropped loses its hidden row, table and (unless still referred to) original file.
 */
export async function discardStagedChange(
  storage: Storage,
  user: CurrentUser | null,
  dataset: DatasetRow,
  id: string,
): Promise<void> {
  const { db } = storage;
  const { d } = await stagingDataset(dataset, user);
  const dropped: string[] = [];
  await db.transaction().execute(async (trx) => {
    const current = (await repo.findDatasetById(trx, d.id))!;
    requireStaging(current);
    const revision = parseRevision(current);
    let kind: string | null = null;
    if (revision?.newResources?.some((n) => n.resourceId === id)) {
      kind = 'new';
      revision.newResources = revision.newResources.filter((n) => n.resourceId !== id);
      // With any newer file still loading or failed for it.
      dropped.push(id, ...(await dropLoadsFor(trx, d.id, id)));
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
      dropped.push(...(await dropLoads(trx, [load])));
    }
    if (revision && kind !== 'load') await saveRevision(trx, current, revision);
    await recordAudit(trx, actorOf(user, 'system'), {
      action: 'resource.unstage',
      entityType: 'resource',
      entityId: id,
      after: { dataset: d.name, kind },
    });
  });
  for (const p of dropped) await discardPending(db, p);
}
