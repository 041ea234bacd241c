import { AppError, type FieldError } from '../../errors.js';
import type { PlanStatus } from '../plan/plan.table.js';
import { amendmentsRequired } from '../plan/plan.lifecycle.js';
import { planUrls } from '../plan/plan.urls.js';

/** A commitment's core fields (its ambition, dates and lead): after submission they change only by amendment. */
export const CORE_COMMITMENT_FIELDS = [
  'title',
  'problem',
  'statusQuo',
  'description',
  'howSolves',
  'ogpRelevance',
  'startMonth',
  'endMonth',
  'leadOrganizationId',
] as const;

/** A milestone's core fields; its status, progress and evidence stay normal progress reporting. */
export const CORE_MILESTONE_FIELDS = [
  'activity',
  'deliverable',
  'startDate',
  'endDate',
  'weight',
  'responsibleOrganizationId',
] as const;
export type CoreMilestoneField = (typeof CORE_MILESTONE_FIELDS)[number];

export const amendmentUrls = {
  list: (ogpId: string) => `${planUrls.commitment(ogpId)}/amandemen`,
  propose: (ogpId: string) => `${planUrls.commitment(ogpId)}/amandemen/baru`,
  one: (ogpId: string, id: string) => `${planUrls.commitment(ogpId)}/amandemen/${encodeURIComponent(id)}`,
  json: (ogpId: string) => `/api/v1/commitments/${encodeURIComponent(ogpId)}/amendments`,
};

/** The core fields whose value differs between the two records. */
export function changedCore<K extends string>(
  keys: readonly K[],
  before: Record<K, unknown>,
  after: Partial<Record<K, unknown>>,
): K[] {
  return keys.filter((k) => after[k] !== undefined && JSON.stringify(after[k]) !== JSON.stringify(before[k]));
}

/**
 * Refuses a direct edit of core fields once the plan is submitted: the refusal names each field
 * and points to the amendment form (422 with field errors, so forms show them in place).
 */
export function refuseCoreEdit(status: PlanStatus, ogpId: string, fields: string[]): void {
  if (!amendmentsRequired(status) || !fields.length) return;
  const url = amendmentUrls.propose(ogpId);
  const errors: FieldError[] = fields.map((field) => ({
    field,
    message: 'amendment.rule.useAmendment',
    params: { url },
  }));
  throw new AppError('AMENDMENT_REQUIRED', 422, { fields: errors, amendmentUrl: url }, { url });
}
