import { parseTranslations, storeTranslations } from '../../i18n/content-language.js';
import type { Db, DbOrTrx } from '../../storage/database.js';
import { type CurrentUser, actorOf, isAdmin } from '../../actor/actor.js';
import { AppError, invalid, type FieldError } from '../../errors.js';
import { newId, nowIso } from '../../ids.js';
import { recordAudit } from '../audit/audit.service.js';
import { requireAdmin, requirePlanManager } from './plan.access.js';
import { checkTransitionDates, requirePlanOpen, SUBMISSION_DATE } from './plan.lifecycle.js';
import { recordDateCorrection, requireCorrectionReason } from '../correction/correction.service.js';
import {
  findPlan,
  findProfile,
  leadIdsOf,
  listPlanRows,
  listUnansweredIdeas,
  nextPlanNumber,
  type PlanRow,
  type ProfileRow,
} from './plan.repository.js';
import type { PlanInput, PlanPatch, ProfileInput } from './plan.schema.js';
import type { PlanStatus } from './plan.table.js';
import { listPlanCommitments, type CommitmentView } from '../commitment/commitment.repository.js';
import { commitmentProblems, type PlanWindow } from '../commitment/commitment.rules.js';
import { irmCompletion } from '../../rubric/irm-scales.js';
import { rollUp } from '../../rubric/scale.js';
import { listKelurahanChoices } from '../wilayah/wilayah.repository.js';
import { knownOrganizationIds } from '../organization/organization.repository.js';
import { bumpVersion, updateVersioned } from '../../storage/versioned-update.js';

/** The only forward moves of the lifecycle. */
export const NEXT_STATUS: Record<PlanStatus, PlanStatus | null> = {
  draft: 'co-creation',
  'co-creation': 'submitted',
  submitted: 'implementation',
  implementation: 'closed',
  closed: null,
};

export async function getPlan(db: DbOrTrx, id: string): Promise<PlanRow> {
  const row = await findPlan(db, id);
  if (!row) throw new AppError('PLAN_NOT_FOUND', 404, { id });
  return row;
}

export async function getProfile(db: DbOrTrx): Promise<ProfileRow | null> {
  return (await findProfile(db)) ?? null;
}

export async function planWindow(db: DbOrTrx, plan: PlanRow): Promise<PlanWindow> {
  const profile = plan.term_end_date ? null : await findProfile(db);
  return {
    periodStart: plan.period_start,
    periodEnd: plan.period_end,
    termEnd: plan.term_end_date ?? profile?.term_end_date ?? null,
  };
}

export async function updateProfile(db: Db, user: CurrentUser | null, input: ProfileInput): Promise<void> {
  const u = requireAdmin(user);
  const orgIds = [input.contactOrganizationId, input.monitoringOrganizationId].filter((x): x is string => !!x);
  const known = await knownOrganizationIds(db, orgIds);
  const errors: FieldError[] = [];
  if (input.contactOrganizationId && !known.has(input.contactOrganizationId))
    errors.push({ field: 'contactOrganizationId', message: 'commitment.rule.unknownOrg' });
  if (input.monitoringOrganizationId && !known.has(input.monitoringOrganizationId))
    errors.push({ field: 'monitoringOrganizationId', message: 'commitment.rule.unknownOrg' });
  if (input.joinedOn && input.termEndDate && input.termEndDate < input.joinedOn)
    errors.push({ field: 'termEndDate', message: 'validation.dateOrder' });
  if (errors.length) throw invalid(errors);
  const values = {
    jurisdiction_name: input.jurisdictionName,
    joined_on: input.joinedOn ?? null,
    launched_on: input.launchedOn ?? null,
    term_end_date: input.termEndDate ?? null,
    contact_name: input.contactName,
    contact_title: input.contactTitle,
    contact_organization_id: input.contactOrganizationId ?? null,
    monitoring_organization_id: input.monitoringOrganizationId ?? null,
    forum_name: input.forumName,
    forum_description: input.forumDescription,
    updated_at: nowIso(),
  };
  await db.transaction().execute(async (trx) => {
    const before = await findProfile(trx);
    if (before) await trx.updateTable('ogp_profile').set(values).where('id', '=', 1).execute();
    else
      await trx
        .insertInto('ogp_profile')
        .values({ id: 1, ...values })
        .execute();
    await recordAudit(trx, actorOf(u, 'anonymous'), {
      action: 'ogp_profile.update',
      entityType: 'ogp_profile',
      entityId: '1',
      before: before ?? undefined,
      after: values,
    });
  });
}

