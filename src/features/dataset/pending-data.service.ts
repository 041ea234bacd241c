import fs from 'node:fs';
import type { Db, Storage, DbOrTrx } from '../../storage/database.js';
import type { CurrentUser } from '../../http/context.js';
import { AppError } from '../../errors.js';
import { newId, nowIso } from '../../ids.js';
import { recordAudit } from '../audit/audit.service.js';
import { runIngestJob, type StoredUpload } from '../ingest/resource.service.js';
import { formatFromName } from '../ingest/row-sources.js';
import { parseQuality, type QualityReport } from '../ingest/quality.js';
import * as repo from './dataset.repository.js';
import type { DatasetRow } from './dataset.repository.js';
import { requireProducer } from './dataset.policy.js';
import { getDataset, parseRevision, type RevisionData } from './dataset.service.js';

/**
 * New data for a resource of a published dataset waits in a hidden resource (state 'pending') with
 * its own datastore table; the live table stays until the walidata approves the revision.
 */
export interface PendingData {
  resourceId: string;
  pendingId: string;
  fileName: string;
}

const REVISION_COLUMNS = ['title', 'notes', 'license_id', 'contact_name', 'contact_email', 'update_frequency', 'next_release_date', 'temporal_start', 'temporal_end', 'spatial_codes', 'source', 'method', 'concept', 'definition', 'classification', 'measure', 'unit', 'indicator_formula', 'indicator_interpretation', 'private'] as const;

/** The revision to extend: the pending one, or a copy of the live metadata. */
async function revisionOf(db: DbOrTrx, d: DatasetRow): Promise<RevisionData> {
  const existing = parseRevision(d);
  if (existing) return existing;
  const columns = Object.fromEntries(REVISION_COLUMNS.map((k) => [k, d[k]])) as unknown as RevisionData['columns'];
  const groups = await db.selectFrom('dataset_groups').select('group_id').where('dataset_id', '=', d.id).execute();
  return { columns, tags: await repo.tagsOf(db, d.id), groupIds: groups.map((g) => g.group_id) };
}

/** Removes pending data that will not be published (replaced by newer data, or the dataset withdrawn). */
export async function discardPending(db: Db, pendingId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const store = await trx.selectFrom('datastore_tables').select('table_name').where('resource_id', '=', pendingId).executeTakeFirst();
    await trx.deleteFrom('datastore_tables').where('resource_id', '=', pendingId).execute();
    await trx.deleteFrom('ingest_jobs').where('resource_id', '=', pendingId).execute();
    await trx.deleteFrom('resources').where('id', '=', pendingId).where('state', '=', 'pending').execute();
    if (store) await trx.schema.dropTable(store.table_name).ifExists().execute();
  });
}

/** Loads new data for a resource of a published dataset, to be published with the next version. */
export async function stagePendingData(storage: Storage, user: CurrentUser | null, datasetName: string, resourceId: string, upload: StoredUpload, options: { sheet?: string; wilayahColumn?: string }): Promise<QualityReport> {
  const { db } = storage;
  let d: DatasetRow;
  let live;
  const format = formatFromName(upload.fileName);
  try {
    d = await getDataset(db, user, datasetName);
    requireProducer(user, d.organization_id);
    if (d.state !== 'published' || d.revision_state === 'submitted') throw new AppError('DATASET_WRONG_STATE', 409, { state: d.revision_state ?? d.state }, { state: d.revision_state ?? d.state });
    live = await db.selectFrom('resources').selectAll().where('id', '=', resourceId).where('dataset_id', '=', d.id).where('state', '=', 'active').where('url_type', '=', 'upload').executeTakeFirst();
    if (!live) throw new AppError('RESOURCE_NOT_FOUND', 404);
    if (!format) throw new AppError('INGEST_UNSUPPORTED_FORMAT', 415, { fileName: upload.fileName });
  } catch (error) {
    fs.rmSync(upload.file, { force: true });
    throw error;
  }
  const pendingId = newId();
  const jobId = newId();
  const now = nowIso();
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('resources').values({
      id: pendingId, dataset_id: d.id, name: live.name, description: live.description, format: format.toUpperCase(), url_type: 'upload', url: '', mimetype: null, size: upload.size, hash: upload.hash,
      position: live.position, state: 'pending', created_at: now, last_modified: null, metadata_modified: now, datastore_active: 0, original_file: upload.relative, sheet: options.sheet || null,
    }).execute();
    await trx.insertInto('ingest_jobs').values({ id: jobId, resource_id: pendingId, state: 'queued', progress: 0, rows_loaded: 0, error_code: null, error_json: null, created_at: now, updated_at: now }).execute();
  });
  let report: QualityReport;
  try {
    report = await runIngestJob(storage, { jobId, resourceId: pendingId, datasetId: d.id, file: upload.file, format, sheet: options.sheet || undefined, wilayahColumn: options.wilayahColumn || undefined });
  } catch (error) {
    await discardPending(db, pendingId);
    throw error;
  }
  let replaced: PendingData | undefined;
  await db.transaction().execute(async (trx) => {
    const current = (await repo.findDatasetById(trx, d.id))!;
    const revision = await revisionOf(trx, current);
    replaced = revision.pendingData?.find((p) => p.resourceId === resourceId);
    revision.pendingData = [...(revision.pendingData ?? []).filter((p) => p.resourceId !== resourceId), { resourceId, pendingId, fileName: upload.fileName }];
    const revisionState = current.revision_state === 'returned' ? 'returned' : 'draft';
    await trx.updateTable('datasets').set({ revision_json: JSON.stringify(revision), revision_state: revisionState }).where('id', '=', d.id).execute();
    await recordAudit(trx, { id: user?.id ?? null, label: user?.email ?? 'system' }, { action: 'resource.stage', entityType: 'resource', entityId: resourceId, after: { dataset: d.name, file: upload.fileName, size: upload.size, rows: report.rowsLoaded, revisionState } });
  });
  if (replaced) await discardPending(db, replaced.pendingId);
  return report;
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
