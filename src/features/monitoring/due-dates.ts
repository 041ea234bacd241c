/**
 * The OGP Local monitoring calendar as pure functions over local ISO dates (YYYY-MM-DD; today's
 * is `todayLocal()` in time/local-time.ts, in the TIME_ZONE setting):
 * - inception assessment: due 2 months after the plan is submitted;
 * - end-of-commitment assessment: due 1 month after the commitment completes;
 * - the OGP page must be updated at least every 4 months;
 * - self-assessment reports (design): every 6 months after submission.
 */

export const INCEPTION_MONTHS = 2;
export const END_ASSESSMENT_MONTHS = 1;
export const PAGE_UPDATE_MONTHS = 4;
export const SELF_ASSESSMENT_MONTHS = 6;

const pad = (n: number) => String(n).padStart(2, '0');
const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** Calendar months later; the day is clamped to the month's end (31 Dec + 2 months = 28/29 Feb). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.slice(0, 10).split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return `${year}-${pad(month)}-${pad(Math.min(d, daysInMonth(year, month)))}`;
}

/** The last day of a YYYY-MM month. */
export function endOfMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${y}-${pad(m)}-${pad(daysInMonth(y, m))}`;
}

export type DueStatus = 'done' | 'upcoming' | 'overdue';

/** Done when completed; overdue once today is past the due date; otherwise upcoming. */
export function dueStatus(dueDate: string, done: boolean, today: string): DueStatus {
  if (done) return 'done';
  return today > dueDate ? 'overdue' : 'upcoming';
}

export function daysUntil(dueDate: string, today: string): number {
  return Math.round((Date.parse(dueDate + 'T00:00:00Z') - Date.parse(today + 'T00:00:00Z')) / 86400000);
}

export const inceptionDueDate = (submittedOn: string) => addMonths(submittedOn, INCEPTION_MONTHS);
export const endAssessmentDueDate = (completedOn: string) => addMonths(completedOn, END_ASSESSMENT_MONTHS);
export const pageUpdateDueDate = (lastUpdateDate: string) => addMonths(lastUpdateDate, PAGE_UPDATE_MONTHS);

/**
 * When a commitment counts as completed: the day its last milestone was completed when every
 * milestone is complete; otherwise, once its planned end month is over, the end of that month;
 * otherwise not yet.
 */
export function commitmentCompletedOn(
  endMonth: string,
  milestones: Array<{ status: string; completed_on: string | null; updated_at: string }>,
  today: string,
): string | null {
  if (milestones.length && milestones.every((m) => m.status === 'complete')) {
    return milestones
      .map((m) => m.completed_on ?? m.updated_at.slice(0, 10))
      .sort()
      .at(-1)!;
  }
  const plannedEnd = endOfMonth(endMonth);
  return plannedEnd < today ? plannedEnd : null;
}

/** How many days after its due date something was filed (0 when on or before it). */
export const daysLate = (dueDate: string, filedOn: string): number => Math.max(0, -daysUntil(dueDate, filedOn));

/** The last day a commitment runs: the end of its planned end month. */
export const commitmentEndDate = (endMonth: string): string => endOfMonth(endMonth);
