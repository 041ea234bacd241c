import { AppError } from '../../errors.js';
import { todayLocal } from '../../time/local-time.js';
import type { PlanStatus } from './plan.table.js';

/**
 * What the plan's status means for writes and for its own next move. A closed plan is the
 * published record of a finished cycle: nothing in it (plan fields, commitments, milestones,
 * evidence, amendments) changes any more. Dates are local dates (TIME_ZONE), as the period is.
 */
export function requirePlanOpen(plan: { status: PlanStatus; id: string }): void {
  if (plan.status === 'closed') throw new AppError('PLAN_CLOSED', 409, { planId: plan.id });
}

/** The correction record of a plan's submission date (the inception assessment is due from it). */
export const SUBMISSION_DATE = { entityType: 'plan', field: 'submitted_on' } as const;

/** The correction record of a milestone's completion date (the end-of-commitment review is due from it). */
export const COMPLETION_DATE = { entityType: 'milestone', field: 'completed_on' } as const;

/** Whether commitments of a plan in this status change their core fields only through amendments. */
export const amendmentsRequired = (status: PlanStatus) => status === 'submitted' || status === 'implementation';

/**
 * Date rules of a move: implementation starts no earlier than the period; a plan closes before
 * its period ends only with a stated reason (returned, trimmed, to be stored and shown).
 */
export function checkTransitionDates(
  plan: { period_start: string; period_end: string },
  to: PlanStatus,
  earlyClosureReason: string | undefined,
  today = todayLocal(),
): string | null {
  if (to === 'implementation' && today < plan.period_start)
    throw new AppError('PLAN_PERIOD_NOT_STARTED', 409, { periodStart: plan.period_start }, { date: plan.period_start });
  if (to !== 'closed' || today >= plan.period_end) return null;
  const reason = earlyClosureReason?.trim() ?? '';
  if (!reason)
    throw new AppError(
      'PLAN_EARLY_CLOSURE_REASON',
      422,
      {
        periodEnd: plan.period_end,
        fields: [{ field: 'earlyClosureReason', message: 'plan.rule.earlyClosureReason' }],
      },
      { date: plan.period_end },
    );
  return reason;
}

/**
 * Whether the plan can still be submitted (draft or co-creation). The readiness checks ("n things
 * block submission", a commitment's "n things to fix before the plan is submitted") are shown
 * only then: once submitted, they would ask for fixes nobody can act on, and post-submission
 * changes follow their own route.
 */
export const awaitsSubmission = (status: PlanStatus) => status === 'draft' || status === 'co-creation';
