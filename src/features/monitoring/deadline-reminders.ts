import type { Db } from '../../storage/database.js';
import type { CurrentUser } from '../../actor/actor.js';
import type { JobQueue } from '../../jobs/job-queue.js';
import type { Mailer } from '../mail/mail.service.js';
import { translator, type Locale } from '../../i18n/i18n.js';
import { monitoringSchedule, type ScheduleItem } from './schedule.service.js';

/**
 * Deadline reminders of the monitoring calendar (due-dates.ts), sent by e-mail to the monitoring
 * body (role `monitor`) and the administrators: once when an item comes due within
 * {@link SOON_DAYS} days, and once when it is overdue. The daily scan (`monitoring.reminders`, a
 * schedule, once across processes) queues one `monitoring.remind` job per item and state with an
 * idempotency key naming the item, its due date and state, so a rerun, a restart or a second
 * process never sends a reminder twice; a new due date (a new basis) is a new item.
 */
export const REMINDER_SCAN_JOB = 'monitoring.reminders';
export const REMINDER_JOB = 'monitoring.remind';
export const SOON_DAYS = 14;

/** The scan reads the whole calendar as staff do. */
const SCHEDULER: CurrentUser = {
  id: 'system',
  email: 'system:jobs',
  name: 'Jadwal',
  roles: [{ role: 'admin', organizationId: null }],
};

const reminderKey = (item: ScheduleItem) =>
  `reminder:${item.kind}:${item.planId}:${item.ogpId ?? '-'}:${item.dueDate}:${item.status}`;

export async function queueDeadlineReminders(db: Db, queue: JobQueue, today: string): Promise<number> {
  let queued = 0;
  for (const item of await monitoringSchedule(db, SCHEDULER, today)) {
    if (item.status === 'done' || (item.status === 'upcoming' && item.daysLeft > SOON_DAYS)) continue;
    if (await queue.enqueue(REMINDER_JOB, { item }, { singletonKey: reminderKey(item) })) queued++;
  }
  return queued;
}

export async function sendDeadlineReminder(
  db: Db,
  mailer: Mailer,
  baseUrl: string,
  item: ScheduleItem,
): Promise<number> {
  const people = await db
    .selectFrom('users')
    .innerJoin('role_grants', 'role_grants.user_id', 'users.id')
    .select(['users.email', 'users.locale'])
    .distinct()
    .where('role_grants.role', 'in', ['monitor', 'admin'])
    .where('users.disabled', '=', 0)
    .execute();
  for (const person of people) {
    const t = translator((person.locale === 'en' ? 'en' : 'id') as Locale);
    const what = t(`monitoring.kind.${item.kind}`);
    const subject = t(`monitoring.reminder.subject.${item.status}`, { what, plan: item.planTitle });
    const text = [
      t(`monitoring.reminder.body.${item.status}`, { what, due: item.dueDate, days: Math.abs(item.daysLeft) }),
      item.commitmentTitle ? `${item.ogpId ?? ''} ${item.commitmentTitle}`.trim() : item.planTitle,
      `${baseUrl}/monitoring/jadwal`,
    ].join('\n\n');
    await mailer.send({ to: person.email, subject, text });
  }
  return people.length;
}
