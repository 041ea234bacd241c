import { bumpVersion } from '../../storage/versioned-update.js';
import type { DbOrTrx } from '../../storage/database.js';
import { type CurrentUser, actorOf, isAdmin, organizationsFor } from '../../actor/actor.js';
import { AppError, invalid } from '../../errors.js';
import { newId, nowIso } from '../../ids.js';
import { recordAudit } from '../audit/audit.service.js';
import { recordVersion } from '../history/history.service.js';
import { requireSignedIn } from '../plan/plan.access.js';
import { amendmentsRequired, requirePlanOpen } from '../plan/plan.lifecycle.js';
import { findProfile, leadIdsOf, type PlanRow } from '../plan/plan.repository.js';
import { getPlan } from '../plan/plan.service.js';
import { planUrls } from '../plan/plan.urls.js';
import { loadCommitmentViews, type CommitmentRow } from './commitment.repository.js';
import { commitmentSnapshot, milestoneSnapshot } from './commitment.presenter.js';
import {
  getCommitment,
  getEditableCommitment,
  notifyCommitmentChange,
  toRowFields,
  validateCommitment,
  writeLinks,
  type ActionDeps,
} from './commitment.service.js';
import { toFields as milestoneFields, validate as validateMilestone } from './milestone.service.js';
import { applyPlan, diffProposal, isEmptyChange, type AmendmentChanges } from './amendment.changes.js';
import type { AmendmentInput } from './amendment.schema.js';
import type { CommitmentAmendmentTable } from './amendment.table.js';

export type AmendmentRow = CommitmentAmendmentTable;
export interface AmendmentView {
  row: AmendmentRow;
  changes: AmendmentChanges;
  proposedBy: string | null;
  decidedBy: string | null;
}

/**
 * Who decides amendments: the point of contact — admins, or the produsen of the profile's
 * point-of-contact organisation (the plan's lead organisations when none is set). The person who
 * proposed an amendment does not decide it, unless they are an admin.
 */
export async function canDecideAmendments(db: DbOrTrx, user: CurrentUser | null, plan: PlanRow): Promise<boolean> {
  if (!user) return false;
  if (isAdmin(user)) return true;
  const contact = (await findProfile(db))?.contact_organization_id;
  const orgs = contact ? [contact] : leadIdsOf(plan);
  return organizationsFor(user, ['produsen']).some((o) => orgs.includes(o));
}

/** The plan must be submitted or in implementation (before that, commitments are edited directly) and open. */
async function amendablePlan(db: DbOrTrx, c: CommitmentRow): Promise<PlanRow> {
  const plan = await getPlan(db, c.plan_id);
  requirePlanOpen(plan);
  if (!amendmentsRequired(plan.status))
    throw new AppError(
      'AMENDMENT_NOT_NEEDED',
      409,
      { status: plan.status },
      { url: planUrls.commitmentEdit(c.ogp_id) },
    );
  return plan;
}

export async function proposeAmendment(
  deps: ActionDeps,
  user: CurrentUser | null,
  ogpId: string,
  input: AmendmentInput,
): Promise<AmendmentRow> {
  const { commitment: c, editor } = await getEditableCommitment(deps.db, user, ogpId);
  await amendablePlan(deps.db, c);
  const changes = await diffProposal(deps, c, input);
  if (isEmptyChange(changes)) throw invalid([{ field: 'changes', message: 'amendment.rule.noChange' }]);
  return deps.db.transaction().execute(async (trx) => {
    const last = await trx
      .selectFrom('commitment_amendments')
      .select((eb) => eb.fn.max('number').as('n'))
      .where('commitment_id', '=', c.id)
      .executeTakeFirst();
    const row: AmendmentRow = {
      id: newId(),
      commitment_id: c.id,
      number: Number(last?.n ?? 0) + 1,
      status: 'proposed',
      justification: input.justification,
      changes_json: JSON.stringify(changes),
      proposed_by: editor.id,
      proposed_at: nowIso(),
      decided_by: null,
      decided_at: null,
      decision_note: '',
      history_version: null,
    };
    await trx.insertInto('commitment_amendments').values(row).execute();
    await recordAudit(trx, actorOf(editor, 'anonymous'), {
      action: 'amendment.propose',
      entityType: 'commitment',
      entityId: c.id,
      after: { ...row, changes },
    });
    return row;
  });
}

async function pendingAmendment(deps: ActionDeps, user: CurrentUser | null, ogpId: string, id: string) {
  const signedIn = requireSignedIn(user);
  const c = await getCommitment(deps.db, ogpId);
  const row = await deps.db
    .selectFrom('commitment_amendments')
    .selectAll()
    .where('id', '=', id)
    .where('commitment_id', '=', c.id)
    .executeTakeFirst();
  if (!row) throw new AppError('AMENDMENT_NOT_FOUND', 404, { id });
  const plan = await amendablePlan(deps.db, c);
  if (!(await canDecideAmendments(deps.db, signedIn, plan))) throw new AppError('AMENDMENT_NOT_POC', 403);
  if (row.proposed_by === signedIn.id && !isAdmin(signedIn)) throw new AppError('AMENDMENT_OWN_PROPOSAL', 403);
  if (row.status !== 'proposed')
    throw new AppError('AMENDMENT_DECIDED', 409, { status: row.status }, { n: row.number });
  return { u: signedIn, c, row, changes: JSON.parse(row.changes_json) as AmendmentChanges };
}

