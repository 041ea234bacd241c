import type { Storage } from '../../storage/database.js';
import { type CurrentUser, actorOf } from '../../actor/actor.js';
import { AppError, invalid, type FieldError } from '../../errors.js';
import { nowIso } from '../../ids.js';
import { recordAudit } from '../audit/audit.service.js';
import { reindexDataset } from '../catalog/catalog.index.js';
import { getDataset } from '../dataset/dataset.service.js';
import {
  requireProducer,
  requireWalidata,
  EDITABLE_STATES,
  canEditNow,
  workflowState,
} from '../dataset/dataset.policy.js';
import type { DatasetRow } from '../dataset/dataset.repository.js';
import { dropDatastoreTable } from '../datastore/datastore.indexes.js';
import type { DatastoreField } from '../ingest/ingest.table.js';
import { hadFindings, type FindingResolution, type PrivacyFinding } from './findings.js';
import { findingsOfDataset, type ResourceFindings } from './privacy-gate.js';
import { rewriteWithout, type ColumnChange } from './column-rewrite.js';
import { actionsFor, maskerFor } from './masking.js';
import { maskKey } from './privacy.settings.js';
import { reopenOriginal } from './private-originals.js';
import { parseRevision, saveRevision } from '../dataset/revision.js';
import { parseQuality, type QualityReport } from '../datastore/quality-report.js';
import type { DatastoreTableTable } from '../datastore/datastore.table.js';

export interface ResolveInput {
  column: string;
  action: 'drop' | 'mask' | 'override';
  reason?: string;
  /** The walidata's explicit confirmation that the column is not personal data (override only). */
  confirm?: boolean;
}

/** Shortest reason accepted for an override: a word or two is not a reason. */
export const MIN_REASON = 10;

interface OpenFinding {
  d: DatasetRow;
  entry: ResourceFindings;
  finding: PrivacyFinding;
  store: DatastoreTableTable;
  report: QualityReport;
}

async function openFinding(
  storage: Storage,
  user: CurrentUser | null,
  name: string,
  resourceId: string,
  column: string,
): Promise<OpenFinding> {
  const { db } = storage;
  const d = await getDataset(db, user, name);
  const entry = (await findingsOfDataset(db, d)).find((t) => t.resourceId === resourceId);
  const finding = entry?.findings.find((f) => f.column === column && !f.resolution);
  if (!entry || !finding) throw new AppError('PRIVACY_FINDING_NOT_FOUND', 404, { resourceId, column }, { column });
  const store = await db
    .selectFrom('datastore_tables')
    .selectAll()
    .where('resource_id', '=', entry.owner)
    .executeTakeFirstOrThrow();
  return { d, entry, finding, store, report: parseQuality(store.quality_json)! };
}

/** The report with one finding resolved (and, after a rewrite, the table's new columns). */
function resolvedReport(
  q: QualityReport,
  column: string,
  resolution: FindingResolution,
  fields?: DatastoreField[],
): QualityReport {
  const personalData = (q.personalData ?? []).map(
    (f): PrivacyFinding => (f.column === column && !f.resolution ? { ...f, resolution } : f),
  );
  if (!fields) return { ...q, personalData };
  const columns = q.columns.flatMap((c) => {
    const f = fields.find((x) => x.id === c.id);
    return f ? [{ ...c, type: f.type }] : [];
  });
  const wilayahColumn = fields.some((f) => f.id === q.wilayahColumn) ? q.wilayahColumn : null;
  return { ...q, columns, personalData, wilayahColumn };
}

const auditBefore = (o: OpenFinding) => ({
  dataset: o.d.name,
  column: o.finding.column,
  kind: o.finding.kind,
  matches: o.finding.matches,
  sampled: o.finding.sampled,
  staged: o.entry.staged,
});

/** The walidata: the detection is wrong (or the counts are public), with a reason and a confirmation. */
async function override(
  storage: Storage,
  user: CurrentUser | null,
  o: OpenFinding,
  input: ResolveInput,
  by: Omit<FindingResolution, 'action'>,
) {
  requireWalidata(user);
  const reason = (input.reason ?? '').trim();
  const errors: FieldError[] = [];
  if (reason.length < MIN_REASON)
    errors.push({ field: 'reason', message: 'privacy.reasonRequired', params: { n: MIN_REASON } });
  if (!input.confirm) errors.push({ field: 'confirm', message: 'privacy.confirmRequired' });
  if (errors.length) throw invalid(errors);
  const report = resolvedReport(o.report, o.finding.column, { action: 'override', ...by, reason });
  await storage.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('datastore_tables')
      .set({ quality_json: JSON.stringify(report) })
      .where('resource_id', '=', o.entry.owner)
      .execute();
    await recordAudit(trx, actorOf(user, 'system'), {
      action: 'privacy.override',
      entityType: 'resource',
      entityId: o.entry.resourceId,
      before: auditBefore(o),
      after: { reason },
    });
    if (!hadFindings(report)) {
      const r = await trx
        .selectFrom('resources')
        .select('original_file')
        .where('id', '=', o.entry.owner)
        .executeTakeFirst();
      await reopenOriginal(trx, r?.original_file ?? null);
      // The catalogue's package dict links the original again.
      await reindexDataset(trx, o.d.id);
    }
  });
}

