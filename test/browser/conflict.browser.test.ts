import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { startBrowserHarness, seriousAxeViolations, screenshot, type BrowserHarness } from '../helpers/browser.js';
import { createTestUser } from '../helpers/test-app.js';

async function signedIn(h: BrowserHarness, cookieHeader: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await h.browser.newContext({ baseURL: h.baseUrl, viewport: { width: 1024, height: 900 } });
  await context.addCookies(
    cookieHeader.split('; ').map((c) => {
      const [name, ...rest] = c.split('=');
      return { name: name!, value: rest.join('='), url: h.baseUrl };
    }),
  );
  return { context, page: await context.newPage() };
}

describe('two editors on one record: the second sees the diff and merges (browser)', () => {
  let h: BrowserHarness;
  beforeAll(async () => {
    h = await startBrowserHarness('sqlite');
  });
  afterAll(async () => {
    await h?.close();
  });

  it('both edit a meeting; the stale save gets the conflict page, merges and saves both changes', async () => {
    const secretariat = await createTestUser(h.storage.db, ['forum']);
    const created = await h.app.inject({
      method: 'POST',
      url: '/api/v1/forum/meetings',
      headers: secretariat.headers,
      payload: { title: 'Rapat forum', meetingDate: '2026-02-10', agenda: 'Agenda awal', minutes: 'Notulen awal' },
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().data.id as string;
    const a = await signedIn(h, secretariat.cookie);
    const b = await signedIn(h, secretariat.cookie);
    const edit = `/forum/pertemuan/${id}/ubah`;
    await a.page.goto(edit);
    await b.page.goto(edit);

    await a.page.fill('#location', 'Gedung Sabha Praja');
    await a.page.click('button[type=submit]:has-text("Simpan")');
    await a.page.waitForURL(`**/forum/pertemuan/${id}`);

    await b.page.fill('#minutes', 'Notulen dari editor kedua');
    await b.page.fill('#agenda', 'Agenda dari editor kedua');
    await b.page.click('button[type=submit]:has-text("Simpan")');
    await b.page.waitForSelector('h1:has-text("Data ini sudah diubah orang lain")');
    const diff = await b.page.textContent('table.conflict-diff');
    expect(diff).toContain('Gedung Sabha Praja');
    expect(diff).toContain('Notulen awal');
    expect(diff).toContain('Notulen dari editor kedua');
    // The merge form holds the other editor's location and this editor's minutes.
    expect(await b.page.inputValue('#location')).toBe('Gedung Sabha Praja');
    expect(await b.page.inputValue('#minutes')).toBe('Notulen dari editor kedua');
    expect(await seriousAxeViolations(b.page)).toEqual([]);
    await screenshot(b.page, 'conflict-merge');

    await b.page.click('button[type=submit]:has-text("Simpan")');
    await b.page.waitForURL(`**/forum/pertemuan/${id}`);
    const main = await b.page.textContent('main');
    expect(main).toContain('Gedung Sabha Praja');
    expect(main).toContain('Notulen dari editor kedua');
    expect(main).toContain('Agenda dari editor kedua');
    await a.context.close();
    await b.context.close();
  });
});
