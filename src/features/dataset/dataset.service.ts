import type { Db, DbOrTrx } from '../../storage/database.js';
import { type CurrentUser, actorOf } from '../../actor/actor.js';
import { AppError, invalid } from '../../errors.js';
import { newId, nowIso } from '../../ids.js';
import { recordAudit } from '../audit/audit.service.js';
import { reindexDataset } from '../catalog/catalog.index.js';
import * as repo from './dataset.repository.js';
import type { DatasetRow } from './dataset.repository.js';
import {
  canEditNow,
  canSeeUnpublished,
  producerOrganizations,
  requireProducer,
  requireWalidata,
  workflowState,
} from './dataset.policy.js';
import type { DatasetCreateInput, DatasetUpdateInput } from './dataset.schema.js';
import { getVersion, versionSnapshot, type PublishedVersion } from './dataset-version.service.js';
import { parseRevision, pendingRevision, saveRevision, type RevisionColumns, type RevisionData } from './revision.js';
import { discardLeftovers } from './resources/staged-discard.js';
import { runningLoads } from './resources/staged-changes.js';
import { applyStagedResources, swapInPendingData } from './resources/staged-approval.js';
import { emitDatastoreReplaced, emitResourcesRemoved } from './dataset.events.js';
import { assertPublishable } from '../privacy/privacy-gate.js';

function columnsFrom(input: DatasetUpdateInput): RevisionColumns {
  return {
    title: input.title,
    notes: input.notes,
    license_id: input.licenseId,
    contact_name: input.contactName,
    contact_email: input.contactEmail,
    update_frequency: input.updateFrequency,
    next_release_date: input.nextReleaseDate ?? null,
    temporal_start: input.temporalStart ?? null,
    temporal_end: input.temporalEnd ?? null,
    spatial_codes: JSON.stringify([...new Set(input.spatialCodes)]),
    source: input.source,
    method: input.method,
    concept: input.concept,
    definition: input.definition,
    classification: input.classification,
    measure: input.measure,
    unit: input.unit,
    indicator_formula: input.indicatorFormula,
    indicator_interpretation: input.indicatorInterpretation,
    private: input.private ? 1 : 0,
  };
}

async function validateRefs(db: DbOrTrx, input: DatasetUpdateInput): Promise<string[]> {
  const errors = [];
  if (input.temporalStart && input.temporalEnd && input.temporalStart > input.temporalEnd)
    errors.push({ field: 'temporalEnd', message: 'dataset.temporalOrder' });
  const groups = await repo.listGroups(db);
  const groupIds: string[] = [];
  for (const g of input.groups) {
    const found = groups.find((x) => x.name === g || x.id === g);
    if (!found) errors.push({ field: 'groups', message: 'dataset.unknownGroup', params: { group: g } });
    else groupIds.push(found.id);
  }
  if (input.spatialCodes.length) {
    const known = await db.selectFrom('wilayah').select('kode').where('kode', 'in', input.spatialCodes).execute();
    const missing = input.spatialCodes.filter((c) => !known.some((k) => k.kode === c));
    if (missing.length)
      errors.push({ field: 'spatialCodes', message: 'dataset.unknownWilayah', params: { codes: missing.join(', ') } });
  }
  if (errors.length) throw invalid(errors);
  return groupIds;
}

