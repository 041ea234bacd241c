import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import {
  startBrowserHarness,
  seriousAxeViolations,
  screenshot,
  signedInPage,
  type BrowserHarness,
} from '../helpers/browser.js';
import { createUser, grantRole } from '../../src/features/account/account.service.js';
import { seedCityIndicators } from '../../src/features/indicator/indicator.seed.js';

const PASSWORD = 'pecel-madiun-2026';

// Issue 11 walk: a Disnaker produsen sends a figure, which waits for the walidata; the walidata
// approves it in the review queue; a visitor reads the methods page and the value's history.
describe('trust walk in Chromium: indicator review, history, methods', () => {
  let h: BrowserHarness;
  let produsen: Page;
  let walidata: Page;
  const contexts: BrowserContext[] = [];

  const loggedIn = (email: string) => signedInPage(h, contexts, email, PASSWORD, { width: 412, height: 900 });

  beforeAll(async () => {
    h = await startBrowserHarness('sqlite');
    const db = h.storage.db;
    await seedCityIndicators(db);
    const org = await db
      .selectFrom('organizations')
      .select('id')
      .where('slug', '=', 'disnaker-kukm')
      .executeTakeFirstOrThrow();
    const p = await createUser(db, {
      email: 'produsen@disnaker.contoh.id',
      name: 'Operator Disnaker',
      password: PASSWORD,
    });
    await grantRole(db, { id: null, label: 'test' }, p, 'produsen', org.id);
    const w = await createUser(db, { email: 'walidata@kominfo.contoh.id', name: 'Walidata Kota', password: PASSWORD });
    await grantRole(db, { id: null, label: 'test' }, w, 'walidata', null);
    produsen = await loggedIn('produsen@disnaker.contoh.id');
    walidata = await loggedIn('walidata@kominfo.contoh.id');
  });
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await h?.close();
  });

  it('a produsen figure waits for the walidata, who approves it from an accessible queue', async () => {
    const detail = await (await produsen.request.get('/api/v1/indicators/pengangguran')).json();
    const source = detail.data.sources.find((s: { producer: string }) => s.producer.includes('Disnaker')).id as string;
    await produsen.goto('/indikator/pengangguran/kelola');
    // The token is bound to the session: scripts read it from the page's form, not from a cookie.
    const csrf = await produsen.locator('input[name=_csrf]').first().inputValue();
    const sent = await produsen.request.post('/api/v1/indicators/pengangguran/values', {
      headers: { 'x-csrf-token': csrf },
      data: { sourceId: source, wilayahKode: '35.77.02.1002', period: '2026', value: '1.234' },
    });
    expect(sent.status()).toBe(202);
    const values = await (
      await produsen.request.get(`/api/v1/indicators/pengangguran/values?period=2026&source=${source}`)
    ).json();
    expect(values.data).toEqual([]);

    await walidata.goto('/indikator/periksa');
    expect(await seriousAxeViolations(walidata)).toEqual([]);
    await walidata.locator('main table a').first().click();
    await walidata.waitForURL('**/indikator/pengajuan/**');
    await expect(walidata.locator('main').innerText()).resolves.toMatch(/1\.234/);
    expect(await seriousAxeViolations(walidata)).toEqual([]);
    await screenshot(walidata, 'trust-indicator-submission');
    await walidata.getByRole('button', { name: 'Setujui dan terbitkan' }).click();
    await walidata.waitForLoadState('load');
    const after = await (
      await walidata.request.get(`/api/v1/indicators/pengangguran/values?period=2026&source=${source}`)
    ).json();
    expect(after.data.map((v: { value: number }) => v.value)).toEqual([1234]);
  });

  it('a visitor reads the value history and the methods page, both accessible', async () => {
    const { page } = h;
    await page.goto('/indikator/pengangguran/riwayat');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.goto('/metode');
    await expect(page.locator('h1').innerText()).resolves.not.toBe('');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, 'trust-methods');
  });
});
