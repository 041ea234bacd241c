import type { Logger } from 'pino';
import type { Config } from '../config/config.js';
import type { Storage } from '../storage/database.js';
import type { JobQueue } from '../jobs/job-queue.js';
import { TableJobQueue } from '../jobs/table-queue.js';
import { setJobQueue } from '../jobs/queue-registry.js';
import { INGEST_JOB } from '../features/dataset/resources/resource-load.js';
import { markLoadInterrupted, sweepLeftovers } from '../features/dataset/resources/load-sweep.js';
import { runQueuedLoad } from '../features/dataset/resources/resource-retry.js';
import { checkpointIfMoved } from '../features/audit/audit-schedule.js';
import { createMailer, MAIL_JOB, sendOutboxMail } from '../features/mail/mail.service.js';
import {
  queueDeadlineReminders,
  REMINDER_JOB,
  REMINDER_SCAN_JOB,
  sendDeadlineReminder,
} from '../features/monitoring/deadline-reminders.js';
import type { ScheduleItem } from '../features/monitoring/schedule.service.js';
import { localDate, startOfLocalDay, todayLocal } from '../time/local-time.js';
import {
  DIGEST_JOB,
  DIGEST_SCAN_JOB,
  queueDailyDigests,
  sendDailyDigest,
} from '../features/notification/notification-digest.js';

/** The scheduled sweep of dead jobs' leftovers (`terbuka jobs sweep` runs it by hand). */
export const SWEEP_JOB = 'jobs.sweep';
const CHECKPOINT_JOB = 'audit.checkpoint';

/**
 * The job queue of one database handle and every job the app knows: what each does, how often it
 * may be tried, what is cleaned when its process dies, and the schedules. One list, here in the
 * composition root, as the features' own code knows only `jobQueueOf(db)`.
 */
export function composeJobs(storage: Storage, config: Config, logger: Logger): JobQueue {
  const { db } = storage;
  const queue = new TableJobQueue(db, {
    leaseMs: config.jobs.leaseMs,
    pollMs: config.jobs.pollMs,
    onError: (err, what) => logger.warn({ err }, what),
  });
  setJobQueue(db, queue);

  queue.register(INGEST_JOB, {
    // A load is run by the process that took the file; when that process dies the load fails
    // visibly ("failed — retry" on the resource page) instead of being retried by itself.
    maxAttempts: 1,
    handler: (payload, ctx) => runQueuedLoad(storage, ctx.id, String(payload['resourceId'])),
    onLeaseLost: async (_payload, ctx) => {
      await markLoadInterrupted(db, ctx.id);
      await sweepLeftovers(storage, { filesOlderThanMs: config.jobs.fileGraceMs });
    },
  });
  queue.register(SWEEP_JOB, {
    maxAttempts: 1,
    handler: async () => {
      const swept = await sweepLeftovers(storage, { filesOlderThanMs: config.jobs.fileGraceMs });
      if (swept.jobs || swept.tables || swept.files) logger.info({ swept }, 'leftovers of stopped jobs removed');
    },
  });
  queue.schedule(SWEEP_JOB, { everyMinutes: config.jobs.sweepMinutes });
  // 5 tries over about half a minute of back-off (2, 4, 8, 16 s); then failed, listed by `terbuka jobs`.
  queue.register(MAIL_JOB, {
    maxAttempts: 5,
    handler: (payload) => sendOutboxMail(config, db, String(payload['outboxId'])),
  });
  const mailer = createMailer(config, db);
  queue.register(REMINDER_SCAN_JOB, {
    handler: async () => void (await queueDeadlineReminders(db, queue, todayLocal())),
  });
  queue.schedule(REMINDER_SCAN_JOB, { dailyAt: '07:00' });
  queue.register(REMINDER_JOB, {
    handler: async (payload) =>
      void (await sendDeadlineReminder(db, mailer, config.baseUrl, payload['item'] as ScheduleItem)),
  });
  // At 06:00 local, the digest of the day before (its local date, TIME_ZONE).
  const yesterday = () => localDate(new Date(Date.parse(startOfLocalDay(todayLocal())) - 1));
  queue.register(DIGEST_SCAN_JOB, { handler: async () => void (await queueDailyDigests(db, queue, yesterday())) });
  queue.schedule(DIGEST_SCAN_JOB, { dailyAt: '06:00' });
  queue.register(DIGEST_JOB, {
    handler: async (p) =>
      void (await sendDailyDigest(db, mailer, config.baseUrl, String(p['userId']), String(p['day']))),
  });
  queue.register(CHECKPOINT_JOB, { handler: async () => void (await checkpointIfMoved(db)) });
  queue.schedule(CHECKPOINT_JOB, { everyMinutes: 60 });
  return queue;
}

/**
 * `serve`: sweep the leftovers of processes that died and sign the audit head once at start,
 * then poll the queue (every process; each job runs once) until `stop()`.
 */
export async function startJobWorker(queue: JobQueue): Promise<void> {
  await queue.enqueue(SWEEP_JOB, {});
  await queue.enqueue(CHECKPOINT_JOB, {});
  queue.start();
}
