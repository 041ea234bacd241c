import { describe, expect, it } from 'vitest';
import { countProblem, parseNumber, sumWarnings } from './value-validation.js';

const value = (s: unknown, f?: 'auto' | 'id' | 'en') => {
  const r = parseNumber(s, f);
  return r && r.ok ? r.value : r ? r.message : null;
};

describe('parseNumber', () => {
  it('reads Indonesian numbers by default', () => {
    expect(value('1.234')).toBe(1234);
    expect(value('1.234,5')).toBe(1234.5);
    expect(value('2,5')).toBe(2.5);
    expect(value('1.234.567')).toBe(1234567);
    expect(value('-4')).toBe(-4);
    expect(value(' 12 ')).toBe(12);
    expect(value('1 234')).toBe(1234);
  });
  it('reads English numbers where the shape is unambiguous', () => {
    expect(value('1,234.5')).toBe(1234.5);
    expect(value('1,234,567')).toBe(1234567);
    expect(value('6.39')).toBe(6.39);
    expect(value('0.123')).toBe(0.123);
  });
  it('reads one convention strictly when told', () => {
    expect(value('1,234', 'en')).toBe(1234);
    expect(value('1,234', 'id')).toBe(1.234);
    expect(value('1.234', 'en')).toBe(1.234);
    expect(value('6.39', 'id')).toBe('ivalue.numberFormat');
    expect(value('1,234.5', 'id')).toBe('ivalue.numberFormat');
  });
  it('refuses what is not a number and passes blanks on', () => {
    expect(value('lima')).toBe('validation.number');
    expect(value('1.23.4')).toBe('ivalue.numberFormat');
    expect(value('1,2,3')).toBe('ivalue.numberFormat');
    expect(value('')).toBeNull();
    expect(value(undefined)).toBeNull();
    expect(value(7.5)).toBe(7.5);
    expect(value(Number.NaN)).toBe('validation.number');
  });
});

describe('countProblem', () => {
  it('wants whole numbers of at least zero', () => {
    expect(countProblem(-4)).toBe('ivalue.negativeCount');
    expect(countProblem(2.5)).toBe('ivalue.fractionalCount');
    expect(countProblem(0)).toBeNull();
    expect(countProblem(1234)).toBeNull();
  });
});

describe('sumWarnings', () => {
  const areas = [
    { kode: '35.77', kode_induk: '35' },
    { kode: '35.77.01', kode_induk: '35.77' },
    { kode: '35.77.02', kode_induk: '35.77' },
    { kode: '35.77.01.1001', kode_induk: '35.77.01' },
    { kode: '35.77.01.1002', kode_induk: '35.77.01' },
  ];
  const v = (wilayahKode: string, value: number, period = '2024') => ({ sourceId: 's', wilayahKode, period, value });
  it('warns when every child is there and they do not add up', () => {
    const w = sumWarnings([v('35.77.01', 30), v('35.77.01.1001', 10), v('35.77.01.1002', 15)], areas);
    expect(w).toEqual([
      expect.objectContaining({
        kind: 'mismatch',
        wilayahKode: '35.77.01',
        parentValue: 30,
        childSum: 25,
        children: 2,
      }),
    ]);
    expect(sumWarnings([v('35.77.01', 25), v('35.77.01.1001', 10), v('35.77.01.1002', 15)], areas)).toEqual([]);
  });
  it('warns when the children present already exceed the parent, and keeps periods apart', () => {
    const w = sumWarnings([v('35.77', 10), v('35.77.01', 12), v('35.77.01', 1, '2023')], areas);
    expect(w).toEqual([
      expect.objectContaining({ kind: 'exceeds', wilayahKode: '35.77', childSum: 12, children: 1, childrenTotal: 2 }),
    ]);
    expect(sumWarnings([v('35.77', 10), v('35.77.01', 4)], areas)).toEqual([]);
  });
});
