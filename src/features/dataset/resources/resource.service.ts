import type { Storage } from '../../../storage/database.js';
import type { CurrentUser } from '../../../actor/actor.js';
import { AppError } from '../../../errors.js';
import { newId, nowIso } from '../../../ids.js';
import { recordAudit } from '../../audit/audit.service.js';
import { actorOf } from '../../../actor/actor.js';
import { reindexDataset } from '../../catalog/catalog.index.js';
import { getDataset } from '../dataset.service.js';
import { findResourceOf, nextResourcePosition, type DatasetRow } from '../dataset.repository.js';
import { requireProducer, EDITABLE_STATES } from '../dataset.policy.js';
import type { SourceFormat } from '../../ingest/row-sources.js';
import { MIME, precheckUpload, type StoredUpload } from '../../ingest/stored-upload.js';
import { dropDatastore } from '../../datastore/datastore-load.js';
import { linkResourceRow, queueIngestJob, runIngestJob, type UploadOptions } from './resource-load.js';
import { stageLink, stageNewUpload, stagePendingData, stageRemoval } from './revision-staging.service.js';
import type { QualityReport } from '../../datastore/quality-report.js';
import type { ResourceTable } from './resource.table.js';

/**
 * A published dataset's resources change only with its next version: the change is staged in the
 * revision (revision-staging.service.ts, given the row read here) and the live resources stay as
 * they are. Others change in place while the dataset is a draft or returned.
 */
function requireEditable(d: DatasetRow): void {
  if (!EDITABLE_STATES.has(d.state))
    throw new AppError('DATASET_WRONG_STATE', 409, { state: d.state }, { state: d.state });
}

/** The dataset (as this user may see it) an upload is for; the stored upload is removed when it is refused. */
export async function datasetForUpload(
  storage: Storage,
  user: CurrentUser | null,
  datasetName: string,
  upload: StoredUpload,
): Promise<DatasetRow> {
  try {
    return await getDataset(storage.db, user, datasetName);
  } catch (error) {
    await upload.discard();
    throw error;
  }
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
export async function uploadResource(
  storage: Storage,
  user: CurrentUser | null,
  datasetName: string,
  upload: StoredUpload,
  options: UploadOptions,
  resourceId?: string,
): Promise<UploadResult> {
  const { db } = storage;
  let format: SourceFormat;
  const d = await datasetForUpload(storage, user, datasetName, upload);
  try {
    requireProducer(user, d.organization_id);
  } catch (error) {
    await upload.discard();
    throw error;
  }
  if (d.state === 'published') {
    // Staging checks the file itself (stagingDataset).
    const staged = resourceId
      ? await stagePendingData(storage, user, d, resourceId, upload, {
          sheet: options.sheet,
          wilayahColumn: options.wilayahColumn,
          background: options.background,
          onProgress: options.onProgress,
        })
      : await stageNewUpload(storage, user, d, upload, {
          name: options.name,
          description: options.description,
          sheet: options.sheet,
          wilayahColumn: options.wilayahColumn,
          background: options.background,
          onProgress: options.onProgress,
        });
    const resource = await db
      .selectFrom('resources')
      .selectAll()
      .where('id', '=', staged.resourceId)
      .executeTakeFirstOrThrow();
    return { resource, jobId: staged.jobId, report: staged.report, staged: true };
  }
  try {
    requireEditable(d);
    format = await precheckUpload(upload, options);
  } catch (error) {
    await upload.discard();
    throw error;
  }
  const now = nowIso();
  const existing = resourceId ? await findResourceOf(db, d.id, resourceId) : undefined;
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
      await trx
        .insertInto('resources')
        .values({
          id,
          dataset_id: d.id,
          ...fields,
          position: await nextResourcePosition(trx, d.id),
          state: 'active',
          created_at: now,
          last_modified: null,
          datastore_active: 0,
        })
        .execute();
    }
    await queueIngestJob(trx, { id: jobId, resourceId: id, at: now });
    await recordAudit(trx, actorOf(user, 'system'), {
      action: existing ? 'resource.replace' : 'resource.create',
      entityType: 'resource',
      entityId: id,
      after: { dataset: d.name, name: fields.name, file: upload.fileName, size: upload.size },
    });
    await reindexDataset(trx, d.id);
  });
  // The local copy of the original is needed only while it loads (the stored original stays).
  const run = () =>
    runIngestJob(storage, {
      jobId,
      resourceId: id,
      datasetId: d.id,
      file: upload.file,
      format,
      sheet: options.sheet || undefined,
      wilayahColumn: options.wilayahColumn || undefined,
      onProgress: options.onProgress,
    }).finally(() => upload.release());
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

export async function addLinkResource(
  storage: Storage,
  user: CurrentUser | null,
  datasetName: string,
  input: { name: string; url: string; format: string; description: string },
): Promise<ResourceTable> {
  const { db } = storage;
  const d = await getDataset(db, user, datasetName);
  if (d.state === 'published') return stageLink(storage, user, d, input);
  requireProducer(user, d.organization_id);
  requireEditable(d);
  const id = newId();
  const now = nowIso();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('resources')
      .values(linkResourceRow(d.id, id, input, await nextResourcePosition(trx, d.id), 'active', now))
      .execute();
    await recordAudit(trx, actorOf(user, 'system'), {
      action: 'resource.link',
      entityType: 'resource',
      entityId: id,
      after: { dataset: d.name, url: input.url },
    });
    await reindexDataset(trx, d.id);
  });
  return db.selectFrom('resources').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

/** Removes a resource; for a published dataset the removal is staged ('staged') or a staged new resource discarded ('discarded'). */
export async function deleteResource(
  storage: Storage,
  user: CurrentUser | null,
  datasetName: string,
  resourceId: string,
): Promise<'deleted' | 'staged' | 'discarded'> {
  const { db } = storage;
  const d = await getDataset(db, user, datasetName);
  if (d.state === 'published') return stageRemoval(storage, user, d, resourceId);
  requireProducer(user, d.organization_id);
  requireEditable(d);
  const r = await findResourceOf(db, d.id, resourceId);
  if (!r) throw new AppError('RESOURCE_NOT_FOUND', 404);
  await dropDatastore(storage, r.id);
  const now = nowIso();
  await db.transaction().execute(async (trx) => {
    // Kept as 'deleted' (not removed) so earlier versions can still serve the original file.
    await trx
      .updateTable('resources')
      .set({ state: 'deleted', metadata_modified: now })
      .where('id', '=', r.id)
      .execute();
    await recordAudit(trx, actorOf(user, 'system'), {
      action: 'resource.delete',
      entityType: 'resource',
      entityId: r.id,
      before: { dataset: d.name, name: r.name },
    });
    await reindexDataset(trx, d.id);
  });
  return 'deleted';
}
