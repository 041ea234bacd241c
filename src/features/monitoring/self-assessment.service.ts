import type { Db } from '../../storage/database.js';
import { newId, nowIso } from '../../ids.js';
import type { Actor } from '../../actor/actor.js';
import { recordAudit } from '../audit/audit.service.js';
import type { PlanRow } from '../plan/plan.repository.js';
import type { SelfAssessmentInput } from './monitoring.schema.js';

/** Publishes a periodic self-assessment report for the plan. */
export async function createSelfAssessment(db: Db, actor: Actor, plan: PlanRow, input: SelfAssessmentInput): Promise<string> {
  const id = newId();
  const now = nowIso();
  await db.transaction().execute(async (trx) => {
    const row = { id, plan_id: plan.id, period_start: input.periodStart, period_end: input.periodEnd, title: input.title, body: input.body, created_by: actor.id, published_at: now, updated_at: now };
    await trx.insertInto('self_assessments').values(row).execute();
    await recordAudit(trx, actor, { action: 'monitoring.self_assessment.publish', entityType: 'self_assessment', entityId: id, after: row });
  });
  return id;
}
