import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/helpers/test-env.js';
import { createTestApp, type TestApp } from '../../../test/helpers/test-app.js';

describe.each(DIALECTS)('public methods page (%s)', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('explains small-count protection in plain words, linked from every page footer, with a JSON twin', async () => {
    const home = await t.app.inject({ url: '/', headers: { accept: 'text/html' } });
    expect(home.body).toContain('<a href="/metode">Metode</a>');
    const page = await t.app.inject({ url: '/metode', headers: { accept: 'text/html' } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Angka kecil tentang orang');
    expect(page.body).toContain('&quot;&lt;5&quot;');
    expect(page.body).toContain('τ-ARGUS');
    expect(page.body).toContain('href="/api/v1/methods"');
    const json = (await t.app.inject({ url: '/api/v1/methods' })).json();
    expect(json.ok).toBe(true);
    const small = json.data.sections.find((s: { id: string }) => s.id === 'angka-kecil');
    expect(small).toMatchObject({ id: 'angka-kecil', title: 'Angka kecil tentang orang' });
    expect(json.data.sections.map((s: { id: string }) => s.id)).toEqual(['data-pribadi', 'angka-kecil']);
    expect(small.paragraphs.join(' ')).toContain('1 dan 4');
    const en = (await t.app.inject({ url: '/api/v1/methods', headers: { cookie: 'terbuka_lang=en' } })).json();
    expect(en.data.sections[1].title).toBe('Small counts of people');
  });
});
