import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/helpers/test-env.js';
import { createTestApp, createTestUser, TEST_PASSWORD, type TestApp } from '../../../test/helpers/test-app.js';
import { issueOneTimeToken } from './account.service.js';
import { resetPassword } from './login.service.js';
import { issueApiToken } from './session.service.js';
import { tokenPermits } from './token-scope.js';

const FORM = 'application/x-www-form-urlencoded';

describe('token scopes, decided in one place', () => {
  it('lets a read token only read, a datasets token write the dataset family, a full token anything', () => {
    expect(tokenPermits('read', 'GET', '/api/v1/plans/:id')).toBe(true);
    expect(tokenPermits('read', 'POST', '/api/v1/datastore/:resourceId/search')).toBe(true);
    expect(tokenPermits('read', 'POST', '/api/3/action/:action')).toBe(true);
    expect(tokenPermits('read', 'PATCH', '/api/v1/datasets/:name')).toBe(false);
    expect(tokenPermits('datasets', 'PATCH', '/api/v1/datasets/:name')).toBe(true);
    expect(tokenPermits('datasets', 'DELETE', '/api/v1/datasets/:name/staged/:id')).toBe(true);
    expect(tokenPermits('datasets', 'POST', '/api/v1/plans')).toBe(false);
    expect(tokenPermits('datasets', 'POST', '/api/v1/me/tokens')).toBe(false);
    expect(tokenPermits('datasets', 'POST', '/akun/token')).toBe(false);
    expect(tokenPermits('full', 'POST', '/api/v1/me/tokens')).toBe(true);
  });
});

