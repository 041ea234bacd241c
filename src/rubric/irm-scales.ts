import { defineScale, type ScaleCode } from './scale.js';

/**
 * The scales of OGP's Independent Reporting Mechanism as local monitoring bodies use them, lowest
 * level first, with OGP's English labels (the OGP dataset export) and the pages' message keys.
 */

/** End-of-commitment completion (also where self-reported progress lands, see `irmCompletion`). */
export const COMPLETION_SCALE = defineScale('monitoring.completion', {
  no_evidence: 'No evidence available',
  not_started: 'Not started',
  limited: 'Limited',
  substantial: 'Substantial',
  complete: 'Complete',
});
export const IRM_COMPLETION = COMPLETION_SCALE.codes;
export type IrmCompletion = ScaleCode<typeof COMPLETION_SCALE>;

/** The inception assessment's potential for results, per commitment. */
export const POTENTIAL_SCALE = defineScale('monitoring.potential', {
  unclear: 'Unclear',
  modest: 'Modest',
  substantial: 'Substantial',
});
export const POTENTIAL = POTENTIAL_SCALE.codes;
export type Potential = ScaleCode<typeof POTENTIAL_SCALE>;

/**
 * The IRM's current "early results" indicator, one rating per commitment, as its Results Reports
 * use it since the 2021 refresh (OGP glossary "Early Results": the refreshed indicator replaced
 * "Did it open government?" beginning with the 2021 action plans).
 */
export const EARLY_RESULTS_SCALE = defineScale('monitoring.early', {
  no_notable: 'No notable results',
  moderate: 'Moderate results',
  significant: 'Significant results',
  outstanding: 'Outstanding results',
});
export const EARLY_RESULTS = EARLY_RESULTS_SCALE.codes;
export type EarlyResults = ScaleCode<typeof EARLY_RESULTS_SCALE>;

/**
 * Action plans that started before this date were assessed with "Did it open government?" (the
 * older early-results indicator, per OGP value); later plans use `EARLY_RESULTS_SCALE`.
 */
export const EARLY_RESULTS_SINCE = '2021-01-01';

/** Whether a plan's end-of-commitment reviews must rate "did it open government" per value claimed. */
export const usesOpenedGovernment = (planPeriodStart: string) => planPeriodStart < EARLY_RESULTS_SINCE;

/** "Did it open government?": the older early-results indicator, per OGP value assessed. */
export const OPENED_GOVERNMENT_SCALE = defineScale('monitoring.og', {
  worsened: 'Worsened',
  did_not_change: 'Did not change',
  marginal: 'Marginal',
  major: 'Major',
  outstanding: 'Outstanding',
});
export const OPENED_GOVERNMENT = OPENED_GOVERNMENT_SCALE.codes;
export type OpenedGovernment = ScaleCode<typeof OPENED_GOVERNMENT_SCALE>;

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
