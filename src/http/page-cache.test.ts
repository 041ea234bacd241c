import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/helpers/test-env.js';
import { createTestApp, createTestUser, type TestApp } from '../../test/helpers/test-app.js';
import { insertDataset } from '../features/catalog/catalog.fixtures.js';

const PAGE = '/dataset/cache-uji';
const HTML = { accept: 'text/html' };

describe.each(DIALECTS)('page cache for signed-out visitors (%s)', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect, { PAGE_CACHE_SECONDS: '60' });
    await insertDataset(t.db, { name: 'cache-uji', title: 'Judul pertama', resources: [{ name: 'Data' }] });
  });
  afterAll(async () => t?.close());

  const setTitle = (title: string) =>
    t.db.updateTable('datasets').set({ title }).where('name', '=', 'cache-uji').execute();

  it('serves a repeated page from the cache, the same page in each encoding', async () => {
    const first = await t.app.inject({ url: PAGE, headers: HTML });
    expect(first.statusCode).toBe(200);
    expect(first.headers['x-page-cache']).toBeUndefined();
    const plain = await t.app.inject({ url: PAGE, headers: HTML });
    expect(plain.headers['x-page-cache']).toBe('hit');
    expect(plain.body).toBe(first.body);
    expect(plain.headers['content-type']).toBe(first.headers['content-type']);
    expect(plain.headers['content-security-policy']).toBe(first.headers['content-security-policy']);
    const br = await t.app.inject({ url: PAGE, headers: { ...HTML, 'accept-encoding': 'br' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(zlib.brotliDecompressSync(br.rawPayload).toString()).toBe(first.body);
    const gzip = await t.app.inject({ url: PAGE, headers: { ...HTML, 'accept-encoding': 'gzip, deflate' } });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gzip.headers.vary).toContain('accept-encoding');
    expect(zlib.gunzipSync(gzip.rawPayload).toString()).toBe(first.body);
  });

  it('keeps languages and the JSON twin apart', async () => {
    const en = await t.app.inject({ url: PAGE, headers: { ...HTML, cookie: 'terbuka_lang=en' } });
    expect(en.body).toContain('<html lang="en"');
    expect((await t.app.inject({ url: PAGE, headers: HTML })).body).toContain('<html lang="id"');
    const json = await t.app.inject({ url: '/api/v1/datasets/cache-uji' });
    expect(json.json().data.title).toBe('Judul pertama');
    expect((await t.app.inject({ url: '/api/v1/datasets/cache-uji' })).headers['x-page-cache']).toBe('hit');
  });

  it('never gives one RDF syntax to a client that negotiated another on the dataset address', async () => {
    const ask = (accept: string) => t.app.inject({ url: PAGE, headers: { accept } });
    for (let round = 0; round < 2; round++) {
      const turtle = await ask('text/turtle');
      const jsonLd = await ask('application/ld+json');
      const page = await ask('text/html');
      expect(turtle.statusCode).toBe(200);
      expect(turtle.headers['content-type']).toContain('text/turtle');
      expect(jsonLd.headers['content-type']).toContain('ld+json');
      expect(page.headers['content-type']).toContain('text/html');
    }
  });

  it('drops every kept page as soon as this process writes to the database', async () => {
    await t.app.inject({ url: PAGE, headers: HTML });
    expect((await t.app.inject({ url: PAGE, headers: HTML })).headers['x-page-cache']).toBe('hit');
    await setTitle('Judul kedua');
    const after = await t.app.inject({ url: PAGE, headers: HTML });
    expect(after.headers['x-page-cache']).toBeUndefined();
    expect(after.body).toContain('Judul kedua');
    expect((await t.app.inject({ url: '/api/v1/datasets/cache-uji' })).json().data.title).toBe('Judul kedua');
  });

  it('drops them when a state-changing request has been answered', async () => {
    await t.app.inject({ url: '/', headers: HTML });
    expect((await t.app.inject({ url: '/', headers: HTML })).headers['x-page-cache']).toBe('hit');
    await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', payload: {} });
    expect((await t.app.inject({ url: '/', headers: HTML })).headers['x-page-cache']).toBeUndefined();
  });

  it('never serves a signed-in user from the cache, nor keeps what they see', async () => {
    const user = await createTestUser(t.db, ['walidata']);
    await t.app.inject({ url: PAGE, headers: HTML });
    for (let i = 0; i < 2; i++) {
      const res = await t.app.inject({ url: PAGE, headers: { ...HTML, cookie: user.cookie } });
      expect(res.statusCode).toBe(200);
      expect(res.headers['x-page-cache']).toBeUndefined();
      expect(res.headers['cache-control']).toBe('private, no-store');
    }
  });

  it('does not keep error answers', async () => {
    for (let i = 0; i < 2; i++) {
      const res = await t.app.inject({ url: '/dataset/tidak-ada', headers: HTML });
      expect(res.statusCode).toBe(404);
      expect(res.headers['x-page-cache']).toBeUndefined();
    }
  });
});