/** The producer: the column leaves the table, or its values are replaced; a new table takes the old one's place. */
async function rewrite(
  storage: Storage,
  user: CurrentUser | null,
  o: OpenFinding,
  action: 'drop' | 'mask',
  by: Omit<FindingResolution, 'action'>,
) {
  const { db } = storage;
  requireProducer(user, o.d.organization_id);
  const state = workflowState(o.d);
  if (!canEditNow(o.d)) throw new AppError('DATASET_WRONG_STATE', 409, { state }, { state });
  // Live data of a public dataset changes only through a new version (upload corrected data).
  if (!o.entry.staged && o.d.state === 'published' && !Number(o.d.private))
    throw new AppError('PRIVACY_LIVE_TABLE', 409, { resourceId: o.entry.resourceId });
  if (!(actionsFor(o.finding.kind) as string[]).includes(action))
    throw invalid([{ field: 'action', message: 'privacy.actionNotAllowed' }]);
  const column = o.finding.column;
  const change: ColumnChange =
    action === 'drop' ? { column, drop: true } : { column, mask: maskerFor(o.finding.kind, maskKey(db)) };
  const next = await rewriteWithout(
    storage,
    o.entry.owner,
    o.store.table_name,
    JSON.parse(o.store.fields_json) as DatastoreField[],
    change,
  );
  const report = resolvedReport(o.report, column, { action, ...by }, next.fields);
  try {
    await db.transaction().execute(async (trx) => {
      const done = await trx
        .updateTable('datastore_tables')
        .set({
          table_name: next.table,
          fields_json: JSON.stringify(next.fields),
          quality_json: JSON.stringify(report),
          wilayah_column: report.wilayahColumn,
        })
        .where('resource_id', '=', o.entry.owner)
        .where('table_name', '=', o.store.table_name)
        .executeTakeFirst();
      // Someone loaded new data meanwhile: their table stands, this rewrite is dropped.
      if (Number(done.numUpdatedRows) === 0) throw new AppError('PRIVACY_TABLE_CHANGED', 409);
      const after = { fields: next.fields.map((f) => f.id) };
      await recordAudit(trx, actorOf(user, 'system'), {
        action: `privacy.${action}`,
        entityType: 'resource',
        entityId: o.entry.resourceId,
        before: auditBefore(o),
        after,
      });
      await dropDatastoreTable(trx, o.store.table_name);
      await reindexDataset(trx, o.d.id);
    });
  } catch (error) {
    await dropDatastoreTable(db, next.table);
    throw error;
  }
}

/**
 * Resolves one finding: the producer drops or masks the column (a new table replaces the old one,
 * so no personal value is left in it), or the walidata overrides the detection with a written
 * reason and an explicit confirmation. Audited either way. Returns the resource's findings now.
 */
export async function resolveFinding(
  storage: Storage,
  user: CurrentUser | null,
  datasetName: string,
  resourceId: string,
  input: ResolveInput,
): Promise<ResourceFindings | undefined> {
  const o = await openFinding(storage, user, datasetName, resourceId, input.column);
  const by = { by: user?.id ?? '', byName: user?.name ?? '', at: nowIso() };
  if (input.action === 'override') await override(storage, user, o, input, by);
  else await rewrite(storage, user, o, input.action, by);
  return (await findingsOfDataset(storage.db, o.d)).find((t) => t.resourceId === resourceId);
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
  const draft = EDITABLE_STATES.has(d.state);
  if (!draft && !(d.state === 'published' && revision && canEditNow(d))) {
    throw new AppError('DATASET_WRONG_STATE', 409, { state: workflowState(d) }, { state: workflowState(d) });
  }
  await db.transaction().execute(async (trx) => {
    if (draft)
      await trx
        .updateTable('datasets')
        .set({ private: 1, metadata_modified: nowIso() })
        .where('id', '=', d.id)
        .execute();
    else await saveRevision(trx, d, { ...revision!, columns: { ...revision!.columns, private: 1 } });
    const after = { private: 1, revision: !draft };
    await recordAudit(trx, actorOf(user, 'system'), {
      action: 'privacy.restrict',
      entityType: 'dataset',
      entityId: d.id,
      before: { private: Number(d.private) },
      after,
    });
    await reindexDataset(trx, d.id);
  });
}
