import { type CurrentUser, actorOf } from '../../actor/actor.js';
import { AppError, invalid } from '../../errors.js';
import { newId, nowIso } from '../../ids.js';
import { recordAudit } from '../audit/audit.service.js';
import { requireCommitmentEditor, requireSignedIn } from '../plan/plan.access.js';
import { getPlan, planWindow } from '../plan/plan.service.js';
import { findCommitmentById, findMilestone, leadOrganizationOf, type MilestoneRow } from './commitment.repository.js';
import { milestoneProblems } from './commitment.rules.js';
import { canReportMilestone } from './commitment.policy.js';
import {
  getEditableCommitment,
  notifyCommitmentChange,
  recordCommitmentVersion,
  type ActionDeps,
} from './commitment.service.js';
import type { MilestoneInput, MilestonePatch } from './commitment.schema.js';
import type { DbOrTrx } from '../../storage/database.js';
import { updateVersioned } from '../../storage/versioned-update.js';
import { knownOrganizationIds } from '../organization/organization.repository.js';
import { COMPLETION_DATE, requirePlanOpen } from '../plan/plan.lifecycle.js';
import { CORE_MILESTONE_FIELDS, changedCore, refuseCoreEdit } from './amendment.rules.js';
import { recordDateCorrection, requireCorrectionReason } from '../correction/correction.service.js';

export async function getMilestone(db: DbOrTrx, id: string): Promise<MilestoneRow> {
  const row = await findMilestone(db, id);
  if (!row) throw new AppError('MILESTONE_NOT_FOUND', 404, { id });
  return row;
}

export function toFields(input: MilestoneInput) {
  const status = input.status;
  return {
    activity: input.activity.trim(),
    deliverable: input.deliverable.trim(),
    start_date: input.startDate,
    end_date: input.endDate,
    responsible_organization_id: input.responsibleOrganizationId,
    weight: input.weight,
    status,
    progress_percent: status === 'complete' ? 100 : status === 'not_started' ? 0 : Math.min(99, input.progressPercent),
    completed_on: status === 'complete' ? (input.completedOn ?? nowIso().slice(0, 10)) : null,
  };
}

export const milestoneAsInput = (m: MilestoneRow): MilestoneInput => ({
  activity: m.activity,
  deliverable: m.deliverable,
  startDate: m.start_date ?? '',
  endDate: m.end_date ?? '',
  responsibleOrganizationId: m.responsible_organization_id ?? '',
  weight: m.weight,
  status: m.status,
  progressPercent: m.progress_percent,
  completedOn: m.completed_on,
});

export async function validate(
  deps: ActionDeps,
  planId: string,
  input: MilestoneInput,
  milestoneId: string | null,
): Promise<void> {
  const plan = await getPlan(deps.db, planId);
  const fields = toFields(input);
  const errors = milestoneProblems(fields, await planWindow(deps.db, plan));
  if (!(await knownOrganizationIds(deps.db, [input.responsibleOrganizationId])).size)
    errors.push({ field: 'responsibleOrganizationId', message: 'commitment.rule.unknownOrg' });
  if (fields.status === 'complete') {
    const evidence = milestoneId
      ? await deps.db.selectFrom('evidence').select('id').where('milestone_id', '=', milestoneId).executeTakeFirst()
      : undefined;
    if (!evidence) errors.push({ field: 'status', message: 'commitment.rule.completeNeedsEvidence' });
  }
  if (errors.length) {
    const needsEvidence = errors.length === 1 && errors[0]!.message === 'commitment.rule.completeNeedsEvidence';
    throw needsEvidence ? new AppError('MILESTONE_NEEDS_EVIDENCE', 422, { fields: errors }) : invalid(errors);
  }
}

/** Who may change a milestone: the commitment's editors (admin, lead organisation). */
async function requireEditor(deps: ActionDeps, user: CurrentUser | null, commitmentId: string): Promise<CurrentUser> {
  return requireCommitmentEditor(user, await leadOrganizationOf(deps.db, commitmentId));
}

/** Status and evidence may also come from the organisation responsible for the milestone (`canReportMilestone`). */
export async function requireMilestoneReporter(
  deps: ActionDeps,
  user: CurrentUser | null,
  m: MilestoneRow,
): Promise<CurrentUser> {
  const signedIn = requireSignedIn(user);
  if (!canReportMilestone(signedIn, m.responsible_organization_id, await leadOrganizationOf(deps.db, m.commitment_id)))
    throw new AppError('COMMITMENT_NOT_YOURS', 403);
  return signedIn;
}

