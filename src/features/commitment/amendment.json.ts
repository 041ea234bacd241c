import { z } from 'zod';
import { AMENDMENT_STATUSES } from './amendment.table.js';

/** An amendment as public JSON (on its own and inside the commitment document). */
const fieldChange = z.object({ field: z.string(), from: z.unknown(), to: z.unknown() });
export const amendmentJson = z.object({
  id: z.string(),
  number: z.number().describe('Amendment number of this commitment (1, 2, …)'),
  status: z.enum(AMENDMENT_STATUSES),
  justification: z.string(),
  changes: z.array(fieldChange).describe('Core fields of the commitment: from → to'),
  milestones: z.array(
    z.object({
      op: z.enum(['add', 'change', 'remove']),
      milestoneId: z.string().nullable(),
      activity: z.string(),
      changes: z.array(fieldChange),
    }),
  ),
  proposedAt: z.string(),
  proposedBy: z.string().nullable().describe('Name of the person who proposed it'),
  decidedAt: z.string().nullable(),
  decidedBy: z.string().nullable().describe('Name of the point of contact who decided'),
  decisionNote: z.string(),
  historyVersion: z.number().nullable().describe('The commitment version the approval produced'),
  url: z.string(),
});