describe.each(DIALECTS)('API token scopes and expiry (%s)', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => {
    await t?.close();
  });
  const bearer = (token: string, extra: Record<string, string> = {}) => ({
    authorization: `Bearer ${token}`,
    ...extra,
  });

  it('refuses every state change to a read token with 403 TOKEN_SCOPE, and lets it read', async () => {
    const user = await createTestUser(t.db, [['produsen', 'disnaker-kukm']]);
    const { token } = await issueApiToken(t.db, user.id, 'baca', { scope: 'read' });
    expect((await t.app.inject({ url: '/api/v1/me', headers: bearer(token) })).statusCode).toBe(200);
    const search = await t.app.inject({
      method: 'POST',
      url: '/api/3/action/package_search',
      headers: bearer(token),
      payload: {},
    });
    expect(search.statusCode).toBe(200);
    for (const [method, url] of [
      ['POST', '/api/v1/datasets'],
      ['POST', '/api/v1/ideas'],
      ['POST', '/api/v1/me/tokens'],
      ['DELETE', '/api/v1/me/tokens/abc'],
      ['POST', '/akun/token'],
    ] as const) {
      const res = await t.app.inject({ method, url, headers: bearer(token, { 'accept-language': 'en' }), payload: {} });
      expect(res.statusCode, `${method} ${url}`).toBe(403);
      expect(res.json().error).toMatchObject({ code: 'TOKEN_SCOPE', details: { scope: 'read' } });
      expect(res.json().error.message).toContain('"read"');
    }
  });

  it('lets a datasets token write datasets but nothing else', async () => {
    const user = await createTestUser(t.db, [['produsen', 'disnaker-kukm']]);
    const { token } = await issueApiToken(t.db, user.id, 'impor', { scope: 'datasets' });
    const dataset = await t.app.inject({
      method: 'POST',
      url: '/api/v1/datasets',
      headers: bearer(token),
      payload: {},
    });
    expect(dataset.statusCode).toBe(400); // past the scope check: the body is what is wrong
    const idea = await t.app.inject({ method: 'POST', url: '/api/v1/ideas', headers: bearer(token), payload: {} });
    expect(idea.json().error.code).toBe('TOKEN_SCOPE');
    const another = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/tokens',
      headers: bearer(token),
      payload: { name: 'x' },
    });
    expect(another.statusCode).toBe(403);
  });

  it('creates tokens with a scope and expiry over JSON (default read, 90 days; at most 365)', async () => {
    const user = await createTestUser(t.db, ['warga']);
    const plain = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/tokens',
      headers: user.headers,
      payload: { name: 'a' },
    });
    expect(plain.statusCode).toBe(201);
    const data = plain.json().data;
    expect(data.scope).toBe('read');
    const days = (Date.parse(data.expiresAt) - Date.parse(data.createdAt)) / 86_400_000;
    expect(days).toBe(90);
    const full = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/tokens',
      headers: user.headers,
      payload: { name: 'b', scope: 'full', expiresInDays: 7 },
    });
    expect(full.json().data).toMatchObject({ scope: 'full' });
    const tooLong = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/tokens',
      headers: user.headers,
      payload: { name: 'c', expiresInDays: 366 },
    });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().error.code).toBe('VALIDATION_FAILED');
    const withFull = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/tokens',
      headers: bearer(full.json().data.token),
      payload: { name: 'd' },
    });
    expect(withFull.statusCode).toBe(201);
  });

  it('answers an expired token with 401 TOKEN_EXPIRED in the reader’s language', async () => {
    const user = await createTestUser(t.db, ['warga']);
    const { id, token } = await issueApiToken(t.db, user.id, 'lama', { scope: 'full', expiresInDays: 1 });
    await t.db
      .updateTable('api_tokens')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('id', '=', id)
      .execute();
    const res = await t.app.inject({ url: '/api/v1/me', headers: bearer(token) });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('TOKEN_EXPIRED');
    expect(res.json().error.message).toContain('kedaluwarsa');
    const en = await t.app.inject({ url: '/api/v1/me', headers: bearer(token, { 'accept-language': 'en' }) });
    expect(en.json().error.message).toContain('expired');
  });

  it('creates a token with scope and expiry on the account page and lists both', async () => {
    const user = await createTestUser(t.db, ['warga']);
    const form = await t.app.inject({ url: '/akun', headers: { cookie: user.cookie, accept: 'text/html' } });
    expect(form.body).toContain('name="scope" value="read" checked');
    expect(form.body).toContain('name="expiresInDays"');
    const res = await t.app.inject({
      method: 'POST',
      url: '/akun/token',
      headers: { cookie: user.cookie, accept: 'text/html', 'content-type': FORM },
      payload: `_csrf=${user.csrf}&tokenName=unggah&scope=datasets&expiresInDays=30`,
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Tulis dataset');
    const row = await t.db
      .selectFrom('api_tokens')
      .selectAll()
      .where('user_id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(row.scope).toBe('datasets');
    expect(Math.round((Date.parse(row.expires_at!) - Date.parse(row.created_at)) / 86_400_000)).toBe(30);
    const bad = await t.app.inject({
      method: 'POST',
      url: '/akun/token',
      headers: { cookie: user.cookie, accept: 'text/html', 'content-type': FORM },
      payload: `_csrf=${user.csrf}&tokenName=x&scope=semua&expiresInDays=900`,
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('href="#expiresInDays"');
  });

  it('offers to revoke the tokens on a password change (ticked), and revokes them on a reset', async () => {
    const user = await createTestUser(t.db, ['warga']);
    const kept = await issueApiToken(t.db, user.id, 'tetap', { scope: 'full' });
    const page = await t.app.inject({ url: '/akun', headers: { cookie: user.cookie, accept: 'text/html' } });
    expect(page.body).toMatch(/name="revokeTokens" value="1" checked/);
    expect(page.body).toContain('Cabut juga 1 token API saya');
    const change = (password: string, current: string, revoke: boolean) =>
      t.app.inject({
        method: 'POST',
        url: '/akun/sandi',
        headers: { cookie: user.cookie, accept: 'text/html', 'content-type': FORM },
        payload: new URLSearchParams({
          _csrf: user.csrf,
          current,
          password,
          passwordConfirm: password,
          ...(revoke ? { revokeTokens: '1' } : {}),
        }).toString(),
      });
    const unticked = await change('sandi-baru-pertama-2026', TEST_PASSWORD, false);
    expect(unticked.headers.location).toBe('/akun?disimpan=sandi');
    expect((await t.app.inject({ url: '/api/v1/me', headers: bearer(kept.token) })).statusCode).toBe(200);
    const ticked = await change('sandi-baru-kedua-2026', 'sandi-baru-pertama-2026', true);
    expect(ticked.headers.location).toBe('/akun?disimpan=sandiToken');
    expect((await t.app.inject({ url: '/api/v1/me', headers: bearer(kept.token) })).statusCode).toBe(401);
    const audit = await t.db
      .selectFrom('audit_log')
      .select('after_json')
      .where('entity_id', '=', kept.id)
      .where('action', '=', 'api_token.revoke')
      .execute();
    expect(JSON.parse(audit[0]!.after_json!)).toMatchObject({ reason: 'password_change' });

    const later = await issueApiToken(t.db, user.id, 'nanti', { scope: 'read' });
    const link = await issueOneTimeToken(t.db, 'password_reset', user.id, 2);
    await resetPassword(t.db, link, { password: 'sandi-baru-ketiga-2026' });
    expect((await t.app.inject({ url: '/api/v1/me', headers: bearer(later.token) })).statusCode).toBe(401);
    expect((await t.app.inject({ url: '/api/v1/me', headers: { cookie: user.cookie } })).statusCode).toBe(401);
  });
});
