import type { Db } from '../../storage/database.js';
import { AppError } from '../../errors.js';
import { newId, nowIso } from '../../ids.js';
import type { CurrentUser } from '../../actor/actor.js';
import { recordAudit } from '../audit/audit.service.js';
import { actorOf } from '../../actor/actor.js';
import type { PlanRow } from '../plan/plan.repository.js';
import { getPlan } from '../plan/plan.service.js';
import { getForum } from '../forum/forum.service.js';
import { meetingSharedInAdvance } from '../forum/forum.advance.js';
import { localDate, todayLocal } from '../../time/local-time.js';
import { FORUM_SECTORS } from '../forum/forum.table.js';
import { lastPublicChange, planCommitments } from './monitoring.repository.js';
import { inceptionDueDate, pageUpdateDueDate } from './due-dates.js';
import { CHECKS, type CheckKey, type InceptionInput } from './monitoring.schema.js';
import { translator, type Translate } from '../../i18n/i18n.js';
import type { FieldError } from '../../errors.js';
import { requireAssessor } from './monitoring.policy.js';

/** The plan, for the monitoring body's inception form: refuses anyone else before looking the plan up. */
export async function getPlanForAssessment(db: Db, user: CurrentUser | null, id: string): Promise<PlanRow> {
  await requireAssessor(db, user);
  return getPlan(db, id);
}

export interface Suggestion {
  met: boolean;
  note: string;
}

/**
 * What the platform's own records say about each inception check, offered to the monitoring body
 * as a starting point (they confirm or correct it, with their evidence note).
 */
export async function inceptionSuggestions(
  db: Db,
  t: Translate,
  plan: PlanRow,
  today: string,
): Promise<Record<CheckKey, Suggestion>> {
  // A real plan is judged on the real forum only; an example plan on the example forum.
  const forum = await getForum(db, { example: plan.is_example === 1 });
  const sectors = FORUM_SECTORS.filter((s) => forum.bySector[s] > 0)
    .map((s) => `${t(`forum.sector.${s}`)} ${forum.bySector[s]}`)
    .join(', ');
  const windowStart = plan.cocreation_start ?? '0000-01-01';
  const windowEnd = plan.cocreation_end ?? plan.submitted_on ?? today;
  // Meetings inside the co-creation window that are about this plan (or not tied to any plan).
  const cocreation = forum.meetings.filter(
    ({ meeting }) =>
      (meeting.plan_id === null || meeting.plan_id === plan.id) &&
      meeting.meeting_date >= windowStart &&
      meeting.meeting_date <= windowEnd,
  );
  const withCso = cocreation.filter(({ meeting }) => (meeting.attendance_civil_society ?? 0) > 0);
  const held = cocreation.filter(({ meeting }) => meeting.meeting_date <= today);
  const inAdvance = held.filter(({ advanceDate, documents }) =>
    meetingSharedInAdvance(
      advanceDate,
      documents.map((d) => d.published_at),
    ),
  );
  const last = await lastPublicChange(db, plan.id);
  const lastDate = last ? localDate(last) : null;
  const endorsedBefore = !!plan.endorsed_on && (!plan.submitted_on || plan.endorsed_on <= plan.submitted_on);
  return {
    forumExists: {
      met: forum.multiStakeholder,
      note: t('monitoring.suggest.forum', { n: forum.members.length, sectors: sectors || '—' }),
    },
    csoMeeting: {
      met: withCso.length > 0,
      note: t('monitoring.suggest.cso', {
        n: withCso.length,
        list: withCso.map(({ meeting }) => `${meeting.title} (${meeting.meeting_date})`).join('; ') || '—',
      }),
    },
    infoShared: {
      met: held.length > 0 && inAdvance.length === held.length,
      note: t('monitoring.suggest.info', { n: inAdvance.length, total: held.length }),
    },
    pageUpdated: {
      met: !!lastDate && pageUpdateDueDate(lastDate) >= today,
      note: t('monitoring.suggest.page', { date: lastDate ?? '—' }),
    },
    endorsement: {
      met: endorsedBefore,
      note: t('monitoring.suggest.endorsement', {
        endorsed: plan.endorsed_on ?? '—',
        submitted: plan.submitted_on ?? '—',
      }),
    },
  };
}

/** The checks answered "met" although the platform's own records say they are not. */
function contradictedChecks(
  answers: Record<CheckKey, { met?: boolean | null }>,
  suggestions: Record<CheckKey, Suggestion>,
): CheckKey[] {
  return CHECKS.filter((k) => answers[k].met === true && !suggestions[k].met);
}

/**
 * Refuses "met" against the platform's records unless the monitor confirmed it: one error on each
 * such check and one on the confirmation box, so the form says where and what to do.
 */
