import type { Storage } from '../../storage/database.js';
import type { CurrentUser } from '../../http/context.js';
import { AppError, invalid } from '../../errors.js';
import { nowIso } from '../../ids.js';
import { recordAudit, userActor } from '../audit/audit.service.js';
import { reindexDataset } from '../catalog/catalog.index.js';
import { canEditNow, getDataset, parseRevision, saveRevision, workflowState } from '../dataset/dataset.service.js';
import { requireProducer, requireWalidata, EDITABLE_STATES } from '../dataset/dataset.policy.js';
import { dropDatastoreTable } from '../datastore/datastore.indexes.js';
import { parseQuality, type QualityReport } from '../ingest/quality.js';
import type { DatastoreField } from '../ingest/ingest.table.js';
import { hadFindings, type FindingResolution, type PrivacyFinding } from './findings.js';
import { findingsOfDataset, type ResourceFindings } from './privacy-gate.js';
import { rewriteWithout, type ColumnChange } from './column-rewrite.js';
import { actionsFor, maskerFor } from './masking.js';
import { maskKey } from './privacy.settings.js';
import { reopenOriginal } from './private-originals.js';

export interface ResolveInput {
  column: string;
  action: 'drop' | 'mask' | 'override';
  reason?: string;
  /** The walidata's explicit confirmation that the column is not personal data (override only). */
  confirm?: boolean;
}

/** Shortest reason accepted for an override: a word or two is not a reason. */
export const MIN_REASON = 10;

async function openFinding(storage: Storage, user: CurrentUser | null, datasetName: string, resourceId: string, column: string) {
  const d = await getDataset(storage.db, user, datasetName);
  const entry = (await findingsOfDataset(storage.db, d)).find((t) => t.resourceId === resourceId);
  const finding = entry?.findings.find((f) => f.column === column && !f.resolution);
  if (!entry || !finding) throw new AppError('PRIVACY_FINDING_NOT_FOUND', 404, { resourceId, column }, { column });
  return { d, entry, finding };
}

/** The report with one finding resolved (and, for a drop, without the column). */
function resolvedReport(q: QualityReport, column: string, resolution: FindingResolution, fields?: DatastoreField[]): QualityReport {
  const personalData = (q.personalData ?? []).map((f): PrivacyFinding => (f.column === column && !f.resolution ? { ...f, resolution } : f));
  const columns = fields ? q.columns.filter((c) => fields.some((f) => f.id === c.id)).map((c) => ({ ...c, type: fields.find((f) => f.id === c.id)!.type })) : q.columns;
  return { ...q, columns, personalData, wilayahColumn: fields && !fields.some((f) => f.id === q.wilayahColumn) ? null : q.wilayahColumn };
}

/**
 * Resolves one finding: the producer drops or masks the column (a new table replaces the old one,
 * so no personal value is left in it), or the walidata overrides the detection with a written
 * reason and an explicit confirmation. Audited either way.
 */
