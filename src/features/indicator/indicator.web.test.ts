import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/helpers/test-env.js';
import { createTestApp, createTestUser, type TestApp, type TestUser } from '../../../test/helpers/test-app.js';
import { seedCityIndicators } from './indicator.seed.js';

describe.each(DIALECTS)('indicator staff forms (%s)', (dialect) => {
  let t: TestApp;
  let walidata: TestUser;
  let disnaker: TestUser;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    await seedCityIndicators(t.db);
    walidata = await createTestUser(t.db, ['walidata']);
    disnaker = await createTestUser(t.db, [['produsen', 'disnaker-kukm']]);
  });
  afterAll(async () => {
    await t?.close();
  });

  const post = (user: TestUser, url: string, form: Record<string, string>) =>
    t.app.inject({
      method: 'POST',
      url,
      headers: { cookie: user.cookie, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: user.csrf, ...form }).toString(),
    });
  const sourceId = async (code: string, match: string) =>
    (await t.app.inject({ url: `/api/v1/indicators/${code}` }))
      .json()
      .data.sources.find((s: { producer: string }) => s.producer.includes(match)).id as string;

  it('sends visitors to the login page and refuses citizens', async () => {
    const anon = await t.app.inject({ url: '/indikator/tpt/kelola', headers: { accept: 'text/html' } });
    expect(anon.statusCode).toBe(303);
    expect(anon.headers.location).toContain('/masuk');
    const warga = await createTestUser(t.db, ['warga']);
    expect(
      (await t.app.inject({ url: '/indikator/tpt/kelola', headers: { cookie: warga.cookie, accept: 'text/html' } }))
        .statusCode,
    ).toBe(403);
    expect(
      (await t.app.inject({ url: '/indikator/baru', headers: { cookie: disnaker.cookie, accept: 'text/html' } }))
        .statusCode,
    ).toBe(403);
  });

  it('creates an indicator from the form, re-rendering with errors on bad input', async () => {
    const bad = await post(walidata, '/indikator/baru', {
      code: 'Bad Code',
      nameId: '',
      nameEn: 'x',
      unit: 'orang',
      lowestLevel: 'kelurahan',
      betterDirection: 'lower',
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('error-summary');
    expect(bad.body).toContain('Kode indikator hanya huruf kecil');
    const ok = await post(walidata, '/indikator/baru', {
      code: 'pelatihan-blk',
      nameId: 'Peserta pelatihan BLK',
      nameEn: 'BLK trainees',
      unit: 'orang',
      lowestLevel: 'kelurahan',
      betterDirection: 'higher',
      countsPeople: 'true',
      decimals: '0',
    });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe('/indikator/pelatihan-blk');
    const page = await t.app.inject({ url: '/indikator/pelatihan-blk', headers: { accept: 'text/html' } });
    expect(page.body).toContain('Peserta pelatihan BLK');
  });

  it('enters a value by form; a kelurahan value for TPT is refused with the reason, nothing saved', async () => {
    const bps = await sourceId('tpt', 'BPS');
    const bad = await post(walidata, '/indikator/tpt/nilai', {
      sourceId: bps,
      wilayahKode: '35.77.02.1002',
      period: '2025',
      value: '4,1',
      status: 'provisional',
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Sogaten (kelurahan) berada di bawah level estimasi terendah indikator ini (kota)');
    expect(bad.body).toContain('value="2025"');
    const ok = await post(walidata, '/indikator/tpt/nilai', {
      sourceId: bps,
      wilayahKode: '35.77',
      period: '2025-Q1',
      value: '4,1',
      status: 'provisional',
      valueCitation: 'BRS BPS',
    });
    expect(ok.statusCode).toBe(303);
    const v = (await t.app.inject({ url: '/api/v1/indicators/tpt/values?period=2025-Q1' })).json().data[0];
    expect(v).toMatchObject({ value: 4.1, status: 'provisional', citation: 'BRS BPS' });
    const manage = await t.app.inject({
      url: ok.headers.location as string,
      headers: { cookie: walidata.cookie, accept: 'text/html' },
    });
    expect(manage.body).toContain('Tersimpan.');
  });

  it('lets the producer add its own source but not designate the official one', async () => {
    const orgId = (
      await t.db.selectFrom('organizations').select('id').where('slug', '=', 'disnaker-kukm').executeTakeFirstOrThrow()
    ).id;
    const added = await post(disnaker, '/indikator/angkatan-kerja/sumber', {
      organizationId: orgId,
      producer: 'Disnaker KUKM — AK/1',
      method: 'Registrasi kartu kuning',
    });
    expect(added.statusCode).toBe(303);
    const dis = await sourceId('angkatan-kerja', 'AK/1');
    expect((await post(disnaker, '/indikator/angkatan-kerja/resmi', { sourceId: dis })).statusCode).toBe(403);
    expect((await post(walidata, '/indikator/angkatan-kerja/resmi', { sourceId: dis })).statusCode).toBe(303);
    expect((await t.app.inject({ url: '/api/v1/indicators/angkatan-kerja' })).json().data.officialSourceId).toBe(dis);
    const missing = await post(disnaker, '/indikator/angkatan-kerja/sumber', {
      organizationId: orgId,
      producer: '',
      method: '',
    });
    expect(missing.statusCode).toBe(422);
    expect(missing.body).toContain('Isian ini wajib diisi.');
  });

  it('records every change in the audit log', async () => {
    // Its own changes, so the test does not lean on the ones above having run.
    expect(
      (
        await post(walidata, '/indikator/baru', {
          code: 'audit-blk',
          nameId: 'Peserta pelatihan (audit)',
          nameEn: 'Trainees (audit)',
          unit: 'orang',
          lowestLevel: 'kelurahan',
          betterDirection: 'higher',
          countsPeople: 'true',
          decimals: '0',
        })
      ).statusCode,
    ).toBe(303);
    expect(
      (
        await post(walidata, '/indikator/tpt/nilai', {
          sourceId: await sourceId('tpt', 'BPS'),
          wilayahKode: '35.77',
          period: '2025-Q3',
          value: '4,2',
          status: 'provisional',
        })
      ).statusCode,
    ).toBe(303);
    const orgId = (
      await t.db.selectFrom('organizations').select('id').where('slug', '=', 'disnaker-kukm').executeTakeFirstOrThrow()
    ).id;
    expect(
      (
        await post(disnaker, '/indikator/angkatan-kerja/sumber', {
          organizationId: orgId,
          producer: 'Disnaker KUKM — AK/2',
          method: 'Registrasi kartu kuning',
        })
      ).statusCode,
    ).toBe(303);
    expect(
      (await post(walidata, '/indikator/angkatan-kerja/resmi', { sourceId: await sourceId('angkatan-kerja', 'AK/2') }))
        .statusCode,
    ).toBe(303);
    const rows = await t.db.selectFrom('audit_log').select('action').where('entity_type', '=', 'indicator').execute();
    const actions = new Set(rows.map((r) => r.action));
    for (const a of [
      'indicator.create',
      'indicator.value_inserted',
      'indicator.source_add',
      'indicator.designate_official',
    ])
      expect(actions.has(a)).toBe(true);
  });
});
