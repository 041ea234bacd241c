import type { DbOrTrx, Storage } from '../../../storage/database.js';
import { AppError } from '../../../errors.js';
import { nowIso } from '../../../ids.js';
import { indexRowIdsOf } from '../../datastore/datastore.indexes.js';
import { ingestIntoDatastore, type IngestRequest } from '../../datastore/datastore-load.js';
import type { QualityReport } from '../../datastore/quality-report.js';
import { jobQueueOf } from '../../../jobs/queue-registry.js';
import { crashPoint } from '../../../jobs/crash-point.js';

/** The queue's name of a load run by the process that took the file (web, API, CLI); see load-sweep.ts. */
export const INGEST_JOB = 'ingest.load';

/** What a draft's resource and a change staged for a published dataset share: the upload choices, a link's row, the tracked ingest job. */

export interface UploadOptions {
  name?: string;
  description?: string;
  sheet?: string;
  wilayahColumn?: string;
  /** Web uploads load in the background (the page shows progress); API and CLI wait. */
  background?: boolean;
  onProgress?: (fraction: number) => void;
}

interface JobRun extends IngestRequest {
  jobId: string;
}

/** The row of a linked resource (no file, no datastore); 'pending' when staged for a published dataset's next version. */
export function linkResourceRow(
  datasetId: string,
  id: string,
  input: { name: string; url: string; format: string; description: string },
  position: number,
  state: 'active' | 'pending',
  now: string,
) {
  return {
    id,
    dataset_id: datasetId,
    name: input.name,
    description: input.description,
    format: input.format.toUpperCase(),
    url_type: '',
    url: input.url,
    mimetype: null,
    size: null,
    hash: null,
    position,
    state,
    created_at: now,
    last_modified: null,
    metadata_modified: now,
    datastore_active: 0,
    original_file: null,
    sheet: null,
  };
}

/**
 * The queued job row of one load of a resource's file, and its lease in the job queue (same id),
 * held from this commit by this process; `runIngestJob` then runs it with a heartbeat. If the
 * process dies, the lapsed lease is reaped and the load marked failed (load-sweep.ts).
 */
export async function queueIngestJob(trx: DbOrTrx, job: { id: string; resourceId: string; at: string }): Promise<void> {
  await jobQueueOf(trx).claimHere(INGEST_JOB, { resourceId: job.resourceId }, { id: job.id, trx });
  await trx
    .insertInto('ingest_jobs')
    .values({
      id: job.id,
      resource_id: job.resourceId,
      state: 'queued',
      progress: 0,
      rows_loaded: 0,
      error_code: null,
      error_json: null,
      created_at: job.at,
      updated_at: job.at,
    })
    .execute();
}

/** Runs one ingest and keeps its job row (state, progress, error) current for the resource page. */
export function runIngestJob(storage: Storage, job: JobRun): Promise<QualityReport> {
  return jobQueueOf(storage.db).runClaimed(job.jobId, () => runLoad(storage, job));
}

/** The load itself, inside a job the caller holds. */
export async function runLoad(storage: Storage, job: JobRun): Promise<QualityReport> {
  const { db } = storage;
  const set = (values: Record<string, unknown>) =>
    db
      .updateTable('ingest_jobs')
      .set({ ...values, updated_at: nowIso() })
      .where('id', '=', job.jobId)
      .execute();
  await set({ state: 'running' });
  crashPoint('ingest:before-load');
  let lastReported = 0;
  let started = false;
  try {
    const report = await ingestIntoDatastore(storage, {
      resourceId: job.resourceId,
      datasetId: job.datasetId,
      file: job.file,
      format: job.format,
      sheet: job.sheet,
      wilayahColumn: job.wilayahColumn,
      onProgress: (f) => {
        if (!started) crashPoint('ingest:mid-load');
        started = true;
        job.onProgress?.(f);
        if (f - lastReported >= 0.05) {
          lastReported = f;
          void db
            .updateTable('ingest_jobs')
            .set({ progress: f, updated_at: nowIso() })
            .where('id', '=', job.jobId)
            .where('state', '=', 'running')
            .execute()
            .catch(() => undefined);
        }
      },
    });
    await set({ state: 'done', progress: 1, rows_loaded: report.rowsLoaded });
    // The data is live (and the job done); now the `_id` index, which paging needs. If this
    // fails, the first search or download of the table builds it.
    await indexRowIdsOf(db, job.resourceId).catch(() => undefined);
    return report;
  } catch (error) {
    const e = error instanceof AppError ? error : new AppError('INGEST_FAILED', 500);
    await set({
      state: 'failed',
      error_code: e.code,
      error_json: JSON.stringify({ details: e.details ?? {}, params: e.params }),
    });
    throw e;
  }
}
