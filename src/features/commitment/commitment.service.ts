import { dialectOf, type Db, type DbOrTrx } from '../../storage/database.js';
import type { Config } from '../../config/config.js';
import type { Mailer } from '../mail/mail.service.js';
import { type CurrentUser, actorOf, isAdmin } from '../../actor/actor.js';
import { AppError, invalid, type FieldError } from '../../errors.js';
import { newId, nowIso } from '../../ids.js';
import { recordAudit } from '../audit/audit.service.js';
import { recordVersion } from '../history/history.service.js';
import { notifyFollowers } from '../notification/notification.service.js';
import { canEditCommitment, requireCommitmentEditor, requirePlanManager } from '../plan/plan.access.js';
import { getPlan, planWindow } from '../plan/plan.service.js';
import { requirePlanOpen } from '../plan/plan.lifecycle.js';
import { CORE_COMMITMENT_FIELDS, changedCore, refuseCoreEdit } from './amendment.rules.js';
import { leadIdsOf } from '../plan/plan.repository.js';
import { planUrls } from '../plan/plan.urls.js';
import {
  findCommitmentByOgpId,
  findCommitmentById,
  leadOrganizationOf,
  loadCommitmentViews,
  nextCommitmentNumber,
  type CommitmentRow,
  type CommitmentView,
} from './commitment.repository.js';
import { monthProblems, valueProblems } from './commitment.rules.js';
import { commitmentSnapshot, milestoneSnapshot, parseJsonArray } from './commitment.presenter.js';
import type { CommitmentInput, CommitmentPatch } from './commitment.schema.js';
import { knownOrganizationIds } from '../organization/organization.repository.js';
import { updateVersioned } from '../../storage/versioned-update.js';
import { knownKelurahanCodes } from '../wilayah/wilayah.repository.js';
import { parseTranslations, storeTranslations } from '../../i18n/content-language.js';

export interface ActionDeps {
  db: Db;
  mailer: Mailer;
  config: Config;
}

export async function getCommitment(db: DbOrTrx, ogpId: string): Promise<CommitmentRow> {
  const row = await findCommitmentByOgpId(db, ogpId);
  if (!row) throw new AppError('COMMITMENT_NOT_FOUND', 404, { ogpId }, { ogpId });
  return row;
}

/** The commitment and the user who may edit it (admin, or produsen of its lead organisation); refuses anyone else. */
export async function getEditableCommitment(
  db: DbOrTrx,
  user: CurrentUser | null,
  ogpId: string,
): Promise<{ commitment: CommitmentRow; editor: CurrentUser }> {
  const commitment = await getCommitment(db, ogpId);
  return { commitment, editor: requireCommitmentEditor(user, await leadOrganizationOf(db, commitment.id)) };
}

/** Refuses every write under a closed plan (PLAN_CLOSED, 409): its record is final. */
export async function requireOpenPlanOf(db: DbOrTrx, planId: string): Promise<void> {
  requirePlanOpen(await getPlan(db, planId));
}

export async function getCommitmentView(
  db: DbOrTrx,
  ogpId: string,
  options: { includeInternalEvidence?: boolean } = {},
): Promise<CommitmentView> {
  const row = await getCommitment(db, ogpId);
  return (await loadCommitmentViews(db, [row], options))[0]!;
}

export function formatOgpId(code: string, n: number): string {
  return `${code}${String(n).padStart(4, '0')}`;
}

/** An example commitment's ID, e.g. IDMDN-CONTOH-01: visibly not an OGP ID, from its own series. */
export function formatExampleOgpId(code: string, n: number): string {
  return `${code}-CONTOH-${String(n).padStart(2, '0')}`;
}

export function toRowFields(input: CommitmentInput) {
  return {
    title: input.title.trim(),
    problem: input.problem,
    status_quo: input.statusQuo,
    description: input.description,
    how_solves: input.howSolves,
    ogp_relevance: input.ogpRelevance,
    value_access_info: input.valueAccessInfo ? 1 : 0,
    value_access_info_why: input.valueAccessInfoWhy.trim(),
    value_civic_participation: input.valueCivicParticipation ? 1 : 0,
    value_civic_participation_why: input.valueCivicParticipationWhy.trim(),
    value_public_accountability: input.valuePublicAccountability ? 1 : 0,
    value_public_accountability_why: input.valuePublicAccountabilityWhy.trim(),
    value_technology: input.valueTechnology ? 1 : 0,
    value_technology_why: input.valueTechnologyWhy.trim(),
    policy_area: input.policyArea,
    sector: input.sector,
    start_month: input.startMonth,
    end_month: input.endMonth,
    budget_amount: input.budgetAmount ?? null,
    budget_source: input.budgetSource,
    rpjmd_links: input.rpjmdLinks,
    sdg_goals: JSON.stringify([...new Set(input.sdgGoals)].sort((a, b) => a - b)),
    kelurahan_codes: JSON.stringify([...new Set(input.kelurahanCodes)].sort()),
    translations: storeTranslations(input.translations),
  };
}