export async function createDataset(db: Db, user: CurrentUser | null, input: DatasetCreateInput): Promise<DatasetRow> {
  const org = await repo.findOrganization(db, input.organization);
  if (!org) throw invalid([{ field: 'organization', message: 'dataset.unknownOrganization' }]);
  requireProducer(user, org.id);
  const groupIds = await validateRefs(db, input);
  const now = nowIso();
  const id = newId();
  try {
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('datasets')
        .values({
          id,
          name: input.name,
          organization_id: org.id,
          ...columnsFrom(input),
          state: 'draft',
          version: 0,
          created_at: now,
          metadata_modified: now,
          published_at: null,
          creator_user_id: user?.id ?? null,
          superseded_by: null,
        })
        .execute();
      await repo.replaceTags(trx, id, input.tags);
      await repo.replaceGroups(trx, id, groupIds);
      await recordAudit(trx, actorOf(user, 'system'), {
        action: 'dataset.create',
        entityType: 'dataset',
        entityId: id,
        after: { name: input.name, title: input.title, organization: org.slug },
      });
    });
  } catch (error) {
    if (await repo.findDatasetByName(db, input.name)) throw invalid([{ field: 'name', message: 'dataset.nameTaken' }]);
    throw error;
  }
  return (await repo.findDatasetById(db, id))!;
}

/** Loads a dataset the user may see (published ones: anyone; others: its producers, walidata). */
export async function getDataset(db: DbOrTrx, user: CurrentUser | null, name: string): Promise<DatasetRow> {
  const d = await repo.findDatasetByName(db, name);
  if (!d) throw new AppError('DATASET_NOT_FOUND', 404);
  const visible = (!d.private && (d.state === 'published' || d.version > 0)) || canSeeUnpublished(user, d);
  if (!visible) throw new AppError('DATASET_NOT_FOUND', 404);
  return d;
}

/**
 * Visitors see the last published version while a revision is being prepared: that version, for
 * a dataset shown to this user as it was published rather than as it is now (null: show it as it is).
 */
export async function versionShownInstead(
  db: DbOrTrx,
  user: CurrentUser | null,
  d: DatasetRow,
): Promise<PublishedVersion | null> {
  const asPublished =
    !canSeeUnpublished(user, d) && d.version > 0 && !['published', 'withdrawn', 'superseded'].includes(d.state);
  return asPublished ? getVersion(db, d, d.version) : null;
}

function requireState(d: DatasetRow, states: string[]): void {
  if (!states.includes(d.state))
    throw new AppError('DATASET_WRONG_STATE', 409, { state: d.state, allowed: states }, { state: d.state });
}

/** The dataset as its pending revision would publish it (row with the revised columns, tags, group names), or null. */
export async function revisedDataset(
  db: DbOrTrx,
  d: DatasetRow,
): Promise<{ row: DatasetRow; tags: string[]; groups: string[] } | null> {
  const revision = pendingRevision(d);
  if (!revision) return null;
  const groups = await repo.listGroups(db);
  return {
    row: { ...d, ...revision.columns } as DatasetRow,
    tags: revision.tags,
    groups: groups
      .filter((g) => revision.groupIds.includes(g.id))
      .map((g) => g.name)
      .sort(),
  };
}

export async function updateDataset(
  db: Db,
  user: CurrentUser | null,
  name: string,
  input: DatasetUpdateInput,
): Promise<DatasetRow> {
  const d = await getDataset(db, user, name);
  requireProducer(user, d.organization_id);
  if (!canEditNow(d))
    throw new AppError(
      'DATASET_WRONG_STATE',
      409,
      { state: workflowState(d), allowed: ['draft', 'returned', 'published'] },
      { state: workflowState(d) },
    );
  const groupIds = await validateRefs(db, input);
  const now = nowIso();
  await db.transaction().execute(async (trx) => {
    if (d.state === 'published') {
      // The published version stays live; the change waits as a revision for the walidata.
      // New metadata; what is staged for the resources stays.
      const revision: RevisionData = {
        ...parseRevision(d),
        columns: columnsFrom(input),
        tags: [...new Set(input.tags.map((t) => t.trim()).filter(Boolean))],
        groupIds,
      };
      const revisionState = await saveRevision(trx, d, revision);
      await recordAudit(trx, actorOf(user, 'system'), {
        action: 'dataset.revise',
        entityType: 'dataset',
        entityId: d.id,
        before: { state: d.state, version: d.version, title: d.title },
        after: { revisionState, title: input.title },
      });
      return;
    }
    await trx
      .updateTable('datasets')
      .set({ ...columnsFrom(input), metadata_modified: now })
      .where('id', '=', d.id)
      .execute();
    await repo.replaceTags(trx, d.id, input.tags);
    await repo.replaceGroups(trx, d.id, groupIds);
    await recordAudit(trx, actorOf(user, 'system'), {
      action: 'dataset.update',
      entityType: 'dataset',
      entityId: d.id,
      before: { state: d.state, title: d.title },
      after: { state: d.state, title: input.title },
    });
    await reindexDataset(trx, d.id);
  });
  return (await repo.findDatasetById(db, d.id))!;
}

