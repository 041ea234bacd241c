import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/test-app.js';
import { DIALECTS } from '../../../test/helpers/test-env.js';
import { translator } from '../../i18n/i18n.js';
import type { RequestContext } from '../../views/page-context.js';
import { insertDataset } from '../catalog/catalog.fixtures.js';
import { ingestIntoDatastore } from '../datastore/datastore-load.js';
import type { QualityReport } from '../datastore/quality-report.js';
import { renderQualityReport } from '../dataset/resources/quality.view.js';
import { qualitySummary } from '../../cli/import.command.js';
import { explorerUrl } from '../datastore/datastore.view.js';
import { loadedRows } from './ingest.fixtures.js';

/** Numbers, currency and periods as Indonesian producers write them (issue 15 item 1). */
const CORPUS: Record<string, string> = {
  // The reported case: counts with dots for thousands in a comma-delimited file.
  'penduduk-koma.csv': [
    'kelurahan,jumlah_penduduk,laki_laki,perempuan',
    'Manguharjo,36.896,18.450,18.446',
    'Taman,1.268,640,628',
    'Kartoharjo,6.280,3.100,3.180',
  ].join('\n'),
  // Nothing but the pattern says thousands: read so, and warned.
  'nilai.csv': ['kode,nilai', 'A,36.896', 'B,1.268', 'C,6.280'].join('\n'),
  // The file's other column writes decimals with a point: the 3-digit decimals stay decimals, warned.
  'skor.csv': ['kode,rerata,skor', 'A,12.5,36.896', 'B,7.25,1.268', 'C,3.1,6.280'].join('\n'),
  // Indonesian month names make an otherwise silent file Indonesian.
  'bulanan.csv': ['bulan,nilai', 'Januari 2024,36.896', 'Februari 2024,1.268', 'Maret 2024,6.280'].join('\n'),
  // Columns of one file written each its own way.
  'campuran.csv': [
    'kelurahan,penduduk,rasio,luas',
    'Manguharjo,1.234.567,0.5,"12,5"',
    'Taman,36.896,1.25,"7,25"',
    'Kartoharjo,512,36.896,"3,1"',
  ].join('\n'),
  'anggaran.csv': [
    'kegiatan,pagu,realisasi',
    'Posyandu,Rp 9.000.000,"IDR 9,000,000"',
    'Jalan,"Rp9.000.000,00","IDR 12,500,000"',
    'Taman,Rp. 9.000.000,"IDR 750,000"',
    'Pasar,9.000.000 rupiah,"IDR 1,000"',
    'Balai,"Rp 12.500,-","IDR 2,500.50"',
  ].join('\n'),
  'kunjungan-bulanan.csv': [
    'periode,kunjungan',
    'Januari 2024,10',
    'Feb 2024,20',
    'Mar-24,30',
    '2024-04,40',
    '05/2024,50',
    'Agustus 2024,80',
    'Desember 2023,5',
    'Oktober 2024,100',
  ].join('\n'),
  'triwulan.csv': [
    'triwulan,nilai',
    'Triwulan I 2024,1',
    'TW II 2024,2',
    'Triwulan III 2023,3',
    'Q4 2023,4',
    'TW IV 2024,5',
  ].join('\n'),
  'semester.csv': ['semester,nilai', 'Semester 1 2024,1', 'Semester II 2023,2', 'Semester 2 2024,3'].join('\n'),
  'tahunan.csv': ['tahun,penduduk', '2024,36.896', '2022,35.100', '2023,36.010'].join('\n'),
};

const html = (q: QualityReport, locale: 'id' | 'en') => {
  const ctx: RequestContext = { locale, t: translator(locale), user: null, authVia: null, csrfToken: '', path: '/' };
  return renderQualityReport(ctx, q).value;
};

