import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/helpers/test-env.js';
import { createTestApp, createTestUser, type TestApp, type TestUser } from '../../../test/helpers/test-app.js';
import { etagChecks, twoEditors } from '../../../test/helpers/versioning.js';

const whole = {
  title: 'Penduduk per RW versi',
  notes: 'Jumlah penduduk per RW.',
  tags: ['penduduk'],
  groups: [],
  licenseId: 'cc-by-4.0',
  contactName: '',
  contactEmail: '',
  updateFrequency: 'annual',
  nextReleaseDate: '2027-01-31',
  temporalStart: null,
  temporalEnd: null,
  spatialCodes: ['35.77.01.1001'],
  source: 'Register kelurahan',
  method: '',
  concept: 'Penduduk',
  definition: 'Orang yang berdomisili',
  classification: '',
  measure: '',
  unit: 'jiwa',
  indicatorFormula: '',
  indicatorInterpretation: '',
  private: false,
};

describe.each(DIALECTS)('datasets: versions and whole/partial updates (%s)', (dialect) => {
  let t: TestApp;
  let produsen: TestUser;
  const url = '/api/v1/datasets/penduduk-versi';
  beforeAll(async () => {
    t = await createTestApp(dialect);
    produsen = await createTestUser(t.db, [['produsen', 'kelurahan-oro-oro-ombo']]);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/datasets',
      headers: produsen.headers,
      payload: { name: 'penduduk-versi', organization: 'kelurahan-oro-oro-ombo', ...whole },
    });
    expect(res.statusCode, res.body).toBe(201);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('ETag (editVersion) and If-Match on PUT and PATCH; PUT needs every field; PATCH keeps the rest', async () => {
    const versionOf = (d: Record<string, unknown>) => d['editVersion'];
    await etagChecks(t, produsen, { getUrl: url, method: 'PUT', body: { ...whole, notes: 'Baru.' }, versionOf });
    await etagChecks(t, produsen, { getUrl: url, method: 'PATCH', body: { unit: 'orang' }, versionOf });
    const partial = await t.app.inject({ method: 'PUT', url, headers: produsen.headers, payload: { title: 'Judul' } });
    expect(partial.statusCode).toBe(400);
    expect(JSON.stringify(partial.json().error.details)).toContain('body.notes');
    const unknown = await t.app.inject({ method: 'PATCH', url, headers: produsen.headers, payload: { judul: 'x' } });
    expect(unknown.statusCode).toBe(400);
    expect(JSON.stringify(unknown.json().error.details)).toContain('judul');
    const patch = await t.app.inject({
      method: 'PATCH',
      url,
      headers: produsen.headers,
      payload: { title: 'Judul baru' },
    });
    expect(patch.statusCode, patch.body).toBe(200);
    expect(patch.json().data).toMatchObject({ title: 'Judul baru', notes: 'Baru.', unit: 'orang', tags: ['penduduk'] });
  });

  it('two editors on the dataset form: the second gets the diff and merges', async () => {
    await twoEditors(t, produsen, {
      editUrl: '/dataset/penduduk-versi/ubah',
      action: '/dataset/penduduk-versi/ubah',
      a: { source: 'Register dari editor pertama' },
      b: { definition: 'Definisi dari editor kedua' },
    });
    const after = (await t.app.inject({ url, headers: { cookie: produsen.cookie } })).json().data;
    expect(after).toMatchObject({ source: 'Register dari editor pertama', definition: 'Definisi dari editor kedua' });
  });
});