export async function submitDataset(db: Db, user: CurrentUser | null, name: string): Promise<DatasetRow> {
  const d = await getDataset(db, user, name);
  requireProducer(user, d.organization_id);
  const isRevision = d.state === 'published' && d.revision_json !== null;
  if (isRevision) {
    if (d.revision_state !== 'draft' && d.revision_state !== 'returned')
      throw new AppError(
        'DATASET_WRONG_STATE',
        409,
        { state: workflowState(d), allowed: ['draft', 'returned'] },
        { state: workflowState(d) },
      );
    // The walidata checks what is loaded: files still being loaded must finish (or be discarded) first.
    const running = await runningLoads(db, d.id);
    if (running > 0) throw new AppError('DATASET_LOADS_RUNNING', 409, { running }, { n: running });
  } else {
    requireState(d, ['draft', 'returned']);
    const resources = await repo.resourcesOf(db, d.id);
    if (resources.length === 0) throw new AppError('DATASET_NO_RESOURCES', 409);
  }
  await db.transaction().execute(async (trx) => {
    if (isRevision)
      await trx.updateTable('datasets').set({ revision_state: 'submitted' }).where('id', '=', d.id).execute();
    else
      await trx
        .updateTable('datasets')
        .set({ state: 'submitted', metadata_modified: nowIso() })
        .where('id', '=', d.id)
        .execute();
    await trx
      .updateTable('dataset_reviews')
      .set({ resolved: 1 })
      .where('dataset_id', '=', d.id)
      .where('resolved', '=', 0)
      .execute();
    await recordAudit(trx, actorOf(user, 'system'), {
      action: 'dataset.submit',
      entityType: 'dataset',
      entityId: d.id,
      before: { state: workflowState(d) },
      after: { state: 'submitted', revisionOf: isRevision ? d.version : null },
    });
  });
  return (await repo.findDatasetById(db, d.id))!;
}

export interface ReviewComment {
  field: string;
  comment: string;
}

/**
 * The walidata returns a submitted dataset (or a published dataset's submitted revision) with comments
 * per field, or approves it: it is published as the next version (a revision's metadata replaces the live one).
 */
