import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/helpers/test-env.js';
import { createTestApp, type TestApp } from '../../test/helpers/test-app.js';
import { negotiateLocale } from '../i18n/i18n.js';

describe('Accept-Language negotiation', () => {
  it('picks the highest q among our languages, by primary subtag', () => {
    expect(negotiateLocale('en-GB,en;q=0.9', 'id')).toBe('en');
    expect(negotiateLocale('id-ID,id;q=0.9,en-US;q=0.8', 'id')).toBe('id');
    expect(negotiateLocale('fr-FR, en;q=0.5, id;q=0.7', 'id')).toBe('id');
    expect(negotiateLocale('id;q=0, en;q=0.1', 'id')).toBe('en');
    expect(negotiateLocale('*', 'id')).toBe('id');
    expect(negotiateLocale('fr, de;q=0.8', 'id')).toBeNull();
    expect(negotiateLocale('en;q=abc', 'id')).toBeNull();
    expect(negotiateLocale(undefined, 'id')).toBeNull();
  });
});

describe.each(DIALECTS)('the JSON API honours Accept-Language (%s)', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers errors in English for Accept-Language: en, says so, and varies on it', async () => {
    const en = await t.app.inject({ url: '/api/v1/commitments/IDMDN9999', headers: { 'accept-language': 'en' } });
    expect(en.statusCode).toBe(404);
    expect(en.json().error.message).toBe('Commitment IDMDN9999 was not found.');
    expect(en.headers['content-language']).toBe('en');
    expect(String(en.headers['vary'])).toMatch(/accept-language/i);
    const id = await t.app.inject({
      url: '/api/v1/commitments/IDMDN9999',
      headers: { 'accept-language': 'id-ID,id;q=0.9,en;q=0.5' },
    });
    expect(id.json().error.message).toBe('Komitmen IDMDN9999 tidak ditemukan.');
    expect(id.headers['content-language']).toBe('id');
  });

  it('gives validation messages in English, and the language cookie still wins', async () => {
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/v1/ideas',
      headers: { 'accept-language': 'en-US' },
      payload: { title: 'x' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toBe('Some of the data sent is not right. Check the marked fields.');
    const cookie = await t.app.inject({
      url: '/api/v1/commitments/IDMDN9999',
      headers: { 'accept-language': 'en', cookie: 'terbuka_lang=id' },
    });
    expect(cookie.json().error.message).toBe('Komitmen IDMDN9999 tidak ditemukan.');
  });

  it('keeps pages in the site language unless the reader switches (a browser setting alone does not)', async () => {
    const page = await t.app.inject({ url: '/', headers: { accept: 'text/html', 'accept-language': 'en' } });
    expect(page.body).toContain('<html lang="id">');
    expect(page.headers['content-language']).toBe('id');
  });
});
