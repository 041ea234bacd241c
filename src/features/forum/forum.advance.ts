import { localDate } from '../../time/local-time.js';

/**
 * "Information shared before meetings" made provable: each document's server-set published_at is
 * compared with the meeting date, both as local dates (the TIME_ZONE setting, WIB by default).
 */

const DAY_MS = 24 * 60 * 60 * 1000;

/** Whole days from `from` to `to` (YYYY-MM-DD); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(to + 'T00:00:00Z') - Date.parse(from + 'T00:00:00Z')) / DAY_MS);
}

export type AdvanceStatus = 'before' | 'same_day' | 'after';

export interface Advance {
  /** Days the document was published before the meeting (negative: after it). */
  daysBefore: number;
  status: AdvanceStatus;
}

export function sharedAdvance(meetingDate: string, publishedAt: string): Advance {
  const daysBefore = daysBetween(localDate(publishedAt), meetingDate);
  return { daysBefore, status: daysBefore > 0 ? 'before' : daysBefore === 0 ? 'same_day' : 'after' };
}

/** A meeting counts as "information shared in advance" when at least one document was published a day or more before it. */
export function meetingSharedInAdvance(meetingDate: string, publishedAts: string[]): boolean {
  return publishedAts.some((p) => sharedAdvance(meetingDate, p).daysBefore >= 1);
}
