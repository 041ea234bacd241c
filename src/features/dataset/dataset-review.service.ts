import type { Db, DbOrTrx } from '../../storage/database.js';
import { type CurrentUser, actorOf } from '../../actor/actor.js';
import { AppError, invalid } from '../../errors.js';
import { newId, nowIso } from '../../ids.js';
import { recordAudit } from '../audit/audit.service.js';
import { reindexDataset } from '../catalog/catalog.index.js';
import * as repo from './dataset.repository.js';
import type { DatasetRow } from './dataset.repository.js';
import { requireWalidata, workflowState } from './dataset.policy.js';
import { versionSnapshot } from './dataset-version.service.js';
import { parseRevision, type RevisionData } from './revision.js';
import { recordDateCorrection } from '../correction/correction.service.js';
import { discardLeftovers } from './resources/staged-discard.js';
import { applyStagedResources, swapInPendingData } from './resources/staged-approval.js';
import { emitDatastoreReplaced, emitResourcesRemoved } from './dataset.events.js';
import { assertPublishable } from '../privacy/privacy-gate.js';

import { getDataset, requireState } from './dataset.service.js';

// The walidata's side of the workflow: return or approve a submission (approval publishes the next
// version), and withdraw a published dataset.

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
  // DCAT-AP makes a description mandatory: harvesters reject a published dataset without one.
  if (decision === 'approve' && !(revision ? revision.columns.notes : d.notes).trim())
    throw invalid([{ field: 'notes', message: 'dataset.notesRequiredToPublish' }]);
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
        const rc = revision.releaseDateCorrection;
        if (rc)
          await recordDateCorrection(trx, { id: rc.actorId, label: rc.actorLabel }, ['produsen'], {
            entityType: 'dataset',
            entityId: d.id,
            field: 'next_release_date',
            originalValue: d.next_release_date,
            newValue: revision.columns.next_release_date,
            reason: rc.reason,
          });
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
