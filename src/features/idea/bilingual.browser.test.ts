import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import {
  startBrowserHarness,
  seriousAxeViolations,
  screenshot,
  signedInPage,
  type BrowserHarness,
} from '../../../test/helpers/browser.js';
import { createTestUser, TEST_PASSWORD, type TestUser } from '../../../test/helpers/test-app.js';
import { commitmentBody, planBody } from '../plan/plan.fixtures.js';

/** English content, its marked fallback, the English version fieldset and the anonymous tracking page, in Chromium. */
describe('content in two languages and anonymous tracking in a browser', () => {
  let h: BrowserHarness;
  let admin: TestUser;
  let planId: string;
  let ogpId: string;
  const contexts: BrowserContext[] = [];
  const api = (method: 'POST' | 'PATCH', url: string, payload: object) =>
    h.app.inject({ method, url, headers: admin.headers, payload });

  beforeAll(async () => {
    h = await startBrowserHarness('sqlite');
    admin = await createTestUser(h.storage.db, ['admin']);
    planId = (
      await api(
        'POST',
        '/api/v1/plans',
        await planBody(h.storage.db, { translations: { en: { title: 'Browser test plan' } } }),
      )
    ).json().data.id;
    ogpId = (
      await api(
        'POST',
        `/api/v1/plans/${planId}/commitments`,
        await commitmentBody(h.storage.db, { translations: { en: { title: 'Tourism kelurahan support' } } }),
      )
    ).json().data.ogpId;
    await api('POST', `/api/v1/plans/${planId}/transition`, { to: 'co-creation' });
  }, 60_000);
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await h?.close();
  });

  it('sends an anonymous idea to its tracking page, then shows pages in English without axe violations', async () => {
    const page = h.page;
    await page.goto('/ide');
    await page.fill('#title', 'Peta lampu jalan');
    await page.fill('#body', 'Tampilkan peta lampu jalan yang mati per kelurahan.');
    await page.selectOption('#theme', 'layanan-publik');
    await page.fill('#email', 'warga-anonim@contoh.id');
    await page.locator('main form[method="post"][action="/ide"] button[type=submit]').click();
    await page.waitForLoadState('load');
    const trackingPath = new URL(page.url()).pathname;
    expect(trackingPath).toMatch(/^\/ide\/lacak\/[\w-]{43}$/);
    expect(await page.locator('#tracking-link').inputValue()).toContain('/ide/lacak/');
    const problems: Record<string, unknown> = {};
    const tracking = await seriousAxeViolations(page);
    if (tracking.length) problems['tracking'] = tracking;

    await page.goto('/bahasa/en?next=/');
    for (const url of [`/komitmen/${ogpId}`, `/rencana-aksi/${planId}`, trackingPath]) {
      const res = await page.goto(url);
      expect(res?.status(), url).toBe(200);
      const violations = await seriousAxeViolations(page);
      if (violations.length) problems[url] = violations;
    }
    await page.goto(`/komitmen/${ogpId}`);
    expect(await page.locator('h1').innerText()).toContain('Tourism kelurahan support');
    expect(await page.locator('main [lang="id"]').first().innerText()).toContain('Potensi wisata');
    await screenshot(page, 'commitment-english-fallback');
    expect(problems).toEqual({});
  }, 120_000);

  it('edits the English version in the form without axe violations', async () => {
    const page = await signedInPage(h, contexts, admin.email, TEST_PASSWORD);
    await page.goto(`/komitmen/${ogpId}/ubah`);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.fill('[id="translations.en.problem"]', 'Tourism potential is not managed.');
    await page.locator('main form button[type=submit]').last().click();
    await page.waitForLoadState('load');
    await page.goto('/bahasa/en?next=/');
    await page.goto(`/komitmen/${ogpId}`);
    expect(await page.locator('main').innerText()).toContain('Tourism potential is not managed.');
  }, 60_000);
});
