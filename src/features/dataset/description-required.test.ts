import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp, TestUser } from '../../../test/helpers/test-app.js';
import { DIALECTS } from '../../../test/helpers/test-env.js';
import { stagingActors, type stagingClient } from './resources/staging.fixtures.js';

// DCAT-AP makes dct:description mandatory, so the walidata cannot publish a dataset without one.
describe.each(DIALECTS)('the walidata requires a description before publishing (%s)', (dialect) => {
  let t: TestApp;
  let produsen: TestUser;
  let walidata: TestUser;
  let c: ReturnType<typeof stagingClient>;
  beforeAll(async () => {
    ({ t, produsen, walidata, c } = await stagingActors(dialect));
  });
  afterAll(() => t.close());

  it('refuses approval with a message on the description, in the API and on the review form', async () => {
    const created = await c.api(produsen, 'POST', '/api/v1/datasets', {
      name: 'tanpa-deskripsi',
      organization: 'kelurahan-oro-oro-ombo',
      title: 'Data tanpa deskripsi',
      licenseId: 'cc-by-4.0',
      updateFrequency: 'annual',
    });
    expect(created.statusCode).toBe(201);
    const csv = 'kelurahan,jumlah\nSogaten,5230\nKlegen,4100\n';
    const uploaded = await c.upload(produsen, '/api/v1/datasets/tanpa-deskripsi/resources', 'penduduk.csv', csv, {
      name: 'Penduduk',
    });
    expect(uploaded.statusCode).toBeLessThan(300);
    expect((await c.api(produsen, 'POST', '/api/v1/datasets/tanpa-deskripsi/submit')).statusCode).toBe(200);
    const refused = await c.api(walidata, 'POST', '/api/v1/datasets/tanpa-deskripsi/publish');
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.details.fields).toEqual([
      expect.objectContaining({ field: 'notes', message: expect.stringContaining('deskripsi') }),
    ]);
    const form = await c.form(walidata, '/data/periksa/tanpa-deskripsi', { decision: 'approve' });
    expect(form.statusCode).toBe(422);
    expect(form.body).toContain('Dataset belum punya deskripsi.');
    expect((await c.page(null, '/dataset/tanpa-deskripsi.ttl')).statusCode).toBe(404);
    // Once the producer adds one (returned, edited, resubmitted), it publishes.
    await c.form(walidata, '/data/periksa/tanpa-deskripsi', {
      decision: 'return',
      'comment.notes': 'Tambahkan deskripsi.',
    });
    const edited = await c.api(produsen, 'PATCH', '/api/v1/datasets/tanpa-deskripsi', {
      notes: 'Jumlah penduduk per kelurahan.',
    });
    expect(edited.statusCode).toBe(200);
    await c.api(produsen, 'POST', '/api/v1/datasets/tanpa-deskripsi/submit');
    expect((await c.api(walidata, 'POST', '/api/v1/datasets/tanpa-deskripsi/publish')).statusCode).toBe(200);
  });
});
