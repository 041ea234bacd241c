import type { PlanStatus } from './plan.table.js';

/**
 * Whether the plan can still be submitted (draft or co-creation). The readiness checks ("n things
 * block submission", a commitment's "n things to fix before the plan is submitted") are shown
 * only then: once submitted, they would ask for fixes nobody can act on, and post-submission
 * changes follow their own route.
 */
export const awaitsSubmission = (status: PlanStatus) => status === 'draft' || status === 'co-creation';