/** The stored commitment as input (for PATCH: merge, then validate the whole). */
export async function commitmentAsInput(db: DbOrTrx, c: CommitmentRow): Promise<CommitmentInput> {
  const institutions = await db
    .selectFrom('commitment_institutions')
    .selectAll()
    .where('commitment_id', '=', c.id)
    .execute();
  const ideas = await db.selectFrom('idea_commitments').select('idea_id').where('commitment_id', '=', c.id).execute();
  return {
    title: c.title,
    problem: c.problem,
    statusQuo: c.status_quo,
    description: c.description,
    howSolves: c.how_solves,
    ogpRelevance: c.ogp_relevance,
    valueAccessInfo: !!c.value_access_info,
    valueAccessInfoWhy: c.value_access_info_why,
    valueCivicParticipation: !!c.value_civic_participation,
    valueCivicParticipationWhy: c.value_civic_participation_why,
    valuePublicAccountability: !!c.value_public_accountability,
    valuePublicAccountabilityWhy: c.value_public_accountability_why,
    valueTechnology: !!c.value_technology,
    valueTechnologyWhy: c.value_technology_why,
    policyArea: c.policy_area,
    sector: c.sector,
    startMonth: c.start_month,
    endMonth: c.end_month,
    budgetAmount: c.budget_amount,
    budgetSource: c.budget_source,
    rpjmdLinks: c.rpjmd_links,
    sdgGoals: parseJsonArray<number>(c.sdg_goals),
    kelurahanCodes: parseJsonArray<string>(c.kelurahan_codes),
    leadOrganizationId: institutions.find((i) => i.role === 'lead')?.organization_id ?? '',
    supportingOrganizationIds: institutions.filter((i) => i.role === 'supporting').map((i) => i.organization_id),
    ideaIds: ideas.map((i) => i.idea_id),
    translations: parseTranslations(c.translations),
  };
}

export async function validateCommitment(db: DbOrTrx, planId: string, input: CommitmentInput): Promise<void> {
  const plan = await getPlan(db, planId);
  const errors: FieldError[] = [
    ...valueProblems(toRowFields(input)),
    ...monthProblems(input.startMonth, input.endMonth, await planWindow(db, plan)),
  ];
  const orgIds = [input.leadOrganizationId, ...input.supportingOrganizationIds];
  const known = await knownOrganizationIds(db, orgIds);
  if (!known.has(input.leadOrganizationId))
    errors.push({ field: 'leadOrganizationId', message: 'commitment.rule.unknownOrg' });
  if (input.supportingOrganizationIds.some((id) => !known.has(id)))
    errors.push({ field: 'supportingOrganizationIds', message: 'commitment.rule.unknownOrg' });
  if (input.kelurahanCodes.length) {
    const kel = await knownKelurahanCodes(db, input.kelurahanCodes);
    if (kel.size !== new Set(input.kelurahanCodes).size)
      errors.push({ field: 'kelurahanCodes', message: 'commitment.rule.unknownKelurahan' });
  }
  if (input.ideaIds.length) {
    const ideas = await db
      .selectFrom('ideas')
      .select('id')
      .where('id', 'in', input.ideaIds)
      .where('plan_id', '=', planId)
      .execute();
    if (ideas.length !== new Set(input.ideaIds).size)
      errors.push({ field: 'ideaIds', message: 'commitment.rule.unknownIdea' });
  }
  if (errors.length) throw invalid(errors);
}

export async function writeLinks(trx: DbOrTrx, commitmentId: string, input: CommitmentInput): Promise<void> {
  await trx.deleteFrom('commitment_institutions').where('commitment_id', '=', commitmentId).execute();
  await trx
    .insertInto('commitment_institutions')
    .values({ commitment_id: commitmentId, organization_id: input.leadOrganizationId, role: 'lead' })
    .execute();
  for (const orgId of new Set(input.supportingOrganizationIds)) {
    if (orgId === input.leadOrganizationId) continue;
    await trx
      .insertInto('commitment_institutions')
      .values({ commitment_id: commitmentId, organization_id: orgId, role: 'supporting' })
      .execute();
  }
  await trx.deleteFrom('idea_commitments').where('commitment_id', '=', commitmentId).execute();
  for (const ideaId of new Set(input.ideaIds)) {
    await trx
      .insertInto('idea_commitments')
      .values({ idea_id: ideaId, commitment_id: commitmentId, created_at: nowIso() })
      .execute();
  }
}

