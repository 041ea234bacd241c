import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/helpers/test-env.js';
import { createTestApp, createTestUser, type TestApp } from '../../test/helpers/test-app.js';
import { assetUrl } from '../views/assets.js';

describe.each(DIALECTS)('HTTP foundation (%s)', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect, { MAX_BODY_KB: '8' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('serves the home page in Indonesian with security headers and a strict CSP', async () => {
    const res = await t.app.inject({ url: '/', headers: { accept: 'text/html' } });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<html lang="id">');
    expect(res.body).toContain('Langsung ke konten utama');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-request-id']).toBeTruthy();
  });

  it('switches to English and remembers it', async () => {
    const sw = await t.app.inject({ url: '/bahasa/en?next=/wilayah' });
    expect(sw.statusCode).toBe(303);
    expect(sw.headers.location).toBe('/wilayah');
    const cookie = sw.cookies.find((c) => c.name === 'terbuka_lang');
    expect(cookie?.value).toBe('en');
    const page = await t.app.inject({ url: '/wilayah', cookies: { terbuka_lang: 'en' } });
    expect(page.body).toContain('<html lang="en">');
    expect(page.body).toContain('Skip to main content');
  });

  it('never redirects the language switch off-site', async () => {
    const sw = await t.app.inject({ url: '/bahasa/en?next=//evil.example/x' });
    expect(sw.headers.location).toBe('/');
  });

  it('serves the stylesheet under a hashed name with a year-long immutable cache, compressed', async () => {
    const res = await t.app.inject({ url: assetUrl('app.css'), headers: { 'accept-encoding': 'gzip' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toContain('immutable');
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.rawPayload.length).toBeLessThan(20 * 1024);
  });

  it('answers unknown API paths with the JSON error shape and pages with an HTML error page', async () => {
    const api = await t.app.inject({ url: '/api/v1/nothing-here' });
    expect(api.statusCode).toBe(404);
    expect(api.json()).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const page = await t.app.inject({ url: '/nothing-here', headers: { accept: 'text/html' } });
    expect(page.statusCode).toBe(404);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('Kembali ke beranda');
  });

  it('rejects malformed JSON with 400 MALFORMED_JSON and an oversized body with 413', async () => {
    const user = await createTestUser(t.db);
    const malformed = await t.app.inject({
      method: 'POST',
      url: '/bahasa/id',
      headers: { 'content-type': 'application/json' },
      payload: '{"broken":',
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.code).toBe('MALFORMED_JSON');
    const big = await t.app.inject({
      method: 'POST',
      url: '/bahasa/id',
      headers: { ...user.headers, 'content-type': 'application/json' },
      payload: JSON.stringify({ x: 'a'.repeat(20_000) }),
    });
    expect(big.statusCode).toBe(413);
    expect(big.json().error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('rejects a form post without the CSRF token', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/bahasa/id',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        cookie: 'terbuka_csrf=abcdefghijabcdefghijabcdefghij',
      },
      payload: 'x=1',
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('CSRF_INVALID');
  });

  it('rejects an unknown bearer token with 401', async () => {
    const res = await t.app.inject({
      url: '/api/v1/wilayah',
      headers: { authorization: 'Bearer tbk_not-a-real-token' },
    });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('UNAUTHENTICATED');
  });

  it('publishes the OpenAPI 3.1 document and a readable docs page', async () => {
    const doc = (await t.app.inject({ url: '/api/openapi.json' })).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toContain('/api/v1/wilayah/{kode}');
    const page = await t.app.inject({ url: '/api/docs' });
    expect(page.body).toContain('GET /api/v1/wilayah/{kode}');
  });
});