export async function reviewDataset(
  db: Db,
  user: CurrentUser | null,
  name: string,
  decision: 'return' | 'approve',
  comments: ReviewComment[],
): Promise<DatasetRow> {
  const walidata = requireWalidata(user);
  const d = await getDataset(db, user, name);
  if (workflowState(d) !== 'submitted')
    throw new AppError(
      'DATASET_WRONG_STATE',
      409,
      { state: workflowState(d), allowed: ['submitted'] },
      { state: workflowState(d) },
    );
  const isRevision = d.state === 'published';
  if (decision === 'return' && comments.length === 0)
    throw invalid([{ field: 'comments', message: 'dataset.commentRequired' }]);
  const revision = isRevision ? parseRevision(d) : null;
  // Personal data or small counts of people, unresolved, in a dataset that would be public.
  if (decision === 'approve') await assertPublishable(db, d);
  const now = nowIso();
  let removed: string[] = [];
  await db.transaction().execute(async (trx) => {
    for (const c of comments) {
      await trx
        .insertInto('dataset_reviews')
        .values({
          id: newId(),
          dataset_id: d.id,
          version: d.version + 1,
          field: c.field,
          comment: c.comment,
          author: walidata.id,
          created_at: now,
          resolved: 0,
        })
        .execute();
    }
    if (decision === 'return') {
      if (isRevision)
        await trx.updateTable('datasets').set({ revision_state: 'returned' }).where('id', '=', d.id).execute();
      else
        await trx
          .updateTable('datasets')
          .set({ state: 'returned', metadata_modified: now })
          .where('id', '=', d.id)
          .execute();
      await recordAudit(trx, actorOf(user, 'system'), {
        action: 'dataset.return',
        entityType: 'dataset',
        entityId: d.id,
        before: { state: 'submitted' },
        after: { state: 'returned', comments, revisionOf: isRevision ? d.version : null },
      });
    } else {
      if (revision) {
        await trx
          .updateTable('datasets')
          .set({ ...revision.columns })
          .where('id', '=', d.id)
          .execute();
        await repo.replaceTags(trx, d.id, revision.tags);
        await repo.replaceGroups(trx, d.id, revision.groupIds);
        await swapInPendingData(trx, revision.pendingData ?? [], now);
        removed = await applyStagedResources(trx, user, d, revision, now);
      }
      await publishInTransaction(trx, user, d, now, comments);
    }
  });
  if (decision === 'approve') {
    // A version that makes a public dataset private takes all of its data out of public view
    // (before its new data is announced, so nothing is derived from it).
    if (!Number(d.private) && Number(revision?.columns.private)) {
      const resources = await repo.resourcesOf(db, d.id);
      await emitResourcesRemoved(db, {
        datasetId: d.id,
        resourceIds: resources.map((r) => r.id),
        reason: 'private',
        version: d.version + 1,
        at: now,
      });
    }
    for (const p of revision?.pendingData ?? [])
      await emitDatastoreReplaced(db, { resourceId: p.resourceId, datasetId: d.id });
    await emitResourcesRemoved(db, {
      datasetId: d.id,
      resourceIds: removed,
      reason: 'removed',
      version: d.version + 1,
      at: now,
    });
    // Failed loads that were never part of the revision.
    await discardLeftovers(db, d.id, null);
  }
  return (await repo.findDatasetById(db, d.id))!;
}

async function publishInTransaction(
  trx: DbOrTrx,
  user: CurrentUser | null,
  d: DatasetRow,
  now: string,
  comments: ReviewComment[],
): Promise<void> {
  const version = d.version + 1;
  await trx
    .updateTable('datasets')
    .set({
      state: 'published',
      version,
      published_at: now,
      metadata_modified: now,
      revision_json: null,
      revision_state: null,
    })
    .where('id', '=', d.id)
    .execute();
  const snapshot = await versionSnapshot(trx, d.id);
  await trx
    .insertInto('dataset_versions')
    .values({
      dataset_id: d.id,
      version,
      metadata_json: JSON.stringify(snapshot.metadata),
      resources_json: JSON.stringify(snapshot.resources),
      published_at: now,
      published_by: user?.id ?? null,
    })
    .execute();
  await trx.updateTable('dataset_reviews').set({ resolved: 1 }).where('dataset_id', '=', d.id).execute();
  await recordAudit(trx, actorOf(user, 'system'), {
    action: 'dataset.publish',
    entityType: 'dataset',
    entityId: d.id,
    before: { state: workflowState(d), version: d.version },
    after: { state: 'published', version, comments },
  });
  await reindexDataset(trx, d.id);
}

/** What a revision held besides metadata (for the audit entry of a withdrawal that discards it). */
function stagedSummary(r: RevisionData | null) {
  if (!r) return null;
  return {
    pendingData: (r.pendingData ?? []).map((p) => p.resourceId),
    newResources: (r.newResources ?? []).map((n) => n.resourceId),
    removals: (r.removals ?? []).map((x) => x.resourceId),
  };
}

