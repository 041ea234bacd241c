import { localDate, startOfLocalDay } from '../time/local-time.js';
import type { ScheduleSpec } from './job-queue.js';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/**
 * The first due time after `now`. Every process computes the same instant, so the
 * compare-and-swap on `job_schedules.next_run_at` lets exactly one of them fire it.
 */
export function nextRunAfter(spec: ScheduleSpec, now: Date): string {
  if ('everyMinutes' in spec) {
    const period = Math.max(1, Math.round(spec.everyMinutes)) * MINUTE;
    return new Date((Math.floor(now.getTime() / period) + 1) * period).toISOString();
  }
  const [hours, minutes] = spec.dailyAt.split(':').map(Number);
  const offset = ((hours ?? 0) * 60 + (minutes ?? 0)) * MINUTE;
  const today = Date.parse(startOfLocalDay(localDate(now))) + offset;
  return new Date(today > now.getTime() ? today : today + DAY).toISOString();
}