async function validatePlan(db: DbOrTrx, input: PlanInput): Promise<void> {
  const errors: FieldError[] = [];
  if (input.periodEnd < input.periodStart) errors.push({ field: 'periodEnd', message: 'validation.dateOrder' });
  if (input.cocreationStart && input.cocreationEnd && input.cocreationEnd < input.cocreationStart)
    errors.push({ field: 'cocreationEnd', message: 'validation.dateOrder' });
  if (input.termEndDate && input.periodStart > input.termEndDate)
    errors.push({ field: 'termEndDate', message: 'plan.rule.termBeforeStart' });
  if (input.endorsedOn && input.submittedOn && input.endorsedOn > input.submittedOn)
    errors.push({ field: 'endorsedOn', message: 'plan.rule.endorsedAfterSubmission' });
  if (input.leadOrganizationIds.length) {
    const found = await knownOrganizationIds(db, input.leadOrganizationIds);
    if (found.size !== new Set(input.leadOrganizationIds).size)
      errors.push({ field: 'leadOrganizationIds', message: 'commitment.rule.unknownOrg' });
  }
  if (errors.length) throw invalid(errors);
}

function toPlanFields(input: PlanInput) {
  return {
    title: input.title.trim(),
    period_start: input.periodStart,
    period_end: input.periodEnd,
    term_end_date: input.termEndDate ?? null,
    cocreation_start: input.cocreationStart ?? null,
    cocreation_end: input.cocreationEnd ?? null,
    submitted_on: input.submittedOn ?? null,
    lead_organization_ids: JSON.stringify([...new Set(input.leadOrganizationIds)]),
    foreword: input.foreword,
    strategic_vision: input.strategicVision,
    engagement: input.engagement,
    endorsed_on: input.endorsedOn ?? null,
    endorsement_note: input.endorsementNote,
    translations: storeTranslations(input.translations),
  };
}

export function planAsInput(p: PlanRow): PlanInput {
  return {
    title: p.title,
    periodStart: p.period_start,
    periodEnd: p.period_end,
    termEndDate: p.term_end_date,
    cocreationStart: p.cocreation_start,
    cocreationEnd: p.cocreation_end,
    submittedOn: p.submitted_on,
    leadOrganizationIds: leadIdsOf(p),
    foreword: p.foreword,
    strategicVision: p.strategic_vision,
    engagement: p.engagement,
    endorsedOn: p.endorsed_on,
    endorsementNote: p.endorsement_note,
    translations: parseTranslations(p.translations),
  };
}

export async function createPlan(
  db: Db,
  user: CurrentUser | null,
  input: PlanInput,
  options: { status?: PlanStatus; isExample?: boolean; actorLabel?: string } = {},
): Promise<PlanRow> {
  const u = options.actorLabel ? null : requireAdmin(user);
  await validatePlan(db, input);
  return db.transaction().execute(async (trx) => {
    const now = nowIso();
    const row: PlanRow = {
      id: newId(),
      edit_version: 1,
      plan_number: await nextPlanNumber(trx, { example: options.isExample }),
      status: options.status ?? 'draft',
      ...toPlanFields(input),
      early_closure_reason: null,
      is_example: options.isExample ? 1 : 0,
      created_at: now,
      updated_at: now,
    };
    await trx.insertInto('plans').values(row).execute();
    await recordAudit(trx, u ? actorOf(u, 'anonymous') : { id: null, label: options.actorLabel! }, {
      action: 'plan.create',
      entityType: 'plan',
      entityId: row.id,
      after: row,
    });
    return row;
  });
}

/**
 * The lead list decides who manages the plan, so only the point of contact (an admin) changes it:
 * a lead OPD's produsen could otherwise remove the other leads and take the plan over.
 */