export async function createMilestone(
  deps: ActionDeps,
  user: CurrentUser | null,
  ogpId: string,
  input: MilestoneInput,
): Promise<MilestoneRow> {
  const { commitment: c, editor: u } = await getEditableCommitment(deps.db, user, ogpId);
  const plan = await getPlan(deps.db, c.plan_id);
  requirePlanOpen(plan);
  // A new milestone changes the plan's promise: after submission it is an amendment.
  refuseCoreEdit(plan.status, ogpId, ['activity']);
  await validate(deps, c.plan_id, input, null);
  const row = await deps.db.transaction().execute(async (trx) => {
    const last = await trx
      .selectFrom('milestones')
      .select((eb) => eb.fn.max('position').as('p'))
      .where('commitment_id', '=', c.id)
      .executeTakeFirst();
    const now = nowIso();
    const m: MilestoneRow = {
      id: newId(),
      edit_version: 1,
      commitment_id: c.id,
      position: Number(last?.p ?? 0) + 1,
      ...toFields(input),
      created_at: now,
      updated_at: now,
    };
    await trx.insertInto('milestones').values(m).execute();
    await recordAudit(trx, actorOf(u, 'anonymous'), {
      action: 'milestone.create',
      entityType: 'milestone',
      entityId: m.id,
      after: m,
    });
    await recordCommitmentVersion(trx, u, c.id, m.id);
    return m;
  });
  await notifyCommitmentChange(deps, u, c, 'commitment.notice.milestoneAdded', { activity: row.activity });
  return row;
}

export async function updateMilestone(
  deps: ActionDeps,
  user: CurrentUser | null,
  id: string,
  patch: MilestonePatch,
  /** The edit version the editor loaded (else the one read here): a newer one is an EditConflict. */
  expectedVersion?: number,
): Promise<MilestoneRow> {
  const current = await getMilestone(deps.db, id);
  const onlyProgress = Object.keys(patch).every((k) =>
    ['status', 'progressPercent', 'completedOn', 'completedOnCorrectionReason'].includes(k),
  );
  const u = onlyProgress
    ? await requireMilestoneReporter(deps, user, current)
    : await requireEditor(deps, user, current.commitment_id);
  const c = (await findCommitmentById(deps.db, current.commitment_id))!;
  const plan = await getPlan(deps.db, c.plan_id);
  requirePlanOpen(plan);
  const stored = milestoneAsInput(current);
  const merged: MilestoneInput = {
    ...stored,
    ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)),
  };
  refuseCoreEdit(plan.status, c.ogp_id, changedCore(CORE_MILESTONE_FIELDS, stored, merged));
  if (patch.status && patch.status !== 'complete' && patch.completedOn === undefined) merged.completedOn = null;
  await validate(deps, c.plan_id, merged, id);
  // A completed milestone's date is what the end-of-commitment review is due from: moving it is a correction.
  const completedOn = toFields(merged).completed_on;
  const moved = current.status === 'complete' && completedOn !== null && completedOn !== current.completed_on;
  const reason = moved
    ? requireCorrectionReason(patch.completedOnCorrectionReason, 'completedOnCorrectionReason')
    : null;
  const row = await deps.db.transaction().execute(async (trx) => {
    const m: MilestoneRow = { ...current, ...toFields(merged), updated_at: nowIso() };
    if (reason)
      await recordDateCorrection(trx, actorOf(u, 'anonymous'), ['produsen'], {
        ...COMPLETION_DATE,
        entityId: id,
        originalValue: current.completed_on,
        newValue: completedOn,
        reason,
      });
    m.edit_version = await updateVersioned(trx, 'milestones', id, expectedVersion ?? current.edit_version, {
      ...toFields(merged),
      updated_at: m.updated_at,
    });
    await recordAudit(trx, actorOf(u, 'anonymous'), {
      action: 'milestone.update',
      entityType: 'milestone',
      entityId: id,
      before: current,
      after: m,
    });
    await recordCommitmentVersion(trx, u, c.id, id);
    return m;
  });
  const key =
    row.status === 'complete' && current.status !== 'complete'
      ? 'commitment.notice.milestoneComplete'
      : 'commitment.notice.milestoneUpdated';
  await notifyCommitmentChange(deps, u, c, key, { activity: row.activity });
  return row;
}
