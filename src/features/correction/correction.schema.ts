import { z } from 'zod';
import { requestOnly } from '../../http/representations.js';

export const dateCorrectionJson = z
  .object({
    field: z.string().describe('The corrected field, e.g. meetingDate'),
    originalValue: z.string().nullable().describe('The date before the first correction: claims are judged against it'),
    newValue: z.string().nullable(),
    reason: z.string(),
    correctedAt: z.string(),
    correctedBy: z.object({ role: z.string(), organization: z.string().nullable() }),
  })
  .describe('A publicly recorded correction of a date an "on time" claim depends on');

export const correctionReasonField = requestOnly(
  z
    .string()
    .trim()
    .max(2000)
    .optional()
    .describe('Required when the date is locked (a public claim depends on it); shown publicly with the original date'),
);
