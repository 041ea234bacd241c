import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import { Transform, type Readable } from 'node:stream';
import type { Storage } from '../../storage/database.js';
import type { Config } from '../../config/config.js';
import { type CurrentUser, actorOf } from '../../actor/actor.js';
import { AppError } from '../../errors.js';
import { newId, nowIso } from '../../ids.js';
import { recordAudit } from '../audit/audit.service.js';
import { reindexDataset } from '../catalog/catalog.index.js';
import { getDataset } from '../dataset/dataset.service.js';
import { nextResourcePosition } from '../dataset/dataset.repository.js';
import { requireProducer, EDITABLE_STATES } from '../dataset/dataset.policy.js';
import type { DatasetRow } from '../dataset/dataset.repository.js';
import { formatFromName, openRowSource, type SourceFormat } from './row-sources.js';
import { analyse } from './analyse.js';
import { indexRowIdsOf } from '../datastore/datastore.indexes.js';
import { dropDatastore, ingestIntoDatastore, type IngestRequest } from './datastore-load.js';
import type { QualityReport } from './quality.js';
import type { ResourceTable } from './ingest.table.js';
import { stageLink, stageNewUpload, stagePendingData, stageRemoval } from '../dataset/pending-data.service.js';

export interface StoredUpload {
  /** Absolute path of the stored original. */
  file: string;
  /** The same, relative to the data folder (what the resource row keeps). */
  relative: string;
  fileName: string;
  size: number;
  hash: string;
}

export const MIME: Record<SourceFormat, string> = {
  csv: 'text/csv',
  tsv: 'text/tab-separated-values',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  json: 'application/json',
};

const safeFileName = (name: string) => path.basename(name).replace(/[^A-Za-z0-9._-]+/g, '_').slice(-120) || 'berkas';

