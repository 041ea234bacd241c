import type { Db } from '../../storage/database.js';
import { listCorrections, originalValueOf, withOriginalDates } from '../correction/correction.service.js';
import { COMPLETION_DATE, SUBMISSION_DATE } from '../plan/plan.lifecycle.js';
import type { CurrentUser } from '../../actor/actor.js';
import type { PlanRow } from '../plan/plan.repository.js';
import { localDate } from '../../time/local-time.js';
import {
  commitmentCompletedOn,
  daysUntil,
  dueStatus,
  endAssessmentDueDate,
  inceptionDueDate,
  pageUpdateDueDate,
  addMonths,
  SELF_ASSESSMENT_MONTHS,
  type DueStatus,
} from './due-dates.js';
import { findInception, lastPublicChange, listSelfAssessments, planCommitments } from './monitoring.repository.js';
import { requireScheduleViewer } from './monitoring.policy.js';

export type ScheduleKind = 'inception' | 'end_of_commitment' | 'page_update' | 'self_assessment';

export interface ScheduleItem {
  kind: ScheduleKind;
  planId: string;
  planTitle: string;
  ogpId: string | null;
  commitmentTitle: string | null;
  basisDate: string;
  dueDate: string;
  status: DueStatus;
  daysLeft: number;
}

const ACTIVE: ReadonlyArray<PlanRow['status']> = ['submitted', 'implementation'];

/** What the monitoring calendar asks of one plan, as of `today` (local date). */
export async function planSchedule(
  db: Db,
  plan: PlanRow,
  today: string,
): Promise<{ items: ScheduleItem[]; lastPublicUpdate: string | null }> {
  const items: ScheduleItem[] = [];
  const base = { planId: plan.id, planTitle: plan.title, ogpId: null, commitmentTitle: null };
  const item = (
    kind: ScheduleKind,
    basisDate: string,
    dueDate: string,
    done: boolean,
    extra: Partial<ScheduleItem> = {},
  ): ScheduleItem => ({
    ...base,
    kind,
    basisDate,
    dueDate,
    status: dueStatus(dueDate, done, today),
    daysLeft: daysUntil(dueDate, today),
    ...extra,
  });
  const lastUpdate = await lastPublicChange(db, plan.id);
  if (!plan.submitted_on) return { items, lastPublicUpdate: lastUpdate };

  const inception = await findInception(db, plan.id);
  // Due from the original submission date: a later correction of it does not move the deadline.
  const submitted =
    originalValueOf(
      await listCorrections(db, SUBMISSION_DATE.entityType, [plan.id]),
      plan.id,
      SUBMISSION_DATE.field,
      plan.submitted_on,
    ) ?? plan.submitted_on;
  items.push(item('inception', submitted, inceptionDueDate(submitted), inception?.published === 1));

  const commitments = await planCommitments(db, plan.id);
  // Due from the original completion dates: a corrected date does not move the deadline.
  const originals = await withOriginalDates(
    db,
    COMPLETION_DATE.entityType,
    'completed_on',
    commitments.flatMap((c) => c.milestones),
  );
  const ended = commitments
    .map((c) => ({
      c,
      completedOn: commitmentCompletedOn(
        c.end_month,
        originals.filter((m) => m.commitment_id === c.id),
        today,
      ),
    }))
    .filter((x) => x.completedOn);
  if (ended.length) {
    const done = new Set(
      (
        await db
          .selectFrom('end_assessments')
          .select('commitment_id')
          .where(
            'commitment_id',
            'in',
            ended.map((x) => x.c.id),
          )
          .where('published', '=', 1)
          .execute()
      ).map((r) => r.commitment_id),
    );
    for (const { c, completedOn } of ended)
      items.push(
        item('end_of_commitment', completedOn!, endAssessmentDueDate(completedOn!), done.has(c.id), {
          ogpId: c.ogp_id,
          commitmentTitle: c.title,
        }),
      );
  }

  if (ACTIVE.includes(plan.status)) {
    const basis = lastUpdate ? localDate(lastUpdate) : plan.submitted_on;
    items.push(item('page_update', basis, pageUpdateDueDate(basis), false));
    const latestReport = (await listSelfAssessments(db, plan.id))[0];
    const reportBasis =
      latestReport && latestReport.period_end > plan.submitted_on ? latestReport.period_end : plan.submitted_on;
    items.push(item('self_assessment', reportBasis, addMonths(reportBasis, SELF_ASSESSMENT_MONTHS), false));
  }
  return { items, lastPublicUpdate: lastUpdate };
}

/** Everything due or overdue across plans, overdue first, then by due date (for staff only). */
export async function monitoringSchedule(db: Db, user: CurrentUser | null, today: string): Promise<ScheduleItem[]> {
  requireScheduleViewer(user);
  const plans = await db
    .selectFrom('plans')
    .selectAll()
    .where('submitted_on', 'is not', null)
    .where('is_example', '=', 0) // nothing is due for an example plan
    .orderBy('period_start', 'desc')
    .execute();
  const all: ScheduleItem[] = [];
  for (const plan of plans) all.push(...(await planSchedule(db, plan, today)).items);
  const rank = { overdue: 0, upcoming: 1, done: 2 } as const;
  return all.sort(
    (a, b) => rank[a.status] - rank[b.status] || (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0),
  );
}