/** Approves a proposal: writes every change in one transaction, as one new version of the commitment. */
export async function approveAmendment(
  deps: ActionDeps,
  user: CurrentUser | null,
  ogpId: string,
  id: string,
  note: string,
): Promise<AmendmentRow> {
  const { u, c, row, changes } = await pendingAmendment(deps, user, ogpId, id);
  const plan = await applyPlan(deps.db, c, changes);
  if (plan.stale) throw new AppError('AMENDMENT_STALE', 409, { id }, { n: row.number });
  await validateCommitment(deps.db, c.plan_id, plan.merged);
  for (const m of [
    ...plan.updates.map((x) => ({ input: x.input, id: x.row.id })),
    ...plan.additions.map((input) => ({ input, id: null })),
  ])
    await validateMilestone(deps, c.plan_id, m.input, m.id);
  const actor = actorOf(u, 'anonymous');
  const decided = await deps.db.transaction().execute(async (trx) => {
    const now = nowIso();
    const before = commitmentSnapshot((await loadCommitmentViews(trx, [c]))[0]!);
    const updated: CommitmentRow = { ...c, ...toRowFields(plan.merged), updated_at: now };
    await trx
      .updateTable('commitments')
      // A new edit version, so an edit form loaded before the amendment meets the conflict page.
      .set({ ...toRowFields(plan.merged), updated_at: now, edit_version: bumpVersion() })
      .where('id', '=', c.id)
      .execute();
    await writeLinks(trx, c.id, plan.merged);
    for (const m of plan.updates)
      await trx
        .updateTable('milestones')
        .set({ ...milestoneFields(m.input), updated_at: now, edit_version: bumpVersion() })
        .where('id', '=', m.row.id)
        .execute();
    for (const m of plan.removals) await trx.deleteFrom('milestones').where('id', '=', m.id).execute();
    const last = await trx
      .selectFrom('milestones')
      .select((eb) => eb.fn.max('position').as('p'))
      .where('commitment_id', '=', c.id)
      .executeTakeFirst();
    let position = Number(last?.p ?? 0);
    const touched = new Set(plan.updates.map((m) => m.row.id));
    for (const input of plan.additions) {
      const milestoneId = newId();
      touched.add(milestoneId);
      await trx
        .insertInto('milestones')
        .values({
          id: milestoneId,
          commitment_id: c.id,
          position: ++position,
          ...milestoneFields(input),
          created_at: now,
          updated_at: now,
        })
        .execute();
    }
    const view = (await loadCommitmentViews(trx, [updated]))[0]!;
    const after = commitmentSnapshot(view);
    const version = await recordVersion(trx, actor, 'commitment', c.id, after);
    for (const m of view.milestones.filter((x) => touched.has(x.id)))
      await recordVersion(trx, actor, 'milestone', m.id, milestoneSnapshot(m));
    const decision = {
      status: 'approved' as const,
      decided_by: u.id,
      decided_at: now,
      decision_note: note,
      history_version: version,
    };
    await trx.updateTable('commitment_amendments').set(decision).where('id', '=', row.id).execute();
    await recordAudit(trx, actor, {
      action: 'amendment.approve',
      entityType: 'commitment',
      entityId: c.id,
      before,
      after: { ...after, amendment: { id: row.id, number: row.number, note } },
    });
    return { ...row, ...decision };
  });
  await notifyCommitmentChange(deps, u, c, 'amendment.notice.approved', { n: String(row.number) });
  return decided;
}

export async function rejectAmendment(
  deps: ActionDeps,
  user: CurrentUser | null,
  ogpId: string,
  id: string,
  note: string,
): Promise<AmendmentRow> {
  const { u, c, row } = await pendingAmendment(deps, user, ogpId, id);
  if (note.trim().length < 5) throw invalid([{ field: 'note', message: 'amendment.rule.rejectNote' }]);
  return deps.db.transaction().execute(async (trx) => {
    const decision = { status: 'rejected' as const, decided_by: u.id, decided_at: nowIso(), decision_note: note };
    await trx.updateTable('commitment_amendments').set(decision).where('id', '=', row.id).execute();
    await recordAudit(trx, actorOf(u, 'anonymous'), {
      action: 'amendment.reject',
      entityType: 'commitment',
      entityId: c.id,
      before: { status: row.status },
      after: { id: row.id, number: row.number, ...decision },
    });
    return { ...row, ...decision };
  });
}

/** A commitment's amendments, newest first, with the names (never e-mails) of who proposed and decided. */
export async function listAmendments(db: DbOrTrx, commitmentId: string): Promise<AmendmentView[]> {
  const rows = await db
    .selectFrom('commitment_amendments as a')
    .leftJoin('users as p', 'p.id', 'a.proposed_by')
    .leftJoin('users as d', 'd.id', 'a.decided_by')
    .selectAll('a')
    .select(['p.name as proposer_name', 'd.name as decider_name'])
    .where('a.commitment_id', '=', commitmentId)
    .orderBy('a.number', 'desc')
    .execute();
  return rows.map(({ proposer_name, decider_name, ...row }) => ({
    row,
    changes: JSON.parse(row.changes_json) as AmendmentChanges,
    proposedBy: proposer_name ?? null,
    decidedBy: decider_name ?? null,
  }));
}
