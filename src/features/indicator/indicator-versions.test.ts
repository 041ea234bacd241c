import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/helpers/test-env.js';
import { createTestApp, createTestUser, type TestApp, type TestUser } from '../../../test/helpers/test-app.js';
import { etagChecks, twoEditors } from '../../../test/helpers/versioning.js';

const whole = {
  nameId: 'Rasio versi',
  nameEn: 'Version ratio',
  concept: '',
  definition: 'Definisi.',
  interpretation: '',
  formula: '',
  unit: 'persen',
  measure: '',
  classification: '',
  lowestLevel: 'kelurahan',
  betterDirection: 'higher',
  countsPeople: true,
  notPeopleReason: '',
  breakdownOf: null,
  breakdownDimension: null,
  decimals: 1,
  producerOrgIds: [],
  datasetIds: [],
};

describe.each(DIALECTS)('indicators: versions and whole/partial updates (%s)', (dialect) => {
  let t: TestApp;
  let walidata: TestUser;
  const url = '/api/v1/indicators/rasio-versi';
  beforeAll(async () => {
    t = await createTestApp(dialect);
    walidata = await createTestUser(t.db, ['walidata']);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/indicators',
      headers: walidata.headers,
      payload: {
        code: 'rasio-versi',
        nameId: 'Rasio versi',
        nameEn: 'Version ratio',
        unit: 'persen',
        lowestLevel: 'kelurahan',
      },
    });
    expect(res.statusCode, res.body).toBe(201);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('ETag and If-Match on PUT and PATCH; PUT needs every field; unknown keys named; PATCH keeps the rest', async () => {
    await etagChecks(t, walidata, { getUrl: url, method: 'PUT', body: whole });
    await etagChecks(t, walidata, { getUrl: url, method: 'PATCH', body: { formula: 'a / b × 100' } });
    const before = (await t.app.inject({ url })).json().data;
    const partial = await t.app.inject({ method: 'PUT', url, headers: walidata.headers, payload: { unit: 'orang' } });
    expect(partial.statusCode).toBe(400);
    expect(JSON.stringify(partial.json().error.details)).toContain('body.nameId');
    const unknown = await t.app.inject({
      method: 'PATCH',
      url,
      headers: walidata.headers,
      payload: { satuan: 'orang' },
    });
    expect(unknown.statusCode).toBe(400);
    expect(JSON.stringify(unknown.json().error.details)).toContain('satuan');
    const patch = await t.app.inject({ method: 'PATCH', url, headers: walidata.headers, payload: { unit: 'rasio' } });
    expect(patch.statusCode, patch.body).toBe(200);
    const after = (await t.app.inject({ url })).json().data;
    expect(after).toMatchObject({ unit: 'rasio', definition: before.definition, formula: 'a / b × 100' });
    expect(after.version).toBe(before.version + 1);
  });

  it('two editors on the protection declarations: both changed the reason, the second sees both and saves', async () => {
    await twoEditors(t, walidata, {
      editUrl: '/indikator/rasio-versi/kelola',
      action: '/indikator/rasio-versi/perlindungan',
      a: { countsPeople: 'false', notPeopleReason: 'Rasio menurut editor pertama' },
      b: { countsPeople: 'false', notPeopleReason: 'Rasio, bukan jumlah orang' },
    });
    const after = (await t.app.inject({ url })).json().data;
    expect(after).toMatchObject({ countsPeople: false, notPeopleReason: 'Rasio, bukan jumlah orang' });
  });
});
