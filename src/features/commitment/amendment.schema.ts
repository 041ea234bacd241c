import { z } from 'zod';
import { uuid } from '../../http/envelope.js';
import { commitmentInput, milestoneInput } from './commitment.schema.js';
import { patchOf } from '../plan/plan.schema.js';

const core = commitmentInput.shape;
const ms = milestoneInput.shape;

/** The proposed new values of a commitment's core fields (absent = unchanged; no defaults apply). */
const commitmentChanges = patchOf({
  title: core.title,
  problem: core.problem,
  statusQuo: core.statusQuo,
  description: core.description,
  howSolves: core.howSolves,
  ogpRelevance: core.ogpRelevance,
  startMonth: core.startMonth,
  endMonth: core.endMonth,
  leadOrganizationId: core.leadOrganizationId,
}).strict();

const newMilestone = z.object({
  op: z.literal('add'),
  activity: ms.activity,
  deliverable: ms.deliverable,
  startDate: ms.startDate,
  endDate: ms.endDate,
  responsibleOrganizationId: ms.responsibleOrganizationId,
  weight: ms.weight,
});
const changedMilestone = z.object({
  op: z.literal('change'),
  id: uuid,
  ...patchOf({
    activity: ms.activity,
    deliverable: ms.deliverable,
    startDate: ms.startDate,
    endDate: ms.endDate,
    responsibleOrganizationId: ms.responsibleOrganizationId,
    weight: ms.weight,
  }).shape,
});
const removedMilestone = z.object({ op: z.literal('remove'), id: uuid });

export const amendmentInput = z.object({
  justification: z
    .string()
    .trim()
    .min(10)
    .max(4000)
    .describe('Why the commitment must change (shown publicly with the amendment)'),
  changes: commitmentChanges.default({}).describe("New values of the commitment's core fields"),
  milestones: z
    .array(z.discriminatedUnion('op', [newMilestone, changedMilestone, removedMilestone]))
    .max(50)
    .default([])
    .describe('Milestones to add, change (deliverable, dates, weight, responsible institution) or remove'),
});
export type AmendmentInput = z.infer<typeof amendmentInput>;

export const decisionInput = z.object({
  note: z.string().trim().max(4000).default('').describe('The point of contact’s note (required when rejecting)'),
});
