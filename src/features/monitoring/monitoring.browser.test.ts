import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startBrowserHarness,
  seriousAxeViolations,
  screenshot,
  type BrowserHarness,
} from '../../../test/helpers/browser.js';
import { createTestUser } from '../../../test/helpers/test-app.js';
import { SESSION_COOKIE } from '../../http/cookies.js';
import { forumDemoSeed } from '../forum/forum-demo.seed.js';
import { insertCommitment, insertMilestone, insertPlan, orgId } from './fixtures.test-helper.js';

/** Accessibility (axe, WCAG 2.1 AA) of the forum, monitoring, notification and export pages, in Chromium. */
describe('forum and monitoring pages in a browser', () => {
  let h: BrowserHarness;
  let planId: string;
  let ogpId: string;
  beforeAll(async () => {
    h = await startBrowserHarness('sqlite');
    const db = h.storage.db;
    await forumDemoSeed.run(db);
    planId = await insertPlan(db, {
      title: 'Rencana uji peramban',
      submittedOn: '2025-07-16',
      leadOrgIds: [await orgId(db, 'bapelitbangda')],
    });
    const c = await insertCommitment(db, planId, {
      title: 'Pendampingan kelurahan wisata',
      values: { access: true },
      leadOrgId: await orgId(db, 'disbudparpora'),
    });
    await insertMilestone(db, c.id, { status: 'complete', completedOn: '2026-03-01' });
    ogpId = c.ogpId;
    const admin = await createTestUser(db, ['admin']);
    const token = admin.cookie.split(';')[0]!.split('=')[1]!;
    await h.page.context().addCookies([{ name: SESSION_COOKIE, value: token, url: h.baseUrl }]);
  }, 60_000);
  afterAll(async () => {
    await h?.close();
  });

  it('has no serious or critical axe violations', async () => {
    const meeting = await h.storage.db
      .selectFrom('forum_meetings')
      .select('id')
      .orderBy('meeting_date', 'desc')
      .executeTakeFirstOrThrow();
    const pages = [
      '/forum',
      '/forum/contoh',
      `/forum/pertemuan/${meeting.id}`,
      '/forum/pertemuan/baru',
      '/monitoring/jadwal',
      `/rencana-aksi/${planId}/pemantauan`,
      `/monitoring/rencana/${planId}/awal`,
      `/monitoring/komitmen/${ogpId}/akhir`,
      `/monitoring/rencana/${planId}/swa-penilaian`,
      '/notifikasi',
      `/rencana-aksi/${planId}/cetak`,
    ];
    const problems: Record<string, unknown> = {};
    for (const url of pages) {
      const res = await h.page.goto(url);
      expect(res?.status(), url).toBe(200);
      const violations = await seriousAxeViolations(h.page);
      if (violations.length) problems[url] = violations;
    }
    await screenshot(h.page, 'plan-document');
    expect(problems).toEqual({});
  }, 120_000);

  it('walks the inception form: error summary first, then a published assessment on the public page', async () => {
    await h.page.goto(`/monitoring/rencana/${planId}/awal`);
    await h.page.click('main button[type=submit]');
    expect(await h.page.locator('.error-summary').count()).toBe(1);
    expect(await h.page.locator('.error-summary a[href="#commitments.0.verifiable"]').count()).toBe(1);
    await h.page.check('#commitments\\.0\\.verifiable-0');
    await h.page.check('#commitments\\.0\\.lenses\\.accessInfo');
    await h.page.check('#commitments\\.0\\.potential-1');
    await h.page.check('#publish');
    await h.page.click('main button[type=submit]');
    expect(h.page.url()).toContain(`/rencana-aksi/${planId}/pemantauan`);
    expect(await h.page.locator('main').textContent()).toContain('Sedang');
  }, 60_000);

  it('warns when "met" contradicts the platform\'s note, and saves only once the monitor confirms', async () => {
    await h.page.goto(`/monitoring/rencana/${planId}/awal`);
    // Nothing public changed since submission here, so the platform says the page check is not met.
    expect(await h.page.locator('#pageUpdated\\.met-0').isChecked()).toBe(false);
    await h.page.check('#pageUpdated\\.met-0');
    await h.page.click('main button[type=submit]');
    expect(await h.page.locator('.error-summary a[href="#confirmContradiction"]').count()).toBe(1);
    expect(await h.page.locator('#contradictions').textContent()).toContain('Jawaban berbeda dengan catatan platform');
    expect(await seriousAxeViolations(h.page)).toEqual([]);
    await h.page.check('#confirmContradiction');
    await h.page.click('main button[type=submit]');
    expect(h.page.url()).toContain(`/rencana-aksi/${planId}/pemantauan`);
    expect(await h.page.locator('main').textContent()).toContain('dikonfirmasi meski catatan platform berbeda');
  }, 60_000);

  it('walks the end review: early results and a reason before the end date, then shown publicly', async () => {
    await h.page.goto(`/monitoring/komitmen/${ogpId}/akhir`);
    await h.page.fill('#lessons', 'Pokdarwis aktif setelah pendampingan.');
    await h.page.click('main button[type=submit]');
    expect(await h.page.locator('.error-summary a[href="#earlyResults"]').count()).toBe(1);
    expect(await h.page.locator('.error-summary a[href="#beforeEndReason"]').count()).toBe(1);
    await h.page.selectOption('#earlyResults', 'significant');
    await h.page.fill('#beforeEndReason', 'Semua tonggak selesai dan diverifikasi lebih awal.');
    await h.page.check('#publish');
    await h.page.click('main button[type=submit]');
    expect(h.page.url()).toContain(`/rencana-aksi/${planId}/pemantauan`);
    const main = await h.page.locator('main').textContent();
    expect(main).toContain('Hasil signifikan');
    expect(main).toContain('Semua tonggak selesai dan diverifikasi lebih awal.');
  }, 60_000);
});
