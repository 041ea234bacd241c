import type { z } from 'zod';
import type { DateCorrection } from './correction.service.js';
import type { dateCorrectionJson } from './correction.schema.js';

/** A correction as public JSON; `fieldName` is the API's name for the column (meetingDate, …). */
export function presentCorrection(c: DateCorrection, fieldName: string): z.infer<typeof dateCorrectionJson> {
  return {
    field: fieldName,
    originalValue: c.originalValue,
    newValue: c.newValue,
    reason: c.reason,
    correctedAt: c.createdAt,
    correctedBy: { role: c.actorRole, organization: c.organizationName },
  };
}
