import type { MilestoneStatus } from './commitment.table.js';

/**
 * A milestone's share of progress. Milestones roll up into their commitment (and commitments into
 * the plan) with `rollUp`, and the result is placed on the IRM completion scale with
 * `irmCompletion` (rubric/).
 */
export function milestonePercent(m: { status: MilestoneStatus; progress_percent: number }): number {
  if (m.status === 'complete') return 100;
  if (m.status === 'not_started') return 0;
  return Math.max(0, Math.min(99, m.progress_percent));
}
