import type { Db, Storage } from '../../../storage/database.js';
import type { CurrentUser } from '../../../actor/actor.js';
import { actorOf } from '../../../actor/actor.js';
import { AppError } from '../../../errors.js';
import { newId, nowIso } from '../../../ids.js';
import { recordAudit } from '../../audit/audit.service.js';
import { getDataset } from '../dataset.service.js';
import { findResourceOf, latestJobs } from '../dataset.repository.js';
import { EDITABLE_STATES, requireLoadRetrier } from '../dataset.policy.js';
import { dataFolderOf } from '../../../storage/database.js';
import { type LocalCopy, fileStoreOf } from '../../../files/file-store.js';
import { formatFromName } from '../../ingest/row-sources.js';
import type { QualityReport } from '../../datastore/quality-report.js';
import { queueIngestJob, runIngestJob, runLoad } from './resource-load.js';
import type { ResourceTable } from './resource.table.js';

/**
 * A failed load (an unreadable file, or its process killed: `INGEST_INTERRUPTED`) of a draft's
 * resource is run again from the stored original: from the resource page's "failed — retry"
 * button, `POST /api/v1/datasets/{name}/resources/{id}/retry`, and `terbuka jobs retry ID`.
 */

interface LoadSource {
  resource: ResourceTable;
  /** The original as a local file (a temporary copy from a database store): `release()` after the load. */
  copy: LocalCopy;
  format: NonNullable<ReturnType<typeof formatFromName>>;
}

async function loadSource(db: Db, resource: ResourceTable | undefined): Promise<LoadSource> {
  const dataDir = dataFolderOf(db);
  const format = resource?.original_file ? formatFromName(resource.original_file) : null;
  const copy =
    resource?.original_file && dataDir && format ? await fileStoreOf(dataDir).localCopy(resource.original_file) : null;
  if (!resource || resource.url_type !== 'upload' || !copy || !format) {
    await copy?.release();
    throw new AppError('RESOURCE_NOT_RETRIABLE', 409, { reason: 'no_original' });
  }
  return { resource, copy, format };
}

/** Whether the latest load of this resource failed, so the page offers a retry. */
export const loadFailed = (job: { state: string } | undefined): boolean => job?.state === 'failed';

export async function retryResourceLoad(
  storage: Storage,
  user: CurrentUser | null,
  datasetName: string,
  resourceId: string,
  options: { background?: boolean } = {},
): Promise<{ jobId: string; report: QualityReport | null }> {
  const { db } = storage;
  const d = await getDataset(db, user, datasetName);
  requireLoadRetrier(user, d);
  if (!EDITABLE_STATES.has(d.state))
    throw new AppError('DATASET_WRONG_STATE', 409, { state: d.state }, { state: d.state });
  const resource = await findResourceOf(db, d.id, resourceId);
  const [latest] = await latestJobs(db, [resourceId]);
  if (!loadFailed(latest)) throw new AppError('RESOURCE_NOT_RETRIABLE', 409, { reason: 'not_failed' });
  const source = await loadSource(db, resource);
  const jobId = newId();
  await db.transaction().execute(async (trx) => {
    await queueIngestJob(trx, { id: jobId, resourceId, at: nowIso() });
    await recordAudit(trx, actorOf(user, 'system'), {
      action: 'resource.retry_load',
      entityType: 'resource',
      entityId: resourceId,
      after: { dataset: d.name, failedJob: latest?.id ?? null },
    });
  });
  const run = () =>
    runIngestJob(storage, {
      jobId,
      resourceId,
      datasetId: d.id,
      file: source.copy.path,
      format: source.format,
      sheet: source.resource.sheet ?? undefined,
    }).finally(() => source.copy.release());
  if (options.background) {
    void run().catch(() => undefined);
    return { jobId, report: null };
  }
  return { jobId, report: await run() };
}

/**
 * The queue's handler of `ingest.load` when the job runs on a worker (after `terbuka jobs retry`):
 * the job's own ingest row loads the resource's original again.
 */
export async function runQueuedLoad(storage: Storage, jobId: string, resourceId: string): Promise<void> {
  const { db } = storage;
  const resource = await db.selectFrom('resources').selectAll().where('id', '=', resourceId).executeTakeFirst();
  const source = await loadSource(db, resource);
  const now = nowIso();
  const row = { state: 'queued' as const, progress: 0, error_code: null, error_json: null, updated_at: now };
  const updated = await db.updateTable('ingest_jobs').set(row).where('id', '=', jobId).executeTakeFirst();
  if (!Number(updated.numUpdatedRows))
    await db
      .insertInto('ingest_jobs')
      .values({ id: jobId, resource_id: resourceId, rows_loaded: 0, created_at: now, ...row })
      .execute();
  try {
    await runLoad(storage, {
      jobId,
      resourceId,
      datasetId: source.resource.dataset_id,
      file: source.copy.path,
      format: source.format,
      sheet: source.resource.sheet ?? undefined,
    });
  } finally {
    await source.copy.release();
  }
}
