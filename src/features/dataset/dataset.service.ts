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
import { getVersion, type PublishedVersion } from './dataset-version.service.js';
import { requireCorrectionReason } from '../correction/correction.service.js';
import { parseRevision, pendingRevision, saveRevision, type RevisionColumns, type RevisionData } from './revision.js';
import { updateVersioned } from '../../storage/versioned-update.js';
import { runningLoads } from './resources/staged-changes.js';

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
          edit_version: 1,
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

export function requireState(d: DatasetRow, states: string[]): void {
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

/**
 * A published dataset whose release date has passed shows "overdue"; giving it a new date without
 * releasing new data in the same revision would quietly drop that claim, so it needs a reason,
 * published as a correction with the original date when the walidata approves the revision.
 */
function releaseDateCorrectionOf(
  d: DatasetRow,
  input: DatasetUpdateInput,
  user: CurrentUser | null,
): RevisionData['releaseDateCorrection'] {
  const moved = (input.nextReleaseDate ?? null) !== d.next_release_date;
  const staged = parseRevision(d);
  const newData = !!staged?.pendingData?.length || !!staged?.newResources?.length;
  if (!moved || !isOverdue(d) || newData) return undefined;
  const reason = requireCorrectionReason(input.nextReleaseDateCorrectionReason, 'nextReleaseDateCorrectionReason');
  const actor = actorOf(user, 'system');
  return { reason, actorId: actor.id, actorLabel: actor.label };
}

export async function updateDataset(
  db: Db,
  user: CurrentUser | null,
  name: string,
  input: DatasetUpdateInput,
  /** The edit version the editor loaded; a save over a newer one is an EditConflict. */
  expectedVersion?: number,
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
    // One check for both paths: the live row (draft) or its pending revision (published) moves on.
    await updateVersioned(trx, 'datasets', d.id, expectedVersion, d.state === 'published' ? {} : columnsFrom(input));
    if (d.state === 'published') {
      // The published version stays live; the change waits as a revision for the walidata.
      // New metadata; what is staged for the resources stays.
      const revision: RevisionData = {
        ...parseRevision(d),
        columns: columnsFrom(input),
        tags: [...new Set(input.tags.map((t) => t.trim()).filter(Boolean))],
        groupIds,
        releaseDateCorrection: releaseDateCorrectionOf(d, input, user),
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
    await trx.updateTable('datasets').set({ metadata_modified: now }).where('id', '=', d.id).execute();
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
