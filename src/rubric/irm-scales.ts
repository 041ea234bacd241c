import { defineScale } from './scale.js';

/**
 * The scales of OGP's Independent Reporting Mechanism as local monitoring bodies use them: the
 * inception assessment's potential for results, the end-of-commitment completion and "did it open
 * government?" (early results per OGP value).
 */

export const IRM_COMPLETION = ['no_evidence', 'not_started', 'limited', 'substantial', 'complete'] as const;
export type IrmCompletion = (typeof IRM_COMPLETION)[number];

export const COMPLETION_SCALE = defineScale<IrmCompletion>({
  codes: IRM_COMPLETION,
  labels: { no_evidence: 'No evidence available', not_started: 'Not started', limited: 'Limited', substantial: 'Substantial', complete: 'Complete' },
  messagePrefix: 'monitoring.completion',
});

export const POTENTIAL = ['unclear', 'modest', 'substantial'] as const;
export type Potential = (typeof POTENTIAL)[number];

export const POTENTIAL_SCALE = defineScale<Potential>({
  codes: POTENTIAL,
  labels: { unclear: 'Unclear', modest: 'Modest', substantial: 'Substantial' },
  messagePrefix: 'monitoring.potential',
});

export const OPENED_GOVERNMENT = ['worsened', 'did_not_change', 'marginal', 'major', 'outstanding'] as const;
export type OpenedGovernment = (typeof OPENED_GOVERNMENT)[number];

export const OPENED_GOVERNMENT_SCALE = defineScale<OpenedGovernment>({
  codes: OPENED_GOVERNMENT,
  labels: { worsened: 'Worsened', did_not_change: 'Did not change', marginal: 'Marginal', major: 'Major', outstanding: 'Outstanding' },
  messagePrefix: 'monitoring.og',
});

/** Where the completion levels start on the self-reported percentage (evidence aside). */
const COMPLETION_BANDS = [
  { from: 0, level: 'limited' },
  { from: 50, level: 'substantial' },
  { from: 100, level: 'complete' },
] as const;

/**
 * Maps a percentage to the IRM scale. Progress claimed without any evidence is "no evidence
 * available"; otherwise 0 % is not started, below 50 % limited, below 100 % substantial.
 */
export function irmCompletion(percent: number, evidenceCount: number): IrmCompletion {
  if (percent <= 0) return 'not_started';
  if (evidenceCount === 0) return 'no_evidence';
  return COMPLETION_SCALE.fromScore(percent, COMPLETION_BANDS);
}
