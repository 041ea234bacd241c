import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/helpers/test-env.js';
import { createTestApp, type TestApp } from '../../../test/helpers/test-app.js';
import { seedCityIndicators } from './indicator.seed.js';
import { seedDemoIndicators } from './indicator-demo.seed.js';

const html = { accept: 'text/html' };

describe.each(DIALECTS)('indicator pages, maps, charts and suppression (%s)', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect, { BASE_URL: 'https://data.madiunkota.go.id' });
    await seedCityIndicators(t.db);
    await seedDemoIndicators(t.db);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('seeds idempotently: running the seeds again adds nothing', async () => {
    const before = await t.db
      .selectFrom('indicator_values')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(await seedCityIndicators(t.db)).toEqual({ indicators: 0, values: 0 });
    expect(await seedDemoIndicators(t.db)).toBe(0);
    const after = await t.db
      .selectFrom('indicator_values')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('shows the unemployment indicator with both producers, the official one marked, and the difference explained', async () => {
    const res = await t.app.inject({ url: '/indikator/pengangguran', headers: html });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('BPS Kota Madiun — Sakernas Agustus');
    expect(res.body).toContain('Disnaker KUKM Kota Madiun — pendataan pintu ke pintu');
    expect(res.body).toContain('✓ Resmi');
    expect(res.body).toContain('Alternatif');
    expect(res.body).toContain('Sumber yang berbeda');
    expect(res.body).toMatch(/6\.188/);
    expect(res.body).toMatch(/3\.717/);
    expect(res.body).toContain(
      '<meta property="og:image" content="https://data.madiunkota.go.id/indikator/pengangguran/chart.png">',
    );
    expect(res.body).toContain('<svg');
    expect(res.body).toContain('role="img"');
  });

  it('lists the catalogue with the latest official city figure', async () => {
    const res = await t.app.inject({ url: '/indikator', headers: html });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Tingkat pengangguran terbuka (TPT)');
    expect(res.body).toMatch(/4,3\d?\s*<span class="muted">\(2024\)/);
  });

  it('suppresses small counts of people in the API, the CSV and the pages, and totals cannot recover them', async () => {
    const data = (await t.app.inject({ url: '/api/v1/indicators/penempatan-kerja/values' })).json().data as Array<{
      wilayah: { kode: string };
      period: string;
      value: number | null;
      display: string;
      suppressed: string | null;
    }>;
    const primary = data.filter((v) => v.suppressed === 'primary');
    expect(primary.length).toBeGreaterThan(0);
    for (const v of primary) expect(v).toMatchObject({ value: null, display: '<5' });
    expect(data.every((v) => v.value === null || v.value >= 5 || v.value === 0)).toBe(true);
    // In every family (a parent with a published total and its children), never exactly one hidden child.
    const byKey = new Map(data.map((v) => [`${v.period}|${v.wilayah.kode}`, v]));
    for (const parent of data.filter((v) => v.value !== null)) {
      const kids = data.filter(
        (v) =>
          v.period === parent.period &&
          v.wilayah.kode.startsWith(`${parent.wilayah.kode}.`) &&
          v.wilayah.kode.split('.').length === parent.wilayah.kode.split('.').length + 1,
      );
      if (!kids.length) continue;
      expect(kids.filter((k) => k.value === null).length).not.toBe(1);
    }
    expect(byKey.size).toBe(data.length);
    const csv = (await t.app.inject({ url: '/api/v1/indicators/penempatan-kerja/values.csv' })).body;
    expect(csv).toContain(',<5,orang,');
    const hiddenKode = primary[0]!.wilayah.kode;
    expect(csv).not.toMatch(
      new RegExp(`${hiddenKode.replace(/\./g, '\\.')},[^,]+,kelurahan,${primary[0]!.period},[1-4],`),
    );
    const page = await t.app.inject({ url: '/indikator/penempatan-kerja', headers: html });
    expect(page.body).toContain('&lt;5');
  });

  it('draws a choropleth by kelurahan with legend, period links and the same numbers as a table', async () => {
    const res = await t.app.inject({
      url: '/indikator/pencari-kerja-terdaftar/peta?tingkat=kelurahan&periode=2024',
      headers: html,
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('class="map choropleth"');
    // Every kelurahan is drawn: with its colour, or hatched when its value is hidden.
    expect((res.body.match(/<path d="M[^"]+" fill="(#[0-9a-f]{6}|url\(#choro-hatch\))"/g) ?? []).length).toBe(27);
    expect(res.body).toContain('Legenda');
    expect(res.body).toContain('href="/indikator/pencari-kerja-terdaftar/peta?periode=2023&amp;tingkat=kelurahan');
    expect(res.body).toContain('<strong aria-current="page">2024</strong>');
    expect((res.body.match(/<tr><th scope="row"><a href="\/wilayah\/35\.77\.0\d\.\d{4}">/g) ?? []).length).toBe(27);
    const kec = await t.app.inject({ url: '/indikator/pencari-kerja-terdaftar/peta?tingkat=kecamatan', headers: html });
    expect((kec.body.match(/<path d="M[^"]+" fill="#[0-9a-f]{6}"/g) ?? []).length).toBe(3);
    const tpt = await t.app.inject({ url: '/indikator/tpt/peta', headers: html });
    expect(tpt.statusCode).toBe(200);
    expect(tpt.body).toContain('Belum ada nilai pada tingkat dan periode ini.');
  });

  it('adds key indicators with rank, kecamatan and city values to the kelurahan profile, and to its JSON twin', async () => {
    const res = await t.app.inject({ url: '/wilayah/35.77.02.1002', headers: html });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Indikator kunci');
    expect(res.body).toContain('Pencari kerja terdaftar (AK/1)');
    expect(res.body).toMatch(/\d+\/27/);
    expect(res.body).toContain('class="spark"');
    const json = (await t.app.inject({ url: '/api/v1/wilayah/35.77.02.1002/profile' })).json();
    const seekers = json.data.sections.indikator.indicators.find(
      (i: { code: string }) => i.code === 'pencari-kerja-terdaftar',
    );
    expect(seekers.rankOf).toBe(27);
    expect(seekers.kecamatan.period).toBe('2025');
    expect(seekers.kota.value).toBeGreaterThan(seekers.kecamatan.value);
    expect(seekers.example).toBe(true);
  });

  it('compares two to five kelurahan, and says so clearly otherwise', async () => {
    const ok = await t.app.inject({
      url: '/indikator/bandingkan?kode=35.77.02.1002&kode=35.77.01.1001&go=1',
      headers: html,
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain('Perbandingan indikator');
    expect(ok.body).toContain('Sogaten');
    const one = await t.app.inject({ url: '/indikator/bandingkan?kode=35.77.02.1002&go=1', headers: html });
    expect(one.statusCode).toBe(422);
    expect(one.body).toContain('Pilih paling sedikit 2 dan paling banyak 5 kelurahan.');
    const six = ['1001', '1002', '1003', '1004', '1005', '1006'].map((n) => `35.77.01.${n}`).join(',');
    expect((await t.app.inject({ url: `/indikator/bandingkan?kode=${six}`, headers: html })).statusCode).toBe(422);
  });

  it('serves an embeddable chart page (framable anywhere), an SVG and a PNG', async () => {
    const embed = await t.app.inject({ url: '/indikator/tpt/embed', headers: html });
    expect(embed.statusCode).toBe(200);
    expect(embed.headers['content-security-policy']).toContain('frame-ancestors *');
    expect(embed.headers['x-frame-options']).toBeUndefined();
    expect(embed.body).toContain('<table');
    const page = await t.app.inject({ url: '/indikator/tpt', headers: html });
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'self'");
    const svg = await t.app.inject({ url: '/indikator/tpt/chart.svg' });
    expect(svg.headers['content-type']).toContain('image/svg+xml');
    expect(svg.body).toContain('<title id="chart-title">Tingkat pengangguran terbuka (TPT) (persen)</title>');
    const png = await t.app.inject({ url: '/indikator/tpt/chart.png' });
    expect(png.headers['content-type']).toBe('image/png');
    expect(png.rawPayload.subarray(1, 4).toString()).toBe('PNG');
  });

  it('works in English too', async () => {
    const res = await t.app.inject({ url: '/indikator/pengangguran', headers: html, cookies: { terbuka_lang: 'en' } });
    expect(res.body).toContain('Number of unemployed people');
    expect(res.body).toContain('✓ Official');
  });
});