export async function withdrawDataset(
  db: Db,
  user: CurrentUser | null,
  name: string,
  reason: string,
  supersededBy?: string,
): Promise<DatasetRow> {
  requireWalidata(user);
  const d = await getDataset(db, user, name);
  requireState(d, ['published']);
  let replacement: DatasetRow | undefined;
  if (supersededBy) {
    replacement = await repo.findDatasetByName(db, supersededBy);
    if (!replacement || replacement.id === d.id || replacement.state !== 'published')
      throw invalid([{ field: 'supersededBy', message: 'dataset.badReplacement' }]);
  }
  const state = replacement ? 'superseded' : 'withdrawn';
  const now = nowIso();
  const resources = await repo.resourcesOf(db, d.id);
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('datasets')
      .set({
        state,
        superseded_by: replacement?.id ?? null,
        metadata_modified: now,
        revision_json: null,
        revision_state: null,
      })
      .where('id', '=', d.id)
      .execute();
    await recordAudit(trx, actorOf(user, 'system'), {
      action: `dataset.${state === 'superseded' ? 'supersede' : 'withdraw'}`,
      entityType: 'dataset',
      entityId: d.id,
      before: { state: d.state },
      after: {
        state,
        reason,
        supersededBy: replacement?.name ?? null,
        discardedRevision: stagedSummary(parseRevision(d)),
      },
    });
    await reindexDataset(trx, d.id);
  });
  await discardLeftovers(db, d.id, parseRevision(d));
  await emitResourcesRemoved(db, {
    datasetId: d.id,
    resourceIds: resources.map((r) => r.id),
    reason: state,
    version: d.version,
    at: now,
  });
  return (await repo.findDatasetById(db, d.id))!;
}

export async function myDatasets(db: Db, user: CurrentUser, limit = 200, offset = 0) {
  const orgs = producerOrganizations(user);
  return repo.listDatasets(db, { organizationIds: orgs ?? undefined, limit, offset });
}

export function reviewQueue(db: Db, user: CurrentUser | null) {
  requireWalidata(user);
  return repo.listDatasets(db, { awaitingReview: true, limit: 500, offset: 0 });
}

/** Whether the next expected release has passed (only meaningful for a published dataset). */
export function isOverdue(
  d: Pick<DatasetRow, 'next_release_date' | 'state'>,
  today = new Date().toISOString().slice(0, 10),
): boolean {
  return d.state === 'published' && !!d.next_release_date && d.next_release_date < today;
}

/** Listing for the API: public datasets for everyone; with `mine`, the caller's own (any state). */
export async function listForApi(
  db: Db,
  user: CurrentUser | null,
  q: { state?: string; organization?: string; mine?: boolean; limit: number; offset: number },
) {
  let orgIds: string[] | undefined;
  if (q.organization) {
    const org = await repo.findOrganization(db, q.organization);
    orgIds = org ? [org.id] : [];
  }
  if (q.mine) {
    if (!user) throw new AppError('UNAUTHENTICATED', 401);
    const mine = producerOrganizations(user);
    if (mine) orgIds = orgIds ? orgIds.filter((o) => mine.includes(o)) : mine;
    return repo.listDatasets(db, { state: q.state, organizationIds: orgIds, limit: q.limit, offset: q.offset });
  }
  if (q.state && q.state !== 'published' && !requireWalidataSoft(user)) throw new AppError('FORBIDDEN', 403);
  // "submitted" means everything awaiting the walidata, including revisions of published datasets.
  const result =
    q.state === 'submitted'
      ? await repo.listDatasets(db, { awaitingReview: true, organizationIds: orgIds, limit: q.limit, offset: q.offset })
      : await repo.listDatasets(db, {
          state: q.state ?? 'published',
          organizationIds: orgIds,
          limit: q.limit,
          offset: q.offset,
        });
  return { rows: result.rows.filter((r) => !r.private || canSeeUnpublished(user, r)), total: result.total };
}

function requireWalidataSoft(user: CurrentUser | null): boolean {
  try {
    requireWalidata(user);
    return true;
  } catch {
    return false;
  }
}