/** Streams an upload into the data folder, with its size (bounded by config.maxUploadBytes) and sha256. */
export async function storeUpload(config: Config, stream: Readable, fileName: string): Promise<StoredUpload> {
  const dir = path.join(config.dataDir, 'uploads', nowIso().slice(0, 7));
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${newId()}-${safeFileName(fileName)}`);
  const hash = createHash('sha256');
  let size = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      if (size > config.maxUploadBytes) return done(new AppError('INGEST_FILE_TOO_LARGE', 413, { maxBytes: config.maxUploadBytes }, { max: Math.round(config.maxUploadBytes / 1048576) }));
      hash.update(chunk);
      done(null, chunk);
    },
  });
  try {
    await pipeline(stream, meter, fs.createWriteStream(file));
    if ((stream as Readable & { truncated?: boolean }).truncated) throw new AppError('INGEST_FILE_TOO_LARGE', 413, { maxBytes: config.maxUploadBytes }, { max: Math.round(config.maxUploadBytes / 1048576) });
  } catch (error) {
    fs.rmSync(file, { force: true });
    throw error;
  }
  return { file, relative: path.relative(config.dataDir, file), fileName, size, hash: 'sha256:' + hash.digest('hex') };
}

/** Copies a local file (the CLI) into the data folder. */
export function storeLocalFile(config: Config, source: string): Promise<StoredUpload> {
  if (!fs.existsSync(source)) throw new AppError('INGEST_FILE_NOT_FOUND', 404, { file: source });
  return storeUpload(config, fs.createReadStream(source), path.basename(source));
}

export interface UploadOptions {
  name?: string;
  description?: string;
  sheet?: string;
  wilayahColumn?: string;
  /** Web uploads load in the background (the page shows progress); API and CLI wait. */
  background?: boolean;
  onProgress?: (fraction: number) => void;
}

async function editableDataset(storage: Storage, user: CurrentUser | null, datasetName: string): Promise<DatasetRow> {
  const d = await getDataset(storage.db, user, datasetName);
  requireProducer(user, d.organization_id);
  if (!EDITABLE_STATES.has(d.state)) throw new AppError('DATASET_WRONG_STATE', 409, { state: d.state }, { state: d.state });
  return d;
}

/**
 * A published dataset's resources change only with its next version: the change is staged in the
 * revision (dataset/pending-data.service.ts) and the live resources stay as they are.
 */
async function isPublished(storage: Storage, user: CurrentUser | null, datasetName: string): Promise<boolean> {
  const d = await getDataset(storage.db, user, datasetName);
  return d.state === 'published';
}

/** Fails fast (before anything is written) on files that cannot be read: encoding, HTML, zip bomb… */
export async function precheckUpload(upload: StoredUpload, options: Pick<UploadOptions, 'sheet' | 'wilayahColumn'>): Promise<SourceFormat> {
  const format = formatFromName(upload.fileName);
  if (!format) throw new AppError('INGEST_UNSUPPORTED_FORMAT', 415, { fileName: upload.fileName });
  await analyse(openRowSource(upload.file, format, { sheet: options.sheet || undefined }), { wilayahColumn: options.wilayahColumn || undefined });
  return format;
}

export interface UploadResult {
  resource: ResourceTable;
  jobId: string;
  report: QualityReport | null;
  /** The change waits in the revision of a published dataset (resource: the hidden new row, or the live one). */
  staged?: boolean;
}

/**
 * Adds an uploaded file as a new resource (resourceId undefined) or replaces the data of an
 * existing one. A failed load leaves the previous data, and for a new resource nothing at all.
 */
export async function uploadResource(storage: Storage, user: CurrentUser | null, datasetName: string, upload: StoredUpload, options: UploadOptions, resourceId?: string): Promise<UploadResult> {
  const { db } = storage;
  let format: SourceFormat;
  let d: DatasetRow;
  let published = false;
  try {
    const current = await getDataset(storage.db, user, datasetName);
    published = current.state === 'published';
    // Staging checks the file itself (stagingDataset).
    if (published) requireProducer(user, current.organization_id);
  } catch (error) {
    fs.rmSync(upload.file, { force: true });
    throw error;
  }
  if (published) {
    const staged = resourceId
      ? await stagePendingData(storage, user, datasetName, resourceId, upload, { sheet: options.sheet, wilayahColumn: options.wilayahColumn, background: options.background, onProgress: options.onProgress })
      : await stageNewUpload(storage, user, datasetName, upload, { name: options.name, description: options.description, sheet: options.sheet, wilayahColumn: options.wilayahColumn, background: options.background, onProgress: options.onProgress });
    const resource = await db.selectFrom('resources').selectAll().where('id', '=', staged.resourceId).executeTakeFirstOrThrow();
    return { resource, jobId: staged.jobId, report: staged.report, staged: true };
  }
  try {
    d = await editableDataset(storage, user, datasetName);
    format = await precheckUpload(upload, options);
  } catch (error) {
    fs.rmSync(upload.file, { force: true });
    throw error;
  }
  const now = nowIso();
  const existing = resourceId ? await db.selectFrom('resources').selectAll().where('id', '=', resourceId).where('dataset_id', '=', d.id).where('state', '!=', 'deleted').executeTakeFirst() : undefined;
  if (resourceId && !existing) throw new AppError('RESOURCE_NOT_FOUND', 404);
  const id = existing?.id ?? newId();
  const jobId = newId();
  const fields = {
    name: options.name || existing?.name || upload.fileName,
    description: options.description ?? existing?.description ?? '',
    format: format.toUpperCase(),
    url_type: 'upload',
    url: '',
    mimetype: MIME[format],
    size: upload.size,
    hash: upload.hash,
    original_file: upload.relative,
    sheet: options.sheet || null,
    metadata_modified: now,
  };
  await db.transaction().execute(async (trx) => {
    if (existing) {
      await trx.updateTable('resources').set(fields).where('id', '=', id).execute();
    } else {
      await trx.insertInto('resources').values({ id, dataset_id: d.id, ...fields, position: await nextResourcePosition(trx, d.id), state: 'active', created_at: now, last_modified: null, datastore_active: 0 }).execute();
    }
    await trx.insertInto('ingest_jobs').values({ id: jobId, resource_id: id, state: 'queued', progress: 0, rows_loaded: 0, error_code: null, error_json: null, created_at: now, updated_at: now }).execute();
    await recordAudit(trx, actorOf(user, 'system'), { action: existing ? 'resource.replace' : 'resource.create', entityType: 'resource', entityId: id, after: { dataset: d.name, name: fields.name, file: upload.fileName, size: upload.size } });
    await reindexDataset(trx, d.id);
  });
  const run = () => runIngestJob(storage, { jobId, resourceId: id, datasetId: d.id, file: upload.file, format, sheet: options.sheet || undefined, wilayahColumn: options.wilayahColumn || undefined, onProgress: options.onProgress });
  const resource = () => db.selectFrom('resources').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  if (options.background) {
    void run().catch(() => undefined);
    return { resource: await resource(), jobId, report: null };
  }
  try {
    const report = await run();
    return { resource: await resource(), jobId, report };
  } catch (error) {
    if (!existing) await db.deleteFrom('resources').where('id', '=', id).execute();
    throw error;
  }
}

export function originalPath(config: Pick<Config, 'dataDir'>, r: Pick<ResourceTable, 'original_file'>): string | null {
  if (!r.original_file) return null;
  const full = path.resolve(config.dataDir, r.original_file);
  return full.startsWith(path.resolve(config.dataDir) + path.sep) && fs.existsSync(full) ? full : null;
}

interface JobRun extends IngestRequest {
  jobId: string;
}

/** The row of a linked resource (no file, no datastore); 'pending' when staged for a published dataset's next version. */
export function linkResourceRow(datasetId: string, id: string, input: { name: string; url: string; format: string; description: string }, position: number, state: 'active' | 'pending', now: string) {
  return {
    id, dataset_id: datasetId, name: input.name, description: input.description, format: input.format.toUpperCase(), url_type: '', url: input.url, mimetype: null, size: null, hash: null,
    position, state, created_at: now, last_modified: null, metadata_modified: now, datastore_active: 0, original_file: null, sheet: null,
  };
}

/** Runs one ingest and keeps its job row (state, progress, error) current for the resource page. */
export async function runIngestJob(storage: Storage, job: JobRun): Promise<QualityReport> {
  const { db } = storage;
  const set = (values: Record<string, unknown>) => db.updateTable('ingest_jobs').set({ ...values, updated_at: nowIso() }).where('id', '=', job.jobId).execute();
  await set({ state: 'running' });
  let lastReported = 0;
  try {
    const report = await ingestIntoDatastore(storage, {
      resourceId: job.resourceId, datasetId: job.datasetId, file: job.file, format: job.format, sheet: job.sheet, wilayahColumn: job.wilayahColumn,
      onProgress: (f) => {
        job.onProgress?.(f);
        if (f - lastReported >= 0.05) {
          lastReported = f;
          void db.updateTable('ingest_jobs').set({ progress: f, updated_at: nowIso() }).where('id', '=', job.jobId).where('state', '=', 'running').execute().catch(() => undefined);
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
    await set({ state: 'failed', error_code: e.code, error_json: JSON.stringify({ details: e.details ?? {}, params: e.params }) });
    throw e;
  }
}

export async function addLinkResource(storage: Storage, user: CurrentUser | null, datasetName: string, input: { name: string; url: string; format: string; description: string }): Promise<ResourceTable> {
  const { db } = storage;
  if (await isPublished(storage, user, datasetName)) return stageLink(storage, user, datasetName, input);
  const d = await editableDataset(storage, user, datasetName);
  const id = newId();
  const now = nowIso();
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('resources').values(linkResourceRow(d.id, id, input, await nextResourcePosition(trx, d.id), 'active', now)).execute();
    await recordAudit(trx, actorOf(user, 'system'), { action: 'resource.link', entityType: 'resource', entityId: id, after: { dataset: d.name, url: input.url } });
    await reindexDataset(trx, d.id);
  });
  return db.selectFrom('resources').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

/** Removes a resource; for a published dataset the removal is staged ('staged') or a staged new resource discarded ('discarded'). */
export async function deleteResource(storage: Storage, user: CurrentUser | null, datasetName: string, resourceId: string): Promise<'deleted' | 'staged' | 'discarded'> {
  const { db } = storage;
  if (await isPublished(storage, user, datasetName)) return stageRemoval(storage, user, datasetName, resourceId);
  const d = await editableDataset(storage, user, datasetName);
  const r = await db.selectFrom('resources').selectAll().where('id', '=', resourceId).where('dataset_id', '=', d.id).where('state', '!=', 'deleted').executeTakeFirst();
  if (!r) throw new AppError('RESOURCE_NOT_FOUND', 404);
  await dropDatastore(storage, r.id);
  const now = nowIso();
  await db.transaction().execute(async (trx) => {
    // Kept as 'deleted' (not removed) so earlier versions can still serve the original file.
    await trx.updateTable('resources').set({ state: 'deleted', metadata_modified: now }).where('id', '=', r.id).execute();
    await recordAudit(trx, actorOf(user, 'system'), { action: 'resource.delete', entityType: 'resource', entityId: r.id, before: { dataset: d.name, name: r.name } });
    await reindexDataset(trx, d.id);
  });
  return 'deleted';
}
