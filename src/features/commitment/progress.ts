import type { MilestoneStatus } from './commitment.table.js';

/** The IRM completion scale, as used by local monitoring bodies. */
export const IRM_COMPLETION = ['no_evidence', 'not_started', 'limited', 'substantial', 'complete'] as const;
export type IrmCompletion = (typeof IRM_COMPLETION)[number];

export function milestonePercent(m: { status: MilestoneStatus; progress_percent: number }): number {
  if (m.status === 'complete') return 100;
  if (m.status === 'not_started') return 0;
  return Math.max(0, Math.min(99, m.progress_percent));
}

/** Weighted mean of parts (weight ≥ 0); 0 when nothing carries weight. */
export function rollUp(parts: Array<{ weight: number; percent: number }>): number {
  const total = parts.reduce((s, p) => s + Math.max(0, p.weight), 0);
  if (total <= 0) return 0;
  const value = parts.reduce((s, p) => s + Math.max(0, p.weight) * p.percent, 0) / total;
  return Math.round(value * 10) / 10;
}

/**
 * Maps a percentage to the IRM scale. Progress claimed without any evidence is "no evidence
 * available"; otherwise 0 % is not started, below 50 % limited, below 100 % substantial.
 */
export function irmCompletion(percent: number, evidenceCount: number): IrmCompletion {
  if (percent <= 0) return 'not_started';
  if (evidenceCount === 0) return 'no_evidence';
  if (percent >= 100) return 'complete';
  return percent >= 50 ? 'substantial' : 'limited';
}