function unconfirmedContradictions(contradicted: CheckKey[], confirmed: boolean): FieldError[] {
  if (!contradicted.length || confirmed) return [];
  return [
    ...contradicted.map((k) => ({ field: `${k}.met`, message: 'monitoring.contradiction' })),
    { field: 'confirmContradiction', message: 'monitoring.confirmContradictionRequired' },
  ];
}

/**
 * Saves (or replaces) the plan's inception assessment and its per-commitment assessments, in one
 * transaction. A check answered "met" against the platform's own records needs
 * `confirmContradiction` (422 CONTRADICTION_UNCONFIRMED otherwise); the saved assessment records
 * which checks were so confirmed.
 */
export async function saveInception(
  db: Db,
  user: CurrentUser | null,
  plan: PlanRow,
  input: InceptionInput,
): Promise<void> {
  const actor = actorOf(await requireAssessor(db, user), 'anonymous');
  const submittedOn = plan.submitted_on;
  if (!submittedOn) throw new AppError('PLAN_NOT_SUBMITTED', 409, { planId: plan.id });
  // Only the yes/no of each suggestion matters here; the notes' language does not.
  const suggestions = await inceptionSuggestions(db, translator('id'), plan, todayLocal());
  const contradicted = contradictedChecks(input, suggestions);
  const unconfirmed = unconfirmedContradictions(contradicted, input.confirmContradiction);
  if (unconfirmed.length)
    throw new AppError('CONTRADICTION_UNCONFIRMED', 422, { fields: unconfirmed, checks: contradicted });
  const commitments = await planCommitments(db, plan.id);
  const known = new Set(commitments.map((c) => c.id));
  const unknown = input.commitments.findIndex((c) => !known.has(c.commitmentId));
  if (unknown >= 0)
    throw new AppError('VALIDATION_FAILED', 422, {
      fields: [{ field: `commitments.${unknown}.commitmentId`, message: 'monitoring.notInPlan' }],
    });
  const now = nowIso();
  await db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('inception_assessments')
      .selectAll()
      .where('plan_id', '=', plan.id)
      .executeTakeFirst();
    const values = {
      forum_exists: input.forumExists.met ? 1 : 0,
      forum_exists_note: input.forumExists.note,
      cso_meeting: input.csoMeeting.met ? 1 : 0,
      cso_meeting_note: input.csoMeeting.note,
      info_shared: input.infoShared.met ? 1 : 0,
      info_shared_note: input.infoShared.note,
      page_updated: input.pageUpdated.met ? 1 : 0,
      page_updated_note: input.pageUpdated.note,
      endorsement: input.endorsement.met ? 1 : 0,
      endorsement_note: input.endorsement.note,
      summary: input.summary,
      confirmed_contradictions: JSON.stringify(contradicted),
      // Frozen when first published, so how late it was cannot change with later edits.
      due_on: before?.published === 1 ? before.due_on : input.publish ? inceptionDueDate(submittedOn) : null,
      published: input.publish || before?.published === 1 ? 1 : 0,
      submitted_by: actor.id,
      updated_at: now,
      published_at: before?.published_at ?? (input.publish ? now : null),
    };
    const id = before?.id ?? newId();
    if (before) await trx.updateTable('inception_assessments').set(values).where('id', '=', id).execute();
    else
      await trx
        .insertInto('inception_assessments')
        .values({ id, plan_id: plan.id, submitted_at: now, ...values })
        .execute();
    for (const c of input.commitments) {
      const row = {
        verifiable: c.verifiable ? 1 : 0,
        lens_access_info: c.lenses.accessInfo ? 1 : 0,
        lens_civic_participation: c.lenses.civicParticipation ? 1 : 0,
        lens_public_accountability: c.lenses.publicAccountability ? 1 : 0,
        lens_technology: c.lenses.technology ? 1 : 0,
        potential: c.potential,
        note: c.note,
        submitted_by: actor.id,
        updated_at: now,
      };
      const existing = await trx
        .selectFrom('commitment_assessments')
        .select('id')
        .where('commitment_id', '=', c.commitmentId)
        .executeTakeFirst();
      if (existing) await trx.updateTable('commitment_assessments').set(row).where('id', '=', existing.id).execute();
      else
        await trx
          .insertInto('commitment_assessments')
          .values({ id: newId(), commitment_id: c.commitmentId, ...row })
          .execute();
    }
    await recordAudit(trx, actor, {
      action: before ? 'monitoring.inception.update' : 'monitoring.inception.create',
      entityType: 'inception_assessment',
      entityId: id,
      before: before ?? undefined,
      after: { planId: plan.id, ...values, commitments: input.commitments },
    });
  });
}
