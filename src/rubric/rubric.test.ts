import { describe, expect, it } from 'vitest';
import { catalogs } from '../i18n/i18n.js';
import {
  COMPLETION_SCALE,
  EARLY_RESULTS,
  EARLY_RESULTS_SCALE,
  IRM_COMPLETION,
  irmCompletion,
  OPENED_GOVERNMENT_SCALE,
  POTENTIAL_SCALE,
  usesOpenedGovernment,
} from './irm-scales.js';
import { defineScale, rollUp, type Scale } from './scale.js';

describe('the IRM completion scale', () => {
  it('runs from "no evidence available" to "complete", in OGP\'s words', () => {
    expect(IRM_COMPLETION.map((c) => COMPLETION_SCALE.label(c))).toEqual([
      'No evidence available',
      'Not started',
      'Limited',
      'Substantial',
      'Complete',
    ]);
  });

  it('places self-reported progress: 0 % not started, below 50 % limited, below 100 % substantial, 100 % complete', () => {
    expect([0, 1, 49.9, 50, 99.9, 100].map((p) => irmCompletion(p, 1))).toEqual([
      'not_started',
      'limited',
      'limited',
      'substantial',
      'substantial',
      'complete',
    ]);
  });

  it('calls progress without any evidence "no evidence available", unless nothing was claimed', () => {
    expect(irmCompletion(100, 0)).toBe('no_evidence');
    expect(irmCompletion(0, 0)).toBe('not_started');
  });
});

describe('the IRM early-results scale', () => {
  it('runs from "no notable results" to "outstanding results", in the Results Report\'s words', () => {
    expect(EARLY_RESULTS.map((c) => EARLY_RESULTS_SCALE.label(c))).toEqual([
      'No notable results',
      'Moderate results',
      'Significant results',
      'Outstanding results',
    ]);
    expect(EARLY_RESULTS_SCALE.highest(['moderate', null, 'significant'])).toBe('significant');
  });

  it('leaves "did it open government" to plans that started before the 2021 refresh', () => {
    expect(usesOpenedGovernment('2019-07-01')).toBe(true);
    expect(usesOpenedGovernment('2021-01-01')).toBe(false);
    expect(usesOpenedGovernment('2025-07-01')).toBe(false);
  });
});

describe('potential for results and "did it open government?"', () => {
  it('orders the levels and takes the strongest result among the OGP values assessed', () => {
    expect(POTENTIAL_SCALE.atLeast('substantial', 'modest')).toBe(true);
    expect(POTENTIAL_SCALE.atLeast('unclear', 'modest')).toBe(false);
    expect(OPENED_GOVERNMENT_SCALE.highest(['marginal', null, 'major', 'did_not_change'])).toBe('major');
    expect(OPENED_GOVERNMENT_SCALE.highest(['worsened'])).toBe('worsened');
    expect(OPENED_GOVERNMENT_SCALE.highest([null, undefined, 'unknown'])).toBeNull();
    expect(OPENED_GOVERNMENT_SCALE.label('did_not_change')).toBe('Did not change');
  });

  it('has a label in both languages for every level of every IRM scale', () => {
    const keys = [COMPLETION_SCALE, POTENTIAL_SCALE, OPENED_GOVERNMENT_SCALE, EARLY_RESULTS_SCALE].flatMap(
      (scale: Scale<string>) => scale.codes.map((c) => scale.messageKey(c)),
    );
    expect(keys).toHaveLength(17);
    for (const key of keys) {
      expect(catalogs.id[key], key).toBeTruthy();
      expect(catalogs.en[key], key).toBeTruthy();
    }
  });
});

describe('scales and weighted criteria, as the kelurahan programmes will use them', () => {
  const stage = defineScale('programme.stage', {
    rintisan: 'Rintisan',
    berkembang: 'Berkembang',
    maju: 'Maju',
    mandiri: 'Mandiri',
  });

  it('ranks and weighs levels evenly from 0 to 1 unless weights are given', () => {
    expect(stage.codes.map((c) => stage.rank(c))).toEqual([0, 1, 2, 3]);
    expect(stage.codes.map((c) => stage.weight(c))).toEqual([0, 1 / 3, 2 / 3, 1]);
    const weighted = defineScale('x', { tidak: 'Tidak', ya: 'Ya' }, { tidak: 0, ya: 5 });
    expect(weighted.weight('ya')).toBe(5);
    expect(stage.has('maju')).toBe(true);
    expect(stage.has('lain')).toBe(false);
    expect(stage.messageKey('maju')).toBe('programme.stage.maju');
  });

  it('puts a score in the band where it starts, and a score below every band in the first', () => {
    const bands = [
      { from: 0, level: 'rintisan' },
      { from: 40, level: 'berkembang' },
      { from: 70, level: 'maju' },
      { from: 90, level: 'mandiri' },
    ] as const;
    expect([-1, 0, 39.9, 40, 70, 89, 90, 100].map((s) => stage.fromScore(s, bands))).toEqual([
      'rintisan',
      'rintisan',
      'rintisan',
      'berkembang',
      'maju',
      'maju',
      'mandiri',
      'mandiri',
    ]);
  });

  it('rolls criteria up as a weighted mean to one decimal; negative weights count as 0; nothing weighted is 0', () => {
    expect(
      rollUp([
        { weight: 3, percent: 100 },
        { weight: 1, percent: 0 },
      ]),
    ).toBe(75);
    expect(
      rollUp([
        { weight: 1, percent: 33.33 },
        { weight: 2, percent: 0 },
      ]),
    ).toBe(11.1);
    expect(
      rollUp([
        { weight: -2, percent: 100 },
        { weight: 1, percent: 40 },
      ]),
    ).toBe(40);
    expect(rollUp([{ weight: 0, percent: 100 }])).toBe(0);
    expect(rollUp([])).toBe(0);
  });
});
