import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startBrowserHarness,
  seriousAxeViolations,
  screenshot,
  type BrowserHarness,
} from '../../../test/helpers/browser.js';
import { issueOneTimeToken } from '../account/account.service.js';

// The first administrator, in Chromium: setup link → admin pages → a role grant in the audit log.
describe('admin walk in Chromium', () => {
  let h: BrowserHarness;
  beforeAll(async () => {
    h = await startBrowserHarness('sqlite');
  });
  afterAll(async () => {
    await h?.close();
  });

  it('creates the first admin from the setup link and lands on the dashboard', async () => {
    const { page } = h;
    const token = await issueOneTimeToken(h.storage.db, 'admin_setup', null, null);
    await page.goto(`/setup/${token}`);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.fill('#name', 'Admin Kota');
    await page.fill('#email', 'admin@madiunkota.go.id');
    await page.fill('#password', 'pecel-kota-madiun-2026');
    await page.fill('#passwordConfirm', 'pecel-kota-madiun-2026');
    await page.locator('main form button[type=submit]').click();
    await page.waitForURL('**/admin');
    await expect(page.locator('h1').innerText()).resolves.toBe('Admin');
    expect(await seriousAxeViolations(page)).toEqual([]);
  });

  it('grants a role with an organisation and finds it in the audit log', async () => {
    const { page } = h;
    await page.goto('/admin/pengguna');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'Admin Kota' }).click();
    await page.selectOption('#role', 'produsen');
    await page.selectOption('#organizationId', { label: 'Dinas Lingkungan Hidup Kota Madiun' });
    await page.locator('main form button[type=submit]', { hasText: 'Beri peran' }).click();
    await page.waitForLoadState('load');
    await expect(page.locator('.notice').innerText()).resolves.toContain('Peran diberikan');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, 'admin-user');
    await page.goto('/admin/audit');
    await expect(page.locator('tbody tr').first().innerText()).resolves.toContain('role.grant');
    expect(await seriousAxeViolations(page)).toEqual([]);
  });

  it('has accessible organisation, outbox and account pages', async () => {
    const { page } = h;
    for (const url of ['/admin/organisasi', '/admin/organisasi/baru', '/admin/outbox', '/akun', '/lupa-sandi']) {
      await page.goto(url);
      expect(await seriousAxeViolations(page), url).toEqual([]);
    }
    await page.goto('/akun');
    await page.fill('#tokenName', 'skrip');
    await page.locator('main form button[type=submit]', { hasText: 'Buat token' }).click();
    await page.waitForLoadState('load');
    await expect(page.locator('#new-token').innerText()).resolves.toMatch(/^tbk_/);
    await screenshot(page, 'account-token');
  });
});
