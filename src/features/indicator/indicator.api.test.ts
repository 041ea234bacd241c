import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/helpers/test-env.js';
import { createTestApp, createTestUser, type TestApp, type TestUser } from '../../../test/helpers/test-app.js';
import { seedCityIndicators } from './indicator.seed.js';

describe.each(DIALECTS)('indicator catalogue, values and sources (%s)', (dialect) => {
  let t: TestApp;
  let walidata: TestUser;
  let disnaker: TestUser;
  let warga: TestUser;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    await seedCityIndicators(t.db);
    walidata = await createTestUser(t.db, ['walidata']);
    disnaker = await createTestUser(t.db, [['produsen', 'disnaker-kukm']]);
    warga = await createTestUser(t.db, ['warga']);
  });
  afterAll(async () => {
    await t?.close();
  });

  const sourcesOf = async (code: string) =>
    (await t.app.inject({ url: `/api/v1/indicators/${code}` })).json().data.sources as Array<{
      id: string;
      producer: string;
      official: boolean;
      method: string;
    }>;

  it('lists the seeded city indicators with MS-Ind metadata', async () => {
    const res = await t.app.inject({ url: '/api/v1/indicators' });
    expect(res.statusCode).toBe(200);
    const codes = res.json().data.map((i: { code: string }) => i.code);
    expect(codes).toEqual(
      expect.arrayContaining([
        'jumlah-penduduk',
        'luas-wilayah',
        'tpt',
        'angkatan-kerja',
        'pengangguran',
        'persentase-penduduk-miskin',
        'kelurahan-desa-cantik',
      ]),
    );
    const tpt = (await t.app.inject({ url: '/api/v1/indicators/tpt' })).json().data;
    expect(tpt.lowestLevel).toBe('kota');
    expect(tpt.msInd['Metode/Rumus Perhitungan']).toContain('angkatan kerja');
    expect(tpt.msInd['Level Estimasi']).toBe('Kota');
    expect(tpt.periods).toEqual(['2018', '2019', '2021', '2022', '2023', '2024']);
  });

  it('shows 2022 unemployment from two producers, BPS official, each with its method and cited source', async () => {
    const res = await t.app.inject({ url: '/api/v1/indicators/pengangguran/values?wilayah=35.77&period=2022' });
    expect(res.statusCode).toBe(200);
    const data = res.json().data as Array<{
      value: number;
      official: boolean;
      source: { producer: string; method: string };
      note: string;
      citation: string;
      denominator: string;
    }>;
    expect(data).toHaveLength(2);
    expect(data[0]).toMatchObject({ value: 6188, official: true });
    expect(data[0]!.source.producer).toContain('BPS');
    expect(data[1]).toMatchObject({ value: 3717, official: false });
    expect(data[1]!.note).toContain('4004');
    expect(data[1]!.source.method).toContain('pintu ke pintu');
    expect(data[1]!.citation).toContain('madiuntoday.id');
    const penduduk = (await t.app.inject({ url: '/api/v1/indicators/jumlah-penduduk/values' })).json().data;
    expect(penduduk.map((v: { value: number; official: boolean }) => [v.value, v.official])).toEqual([
      [201733, true],
      [195175, false],
    ]);
  });

  it('rejects malformed wilayah and period filters with 400', async () => {
    expect((await t.app.inject({ url: '/api/v1/indicators/tpt/values?period=2024-13' })).statusCode).toBe(400);
    expect((await t.app.inject({ url: '/api/v1/indicators/tpt/values?wilayah=abc' })).statusCode).toBe(400);
    const missing = await t.app.inject({ url: '/api/v1/indicators/tidak-ada' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('INDICATOR_NOT_FOUND');
  });

  it('refuses TPT for a kelurahan with a clear 422, and keeps nothing', async () => {
    const [bps] = await sourcesOf('tpt');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/indicators/tpt/values',
      headers: walidata.headers,
      payload: { sourceId: bps!.id, wilayahKode: '35.77.02.1002', period: '2024', value: 4.1 },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('VALUE_BELOW_VALID_LEVEL');
    expect(res.json().error.message).toContain('Sogaten');
    const after = (await t.app.inject({ url: '/api/v1/indicators/tpt/values?wilayah=35.77.02.1002' })).json();
    expect(after.data).toHaveLength(0);
  });

  it('refuses an unknown wilayah, a bad period and a non-numeric value', async () => {
    const [bps] = await sourcesOf('pengangguran');
    const post = (payload: Record<string, unknown>) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/indicators/pengangguran/values',
        headers: walidata.headers,
        payload: { sourceId: bps!.id, wilayahKode: '35.77', period: '2025', value: 10, ...payload },
      });
    const unknown = await post({ wilayahKode: '35.77.09.9999' });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().error.details.fields[0].message).toContain('35.77.09.9999');
    const badPeriod = await post({ period: '2025-Q5' });
    expect(badPeriod.statusCode).toBe(422);
    expect(badPeriod.json().error.details.fields[0].field).toBe('period');
    const nan = await post({ value: 'banyak' });
    expect(nan.statusCode).toBe(422);
    expect(nan.json().error.details.fields[0].message).toBe('Masukkan angka.');
  });

  it('lets only the walidata or the producing organisation enter values', async () => {
    const sources = await sourcesOf('pengangguran');
    const bps = sources.find((s) => s.producer.includes('BPS'))!;
    const dis = sources.find((s) => s.producer.includes('Disnaker'))!;
    const payload = {
      sourceId: dis.id,
      wilayahKode: '35.77.02.1002',
      period: '2024-07',
      value: 12,
      status: 'provisional',
    };
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/v1/indicators/pengangguran/values', payload })).statusCode,
    ).toBe(401);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/v1/indicators/pengangguran/values',
          headers: warga.headers,
          payload,
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/v1/indicators/pengangguran/values',
          headers: disnaker.headers,
          payload: { ...payload, sourceId: bps.id },
        })
      ).statusCode,
    ).toBe(403);
    // A produsen's value waits for the walidata (issue 11 #7); approved, it is inserted.
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/v1/indicators/pengangguran/values',
      headers: disnaker.headers,
      payload,
    });
    expect(ok.statusCode).toBe(202);
    expect(ok.json().data.result).toBe('submitted');
    const review = await t.app.inject({
      method: 'POST',
      url: `/api/v1/indicator-submissions/${ok.json().data.submission.id}/review`,
      headers: walidata.headers,
      payload: { decision: 'approve' },
    });
    expect(review.statusCode).toBe(200);
    const audit = await t.db
      .selectFrom('audit_log')
      .select('after_json')
      .where('action', '=', 'indicator.submission_approve')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.after_json!)).toMatchObject({ inserted: 1 });
  });

  it('keeps the old figure when a final value is revised', async () => {
    const dis = (await sourcesOf('pengangguran')).find((s) => s.producer.includes('Disnaker'))!;
    const url = '/api/v1/indicators/pengangguran/values';
    const base = { sourceId: dis.id, wilayahKode: '35.77.01.1001', period: '2024-Q3', status: 'final' };
    await t.app.inject({ method: 'POST', url, headers: walidata.headers, payload: { ...base, value: 40 } });
    const again = await t.app.inject({
      method: 'POST',
      url,
      headers: walidata.headers,
      payload: { ...base, value: 40 },
    });
    expect(again.json().data.result).toBe('unchanged');
    const rev = await t.app.inject({ method: 'POST', url, headers: walidata.headers, payload: { ...base, value: 42 } });
    expect(rev.json().data.result).toBe('updated');
    const v = (await t.app.inject({ url: `${url}?wilayah=35.77.01.1001&period=2024-Q3` })).json().data[0];
    expect(v).toMatchObject({ value: 42, status: 'revised' });
    const page = await t.app.inject({
      url: '/indikator/pengangguran/kelola',
      headers: { ...walidata.headers, accept: 'text/html' },
    });
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/<td class="num">40<\/td><td class="num">42<\/td><td>final → revised<\/td>/);
  });

  it('lets the walidata designate another official source', async () => {
    const sources = await sourcesOf('pengangguran');
    const dis = sources.find((s) => s.producer.includes('Disnaker'))!;
    const bps = sources.find((s) => s.producer.includes('BPS'))!;
    expect(
      (
        await t.app.inject({
          method: 'PATCH',
          url: '/api/v1/indicators/pengangguran',
          headers: disnaker.headers,
          payload: { officialSourceId: dis.id },
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await t.app.inject({
          method: 'PATCH',
          url: '/api/v1/indicators/pengangguran',
          headers: walidata.headers,
          payload: { officialSourceId: dis.id },
        })
      ).statusCode,
    ).toBe(200);
    const values = (
      await t.app.inject({ url: '/api/v1/indicators/pengangguran/values?wilayah=35.77&period=2022' })
    ).json().data;
    expect(values[0]).toMatchObject({ value: 3717, official: true });
    await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/indicators/pengangguran',
      headers: walidata.headers,
      payload: { officialSourceId: bps.id },
    });
    expect((await sourcesOf('pengangguran')).find((s) => s.official)!.id).toBe(bps.id);
  });

  it('creates an indicator and a source over the API, refusing a taken code', async () => {
    const body = {
      code: 'rasio-penempatan',
      nameId: 'Rasio penempatan',
      nameEn: 'Placement rate',
      unit: 'persen',
      lowestLevel: 'kelurahan',
      betterDirection: 'higher',
    };
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/v1/indicators', headers: disnaker.headers, payload: body }))
        .statusCode,
    ).toBe(403);
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/indicators',
      headers: walidata.headers,
      payload: body,
    });
    expect(created.statusCode).toBe(201);
    const taken = await t.app.inject({
      method: 'POST',
      url: '/api/v1/indicators',
      headers: walidata.headers,
      payload: body,
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.code).toBe('INDICATOR_CODE_TAKEN');
    const orgId = (
      await t.db.selectFrom('organizations').select('id').where('slug', '=', 'disnaker-kukm').executeTakeFirstOrThrow()
    ).id;
    const src = await t.app.inject({
      method: 'POST',
      url: '/api/v1/indicators/rasio-penempatan/sources',
      headers: disnaker.headers,
      payload: { organizationId: orgId, producer: 'Disnaker KUKM', method: 'Penempatan ÷ pendaftar AK/1' },
    });
    expect(src.statusCode).toBe(201);
    const detail = (await t.app.inject({ url: '/api/v1/indicators/rasio-penempatan' })).json().data;
    expect(detail.sources[0]).toMatchObject({ producer: 'Disnaker KUKM', official: true });
    const patch = (user: TestUser) =>
      t.app.inject({
        method: 'PATCH',
        url: `/api/v1/indicators/rasio-penempatan/sources/${detail.sources[0].id}`,
        headers: user.headers,
        payload: { method: 'Penempatan ÷ pendaftar AK/1 aktif' },
      });
    expect((await patch(warga)).statusCode).toBe(403);
    expect((await patch(disnaker)).statusCode).toBe(200);
    expect((await sourcesOf('rasio-penempatan'))[0]!.method).toBe('Penempatan ÷ pendaftar AK/1 aktif');
  });

  it('exports MS-Ind metadata as CSV and JSON, and an indicator table as CSV and JSON-stat 2.0', async () => {
    const csv = await t.app.inject({ url: '/api/v1/indicators/ms-ind.csv' });
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('Kode Indikator,Nama Indikator');
    expect(csv.body).toContain('tpt,Tingkat pengangguran terbuka (TPT)');
    const json = (await t.app.inject({ url: '/api/v1/indicators/ms-ind.json' })).json();
    expect(
      json.data.find((r: Record<string, string>) => r['Kode Indikator'] === 'pengangguran')['Sumber Lain'],
    ).toContain('Disnaker');
    const values = await t.app.inject({ url: '/api/v1/indicators/tpt/values.csv' });
    expect(values.body.split('\r\n')[0]).toContain(
      'indikator,kode_wilayah,nama_wilayah,tingkat,periode,nilai,satuan,status,sumber,resmi',
    );
    expect(values.body).toContain('tpt,35.77,Kota Madiun,kota,2022,6.39,persen,final');
    const stat = (
      await t.app.inject({ url: '/api/v1/indicators/pengangguran/values.jsonstat?period=2022&wilayah=35.77' })
    ).json();
    expect(stat.version).toBe('2.0');
    expect(stat.class).toBe('dataset');
    expect(stat.id).toEqual(['wilayah', 'periode', 'sumber']);
    expect(stat.size).toEqual([1, 1, 2]);
    expect(stat.value).toEqual([6188, 3717]);
  });

  it('documents the indicator routes in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ url: '/api/openapi.json' })).json();
    expect(doc.paths['/api/v1/indicators/{code}/values'].get.tags).toContain('indicators');
    expect(doc.paths['/api/v1/indicators'].post.summary).toBeTruthy();
  });
});
