import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createTestUser, type TestApp, type TestUser } from '../../../test/helpers/test-app.js';
import { DIALECTS } from '../../../test/helpers/test-env.js';
import { multipart } from '../../../test/helpers/multipart.js';

const CSV = 'RW;Jumlah Penduduk\n01;1.234\n02;2.345\n';

describe.each(DIALECTS)('a passed release date is corrected, not quietly moved (%s)', (dialect) => {
  let t: TestApp;
  let produsen: TestUser;
  let walidata: TestUser;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    produsen = await createTestUser(t.db, [['produsen', 'kelurahan-oro-oro-ombo']]);
    walidata = await createTestUser(t.db, ['walidata']);
  });
  afterAll(() => t.close());

  const api = (user: TestUser, method: 'POST' | 'PATCH', url: string, payload?: Record<string, unknown>) =>
    t.app.inject({ method, url, headers: user.headers, ...(payload ? { payload } : {}) });
  const meta = {
    title: 'Penduduk per RW',
    notes: 'Jumlah penduduk per RW.',
    tags: ['penduduk'],
    licenseId: 'cc-by-4.0',
    updateFrequency: 'annual',
    nextReleaseDate: '2020-01-31',
    spatialCodes: ['35.77.01.1001'],
    concept: 'Penduduk',
    definition: 'Orang yang berdomisili',
    unit: 'jiwa',
    source: 'Register kelurahan',
  };

  it('needs a reason once overdue, and publishes the correction with the original date on approval', async () => {
    await api(produsen, 'POST', '/api/v1/datasets', {
      name: 'penduduk-rw',
      organization: 'kelurahan-oro-oro-ombo',
      ...meta,
    });
    const body = multipart({ name: 'penduduk.csv' }, { name: 'penduduk.csv', content: CSV });
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/datasets/penduduk-rw/resources',
      headers: { ...produsen.headers, ...body.headers },
      payload: body.payload,
    });
    expect((await api(produsen, 'POST', '/api/v1/datasets/penduduk-rw/submit')).statusCode).toBe(200);
    expect(
      (await api(walidata, 'POST', '/api/v1/datasets/penduduk-rw/review', { decision: 'approve' })).statusCode,
    ).toBe(200);
    const live = (await t.app.inject({ url: '/api/v1/datasets/penduduk-rw' })).json().data;
    expect(live).toMatchObject({ overdue: true, nextReleaseDate: '2020-01-31', releaseDateCorrections: [] });

    const bare = await api(produsen, 'PATCH', '/api/v1/datasets/penduduk-rw', {
      ...meta,
      nextReleaseDate: '2030-01-31',
    });
    expect(bare.statusCode).toBe(422);
    expect(bare.json().error.code).toBe('DATE_LOCKED');
    expect(bare.json().error.details.fields[0].field).toBe('nextReleaseDateCorrectionReason');

    const reason = 'Survei ditunda karena anggaran pendataan baru cair tahun depan.';
    const revised = await api(produsen, 'PATCH', '/api/v1/datasets/penduduk-rw', {
      ...meta,
      nextReleaseDate: '2030-01-31',
      nextReleaseDateCorrectionReason: reason,
    });
    expect(revised.statusCode).toBe(200);
    expect((await api(produsen, 'POST', '/api/v1/datasets/penduduk-rw/submit')).statusCode).toBe(200);
    expect(
      (await api(walidata, 'POST', '/api/v1/datasets/penduduk-rw/review', { decision: 'approve' })).statusCode,
    ).toBe(200);
    const after = (await t.app.inject({ url: '/api/v1/datasets/penduduk-rw' })).json().data;
    expect(after.nextReleaseDate).toBe('2030-01-31');
    expect(after.releaseDateCorrections).toEqual([
      expect.objectContaining({
        field: 'nextReleaseDate',
        originalValue: '2020-01-31',
        newValue: '2030-01-31',
        reason,
      }),
    ]);
    const page = await t.app.inject({ url: '/dataset/penduduk-rw', headers: { accept: 'text/html' } });
    expect(page.body).toContain('Koreksi jadwal rilis');
    expect(page.body).toContain(reason);
  });
});