function requireLeadsKeptUnlessAdmin(user: CurrentUser, before: string[], after: string[]): void {
  const same = new Set(before).size === new Set(after).size && after.every((id) => before.includes(id));
  if (same || isAdmin(user)) return;
  throw new AppError('PLAN_LEADS_POINT_OF_CONTACT', 403, {
    fields: [{ field: 'leadOrganizationIds', message: 'error.PLAN_LEADS_POINT_OF_CONTACT' }],
  });
}

/**
 * Changes the plan's template fields. The write expects the version the editor loaded, or the one
 * just read here, so a save that raced this one is never overwritten with stale fields.
 */
export async function updatePlan(
  db: Db,
  user: CurrentUser | null,
  id: string,
  patch: PlanPatch,
  expectedVersion?: number,
): Promise<PlanRow> {
  const current = await getPlan(db, id);
  const u = requirePlanManager(user, leadIdsOf(current));
  requirePlanOpen(current);
  const merged: PlanInput = {
    ...planAsInput(current),
    ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)),
  };
  requireLeadsKeptUnlessAdmin(u, leadIdsOf(current), merged.leadOrganizationIds);
  await validatePlan(db, merged);
  // After submission the submission date is what the inception assessment is due from: it changes only as a correction.
  const movedSubmission =
    current.status !== 'draft' && current.status !== 'co-creation' && merged.submittedOn !== current.submitted_on;
  const reason = movedSubmission
    ? requireCorrectionReason(patch.submittedOnCorrectionReason, 'submittedOnCorrectionReason')
    : null;
  return db.transaction().execute(async (trx) => {
    const row: PlanRow = { ...current, ...toPlanFields(merged), updated_at: nowIso() };
    if (reason)
      await recordDateCorrection(trx, actorOf(u, 'anonymous'), ['produsen'], {
        ...SUBMISSION_DATE,
        entityId: id,
        originalValue: current.submitted_on,
        newValue: merged.submittedOn ?? null,
        reason,
      });
    row.edit_version = await updateVersioned(trx, 'plans', id, expectedVersion ?? current.edit_version, {
      ...toPlanFields(merged),
      updated_at: row.updated_at,
    });
    await recordAudit(trx, actorOf(u, 'anonymous'), {
      action: 'plan.update',
      entityType: 'plan',
      entityId: id,
      before: current,
      after: row,
    });
    return row;
  });
}

export interface ReadinessProblem {
  kind: 'idea' | 'endorsement' | 'commitment' | 'noCommitments';
  message: string;
  params: Record<string, string | number>;
  /** idea id, commitment OGP ID, or null for plan-level problems */
  ref: string | null;
  field?: string;
}

/** What blocks submission: unanswered ideas, no endorsement, invalid commitments. */
export async function submissionProblems(
  db: DbOrTrx,
  plan: PlanRow,
  commitments?: CommitmentView[],
): Promise<ReadinessProblem[]> {
  const problems: ReadinessProblem[] = [];
  for (const idea of await listUnansweredIdeas(db, plan)) {
    problems.push({
      kind: 'idea',
      message: idea.moderation === 'pending' ? 'plan.problem.ideaPending' : 'plan.problem.ideaUnanswered',
      params: { title: idea.title },
      ref: idea.id,
    });
  }
  if (!plan.endorsed_on)
    problems.push({
      kind: 'endorsement',
      message: 'plan.problem.endorsement',
      params: {},
      ref: null,
      field: 'endorsedOn',
    });
  else if (plan.endorsed_on > (plan.submitted_on ?? nowIso().slice(0, 10)))
    problems.push({
      kind: 'endorsement',
      message: 'plan.rule.endorsedAfterSubmission',
      params: {},
      ref: null,
      field: 'endorsedOn',
    });
  const views = commitments ?? (await listPlanCommitments(db, plan.id));
  if (!views.length)
    problems.push({ kind: 'noCommitments', message: 'plan.problem.noCommitments', params: {}, ref: null });
  const window = await planWindow(db, plan);
  for (const v of views) {
    for (const p of commitmentProblems(v.row, v.milestones, window, !!v.lead)) {
      problems.push({
        kind: 'commitment',
        message: p.message,
        params: { ...(p.params ?? {}), ogpId: v.row.ogp_id },
        ref: v.row.ogp_id,
        field: p.field,
      });
    }
  }
  return problems;
}

