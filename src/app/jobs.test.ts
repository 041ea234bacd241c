import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/helpers/test-env.js';
import { createTestApp, createTestUser, type TestApp } from '../../test/helpers/test-app.js';
import { jobQueueOf } from '../jobs/queue-registry.js';
import { createMailer } from '../features/mail/mail.service.js';
import { queueDeadlineReminders } from '../features/monitoring/deadline-reminders.js';
import { insertPlan } from '../features/monitoring/fixtures.test-helper.js';
import { addMonths } from '../features/monitoring/due-dates.js';
import { todayLocal } from '../time/local-time.js';

/** The app's own jobs on the queue (app/jobs.ts): mail through the outbox, monitoring deadline reminders. */
describe.each(DIALECTS)('background jobs of the app (%s)', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    // Nothing listens on port 9 (discard): every send fails, as with a mail server that is down.
    t = await createTestApp(dialect, { SMTP_URL: 'smtp://127.0.0.1:9' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('sends mail from the outbox through a queued job, retried while the mail server is down', async () => {
    await t.app.deps.mailer.send({ to: 'warga@contoh.id', subject: 'Uji antrean', text: 'Halo' });
    const row = await t.db
      .selectFrom('outbox')
      .selectAll()
      .where('subject', '=', 'Uji antrean')
      .executeTakeFirstOrThrow();
    const queue = jobQueueOf(t.db);
    const [job] = await queue.list({ name: 'mail.send' });
    expect(job).toMatchObject({ state: 'queued', payload: { outboxId: row.id } });
    expect(await queue.runDue()).toBe(1);
    const after = await t.db.selectFrom('outbox').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow();
    expect(after.sent_at).toBeNull();
    expect(after.error).toMatch(/ECONNREFUSED|connect/i);
    // Retried later (back-off), up to 5 tries; the outbox keeps the error meanwhile.
    expect(await queue.get(job!.id)).toMatchObject({ state: 'queued', attempts: 1, maxAttempts: 5 });
    // Without SMTP the outbox is the whole delivery: no job.
    await createMailer({ smtpUrl: '', mailFrom: 'portal@contoh.id' }, t.db).send({
      to: 'a@contoh.id',
      subject: 'Tanpa SMTP',
      text: '',
    });
    expect((await queue.list({ name: 'mail.send' })).length).toBe(1);
  });

  it('reminds the monitoring body once per due item and state, however often the daily scan runs', async () => {
    await createTestUser(t.db, [['monitor', 'akademisi']]);
    await createTestUser(t.db, ['admin']);
    const today = todayLocal();
    // Inception assessments are due 2 months after submission: one in 5 days, one 10 days late.
    const soon = new Date(Date.parse(`${addMonths(today, -2)}T00:00:00Z`) + 5 * 86_400_000).toISOString().slice(0, 10);
    const late = new Date(Date.parse(`${addMonths(today, -2)}T00:00:00Z`) - 10 * 86_400_000).toISOString().slice(0, 10);
    await insertPlan(t.db, { title: 'Rencana pengingat segera', submittedOn: soon });
    await insertPlan(t.db, { title: 'Rencana pengingat terlambat', submittedOn: late });
    const queue = jobQueueOf(t.db);
    const first = await queueDeadlineReminders(t.db, queue, today);
    expect(first).toBeGreaterThanOrEqual(2);
    expect(await queueDeadlineReminders(t.db, queue, today)).toBe(0);
    await queue.runDue();
    await queueDeadlineReminders(t.db, queue, today);
    await queue.runDue();
    const mails = await t.db
      .selectFrom('outbox')
      .select(['subject', 'body_text'])
      .where('subject', 'like', '%Rencana pengingat%')
      .execute();
    const subjects = mails.map((m) => m.subject).sort();
    // Two recipients (the monitor and the admin), one reminder each per item.
    expect(subjects).toEqual([
      'Pengingat: Penilaian awal — Rencana pengingat segera segera jatuh tempo',
      'Pengingat: Penilaian awal — Rencana pengingat segera segera jatuh tempo',
      'Terlambat: Penilaian awal — Rencana pengingat terlambat',
      'Terlambat: Penilaian awal — Rencana pengingat terlambat',
    ]);
    expect(mails.find((m) => m.subject.startsWith('Terlambat'))!.body_text).toContain('sudah terlambat 10 hari');
  });
});
