import { describe, expect, it } from 'vitest';
import { milestonePercent } from './progress.js';
import { irmCompletion } from '../../rubric/irm-scales.js';
import { rollUp } from '../../rubric/scale.js';

describe('progress roll-up and the IRM completion scale', () => {
  it('weights milestones: complete 100, in progress as reported (max 99), not started 0', () => {
    expect(milestonePercent({ status: 'complete', progress_percent: 10 })).toBe(100);
    expect(milestonePercent({ status: 'in_progress', progress_percent: 100 })).toBe(99);
    expect(milestonePercent({ status: 'not_started', progress_percent: 70 })).toBe(0);
    expect(
      rollUp([
        { weight: 3, percent: 100 },
        { weight: 1, percent: 0 },
      ]),
    ).toBe(75);
    expect(rollUp([])).toBe(0);
  });

  it('maps percentages to the IRM scale, and unbacked progress to "no evidence"', () => {
    expect(irmCompletion(0, 0)).toBe('not_started');
    expect(irmCompletion(30, 0)).toBe('no_evidence');
    expect(irmCompletion(30, 1)).toBe('limited');
    expect(irmCompletion(50, 1)).toBe('substantial');
    expect(irmCompletion(100, 2)).toBe('complete');
  });
});