export async function resolveFinding(storage: Storage, user: CurrentUser | null, datasetName: string, resourceId: string, input: ResolveInput): Promise<ResourceFindings> {
  const { db } = storage;
  const { d, entry, finding } = await openFinding(storage, user, datasetName, resourceId, input.column);
  const now = nowIso();
  const by = { by: user?.id ?? '', byName: user?.name ?? '', at: now };
  const store = await db.selectFrom('datastore_tables').selectAll().where('resource_id', '=', entry.owner).executeTakeFirstOrThrow();
  const q = parseQuality(store.quality_json)!;
  const audit = { entityType: 'resource', entityId: resourceId, before: { dataset: d.name, column: finding.column, kind: finding.kind, matches: finding.matches, sampled: finding.sampled, staged: entry.staged } };

  if (input.action === 'override') {
    requireWalidata(user);
    const reason = (input.reason ?? '').trim();
    const errors = [];
    if (reason.length < MIN_REASON) errors.push({ field: 'reason', message: 'privacy.reasonRequired', params: { n: MIN_REASON } });
    if (!input.confirm) errors.push({ field: 'confirm', message: 'privacy.confirmRequired' });
    if (errors.length) throw invalid(errors);
    const report = resolvedReport(q, finding.column, { action: 'override', ...by, reason });
    await db.transaction().execute(async (trx) => {
      await trx.updateTable('datastore_tables').set({ quality_json: JSON.stringify(report) }).where('resource_id', '=', entry.owner).execute();
      await recordAudit(trx, userActor(user), { action: 'privacy.override', ...audit, after: { reason } });
      if (!hadFindings(report)) {
        const r = await trx.selectFrom('resources').select('original_file').where('id', '=', entry.owner).executeTakeFirst();
        await reopenOriginal(trx, r?.original_file ?? null);
      }
    });
    return (await findingsOfDataset(db, d)).find((t) => t.resourceId === resourceId) ?? { ...entry, findings: report.personalData ?? [] };
  }

  requireProducer(user, d.organization_id);
  if (!canEditNow(d)) throw new AppError('DATASET_WRONG_STATE', 409, { state: workflowState(d) }, { state: workflowState(d) });
  // Live data of a public dataset changes only through a new version (upload corrected data).
  if (!entry.staged && d.state === 'published' && !Number(d.private)) throw new AppError('PRIVACY_LIVE_TABLE', 409, { resourceId });
  if (!(actionsFor(finding.kind) as string[]).includes(input.action)) throw invalid([{ field: 'action', message: 'privacy.actionNotAllowed' }]);
  const fields = JSON.parse(store.fields_json) as DatastoreField[];
  const change: ColumnChange = input.action === 'drop' ? { column: finding.column, drop: true } : { column: finding.column, mask: maskerFor(finding.kind, maskKey(db)) };
  const next = await rewriteWithout(storage, entry.owner, store.table_name, fields, change);
  const report = resolvedReport(q, finding.column, { action: input.action, ...by }, next.fields);
  try {
    await db.transaction().execute(async (trx) => {
      const done = await trx.updateTable('datastore_tables').set({
        table_name: next.table, fields_json: JSON.stringify(next.fields), quality_json: JSON.stringify(report), wilayah_column: report.wilayahColumn,
      }).where('resource_id', '=', entry.owner).where('table_name', '=', store.table_name).executeTakeFirst();
      // Someone loaded new data meanwhile: their table stands, this rewrite is dropped.
      if (Number(done.numUpdatedRows) === 0) throw new AppError('PRIVACY_TABLE_CHANGED', 409);
      await recordAudit(trx, userActor(user), { action: `privacy.${input.action}`, ...audit, after: { fields: next.fields.map((f) => f.id) } });
      await dropDatastoreTable(trx, store.table_name);
      await reindexDataset(trx, d.id);
    });
  } catch (error) {
    await dropDatastoreTable(db, next.table);
    throw error;
  }
  return (await findingsOfDataset(db, d)).find((t) => t.resourceId === resourceId) ?? { ...entry, findings: report.personalData ?? [] };
}

/**
 * Marks the dataset restricted (`private`: not public at all): a draft at once, a published
 * dataset in the revision its next version publishes. Audited.
 */
export async function restrictDataset(storage: Storage, user: CurrentUser | null, datasetName: string): Promise<void> {
  const { db } = storage;
  const d = await getDataset(db, user, datasetName);
  requireProducer(user, d.organization_id);
  const revision = parseRevision(d);
  if (!EDITABLE_STATES.has(d.state) && !(d.state === 'published' && revision && canEditNow(d))) {
    throw new AppError('DATASET_WRONG_STATE', 409, { state: workflowState(d) }, { state: workflowState(d) });
  }
  await db.transaction().execute(async (trx) => {
    if (EDITABLE_STATES.has(d.state)) await trx.updateTable('datasets').set({ private: 1, metadata_modified: nowIso() }).where('id', '=', d.id).execute();
    else await saveRevision(trx, d, { ...revision!, columns: { ...revision!.columns, private: 1 } });
    await recordAudit(trx, userActor(user), { action: 'privacy.restrict', entityType: 'dataset', entityId: d.id, before: { private: Number(d.private) }, after: { private: 1, revision: d.state === 'published' } });
    await reindexDataset(trx, d.id);
  });
}
