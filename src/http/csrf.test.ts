import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/helpers/test-env.js';
import {
  anonymousVisitor,
  cookiesFrom,
  createTestApp,
  createTestUser,
  csrfFromHtml,
  type TestApp,
  type TestUser,
} from '../../test/helpers/test-app.js';
import { csrfTokenFor, sameToken } from './csrf.js';
import { dataDirOf } from '../../test/helpers/test-db.js';
import { SESSION_COOKIE } from './cookies.js';

const FORM = 'application/x-www-form-urlencoded';

describe('CSRF tokens', () => {
  const key = Buffer.from('k'.repeat(64));
  it('binds a token to its session id, apart from a pre-session cookie of the same value', () => {
    const a = csrfTokenFor(key, { session: 'abc' });
    expect(a).toBe(csrfTokenFor(key, { session: 'abc' }));
    expect(a).not.toBe(csrfTokenFor(key, { session: 'abd' }));
    expect(a).not.toBe(csrfTokenFor(key, { preSession: 'abc' }));
    expect(a).not.toBe(csrfTokenFor(Buffer.from('j'.repeat(64)), { session: 'abc' }));
    expect(sameToken(a, a)).toBe(true);
    expect(sameToken(a, a.slice(1))).toBe(false);
  });
});

describe.each(DIALECTS)('CSRF defence (%s)', (dialect) => {
  let t: TestApp;
  let user: TestUser;
  const nameOf = async () =>
    (await t.app.inject({ url: '/api/v1/me', headers: { cookie: user.cookie } })).json().data.name as string;
  const profile = (cookie: string, csrf: string, headers: Record<string, string> = {}) =>
    t.app.inject({
      method: 'POST',
      url: '/akun/profil',
      headers: { 'content-type': FORM, accept: 'text/html', cookie, ...headers },
      payload: new URLSearchParams({ _csrf: csrf, name: 'Diubah Penyerang', locale: 'id' }).toString(),
    });
  beforeAll(async () => {
    t = await createTestApp(dialect);
    user = await createTestUser(t.db, ['warga']);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('refuses a planted terbuka_csrf cookie and its matching field: the profile stays as it was', async () => {
    const before = await nameOf();
    // A sibling page sets its own cookie with a narrower path; the browser sends it first.
    const planted = 'planted-by-a-sibling-page-0123456789';
    const forged = await profile(`terbuka_csrf=${planted}; ${user.cookie}; terbuka_csrf=real-one`, planted);
    expect(forged.statusCode).toBe(403);
    expect(forged.body).toContain('Formulir ini sudah kedaluwarsa atau tidak sah');
    // Nor does a pair the attacker got from the site itself (a pre-session cookie and its token).
    const own = await t.app.inject({ url: '/masuk', headers: { accept: 'text/html' } });
    const pair = await profile(`${cookiesFrom(own)}; ${user.cookie}`, csrfFromHtml(own.body));
    expect(pair.statusCode).toBe(403);
    expect(await nameOf()).toBe(before);
  });

  it('refuses a foreign Origin or a same-site/cross-site fetch even with the right token, in the user’s language', async () => {
    const before = await nameOf();
    const foreign = await profile(user.cookie, user.csrf, { origin: 'http://127.0.0.1:9999' });
    expect(foreign.statusCode).toBe(403);
    expect(foreign.body).toContain('dikirim dari situs lain');
    const english = await profile(`terbuka_lang=en; ${user.cookie}`, user.csrf, { origin: 'http://evil.example' });
    expect(english.statusCode).toBe(403);
    expect(english.body).toContain('sent from another site');
    for (const site of ['same-site', 'cross-site'])
      expect((await profile(user.cookie, user.csrf, { 'sec-fetch-site': site })).statusCode).toBe(403);
    expect((await profile(user.cookie, user.csrf, { origin: 'null' })).statusCode).toBe(403);
    const json = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/tokens',
      headers: { ...user.headers, origin: 'http://127.0.0.1:9999' },
      payload: { name: 'curian' },
    });
    expect(json.statusCode).toBe(403);
    expect(json.json().error.code).toBe('CSRF_ORIGIN');
    expect(await nameOf()).toBe(before);
    const tokens = await t.app.inject({ url: '/api/v1/me/tokens', headers: { cookie: user.cookie } });
    expect(tokens.json().data).toEqual([]);
  });

  it('accepts the same origin (configured or addressed) and exempts bearer-token calls', async () => {
    const base = new URL(t.config.baseUrl).origin;
    expect((await profile(user.cookie, user.csrf, { origin: base, 'sec-fetch-site': 'same-origin' })).statusCode).toBe(
      303,
    );
    const addressed = await profile(user.cookie, user.csrf, {
      host: 'portal.example:8080',
      origin: 'http://portal.example:8080',
    });
    expect(addressed.statusCode).toBe(303);
    expect(await nameOf()).toBe('Diubah Penyerang');
    const token = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/tokens',
      headers: user.headers,
      payload: { name: 'skrip', scope: 'full' },
    });
    const bearer = token.json().data.token as string;
    const viaToken = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/tokens',
      headers: { authorization: `Bearer ${bearer}`, origin: 'http://127.0.0.1:9999' },
      payload: { name: 'dari skrip' },
    });
    expect(viaToken.statusCode).toBe(201);
  });

  it('binds a signed-out form to its pre-session cookie', async () => {
    const anon = anonymousVisitor(t.db);
    const post = (cookie: string, csrf: string) =>
      t.app.inject({
        method: 'POST',
        url: '/masuk',
        headers: { 'content-type': FORM, accept: 'text/html', cookie },
        payload: new URLSearchParams({
          _csrf: csrf,
          email: 'tidak-ada@contoh.id',
          password: 'salah-sekali',
        }).toString(),
      });
    const wrongPassword = await post(anon.cookie, anon.csrf);
    expect(wrongPassword.statusCode).not.toBe(403);
    expect(wrongPassword.body).not.toContain('Formulir ini sudah kedaluwarsa');
    expect(
      (await post('terbuka_csrf=planted-by-a-sibling-page-0123456789', 'planted-by-a-sibling-page-0123456789'))
        .statusCode,
    ).toBe(403);
  });
});

// Processes behind one load balancer on different machines share the key as a setting, not a file.
describe.each(DIALECTS)('CSRF_SECRET (%s)', (dialect) => {
  const secret = 'gemeinsamer-schluessel-untuk-klaster-0123456789';
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect, { CSRF_SECRET: secret });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('binds tokens with the configured key and makes no key file', async () => {
    const form = await t.app.inject({ url: '/masuk', headers: { accept: 'text/html' } });
    expect(form.statusCode).toBe(200);
    expect(fs.existsSync(path.join(dataDirOf(t.db), 'csrf.key'))).toBe(false);
    const user = await createTestUser(t.db, ['warga']);
    const session = user.cookie.slice(`${SESSION_COOKIE}=`.length);
    const post = (csrf: string) =>
      t.app.inject({
        method: 'POST',
        url: '/akun/profil',
        headers: { 'content-type': FORM, accept: 'text/html', cookie: user.cookie },
        payload: new URLSearchParams({ _csrf: csrf, name: 'Nama Baru', locale: 'id' }).toString(),
      });
    // user.csrf is keyed with a data-folder file (the test helper makes one): not this app's key.
    expect((await post(user.csrf)).statusCode).toBe(403);
    expect((await post(csrfTokenFor(Buffer.from(secret), { session }))).statusCode).toBe(303);
  });
});