/** A readiness problem as a field error (translated in the JSON error body). */
export function problemField(p: ReadinessProblem): FieldError {
  const field =
    p.kind === 'idea' ? `idea-${p.ref}` : p.kind === 'commitment' ? `${p.ref}.${p.field ?? ''}` : (p.field ?? p.kind);
  return { field, message: p.message, params: p.params };
}

export async function transitionPlan(
  db: Db,
  user: CurrentUser | null,
  id: string,
  to: PlanStatus,
  options: { earlyClosureReason?: string } = {},
): Promise<PlanRow> {
  const plan = await getPlan(db, id);
  const u = requirePlanManager(user, leadIdsOf(plan));
  requirePlanOpen(plan);
  if (NEXT_STATUS[plan.status] !== to)
    throw new AppError('PLAN_BAD_TRANSITION', 409, { from: plan.status, to }, { from: plan.status, to });
  const earlyClosureReason = checkTransitionDates(plan, to, options.earlyClosureReason);
  if (to === 'submitted') {
    const problems = await submissionProblems(db, plan);
    if (problems.length)
      throw new AppError('PLAN_NOT_READY', 422, { fields: problems.map(problemField) }, { n: problems.length });
  }
  return db.transaction().execute(async (trx) => {
    const now = nowIso();
    const submittedOn = to === 'submitted' ? (plan.submitted_on ?? now.slice(0, 10)) : plan.submitted_on;
    const updated = await trx
      .updateTable('plans')
      .set({
        status: to,
        submitted_on: submittedOn,
        early_closure_reason: earlyClosureReason,
        updated_at: now,
        edit_version: bumpVersion(),
      })
      .where('id', '=', id)
      .where('status', '=', plan.status)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1)
      throw new AppError('PLAN_BAD_TRANSITION', 409, { from: plan.status, to }, { from: plan.status, to });
    await recordAudit(trx, actorOf(u, 'anonymous'), {
      action: 'plan.transition',
      entityType: 'plan',
      entityId: id,
      before: { status: plan.status },
      after: { status: to, submittedOn, earlyClosureReason },
    });
    return {
      ...plan,
      status: to,
      submitted_on: submittedOn,
      early_closure_reason: earlyClosureReason,
      updated_at: now,
      edit_version: plan.edit_version + 1,
    };
  });
}

export interface ProgressGroup {
  key: string;
  label: string;
  commitments: number;
  percent: number;
}

/** Plan progress: each commitment counts equally; each commitment's own progress is its milestones' weighted mean. */
export function planProgress(views: CommitmentView[]) {
  const percent = rollUp(views.map((v) => ({ weight: 1, percent: v.percent })));
  return {
    percent,
    completion: irmCompletion(
      percent,
      views.reduce((s, v) => s + v.evidenceCount, 0),
    ),
  };
}

export function progressByLead(views: CommitmentView[]): ProgressGroup[] {
  const groups = new Map<string, CommitmentView[]>();
  for (const v of views) {
    const key = v.lead?.id ?? '';
    groups.set(key, [...(groups.get(key) ?? []), v]);
  }
  return [...groups.entries()]
    .map(([key, vs]) => ({
      key,
      label: vs[0]!.lead?.name ?? '—',
      commitments: vs.length,
      percent: planProgress(vs).percent,
    }))
    .sort((a, b) => a.label.localeCompare(b.label));
}

export async function progressByKelurahan(db: DbOrTrx, views: CommitmentView[]): Promise<ProgressGroup[]> {
  const kelurahan = await listKelurahanChoices(db);
  const groups: ProgressGroup[] = [];
  for (const k of kelurahan) {
    const touching = views.filter((v) => v.row.kelurahan_codes.includes(`"${k.kode}"`));
    if (touching.length)
      groups.push({
        key: k.kode,
        label: k.nama,
        commitments: touching.length,
        percent: planProgress(touching).percent,
      });
  }
  return groups;
}

export async function listPlansWithProgress(db: Db) {
  const rows = await listPlanRows(db);
  return Promise.all(
    rows.map(async (plan) => {
      const views = await listPlanCommitments(db, plan.id);
      return { plan, views, progress: planProgress(views) };
    }),
  );
}
