import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/helpers/test-env.js';
import { createTestApp, createTestUser, type TestApp } from '../../../test/helpers/test-app.js';
import { jobQueueOf } from '../../jobs/queue-registry.js';
import { todayLocal } from '../../time/local-time.js';
import { notifyUser } from './notification.service.js';
import { queueDailyDigests } from './notification-digest.js';

describe.each(DIALECTS)('the daily notification digest (%s)', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => {
    await t?.close();
  });

  const notice = (text: string) => ({
    title: { key: 'notification.plain', params: { text } },
    body: { key: 'notification.plain', params: { text: `${text}: tonggak selesai.` } },
    reason: { key: 'notification.reason.ideaAuthor' },
    url: '/komitmen/IDMDN0001',
  });

  it('gathers the day into one e-mail for people who chose it, sent once however often the scan runs', async () => {
    const reader = await createTestUser(t.db, ['warga']);
    const quiet = await createTestUser(t.db, ['warga']);
    for (const user of [reader, quiet]) {
      const put = await t.app.inject({
        method: 'PUT',
        url: '/api/v1/me/notification-settings',
        headers: user.headers,
        payload: { emailEnabled: true, emailDigest: true },
      });
      expect(put.json().data).toEqual({ emailEnabled: true, emailDigest: true });
    }
    const page = await t.app.inject({ url: '/notifikasi', headers: { cookie: reader.cookie } });
    expect(page.body).toMatch(/id="emailDigest" name="emailDigest" value="1" checked/);
    expect(page.body).toContain('Kirim sebagai satu ringkasan harian');
    await notifyUser(t.db, t.app.deps.mailer, reader.id, notice('Perubahan pertama'));
    await notifyUser(t.db, t.app.deps.mailer, reader.id, notice('Perubahan kedua'));
    const mailsTo = (to: string) => t.db.selectFrom('outbox').selectAll().where('to_address', '=', to).execute();
    // No mail per notification: they wait for the digest.
    expect(await mailsTo(reader.email)).toHaveLength(0);

    const queue = jobQueueOf(t.db);
    const today = todayLocal();
    expect(await queueDailyDigests(t.db, queue, today)).toBe(2);
    expect(await queueDailyDigests(t.db, queue, today)).toBe(0);
    await queue.runDue();
    await queueDailyDigests(t.db, queue, today);
    await queue.runDue();
    const digest = await mailsTo(reader.email);
    expect(digest).toHaveLength(1);
    expect(digest[0]!.subject).toMatch(/^Ringkasan notifikasi .+: 2 baru$/);
    expect(digest[0]!.body_text).toContain('Perubahan pertama');
    expect(digest[0]!.body_text).toContain('Perubahan kedua: tonggak selesai.');
    expect(digest[0]!.body_text).toContain('/notifikasi#pengaturan');
    // Nothing new that day: nothing sent.
    expect(await mailsTo(quiet.email)).toHaveLength(0);
  });
});
