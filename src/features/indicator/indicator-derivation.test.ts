import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/helpers/test-env.js';
import { createTestApp, createTestUser, type TestApp, type TestUser } from '../../../test/helpers/test-app.js';
import { insertDataset } from '../catalog/catalog.fixtures.js';
import { PENDUDUK_FIELDS, PENDUDUK_ROWS } from '../datastore/datastore.fixtures.js';
import { ingestIntoDatastore } from '../datastore/datastore-load.js';
import { seedCityIndicators } from './indicator.seed.js';

/** Issue 11 #8: derivations that produce nonsense are refused, do not pile up, and do not mark unchanged values "revised". */
describe.each(DIALECTS)('indicator derivations and the public revision history (%s)', (dialect) => {
  let t: TestApp;
  let walidata: TestUser;
  let disnaker: TestUser;
  let tmp: string;
  let datasetId: string;
  let resourceId: string;
  let pendudukSource: string;
  let disnakerSource: string;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    await seedCityIndicators(t.db);
    walidata = await createTestUser(t.db, ['walidata']);
    disnaker = await createTestUser(t.db, [['produsen', 'disnaker-kukm']]);
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'terbuka-der-'));
    const ds = await insertDataset(t.db, {
      name: 'penduduk-kel',
      title: 'Penduduk per kelurahan',
      resources: [{ name: 'Penduduk', fields: PENDUDUK_FIELDS, rows: PENDUDUK_ROWS, wilayahColumn: 'kode_wilayah' }],
    });
    datasetId = ds.id;
    resourceId = ds.resourceIds[0]!;
    pendudukSource = (await t.app.inject({ url: '/api/v1/indicators/jumlah-penduduk' })).json().data.sources[0].id;
    const sources = (await t.app.inject({ url: '/api/v1/indicators/pengangguran' })).json().data.sources;
    disnakerSource = sources.find((s: { producer: string }) => s.producer.includes('Disnaker')).id;
  });
  afterAll(async () => {
    await t?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  const derive = (user: TestUser, code: string, body: Record<string, string>) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/indicators/${code}/derivations`,
      headers: user.headers,
      payload: {
        sourceId: pendudukSource,
        datasetId,
        resourceId,
        valueColumn: 'jumlah',
        aggregation: 'sum',
        wilayahColumn: 'kode_wilayah',
        periodColumn: 'tahun',
        ...body,
      },
    });
  const derivations = async () => t.db.selectFrom('indicator_derivations').select(['id']).execute();
  const derived = async () =>
    t.db
      .selectFrom('indicator_values')
      .select(['wilayah_kode', 'period', 'value', 'status'])
      .where('origin', '=', 'derived')
      .orderBy('wilayah_kode')
      .orderBy('period')
      .execute();
  const historyCount = async () =>
    Number(
      (
        await t.db
          .selectFrom('indicator_value_history')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('refuses a period column with no periods and a sum over a text column, saving nothing', async () => {
    const noPeriods = await derive(walidata, 'jumlah-penduduk', { periodColumn: 'kelurahan' });
    expect(noPeriods.statusCode).toBe(422);
    expect(noPeriods.json().error.code).toBe('DERIVATION_NO_VALUES');
    expect(noPeriods.json().error.details.skipped.noPeriod).toBe(3); // three kelurahan, none a period
    const text = await derive(walidata, 'jumlah-penduduk', { valueColumn: 'catatan' });
    expect(text.statusCode).toBe(422);
    expect(text.json().error.code).toBe('DERIVATION_NOT_NUMERIC');
    expect(text.json().error.message).toContain('catatan');
    // The manage form says why, next to the field.
    const form = await t.app.inject({
      method: 'POST',
      url: '/indikator/jumlah-penduduk/turunan',
      headers: { cookie: walidata.cookie, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        _csrf: walidata.csrf,
        sourceId: pendudukSource,
        datasetId,
        resourceId,
        valueColumn: 'catatan',
        aggregation: 'sum',
        wilayahColumn: 'kode_wilayah',
        periodColumn: 'tahun',
      }).toString(),
    });
    expect(form.statusCode).toBe(422);
    expect(form.body).toContain('Kolom catatan bertipe text, bukan angka');
    expect(await derivations()).toEqual([]);
    expect(await derived()).toEqual([]);
  });

  it('allows one derivation per indicator, source and period scope, and a recomputation that changes nothing revises nothing', async () => {
    const first = await derive(walidata, 'jumlah-penduduk', {});
    expect(first.statusCode).toBe(201);
    expect(first.json().data).toMatchObject({ status: 'ok', written: 6 });
    const id = first.json().data.id as string;
    const second = await derive(walidata, 'jumlah-penduduk', { aggregation: 'count' });
    expect(second.statusCode).toBe(409);
    expect(second.json().error.code).toBe('DERIVATION_EXISTS');
    expect(second.json().error.message).toContain(id);
    const fixed = await derive(walidata, 'jumlah-penduduk', { periodColumn: '', fixedPeriod: '2022' });
    expect(fixed.statusCode).toBe(409);
    expect((await derivations()).length).toBe(1);

    const before = await derived();
    const history = await historyCount();
    // The same data again as a new version of the resource: nothing changes, nothing is "revised".
    const same = path.join(tmp, 'same.csv');
    fs.writeFileSync(
      same,
      ['kelurahan,kode_wilayah,tahun,jumlah', ...PENDUDUK_ROWS.map((r) => [r[0], r[1], r[2], r[3]].join(','))].join(
        '\n',
      ) + '\n',
    );
    await ingestIntoDatastore(t.storage, {
      resourceId,
      datasetId,
      file: same,
      format: 'csv',
      wilayahColumn: 'kode_wilayah',
    });
    expect(await derived()).toEqual(before);
    expect(await historyCount()).toBe(history);
    expect(
      (await t.app.inject({ url: '/api/v1/indicators/jumlah-penduduk/values?wilayah=35.77.02.1002&period=2023' }))
        .json()
        .data.find((v: { origin: string }) => v.origin === 'derived'),
    ).toMatchObject({ value: 5100 });
  });

  it("holds a produsen derivation's first run for review; once approved, later runs go live", async () => {
    const res = await derive(disnaker, 'pengangguran', { sourceId: disnakerSource });
    expect(res.statusCode).toBe(201);
    expect(res.json().data).toMatchObject({ status: 'pending_review', written: 0, proposed: 6 });
    const submission = res.json().data.submission as string;
    const sogaten = async () =>
      (
        await t.app.inject({
          url: `/api/v1/indicators/pengangguran/values?wilayah=35.77.02.1002&period=2024&source=${disnakerSource}`,
        })
      ).json().data[0];
    expect((await sogaten())?.origin).not.toBe('derived');
    const approve = await t.app.inject({
      method: 'POST',
      url: `/api/v1/indicator-submissions/${submission}/review`,
      headers: walidata.headers,
      payload: { decision: 'approve' },
    });
    expect(approve.statusCode).toBe(200);
    expect(await sogaten()).toMatchObject({ value: 5230, origin: 'derived' });
    const v2 = path.join(tmp, 'v2.csv');
    fs.writeFileSync(v2, 'kelurahan,kode_wilayah,tahun,jumlah\nSogaten,35.77.02.1002,2024,5300\n');
    await ingestIntoDatastore(t.storage, {
      resourceId,
      datasetId,
      file: v2,
      format: 'csv',
      wilayahColumn: 'kode_wilayah',
    });
    expect(await sogaten()).toMatchObject({ value: 5300, status: 'revised' });
  });

  it('shows the revision history of a value in HTML and JSON, never with a suppressed number', async () => {
    const url = '/api/v1/indicators/pengangguran/values';
    const post = (value: number) =>
      t.app.inject({
        method: 'POST',
        url,
        headers: walidata.headers,
        payload: { sourceId: disnakerSource, wilayahKode: '35.77.03.1003', period: '2028', value },
      });
    expect((await post(3)).statusCode).toBe(200);
    const small = (
      await t.app.inject({ url: '/api/v1/indicators/pengangguran/history?wilayah=35.77.03.1003&period=2028' })
    ).json().data;
    expect(small).toEqual([expect.objectContaining({ newValue: null, newSuppressed: true, previousValue: null })]);
    expect((await post(60)).statusCode).toBe(200);
    const json = (
      await t.app.inject({ url: '/api/v1/indicators/pengangguran/history?wilayah=35.77.03.1003&period=2028' })
    ).json().data;
    expect(
      json.map(
        (h: {
          previousValue: number | null;
          previousSuppressed: boolean;
          newValue: number | null;
          newSuppressed: boolean;
        }) => [h.previousValue, h.previousSuppressed, h.newValue, h.newSuppressed],
      ),
    ).toEqual([
      [null, true, 60, false],
      [null, false, null, true],
    ]);
    const page = await t.app.inject({
      url: '/indikator/pengangguran/riwayat?wilayah=35.77.03.1003&period=2028',
      headers: { accept: 'text/html' },
    });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<td class="num">60</td>');
    expect(page.body).not.toMatch(/<td class="num">3<\/td>/);
    expect(page.body).toContain('<abbr title="disensor">x</abbr>');
    expect(page.body).toContain('href="/api/v1/indicators/pengangguran/history?wilayah=35.77.03.1003&amp;period=2028"');
    // The indicator page links the history; the history never names who made a change.
    expect((await t.app.inject({ url: '/indikator/pengangguran', headers: { accept: 'text/html' } })).body).toContain(
      'href="/indikator/pengangguran/riwayat"',
    );
    expect(JSON.stringify(json)).not.toContain(walidata.email);
  });
});