describe.each(DIALECTS)('numbers, currency and periods as producers write them (%s)', (dialect) => {
  let t: TestApp;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'terbuka-numbers-'));
  let n = 0;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    for (const [name, text] of Object.entries(CORPUS)) fs.writeFileSync(path.join(dir, name), text + '\n');
  });
  afterAll(async () => {
    await t?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Loads one corpus file into a new published resource; returns the report and the STORED rows. */
  async function load(name: string, format: 'csv' | 'xlsx' = 'csv') {
    const { id: datasetId, resourceIds } = await insertDataset(t.db, {
      name: `angka-${dialect}-${++n}`,
      title: `Angka ${n}`,
      resources: [{ name }],
    });
    const resourceId = resourceIds[0]!;
    const report = await ingestIntoDatastore(t.storage, {
      resourceId,
      datasetId,
      file: path.join(dir, name),
      format,
    });
    const { rows } = await loadedRows(t.db, resourceId);
    const column = (id: string) => rows.map((r) => (r[id] === null ? null : Number(r[id])));
    const text = (id: string) => rows.map((r) => r[id]);
    const type = (id: string) => report.columns.find((c) => c.id === id)?.type;
    return { report, rows, resourceId, column, text, type };
  }

  const ambiguous = (q: QualityReport) => q.issues.filter((i) => i.kind === 'ambiguous_number');

  it('reads 36.896 / 1.268 / 6.280 in a comma-delimited file as thousands, without a warning', async () => {
    const { report, column, type } = await load('penduduk-koma.csv');
    expect(column('jumlah_penduduk')).toEqual([36896, 1268, 6280]);
    // No evidence of their own: the count column of the same file says how it writes numbers.
    expect(column('laki_laki')).toEqual([18450, 640, 3100]);
    expect(column('perempuan')).toEqual([18446, 628, 3180]);
    expect(type('jumlah_penduduk')).toBe('int');
    expect(report.columns.find((c) => c.id === 'jumlah_penduduk')?.numberLocale).toBe('id');
    expect(ambiguous(report)).toEqual([]);
    expect(report.numberLocale).toBe('id');
  });

  it('warns, naming the column and both readings, where only the pattern says thousands', async () => {
    const { report, column } = await load('nilai.csv');
    expect(column('nilai')).toEqual([36896, 1268, 6280]);
    expect(ambiguous(report)).toEqual([
      { kind: 'ambiguous_number', column: 'nilai', value: '36.896', readings: [36896, 36.896] },
    ]);
    expect(report.counts.ambiguous_number).toBe(1);
    expect(html(report, 'id')).toContain('Kolom nilai: 36.896 dibaca 36896; bisa juga 36,896.');
    expect(html(report, 'en')).toContain('Column nilai: 36.896 read as 36896; it could also be 36.896.');
    expect(qualitySummary(report)).toContain('column nilai: 36.896 read as 36896; it could also be 36.896');
  });

  it("follows the file's other number columns when a column has no evidence of its own, and warns", async () => {
    const { report, column, type } = await load('skor.csv');
    expect(column('rerata')).toEqual([12.5, 7.25, 3.1]);
    expect(column('skor')).toEqual([36.896, 1.268, 6.28]);
    expect(type('skor')).toBe('float');
    expect(ambiguous(report).map((i) => [i.column, i.readings])).toEqual([['skor', [36.896, 36896]]]);
  });

  it('takes Indonesian month names in the file as evidence', async () => {
    const { report, column, text } = await load('bulanan.csv');
    expect(column('nilai')).toEqual([36896, 1268, 6280]);
    expect(text('bulan')).toEqual(['2024-01', '2024-02', '2024-03']);
    expect(ambiguous(report)).toEqual([]);
  });

  it('reads each column of a mixed file in its own style', async () => {
    const { report, column, type } = await load('campuran.csv');
    expect(column('penduduk')).toEqual([1234567, 36896, 512]);
    expect(type('penduduk')).toBe('int');
    // 0.5 and 1.25 are decimals, so 36.896 in the same column is one too.
    expect(column('rasio')).toEqual([0.5, 1.25, 36.896]);
    expect(column('luas')).toEqual([12.5, 7.25, 3.1]);
    expect(report.columns.map((c) => c.numberLocale)).toEqual([undefined, 'id', 'en', 'id']);
    expect(ambiguous(report)).toEqual([]);
  });

  it('reads currency amounts as numbers and keeps the unit in the field', async () => {
    const { report, column, resourceId } = await load('anggaran.csv');
    expect(column('pagu')).toEqual([9000000, 9000000, 9000000, 9000000, 12500]);
    expect(column('realisasi')).toEqual([9000000, 12500000, 750000, 1000, 2500.5]);
    expect(report.columns.find((c) => c.id === 'pagu')).toMatchObject({ type: 'float', unit: 'IDR', mismatches: 0 });
    expect(report.columns.find((c) => c.id === 'realisasi')).toMatchObject({ unit: 'IDR', mismatches: 0 });
    expect(report.columns.find((c) => c.id === 'kegiatan')?.unit).toBeUndefined();

    const native = (await t.app.inject({ url: `/api/v1/datastore/${resourceId}` })).json();
    expect(native.data.fields.find((f: { id: string }) => f.id === 'pagu')).toMatchObject({ unit: 'IDR' });
    const ckan = (await t.app.inject({ url: `/api/3/action/datastore_search?resource_id=${resourceId}` })).json();
    expect(ckan.result.fields.find((f: { id: string }) => f.id === 'pagu')).toEqual({
      id: 'pagu',
      type: 'numeric',
      info: { label: 'pagu', unit: 'IDR' },
    });
    expect(html(report, 'id')).toContain('<td>IDR</td>');
    // The dataset page lists the unit with the column, and so does its JSON twin.
    const { name } = await datasetNameOf(resourceId);
    const page = await t.app.inject({ url: `/dataset/${name}`, headers: { accept: 'text/html' } });
    expect(page.body).toMatch(
      /<th scope="row">pagu<\/th><td><code>pagu<\/code><\/td>\s*<td>Desimal<\/td><td>IDR<\/td>/,
    );
    const twin = await t.app.inject({ url: `/api/v1/datasets/${name}` });
    expect(JSON.stringify(twin.json())).toContain('"unit":"IDR"');
  });

  it('reads Rupiah text cells of a spreadsheet as thousands, and its number cells as they are', async () => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('Anggaran');
    sheet.addRow(['kegiatan', 'pagu', 'rasio']);
    sheet.addRow(['Posyandu', 'Rp 12.500', 1.234]);
    sheet.addRow(['Jalan', 'Rp 9.000.000', 0.5]);
    sheet.addRow(['Taman', 'Rp 7.500', 2.125]);
    await wb.xlsx.writeFile(path.join(dir, 'anggaran.xlsx'));
    const { report, column } = await load('anggaran.xlsx', 'xlsx');
    expect(column('pagu')).toEqual([12500, 9000000, 7500]);
    expect(column('rasio')).toEqual([1.234, 0.5, 2.125]);
    expect(report.columns.find((c) => c.id === 'pagu')).toMatchObject({ type: 'int', unit: 'IDR' });
    expect(ambiguous(report)).toEqual([]);
  });

  /** The period column's values, sorted through CKAN's datastore_search `sort`. */
  async function sortedPeriods(resourceId: string, column: string, dir: 'asc' | 'desc' = 'asc') {
    const sort = encodeURIComponent(`${column} ${dir}`);
    const res = await t.app.inject({ url: `/api/3/action/datastore_search?resource_id=${resourceId}&sort=${sort}` });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    return {
      values: body.result.records.map((r: Record<string, unknown>) => r[column]),
      field: body.result.fields.find((f: { id: string }) => f.id === column),
    };
  }

  it('stores month labels as sortable periods and sorts them in calendar order', async () => {
    const { report, text, resourceId } = await load('kunjungan-bulanan.csv');
    expect(text('periode')).toEqual([
      '2024-01',
      '2024-02',
      '2024-03',
      '2024-04',
      '2024-05',
      '2024-08',
      '2023-12',
      '2024-10',
    ]);
    expect(report.columns[0]).toMatchObject({ type: 'period', period: 'month', mismatches: 0 });
    const { values, field } = await sortedPeriods(resourceId, 'periode');
    // Alphabetically "Agustus 2024" would come first and "Desember 2023" in the middle.
    expect(values).toEqual(['2023-12', '2024-01', '2024-02', '2024-03', '2024-04', '2024-05', '2024-08', '2024-10']);
    expect(field).toEqual({ id: 'periode', type: 'text', info: { label: 'periode', period: 'month' } });
    expect((await sortedPeriods(resourceId, 'periode', 'desc')).values[0]).toBe('2024-10');

    // A filter may name the period as people write it.
    const filters = encodeURIComponent(JSON.stringify({ periode: 'Agustus 2024' }));
    const filtered = await t.app.inject({
      url: `/api/3/action/datastore_search?resource_id=${resourceId}&filters=${filters}`,
    });
    expect(filtered.json().result.records.map((r: { kunjungan: number }) => r.kunjungan)).toEqual([80]);

    // The explorer shows the label and draws the chart in calendar order.
    const dataset = (await datasetNameOf(resourceId)).name;
    const page = await t.app.inject({
      url: `${explorerUrl(dataset, resourceId)}?chart=line&cat=periode&agg=count`,
      headers: { accept: 'text/html' },
    });
    expect(page.statusCode).toBe(200);
    const chart = page.body.slice(page.body.indexOf('id="ds-chart-h"'));
    expect(chart).toContain('Desember 2023');
    expect(chart.indexOf('Desember 2023')).toBeLessThan(chart.indexOf('Januari 2024'));
    expect(chart.indexOf('Agustus 2024')).toBeGreaterThan(chart.indexOf('Mei 2024'));

    const pkg = (await t.app.inject({ url: `/dataset/${dataset}/datapackage.json` })).json();
    const schemaField = pkg.resources
      .flatMap((r: { schema?: { fields: Array<{ name: string }> } }) => r.schema?.fields ?? [])
      .find((f: { name: string }) => f.name === 'periode');
    expect(schemaField).toMatchObject({ name: 'periode', type: 'yearmonth' });
  });

  async function datasetNameOf(resourceId: string) {
    return t.db
      .selectFrom('resources')
      .innerJoin('datasets', 'datasets.id', 'resources.dataset_id')
      .select('datasets.name')
      .where('resources.id', '=', resourceId)
      .executeTakeFirstOrThrow();
  }

  it('stores quarters, semesters and year columns as periods in calendar order', async () => {
    const q = await load('triwulan.csv');
    expect(q.text('triwulan')).toEqual(['2024-Q1', '2024-Q2', '2023-Q3', '2023-Q4', '2024-Q4']);
    expect((await sortedPeriods(q.resourceId, 'triwulan')).values).toEqual([
      '2023-Q3',
      '2023-Q4',
      '2024-Q1',
      '2024-Q2',
      '2024-Q4',
    ]);
    const s = await load('semester.csv');
    expect((await sortedPeriods(s.resourceId, 'semester')).values).toEqual(['2023-S2', '2024-S1', '2024-S2']);
    expect(s.report.columns[0]).toMatchObject({ type: 'period', period: 'semester' });

    const y = await load('tahunan.csv');
    expect(y.report.columns[0]).toMatchObject({ type: 'period', period: 'year' });
    expect(y.text('tahun')).toEqual(['2024', '2022', '2023']);
    expect(y.column('penduduk')).toEqual([36896, 35100, 36010]);
    expect((await sortedPeriods(y.resourceId, 'tahun')).values).toEqual(['2022', '2023', '2024']);
    expect(html(q.report, 'id')).toContain('Periode');
  });
});
