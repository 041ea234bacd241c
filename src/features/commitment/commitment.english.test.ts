import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/helpers/test-env.js';
import { createTestApp, createTestUser, type TestApp, type TestUser } from '../../../test/helpers/test-app.js';
import { formFields } from '../../../test/helpers/html-form.js';
import { commitmentBody, planBody } from '../plan/plan.fixtures.js';

const EN = 'terbuka_lang=en';
const FORM = { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' };

describe.each(DIALECTS)('commitments and plans in English (%s)', (dialect) => {
  let t: TestApp;
  let admin: TestUser;
  let planId: string;
  let ogpId: string;
  const page = (url: string, cookie = '') => t.app.inject({ url, headers: { accept: 'text/html', cookie } });

  beforeAll(async () => {
    t = await createTestApp(dialect);
    admin = await createTestUser(t.db, ['admin']);
    const plan = await t.app.inject({
      method: 'POST',
      url: '/api/v1/plans',
      headers: admin.headers,
      payload: await planBody(t.db, {
        translations: { en: { title: 'Test Action Plan 2025–2028', foreword: 'A foreword in English.' } },
      }),
    });
    expect(plan.statusCode).toBe(201);
    planId = plan.json().data.id;
    const c = await t.app.inject({
      method: 'POST',
      url: `/api/v1/plans/${planId}/commitments`,
      headers: admin.headers,
      payload: await commitmentBody(t.db, {
        translations: { en: { title: 'Support for tourism kelurahan', description: 'Helping kelurahan form groups.' } },
      }),
    });
    expect(c.statusCode).toBe(201);
    ogpId = c.json().data.ogpId;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('shows the English text on English pages and marks the Indonesian fallback', async () => {
    const en = (await page(`/komitmen/${ogpId}`, EN)).body;
    expect(en).toContain('Support for tourism kelurahan');
    expect(en).toContain('<p>Helping kelurahan form groups.</p>');
    // No English "problem": the Indonesian text, marked as such for readers and screen readers.
    expect(en).toContain('<div lang="id"><p>Potensi wisata kelurahan belum terkelola.</p></div>');
    expect(en).toContain('(Bahasa Indonesia)');
    expect(en).toMatch(/<title>[^<]*Support for tourism kelurahan/);
    const id = (await page(`/komitmen/${ogpId}`)).body;
    expect(id).toContain('IDMDN0001</span> Pendampingan kelurahan wisata<');
    expect(id).toContain('<p>Mendampingi kelurahan membentuk Pokdarwis.</p>');
    expect(id).not.toContain('(Bahasa Indonesia)');

    const plan = (await page(`/rencana-aksi/${planId}`, EN)).body;
    expect(plan).toContain('<h1>Test Action Plan 2025–2028');
    expect(plan).toContain('A foreword in English.');
    expect(plan).toContain('<div lang="id"><p>Pemerintahan terbuka sampai kelurahan.</p></div>');
    expect(plan).toContain('Support for tourism kelurahan');
  });

  it('gives the translations in JSON and refuses an unknown translated field', async () => {
    const json = (await t.app.inject({ url: `/api/v1/commitments/${ogpId}` })).json().data;
    expect(json.title).toBe('Pendampingan kelurahan wisata');
    expect(json.translations).toEqual({
      en: { title: 'Support for tourism kelurahan', description: 'Helping kelurahan form groups.' },
    });
    const plan = (await t.app.inject({ url: `/api/v1/plans/${planId}` })).json().data;
    expect(plan.translations.en.foreword).toBe('A foreword in English.');
    const bad = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/commitments/${ogpId}`,
      headers: admin.headers,
      payload: { translations: { en: { sector: 'Tourism' } } },
    });
    expect(bad.statusCode).toBe(400);
    const after = (await t.app.inject({ url: `/api/v1/commitments/${ogpId}` })).json().data;
    expect(after.translations.en.title).toBe('Support for tourism kelurahan');
  });

  it('edits the English version through the form, and an emptied field falls back again', async () => {
    const edit = await page(`/komitmen/${ogpId}/ubah`, admin.cookie);
    expect(edit.body).toContain('<legend>Versi bahasa Inggris</legend>');
    expect(edit.body).toContain('name="translations.en.title" lang="en" value="Support for tourism kelurahan"');
    const fields = formFields(edit.body, `/komitmen/${ogpId}/ubah`);
    fields.set('translations.en.problem', 'Tourism potential is not managed.');
    fields.set('translations.en.description', '');
    const saved = await t.app.inject({
      method: 'POST',
      url: `/komitmen/${ogpId}/ubah`,
      headers: { ...FORM, cookie: admin.cookie },
      payload: fields.toString(),
    });
    expect(saved.statusCode).toBe(303);
    const en = (await page(`/komitmen/${ogpId}`, EN)).body;
    expect(en).toContain('<p>Tourism potential is not managed.</p>');
    expect(en).toContain('<div lang="id"><p>Mendampingi kelurahan membentuk Pokdarwis.</p></div>');
    const json = (await t.app.inject({ url: `/api/v1/commitments/${ogpId}` })).json().data;
    expect(json.translations.en).toEqual({
      title: 'Support for tourism kelurahan',
      problem: 'Tourism potential is not managed.',
    });
  });
});
