import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/helpers/test-env.js';
import { createTestApp, createTestUser, TEST_PASSWORD, type TestApp } from '../../../test/helpers/test-app.js';

const FORM = 'application/x-www-form-urlencoded';

describe.each(DIALECTS)('account page, API tokens and rate limits (%s)', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect, { LOGIN_RATE_PER_MINUTE: '4' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('issues a personal API token that authenticates /api/v1/me until it is revoked', async () => {
    const user = await createTestUser(t.db, [['produsen', 'disnaker-kukm']]);
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/tokens',
      headers: user.headers,
      payload: { name: 'skrip impor', scope: 'full' },
    });
    expect(created.statusCode).toBe(201);
    const { token, id, prefix } = created.json().data;
    expect(token).toMatch(/^tbk_/);
    expect(token.startsWith(prefix)).toBe(true);
    const me = await t.app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } });
    expect(me.statusCode).toBe(200);
    expect(me.json().data).toMatchObject({
      email: user.email,
      roles: [{ role: 'produsen', organization: { slug: 'disnaker-kukm' } }],
    });
    // Listing never shows the token itself; a token-authenticated client needs no CSRF token.
    const list = await t.app.inject({ url: '/api/v1/me/tokens', headers: { authorization: `Bearer ${token}` } });
    expect(JSON.stringify(list.json())).not.toContain(token);
    expect(list.json().data[0]).toMatchObject({ id, name: 'skrip impor', revokedAt: null });
    const revoked = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/me/tokens/${id}`,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(revoked.statusCode).toBe(200);
    const after = await t.app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } });
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe('UNAUTHENTICATED');
    // Another scheme (Basic auth from a proxy) is not ours: the session still counts.
    expect(
      (await t.app.inject({ url: '/api/v1/me', headers: { cookie: user.cookie, authorization: 'Basic dXNlcjpwYXNz' } }))
        .statusCode,
    ).toBe(200);
  });

  it('shows a new token once on the account page and revokes it from there', async () => {
    const user = await createTestUser(t.db, ['warga']);
    const res = await t.app.inject({
      method: 'POST',
      url: '/akun/token',
      headers: { cookie: user.cookie, accept: 'text/html', 'content-type': FORM },
      payload: `_csrf=${user.csrf}&tokenName=laptop`,
    });
    expect(res.statusCode).toBe(200);
    const token = /<code id="new-token">(tbk_[^<]+)<\/code>/.exec(res.body)![1]!;
    const page = await t.app.inject({ url: '/akun', headers: { cookie: user.cookie, accept: 'text/html' } });
    expect(page.body).toContain('laptop');
    expect(page.body).not.toContain(token);
    expect(page.body).toContain('Warga');
    const id = /action="\/akun\/token\/([^/]+)\/cabut"/.exec(page.body)![1]!;
    const revoke = await t.app.inject({
      method: 'POST',
      url: `/akun/token/${id}/cabut`,
      headers: { cookie: user.cookie, 'content-type': FORM },
      payload: `_csrf=${user.csrf}`,
    });
    expect(revoke.statusCode).toBe(303);
    expect((await t.app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(
      401,
    );
  });

  it('changes the password only with the current one, and saves the language preference', async () => {
    const user = await createTestUser(t.db, ['warga']);
    const post = (url: string, payload: Record<string, string>, cookie = user.cookie) =>
      t.app.inject({
        method: 'POST',
        url,
        headers: { cookie, accept: 'text/html', 'content-type': FORM },
        payload: new URLSearchParams({ _csrf: user.csrf, ...payload }).toString(),
      });
    const wrong = await post('/akun/sandi', {
      current: 'bukan-sandinya-123',
      password: 'sandi-baru-sekali',
      passwordConfirm: 'sandi-baru-sekali',
    });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.body).toContain('Kata sandi saat ini salah');
    const ok = await post('/akun/sandi', {
      current: TEST_PASSWORD,
      password: 'sandi-baru-sekali',
      passwordConfirm: 'sandi-baru-sekali',
    });
    expect(ok.statusCode).toBe(303);
    expect((await t.app.inject({ url: '/api/v1/me', headers: { cookie: user.cookie } })).statusCode).toBe(200); // this session stays
    const lang = await post('/akun/profil', { name: 'Nama Baru', locale: 'en' });
    expect(lang.cookies.find((c) => c.name === 'terbuka_lang')?.value).toBe('en');
    const en = await t.app.inject({
      url: '/akun',
      headers: { cookie: `${user.cookie}; terbuka_lang=en`, accept: 'text/html' },
    });
    expect(en.body).toContain('My account');
    expect(en.body).toContain('Nama Baru');
  });

  it('limits login attempts per client with 429', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: `rate${i}@contoh.id`, password: 'salah-sandi-123' },
      });
      statuses.push(res.statusCode);
      if (res.statusCode === 429) expect(res.json().error.code).toBe('RATE_LIMITED');
    }
    expect(statuses).toEqual([401, 401, 401, 401, 429]);
  });

  it('extends a session used in the second half of its life, cookie included', async () => {
    const user = await createTestUser(t.db, ['warga']);
    const soon = new Date(Date.now() + 3600_000).toISOString();
    await t.db.updateTable('sessions').set({ expires_at: soon }).where('user_id', '=', user.id).execute();
    const res = await t.app.inject({ url: '/api/v1/me', headers: { cookie: user.cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.cookies.find((c) => c.name === 'terbuka_sid')?.maxAge).toBe(336 * 3600);
    const row = await t.db
      .selectFrom('sessions')
      .select('expires_at')
      .where('user_id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(Date.parse(row.expires_at)).toBeGreaterThan(Date.now() + 300 * 3600_000);
    await t.db
      .updateTable('sessions')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('user_id', '=', user.id)
      .execute();
    expect((await t.app.inject({ url: '/api/v1/me', headers: { cookie: user.cookie } })).statusCode).toBe(401);
  });

  it('sends anonymous visitors of the account page to the login page', async () => {
    const res = await t.app.inject({ url: '/akun', headers: { accept: 'text/html' } });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/masuk?next=%2Fakun');
  });
});
