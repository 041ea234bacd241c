import type { Db } from '../../storage/database.js';
import type { JobQueue } from '../../jobs/job-queue.js';
import type { Mailer } from '../mail/mail.service.js';
import { formatDate, translator } from '../../i18n/i18n.js';
import { startOfLocalDay } from '../../time/local-time.js';
import { notificationText } from './notification-message.js';
import { NOTIFICATION_SETTINGS_PATH } from './notification.service.js';

/**
 * The daily digest: people who chose e-mail as one summary a day (`email_digest`) get no mail per
 * notification; the scan (`notification.digests`, a schedule at 06:00 local, once across
 * processes) queues one `notification.digest` job per person and local day with an idempotency
 * key naming both, so a rerun or a second process never sends a day twice. A day with nothing
 * new sends nothing.
 */
export const DIGEST_SCAN_JOB = 'notification.digests';
export const DIGEST_JOB = 'notification.digest';

const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

export async function queueDailyDigests(db: Db, queue: JobQueue, day: string): Promise<number> {
  const people = await db
    .selectFrom('notification_settings')
    .innerJoin('users', 'users.id', 'notification_settings.user_id')
    .select('users.id')
    .where('notification_settings.email_enabled', '=', 1)
    .where('notification_settings.email_digest', '=', 1)
    .where('users.disabled', '=', 0)
    .execute();
  let queued = 0;
  for (const p of people)
    if (await queue.enqueue(DIGEST_JOB, { userId: p.id, day }, { singletonKey: `digest:${p.id}:${day}` })) queued++;
  return queued;
}

/** One mail with the person's notifications of that local day, in their language; false when there were none. */
export async function sendDailyDigest(
  db: Db,
  mailer: Mailer,
  baseUrl: string,
  userId: string,
  day: string,
): Promise<boolean> {
  const user = await db.selectFrom('users').select(['email', 'locale']).where('id', '=', userId).executeTakeFirst();
  if (!user) return false;
  const rows = await db
    .selectFrom('notifications')
    .selectAll()
    .where('user_id', '=', userId)
    .where('created_at', '>=', startOfLocalDay(day))
    .where('created_at', '<', startOfLocalDay(nextDay(day)))
    .orderBy('created_at')
    .execute();
  if (!rows.length) return false;
  const locale = user.locale === 'en' ? 'en' : 'id';
  const t = translator(locale);
  const base = baseUrl.replace(/\/$/, '');
  const items = rows.map((n) => {
    const text = notificationText(t, locale, n);
    return `- ${text.title}\n  ${text.body}\n  ${n.url.startsWith('/') ? base + n.url : n.url}`;
  });
  const date = formatDate(locale, startOfLocalDay(day));
  await mailer.send({
    to: user.email,
    subject: t('notification.digest.subject', { n: rows.length, date }),
    text: `${t('notification.digest.intro', { date })}\n\n${items.join('\n\n')}\n\n-- \n${t(
      'notification.digest.footer',
      {
        settings: `${base}${NOTIFICATION_SETTINGS_PATH}`,
      },
    )}`,
  });
  return true;
}
