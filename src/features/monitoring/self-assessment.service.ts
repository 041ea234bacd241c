import type { Db } from '../../storage/database.js';
import { newId, nowIso } from '../../ids.js';
import type { CurrentUser } from '../../actor/actor.js';
import { recordAudit } from '../audit/audit.service.js';
import { actorOf } from '../../actor/actor.js';
import type { PlanRow } from '../plan/plan.repository.js';
import type { SelfAssessmentInput } from './monitoring.schema.js';
import { getPlan } from '../plan/plan.service.js';
import { requireReporter } from './monitoring.policy.js';
import { invalid } from '../../errors.js';
import { todayLocal } from '../../time/local-time.js';

/** The plan, for its self-assessment form: refuses anyone but admins and staff of its lead institutions. */
export async function getPlanForSelfAssessment(db: Db, user: CurrentUser | null, id: string): Promise<PlanRow> {
  const plan = await getPlan(db, id);
  requireReporter(user, plan);
  return plan;
}

/**
 * Publishes a periodic self-assessment report for the plan. A report covers what happened, so its
 * period cannot end after today (local date): that would claim progress not yet made, and would
 * push the next report's due date (counted from the period's end) further than it should be.
 */
export async function createSelfAssessment(
  db: Db,
  user: CurrentUser | null,
  plan: PlanRow,
  input: SelfAssessmentInput,
): Promise<string> {
  const actor = actorOf(requireReporter(user, plan), 'anonymous');
  const today = todayLocal();
  if (input.periodEnd > today)
    throw invalid([{ field: 'periodEnd', message: 'monitoring.periodEndFuture', params: { today } }]);
  const id = newId();
  const now = nowIso();
  await db.transaction().execute(async (trx) => {
    const row = {
      id,
      plan_id: plan.id,
      period_start: input.periodStart,
      period_end: input.periodEnd,
      title: input.title,
      body: input.body,
      created_by: actor.id,
      published_at: now,
      updated_at: now,
    };
    await trx.insertInto('self_assessments').values(row).execute();
    await recordAudit(trx, actor, {
      action: 'monitoring.self_assessment.publish',
      entityType: 'self_assessment',
      entityId: id,
      after: row,
    });
  });
  return id;
}
