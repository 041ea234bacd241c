import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/helpers/test-env.js';
import {
  createTestApp,
  createTestUser,
  cookiesFrom,
  csrfFor,
  csrfFromHtml,
  TEST_PASSWORD,
  type TestApp,
} from '../../../test/helpers/test-app.js';
import { issueOneTimeToken } from './account.service.js';

const form = (data: Record<string, string>) => new URLSearchParams(data).toString();
const FORM = 'application/x-www-form-urlencoded';

describe.each(DIALECTS)('accounts: register, log in, lock, reset (%s)', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect, { LOGIN_RATE_PER_MINUTE: '1000', LOGIN_MAX_ATTEMPTS: '3' });
  });
  afterAll(async () => {
    await t?.close();
  });

  /** A browser visit: the page's CSRF token and the cookies it set. */
  async function visit(url: string, cookie = '') {
    const res = await t.app.inject({ url, headers: { accept: 'text/html', cookie } });
    const set = cookiesFrom(res);
    return { res, csrf: csrfFromHtml(res.body), cookie: [cookie, set].filter(Boolean).join('; ') };
  }
  const post = (url: string, cookie: string, data: Record<string, string>) =>
    t.app.inject({
      method: 'POST',
      url,
      headers: { accept: 'text/html', 'content-type': FORM, cookie },
      payload: form(data),
    });
  const countUsers = async (email: string) =>
    (await t.db.selectFrom('users').select('id').where('email', '=', email).execute()).length;

  it('registers through the form, logs the person in as warga', async () => {
    const page = await visit('/daftar');
    const res = await post('/daftar', page.cookie, {
      _csrf: page.csrf,
      name: 'Sri Wahyuni',
      email: 'Sri@Contoh.id',
      password: 'pecel-madiun-enak',
      passwordConfirm: 'pecel-madiun-enak',
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/akun');
    const account = await t.app.inject({ url: '/akun', headers: { accept: 'text/html', cookie: cookiesFrom(res) } });
    expect(account.statusCode).toBe(200);
    expect(account.body).toContain('sri@contoh.id');
    expect(account.body).toContain('Warga');
  });

  it('refuses a duplicate e-mail with a clear message and creates no second account', async () => {
    const page = await visit('/daftar');
    const res = await post('/daftar', page.cookie, {
      _csrf: page.csrf,
      name: 'Lain',
      email: 'sri@contoh.id',
      password: 'brem-caruban-manis',
      passwordConfirm: 'brem-caruban-manis',
    });
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain('Alamat e-mail ini sudah terdaftar');
    expect(await countUsers('sri@contoh.id')).toBe(1);
    const api = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      payload: { name: 'X', email: 'SRI@contoh.id', password: 'brem-caruban-manis' },
    });
    expect(api.statusCode).toBe(409);
    expect(api.json().error).toMatchObject({ code: 'EMAIL_TAKEN', message: 'Alamat e-mail ini sudah terdaftar.' });
    const en = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      cookies: { terbuka_lang: 'en' },
      payload: { name: 'X', email: 'sri@contoh.id', password: 'brem-caruban-manis' },
    });
    expect(en.json().error.message).toBe('This e-mail address is already registered.');
    expect(await countUsers('sri@contoh.id')).toBe(1);
  });

  it('rejects weak passwords and mismatched confirmation', async () => {
    const page = await visit('/daftar');
    const weak = await post('/daftar', page.cookie, {
      _csrf: page.csrf,
      name: 'Budi',
      email: 'budi@contoh.id',
      password: '12345678901',
      passwordConfirm: '12345678901',
    });
    expect(weak.statusCode).toBe(422);
    expect(weak.body).toContain('Kata sandi terlalu lemah');
    const short = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      payload: { name: 'Budi', email: 'budi@contoh.id', password: 'pendek' },
    });
    expect(short.statusCode).toBe(422);
    expect(short.json().error.details.fields[0]).toEqual({
      field: 'password',
      message: 'Kata sandi minimal 10 karakter.',
    });
    const mismatch = await post('/daftar', page.cookie, {
      _csrf: page.csrf,
      name: 'Budi',
      email: 'budi@contoh.id',
      password: 'pecel-madiun-enak',
      passwordConfirm: 'pecel-madiun-lain',
    });
    expect(mismatch.statusCode).toBe(422);
    expect(mismatch.body).toContain('Kedua kata sandi tidak sama');
    expect(await countUsers('budi@contoh.id')).toBe(0);
  });

  it('logs in with a new session id and CSRF token, and logs out', async () => {
    const user = await createTestUser(t.db, ['warga']);
    const already = await t.app.inject({
      url: '/masuk?next=/wilayah',
      headers: { accept: 'text/html', cookie: user.cookie },
    });
    expect(already.headers.location).toBe('/wilayah'); // already logged in → sent on
    const anon = await visit('/masuk?next=/wilayah');
    // Signed in, the token is bound to the session: a pre-session token no longer counts.
    const stale = await post('/masuk', `${anon.cookie}; ${user.cookie}`, {
      _csrf: anon.csrf,
      email: user.email,
      password: TEST_PASSWORD,
    });
    expect(stale.statusCode).toBe(403);
    const res = await post('/masuk', `${anon.cookie}; ${user.cookie}`, {
      _csrf: user.csrf,
      email: user.email,
      password: TEST_PASSWORD,
      next: '/wilayah',
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/wilayah');
    const sid = res.cookies.find((c) => c.name === 'terbuka_sid')!;
    expect(sid.value).not.toBe(user.cookie.split('=')[1]);
    expect(sid.httpOnly).toBe(true);
    expect(sid.sameSite).toBe('Lax');
    // The previous session no longer works.
    expect((await t.app.inject({ url: '/api/v1/me', headers: { cookie: user.cookie } })).statusCode).toBe(401);
    const cookie = `${anon.cookie}; terbuka_sid=${sid.value}`;
    expect((await t.app.inject({ url: '/api/v1/me', headers: { cookie } })).json().data.email).toBe(user.email);
    // The new session's pages carry a new token, bound to it.
    const csrf = (await visit('/akun', cookie)).csrf;
    expect(csrf).not.toBe(anon.csrf);
    expect(csrf).not.toBe(user.csrf);
    expect(csrf).toBe(csrfFor(t.db, { session: sid.value }));
    const out = await post('/keluar', cookie, { _csrf: csrf });
    expect(out.statusCode).toBe(303);
    expect((await t.app.inject({ url: '/api/v1/me', headers: { cookie } })).statusCode).toBe(401);
    expect(
      safeRedirect(
        await post('/masuk', anon.cookie, {
          _csrf: anon.csrf,
          email: user.email,
          password: TEST_PASSWORD,
          next: '//evil.example',
        }),
      ),
    ).toBe('/akun');
  });

  it('locks an address after repeated wrong passwords, even against the right one, without revealing unknown addresses', async () => {
    const user = await createTestUser(t.db, ['warga']);
    const login = (email: string, password: string) =>
      t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
    for (const email of [user.email, 'tidak-ada@contoh.id']) {
      const first = await login(email, 'salah-sandi-123');
      expect(first.statusCode).toBe(401);
      expect(first.json().error.message).toBe('E-mail atau kata sandi salah.');
      expect((await login(email, 'salah-sandi-123')).statusCode).toBe(401);
      const third = await login(email, 'salah-sandi-123');
      expect(third.statusCode).toBe(429);
      expect(third.json().error.code).toBe('ACCOUNT_LOCKED');
      expect(Number(third.headers['retry-after'])).toBeGreaterThan(800); // 15 minutes
      expect(third.json().error.message).toMatch(/dikunci sampai \d{4}-\d{2}-\d{2} \d{2}:\d{2} WIB/);
    }
    const right = await login(user.email, TEST_PASSWORD);
    expect(right.statusCode).toBe(429);
    // The HTML form says the same, in the visitor's language.
    const page = await visit('/masuk');
    const html = await post('/masuk', `${page.cookie}; terbuka_lang=en`, {
      _csrf: page.csrf,
      email: user.email,
      password: TEST_PASSWORD,
    });
    expect(html.statusCode).toBe(429);
    expect(html.body).toContain('locked until');
    // When the lock has passed, the right password works again.
    await t.db
      .updateTable('users')
      .set({ locked_until: new Date(Date.now() - 1000).toISOString() })
      .where('id', '=', user.id)
      .execute();
    expect((await login(user.email, TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('refuses a form post with a missing or wrong CSRF token and changes nothing', async () => {
    const user = await createTestUser(t.db, ['warga']);
    const missing = await post('/akun/profil', user.cookie, { name: 'Diganti', locale: 'en' });
    expect(missing.statusCode).toBe(403);
    expect(missing.body).toContain('Formulir ini sudah kedaluwarsa');
    const wrong = await post('/akun/profil', user.cookie, { _csrf: 'x'.repeat(40), name: 'Diganti', locale: 'en' });
    expect(wrong.statusCode).toBe(403);
    const anonymous = await post('/daftar', '', {
      name: 'A',
      email: 'csrf@contoh.id',
      password: 'pecel-madiun-enak',
      passwordConfirm: 'pecel-madiun-enak',
    });
    expect(anonymous.statusCode).toBe(403);
    const row = await t.db
      .selectFrom('users')
      .select(['name', 'locale'])
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ name: `Pengguna ${user.email.split('@')[0]}`, locale: 'id' });
    expect(await countUsers('csrf@contoh.id')).toBe(0);
    const ok = await post('/akun/profil', user.cookie, { _csrf: user.csrf, name: 'Diganti', locale: 'en' });
    expect(ok.statusCode).toBe(303);
  });

  it('resets a password through the mailed link, which works once', async () => {
    const user = await createTestUser(t.db, ['warga']);
    const page = await visit('/lupa-sandi');
    const unknown = await post('/lupa-sandi', page.cookie, { _csrf: page.csrf, email: 'siapa@contoh.id' });
    const known = await post('/lupa-sandi', page.cookie, { _csrf: page.csrf, email: user.email });
    expect(known.statusCode).toBe(303);
    expect(unknown.headers.location).toBe(known.headers.location);
    const mails = await t.db.selectFrom('outbox').selectAll().where('to_address', '=', user.email).execute();
    expect(mails).toHaveLength(1);
    expect(
      await t.db.selectFrom('outbox').select('id').where('to_address', '=', 'siapa@contoh.id').execute(),
    ).toHaveLength(0);
    const link = /http:\/\/[^\s]+(\/atur-sandi\/[\w-]+)/.exec(mails[0]!.body_text)![1]!;
    const form1 = await visit(link);
    expect(form1.res.statusCode).toBe(200);
    const done = await post(link, form1.cookie, {
      _csrf: form1.csrf,
      password: 'sandi-baru-yang-kuat',
      passwordConfirm: 'sandi-baru-yang-kuat',
    });
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe('/masuk?reset=1');
    // The old session ended with the reset; the new password works, the old one does not.
    expect((await t.app.inject({ url: '/api/v1/me', headers: { cookie: user.cookie } })).statusCode).toBe(401);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { email: user.email, password: 'sandi-baru-yang-kuat' },
        })
      ).statusCode,
    ).toBe(200);
    const again = await post(link, form1.cookie, {
      _csrf: form1.csrf,
      password: 'sandi-lain-yang-kuat',
      passwordConfirm: 'sandi-lain-yang-kuat',
    });
    expect(again.statusCode).toBe(410);
    expect(again.body).toContain('sudah dipakai');
    expect((await t.app.inject({ url: link, headers: { accept: 'text/html' } })).statusCode).toBe(410);
  });

  it('creates the first admin from the setup link, once', async () => {
    const token = await issueOneTimeToken(t.db, 'admin_setup', null, null);
    const page = await visit(`/setup/${token}`);
    expect(page.res.body).toContain('Buat akun admin pertama');
    const res = await post(`/setup/${token}`, page.cookie, {
      _csrf: page.csrf,
      name: 'Admin Kota',
      email: 'admin@madiunkota.go.id',
      password: 'pecel-kota-madiun-2026',
      passwordConfirm: 'pecel-kota-madiun-2026',
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/admin');
    const me = await t.app.inject({ url: '/api/v1/me', headers: { cookie: cookiesFrom(res) } });
    expect(me.json().data.roles).toEqual([{ role: 'admin', organization: null }]);
    const later = await t.app.inject({
      url: `/setup/${await issueOneTimeToken(t.db, 'admin_setup', null, null)}`,
      headers: { accept: 'text/html' },
    });
    expect(later.body).toContain('sudah memiliki admin');
  });

  it('answers an oversized body with 413 and malformed JSON with 400', async () => {
    const big = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ email: 'a@contoh.id', password: 'x'.repeat(1100 * 1024) }),
    });
    expect(big.statusCode).toBe(413);
    expect(big.json().error.code).toBe('PAYLOAD_TOO_LARGE');
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"email": "a@contoh.id",',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({
      code: 'MALFORMED_JSON',
      message: 'JSON yang dikirim tidak dapat dibaca.',
    });
    const badEn = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      cookies: { terbuka_lang: 'en' },
      headers: { 'content-type': 'application/json' },
      payload: '{nope',
    });
    expect(badEn.json().error.message).toBe('The JSON sent could not be read.');
  });
});

function safeRedirect(res: { statusCode: number; headers: Record<string, unknown> }): unknown {
  return res.statusCode === 303 ? res.headers['location'] : res.statusCode;
}
