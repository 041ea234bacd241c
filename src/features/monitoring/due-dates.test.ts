import { describe, expect, it } from 'vitest';
import {
  addMonths,
  commitmentCompletedOn,
  dueStatus,
  endAssessmentDueDate,
  endOfMonth,
  inceptionDueDate,
  pageUpdateDueDate,
} from './due-dates.js';

describe('monitoring due dates', () => {
  it('adds calendar months and clamps to the end of shorter months', () => {
    expect(inceptionDueDate('2025-07-16')).toBe('2025-09-16');
    expect(addMonths('2025-12-31', 2)).toBe('2026-02-28');
    expect(addMonths('2027-12-31', 2)).toBe('2028-02-29');
    expect(endAssessmentDueDate('2026-01-31')).toBe('2026-02-28');
    expect(pageUpdateDueDate('2025-10-31')).toBe('2026-02-28');
    expect(addMonths('2025-11-15', 4)).toBe('2026-03-15');
    expect(endOfMonth('2028-02')).toBe('2028-02-29');
  });

  it('is overdue only after the due date, and done once delivered', () => {
    expect(dueStatus('2025-09-16', false, '2025-09-16')).toBe('upcoming');
    expect(dueStatus('2025-09-16', false, '2025-09-17')).toBe('overdue');
    expect(dueStatus('2025-09-16', true, '2026-01-01')).toBe('done');
  });

  it("dates a commitment's completion from its last milestone, or from its planned end once passed", () => {
    const done = (d: string) => ({ status: 'complete', completed_on: d, updated_at: `${d}T05:00:00Z` });
    expect(commitmentCompletedOn('2027-12', [done('2026-03-10'), done('2026-02-01')], '2026-04-01')).toBe('2026-03-10');
    expect(
      commitmentCompletedOn(
        '2027-12',
        [done('2026-03-10'), { status: 'in_progress', completed_on: null, updated_at: '2026-01-01T00:00:00Z' }],
        '2026-04-01',
      ),
    ).toBeNull();
    expect(
      commitmentCompletedOn(
        '2026-01',
        [{ status: 'in_progress', completed_on: null, updated_at: '2026-01-01T00:00:00Z' }],
        '2026-03-01',
      ),
    ).toBe('2026-01-31');
    expect(commitmentCompletedOn('2026-01', [], '2026-01-31')).toBeNull();
  });
});
