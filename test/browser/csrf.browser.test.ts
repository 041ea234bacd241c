import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { startBrowserHarness, signedInPage, type BrowserHarness } from '../helpers/browser.js';
import { createUser } from '../../src/features/account/account.service.js';
import { CSRF_COOKIE } from '../../src/http/cookies.js';

const PASSWORD = 'pecel-madiun-2026';
const PLANTED = 'planted-by-the-page-on-another-port-0123';

/**
 * Issue 14 item 1: a page on the same host but another port (same-site, not same-origin) plants
 * its own `terbuka_csrf` cookie with a narrower path and posts the profile form with the matching
 * token. Cookies ignore ports, so the browser sends the planted cookie to the portal.
 */
function attackerPage(portalUrl: string): string {
  return `<!doctype html><html lang="en"><head><title>Hadiah</title></head><body>
<form id="f" method="post" action="${portalUrl}/akun/profil">
<input type="hidden" name="_csrf" value="${PLANTED}">
<input type="hidden" name="name" value="Diretas">
<input type="hidden" name="locale" value="id"></form>
<script>document.cookie = '${CSRF_COOKIE}=${PLANTED}; path=/akun/profil';
document.getElementById('f').submit();</script></body></html>`;
}

describe('CSRF in Chromium: a planted cookie from another port cannot change the profile', () => {
  let h: BrowserHarness;
  let victim: Page;
  let attacker: http.Server;
  let attackerUrl: string;
  const contexts: BrowserContext[] = [];
  const nameOf = async () => (await (await victim.request.get('/api/v1/me')).json()).data.name as string;

  beforeAll(async () => {
    h = await startBrowserHarness('sqlite');
    await createUser(h.storage.db, { email: 'warga@contoh.id', name: 'Sri Wahyuni', password: PASSWORD });
    victim = await signedInPage(h, contexts, 'warga@contoh.id', PASSWORD);
    const page = attackerPage(h.baseUrl);
    attacker = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(page));
    await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
    attackerUrl = `http://127.0.0.1:${(attacker.address() as AddressInfo).port}/`;
  });
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await new Promise((resolve) => attacker?.close(resolve));
    await h?.close();
  });

  it('refuses the forged post (403, in Indonesian) and leaves the profile unchanged', async () => {
    expect(await nameOf()).toBe('Sri Wahyuni');
    const forged = victim.waitForResponse((r) => r.url() === `${h.baseUrl}/akun/profil`);
    await victim.goto(attackerUrl);
    const response = await forged;
    expect(response.status()).toBe(403);
    await victim.waitForLoadState('load');
    await expect(victim.locator('main').innerText()).resolves.toContain('dikirim dari situs lain');
    // The attack really reached the portal with the planted cookie…
    const cookies = await victim.context().cookies(`${h.baseUrl}/akun/profil`);
    expect(cookies.find((c) => c.name === CSRF_COOKIE && c.path === '/akun/profil')?.value).toBe(PLANTED);
    // …and changed nothing.
    expect(await nameOf()).toBe('Sri Wahyuni');
  });

  it('still accepts the profile form on the portal itself, planted cookie and all', async () => {
    await victim.goto('/akun');
    await victim.fill('#name', 'Sri Wahyuni Putri');
    const saved = victim.waitForResponse((r) => r.url() === `${h.baseUrl}/akun/profil`);
    await victim.locator('form[action="/akun/profil"] button[type=submit]').click();
    expect((await saved).status()).toBe(303);
    await victim.waitForLoadState('load');
    expect(await nameOf()).toBe('Sri Wahyuni Putri');
  });
});