/** Creates a commitment with a generated OGP ID (jurisdiction code + 4 digits). */
export async function createCommitment(
  deps: ActionDeps,
  user: CurrentUser | null,
  planId: string,
  input: CommitmentInput,
): Promise<CommitmentRow> {
  const plan = await getPlan(deps.db, planId);
  // A commitment is an example exactly when its plan is one: examples never sit in a real plan.
  const example = plan.is_example === 1;
  requirePlanManager(user, leadIdsOf(plan));
  requirePlanOpen(plan);
  await validateCommitment(deps.db, planId, input);
  const actor = actorOf(user, 'anonymous');
  for (let attempt = 0; ; attempt++) {
    try {
      return await deps.db.transaction().execute(async (trx) => {
        const number = await nextCommitmentNumber(trx, { example });
        const now = nowIso();
        const format = example ? formatExampleOgpId : formatOgpId;
        const row: CommitmentRow = {
          id: newId(),
          edit_version: 1,
          plan_id: planId,
          ogp_id: format(deps.config.ogpJurisdictionCode, number),
          number,
          ...toRowFields(input),
          is_example: example ? 1 : 0,
          created_at: now,
          updated_at: now,
        };
        await trx.insertInto('commitments').values(row).execute();
        await writeLinks(trx, row.id, input);
        const view = (await loadCommitmentViews(trx, [row]))[0]!;
        await recordAudit(trx, actor, {
          action: 'commitment.create',
          entityType: 'commitment',
          entityId: row.id,
          after: commitmentSnapshot(view),
        });
        await recordVersion(trx, actor, 'commitment', row.id, commitmentSnapshot(view));
        return row;
      });
    } catch (e) {
      if (attempt < 3 && dialectOf(deps.db).isUniqueViolation(e)) continue;
      throw e;
    }
  }
}

export async function updateCommitment(
  deps: ActionDeps,
  user: CurrentUser | null,
  ogpId: string,
  patch: CommitmentPatch,
  /** The edit version the editor loaded (else the one read here): a newer one is an EditConflict. */
  expectedVersion?: number,
): Promise<CommitmentRow> {
  const { commitment: current, editor: u } = await getEditableCommitment(deps.db, user, ogpId);
  const plan = await getPlan(deps.db, current.plan_id);
  requirePlanOpen(plan);
  const stored = await commitmentAsInput(deps.db, current);
  const merged: CommitmentInput = { ...stored, ...stripUndefined(patch) };
  refuseCoreEdit(plan.status, ogpId, changedCore(CORE_COMMITMENT_FIELDS, stored, merged));
  if (!isAdmin(u) && !canEditCommitment(u, merged.leadOrganizationId))
    throw new AppError('COMMITMENT_LEAD_NOT_YOURS', 403);
  await validateCommitment(deps.db, current.plan_id, merged);
  const actor = actorOf(u, 'anonymous');
  const updated = await deps.db.transaction().execute(async (trx) => {
    const before = commitmentSnapshot((await loadCommitmentViews(trx, [current]))[0]!);
    const row: CommitmentRow = { ...current, ...toRowFields(merged), updated_at: nowIso() };
    row.edit_version = await updateVersioned(trx, 'commitments', current.id, expectedVersion ?? current.edit_version, {
      ...toRowFields(merged),
      updated_at: row.updated_at,
    });
    await writeLinks(trx, current.id, merged);
    const after = commitmentSnapshot((await loadCommitmentViews(trx, [row]))[0]!);
    await recordAudit(trx, actor, {
      action: 'commitment.update',
      entityType: 'commitment',
      entityId: current.id,
      before,
      after,
    });
    await recordVersion(trx, actor, 'commitment', current.id, after);
    return row;
  });
  await notifyCommitmentChange(deps, u, updated, 'commitment.notice.updated');
  return updated;
}

function stripUndefined<T extends Record<string, unknown>>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Records a new commitment version (after a milestone or evidence change) inside the transaction. */
export async function recordCommitmentVersion(
  trx: DbOrTrx,
  user: CurrentUser,
  commitmentId: string,
  milestoneId?: string,
): Promise<void> {
  const row = await findCommitmentById(trx, commitmentId);
  if (!row) return;
  const view = (await loadCommitmentViews(trx, [row]))[0]!;
  await trx.updateTable('commitments').set({ updated_at: nowIso() }).where('id', '=', commitmentId).execute();
  await recordVersion(trx, actorOf(user, 'anonymous'), 'commitment', commitmentId, commitmentSnapshot(view));
  const m = milestoneId ? view.milestones.find((x) => x.id === milestoneId) : undefined;
  if (m) await recordVersion(trx, actorOf(user, 'anonymous'), 'milestone', m.id, milestoneSnapshot(m));
}

/** Tells the commitment's followers (not the person who changed it) what changed. */
export async function notifyCommitmentChange(
  deps: ActionDeps,
  user: CurrentUser,
  c: CommitmentRow,
  key: string,
  params: Record<string, string> = {},
): Promise<void> {
  // Keys and params, so each follower reads it in their language (with the English title, if any).
  const title = { id: c.title, en: parseTranslations(c.translations).en?.title };
  await notifyFollowers(deps.db, deps.mailer, {
    entityType: 'commitment',
    entityId: c.id,
    alsoFollowersOf: [{ entityType: 'plan', entityId: c.plan_id }],
    title: { key, params: { ogpId: c.ogp_id, title, ...params } },
    body: { key: 'commitment.notice.body', params: { ogpId: c.ogp_id, title } },
    url: planUrls.commitment(c.ogp_id),
    baseUrl: deps.config.baseUrl,
    excludeUserId: user.id,
  });
}
