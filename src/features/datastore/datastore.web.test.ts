import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/helpers/test-env.js';
import { createTestApp, createTestUser, type TestApp } from '../../../test/helpers/test-app.js';
import { insertDataset } from '../catalog/catalog.fixtures.js';
import { PENDUDUK_FIELDS, PENDUDUK_ROWS } from './datastore.fixtures.js';
import { renderChartSvg } from '../../views/chart-svg.js';

describe('chart SVG', () => {
  it('is an accessible image with a title, a description, axis labels and a value per bar', () => {
    const svg = renderChartSvg({
      type: 'bar',
      title: 'Penduduk <2024>',
      description: 'Jumlah penduduk per kelurahan',
      categories: ['Sogaten', 'Manguharjo'],
      series: [{ name: 'Jumlah', values: [5230, null] }],
      unit: 'jiwa',
    });
    expect(svg).toMatch(/^<svg [^>]*role="img" aria-labelledby="chart-title chart-desc"/);
    expect(svg).toContain('<title id="chart-title">Penduduk &lt;2024&gt;</title>');
    expect(svg).toContain('<desc id="chart-desc">Jumlah penduduk per kelurahan</desc>');
    expect(svg).toContain('<title>Sogaten: 5.230 jiwa</title>');
    expect(svg).toContain('>jiwa</text>');
    expect((svg.match(/<rect /g) ?? []).length).toBe(1);
    const line = renderChartSvg({
      type: 'line',
      title: 'Tren',
      description: 'Tren',
      categories: ['2023', '2024'],
      series: [
        { name: 'A', values: [1, 2] },
        { name: 'B', values: [2, 1] },
      ],
    });
    expect(line).toContain('<title>2024 · B: 1</title>');
    expect(line).toContain('stroke-dasharray');
  });
});

describe.each(DIALECTS)('resource explorer (%s)', (dialect) => {
  let t: TestApp;
  let rid: string;
  let draftRid: string;
  const page = (q = '') =>
    t.app.inject({ url: `/dataset/penduduk/resource/${rid}${q}`, headers: { accept: 'text/html' } });
  beforeAll(async () => {
    t = await createTestApp(dialect);
    rid = (
      await insertDataset(t.db, {
        name: 'penduduk',
        title: 'Penduduk Kelurahan',
        resources: [{ name: 'Penduduk 2023–2024', fields: PENDUDUK_FIELDS, rows: PENDUDUK_ROWS }],
      })
    ).resourceIds[0]!;
    draftRid = (
      await insertDataset(t.db, {
        name: 'draf',
        title: 'Draf',
        org: 'disnaker-kukm',
        state: 'submitted',
        resources: [{ name: 'Draf', fields: PENDUDUK_FIELDS, rows: PENDUDUK_ROWS }],
      })
    ).resourceIds[0]!;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('shows a table with per-column filters, sort and pagination as plain GET forms', async () => {
    const res = await page('?size=25');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<form method="get"');
    expect(res.body).toContain('name="filter.kelurahan"');
    expect(res.body).toContain('<th scope="col">Kelurahan</th>');
    expect(res.body).toContain('<caption>Penduduk 2023–2024: baris 1–6 dari 6</caption>');
    const filtered = await page('?filter.kelurahan=Sogaten&sort=jumlah&dir=desc');
    expect(filtered.body).toContain('baris 1–2 dari 2');
    expect(filtered.body.indexOf('>5230<')).toBeLessThan(filtered.body.indexOf('>5100<'));
    expect(filtered.body).toContain(`/datastore/dump/${rid}?filter.kelurahan=Sogaten`);
    const searched = await page('?q=manguharjo');
    expect(searched.body).toContain('baris 1–2 dari 2');
  });

  it('summarises columns over the filtered rows', async () => {
    const res = await page();
    expect(res.body).toContain('Ringkasan kolom');
    // jumlah: 6 values, min 5.100, max 7.510; rasio has one missing value.
    const jumlahRow = new RegExp(
      '<th scope="row">Jumlah Penduduk</th><td>bilangan bulat</td>' +
        '\\s*<td class="num">6</td><td class="num">0</td>' +
        '\\s*<td class="num">5\\.100</td><td class="num">7\\.510</td>',
    );
    expect(res.body).toMatch(jumlahRow);
    expect(res.body).toMatch(
      /<th scope="row">Rasio Jenis Kelamin<\/th><td>desimal<\/td>\s*<td class="num">5<\/td><td class="num">1<\/td>/,
    );
    expect(res.body).toContain('Kartoharjo (2), Manguharjo (2), Sogaten (2)');
  });

  it('draws the chart the user chooses, with the same numbers as a table', async () => {
    const res = await page('?chart=bar&cat=kelurahan&val=jumlah&agg=sum');
    expect(res.body).toContain('role="img"');
    expect(res.body).toMatch(/<title id="ds-chart-[^"]+-title">jumlah Jumlah Penduduk menurut Kelurahan<\/title>/);
    expect(res.body).toContain('<title>Sogaten: 10.330</title>');
    expect(res.body).toContain('<th scope="row">Manguharjo</th><td class="num">14.910</td>');
    const line = await page('?chart=line&cat=tanggal&agg=count');
    expect(line.body).toContain('<th scope="row">2024-12-31</th><td class="num">3</td>');
    expect(line.body).toContain('<path d="M');
  });

  it('names a bad filter column in a clear error', async () => {
    const res = await page('?filter.nope=1');
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Kolom &quot;nope&quot;');
  });

  it('shows unpublished data only to its producers and the walidata', async () => {
    const url = `/dataset/draf/resource/${draftRid}`;
    expect((await t.app.inject({ url, headers: { accept: 'text/html' } })).statusCode).toBe(404);
    const producer = await createTestUser(t.db, [['produsen', 'disnaker-kukm']]);
    expect((await t.app.inject({ url, headers: { accept: 'text/html', cookie: producer.cookie } })).statusCode).toBe(
      200,
    );
    const other = await createTestUser(t.db, [['produsen', 'dlh']]);
    expect((await t.app.inject({ url, headers: { accept: 'text/html', cookie: other.cookie } })).statusCode).toBe(404);
    expect(
      (await t.app.inject({ url: `/dataset/wrong-name/resource/${rid}`, headers: { accept: 'text/html' } })).statusCode,
    ).toBe(404);
  });

  it('adds the explorer link and downloads under the resource on the dataset page', async () => {
    const res = await t.app.inject({ url: '/dataset/penduduk', headers: { accept: 'text/html' } });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(`href="/dataset/penduduk/resource/${rid}"`);
    expect(res.body).toContain(`href="/datastore/dump/${rid}?format=xlsx"`);
  });
});
