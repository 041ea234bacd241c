import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../../test/helpers/test-env.js';
import { createTestApp, createTestUser, type TestApp, type TestUser } from '../../../../test/helpers/test-app.js';
import { seedCityIndicators } from '../indicator.seed.js';
import { seedDemoIndicators } from '../indicator-demo.seed.js';

const html = { accept: 'text/html' };

describe.each(DIALECTS)('declarations, breakdowns and suppressed charts (%s)', (dialect) => {
  let t: TestApp;
  let walidata: TestUser;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    await seedCityIndicators(t.db);
    await seedDemoIndicators(t.db);
    walidata = await createTestUser(t.db, ['walidata']);
  });
  afterAll(async () => {
    await t?.close();
  });

  const post = (url: string, form: Record<string, string>) =>
    t.app.inject({
      method: 'POST',
      url,
      headers: { cookie: walidata.cookie, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: walidata.csrf, ...form }).toString(),
    });

  it('shows a breakdown with its total on the indicator page and in the JSON', async () => {
    const page = await t.app.inject({ url: '/indikator/jumlah-penduduk-laki-laki', headers: html });
    expect(page.body).toContain(
      'Rincian menurut jenis kelamin dari: <a href="/indikator/jumlah-penduduk">Jumlah penduduk</a>',
    );
    const total = await t.app.inject({ url: '/indikator/jumlah-penduduk', headers: html });
    expect(total.body).toContain('Rincian indikator ini: ');
    expect(total.body).toContain('href="/metode"');
    const json = (await t.app.inject({ url: '/api/v1/indicators/jumlah-penduduk-perempuan' })).json().data;
    expect(json).toMatchObject({ breakdownOf: 'jumlah-penduduk', breakdownDimension: 'sex', protected: true });
    const tpt = (await t.app.inject({ url: '/api/v1/indicators/tpt' })).json().data;
    expect(tpt).toMatchObject({ countsPeople: false, protected: false });
    expect(tpt.notPeopleReason).toContain('Persentase');
  });

  it('the manage form: "not a count of people" without a reason is refused (422); with one it is saved and audited', async () => {
    const form = await t.app.inject({
      url: '/indikator/angkatan-kerja/kelola',
      headers: { ...html, cookie: walidata.cookie },
    });
    expect(form.body).toContain('action="/indikator/angkatan-kerja/perlindungan"');
    const bad = await post('/indikator/angkatan-kerja/perlindungan', { countsPeople: 'false', notPeopleReason: '' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Tulis alasan');
    expect((await t.app.inject({ url: '/api/v1/indicators/angkatan-kerja' })).json().data.protected).toBe(true);
    const badTotal = await post('/indikator/angkatan-kerja/perlindungan', {
      countsPeople: 'true',
      breakdownOf: 'angkatan-kerja',
      breakdownDimension: 'sex',
    });
    expect(badTotal.statusCode).toBe(422);
    const ok = await post('/indikator/angkatan-kerja/perlindungan', {
      countsPeople: 'false',
      notPeopleReason: 'Estimasi survei yang dibulatkan ke ribuan.',
    });
    expect(ok.statusCode).toBe(303);
    expect((await t.app.inject({ url: '/api/v1/indicators/angkatan-kerja' })).json().data).toMatchObject({
      protected: false,
      notPeopleReason: 'Estimasi survei yang dibulatkan ke ribuan.',
    });
    const id = (
      await t.db.selectFrom('indicators').select('id').where('code', '=', 'angkatan-kerja').executeTakeFirstOrThrow()
    ).id;
    const audit = await t.db.selectFrom('audit_log').select('action').where('entity_id', '=', id).execute();
    expect(audit.map((a) => a.action)).toContain('indicator.declare_protection');
  });

  it('the create form asks whether values are counts of people, protected by default', async () => {
    const form = await t.app.inject({ url: '/indikator/baru', headers: { ...html, cookie: walidata.cookie } });
    expect(form.body).toMatch(/name="countsPeople" value="true" checked/);
    const bad = await post('/indikator/baru', {
      code: 'rasio-uji',
      nameId: 'Rasio uji',
      nameEn: 'Test ratio',
      unit: 'rasio',
      lowestLevel: 'kota',
      countsPeople: 'false',
    });
    expect(bad.statusCode).toBe(422);
    const ok = await post('/indikator/baru', {
      code: 'balita-uji',
      nameId: 'Balita uji',
      nameEn: 'Test toddlers',
      unit: 'balita',
      lowestLevel: 'kelurahan',
    });
    expect(ok.statusCode).toBe(303);
    expect((await t.app.inject({ url: '/api/v1/indicators/balita-uji' })).json().data.protected).toBe(true);
  });

  it('the choropleth hatches hidden areas instead of painting them as "no data"', async () => {
    const values = (await t.app.inject({ url: '/api/v1/indicators/penempatan-kerja/values' })).json().data as Array<{
      period: string;
      suppressed: string | null;
      wilayah: { tingkat: string };
    }>;
    const hidden = values.find((v) => v.suppressed && v.wilayah.tingkat === 'kelurahan')!;
    expect(hidden).toBeDefined();
    const map = await t.app.inject({
      url: `/indikator/penempatan-kerja/peta?tingkat=kelurahan&periode=${hidden.period}`,
      headers: html,
    });
    expect(map.body).toContain('fill="url(#choro-hatch)"');
    expect(map.body).toContain('disembunyikan (&lt;5 / x)');
  });

  it('demo images carry a CONTOH mark, in the SVG and the PNG', async () => {
    const svg = await t.app.inject({ url: '/indikator/penempatan-kerja/chart.svg' });
    expect(svg.statusCode).toBe(200);
    expect(svg.body).toContain('>CONTOH<');
    const png = await t.app.inject({ url: '/indikator/penempatan-kerja/chart.png' });
    expect(png.statusCode).toBe(200);
    const official = await t.app.inject({ url: '/indikator/tpt/chart.svg' });
    expect(official.body).not.toContain('CONTOH');
  });
});
