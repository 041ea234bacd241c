import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserHarness, seriousAxeViolations, screenshot, type BrowserHarness } from '../helpers/browser.js';

// A visitor on a phone: home → English → register → log out → log in → a kelurahan page.
describe('foundation walk in Chromium', () => {
  let h: BrowserHarness;
  beforeAll(async () => {
    h = await startBrowserHarness('sqlite');
  });
  afterAll(async () => {
    await h?.close();
  });

  it('opens the home page in Indonesian with live counts and no serious accessibility problems', async () => {
    const { page } = h;
    await page.goto('/');
    expect(await page.getAttribute('html', 'lang')).toBe('id');
    await expect(page.locator('h1').innerText()).resolves.toContain('Kota Madiun');
    expect(await page.locator('.card .stat').first().innerText()).toMatch(/\d/);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, 'foundation-home-id');
  });

  it('switches to English and keeps it on the next page', async () => {
    const { page } = h;
    await page.getByRole('link', { name: 'Switch to English' }).click();
    await page.waitForURL('**/');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await page.goto('/wilayah');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await expect(page.locator('h1').innerText()).resolves.toBe('Areas');
  });

  it('registers a citizen account, logs out, and logs in again', async () => {
    const { page } = h;
    await page.goto('/daftar');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.fill('#name', 'Siti Warga');
    await page.fill('#email', 'siti.warga@contoh.id');
    await page.fill('#password', 'pecel-madiun-2026');
    await page.fill('#passwordConfirm', 'pecel-madiun-2026');
    await page.locator('main form button[type=submit]').click();
    await page.waitForLoadState('load');
    await screenshot(page, 'foundation-registered');
    await expect(page.locator('header').innerText()).resolves.toMatch(/Log out/);

    await page.locator('header form button', { hasText: 'Log out' }).click();
    await page.waitForLoadState('load');
    await expect(page.locator('header').innerText()).resolves.toMatch(/Log in/);

    await page.goto('/masuk');
    await page.fill('#email', 'siti.warga@contoh.id');
    await page.fill('#password', 'pecel-madiun-2026');
    await page.locator('main form button[type=submit]').click();
    await page.waitForLoadState('load');
    await expect(page.locator('header').innerText()).resolves.toMatch(/Log out/);
  });

  it('opens a kelurahan page with its boundary map, accessible', async () => {
    const { page } = h;
    await page.goto('/wilayah');
    await page.getByRole('link', { name: 'Kelurahan Sogaten' }).click();
    await page.waitForURL('**/wilayah/35.77.02.1002');
    await expect(page.locator('h1').innerText()).resolves.toContain('Sogaten');
    expect(await page.locator('figure.map svg path.focus').count()).toBe(1);
    expect(await page.locator('link[rel=alternate][type="application/json"]').getAttribute('href')).toBe(
      '/api/v1/wilayah/35.77.02.1002',
    );
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, 'foundation-kelurahan');
  });
});
