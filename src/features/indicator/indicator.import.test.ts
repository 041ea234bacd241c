import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/helpers/test-env.js';
import { multipart } from '../../../test/helpers/multipart.js';
import { createTestApp, createTestUser, type TestApp, type TestUser } from '../../../test/helpers/test-app.js';
import { insertDataset } from '../catalog/catalog.fixtures.js';
import { PENDUDUK_FIELDS, PENDUDUK_ROWS } from '../datastore/datastore.fixtures.js';
import { ingestIntoDatastore } from '../datastore/datastore-load.js';
import { seedCityIndicators } from './indicator.seed.js';

describe.each(DIALECTS)('indicator imports and derived values (%s)', (dialect) => {
  let t: TestApp;
  let walidata: TestUser;
  let disnakerSource: string;
  let tmp: string;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    await seedCityIndicators(t.db);
    walidata = await createTestUser(t.db, ['walidata']);
    const detail = (await t.app.inject({ url: '/api/v1/indicators/pengangguran' })).json().data;
    disnakerSource = detail.sources.find((s: { producer: string }) => s.producer.includes('Disnaker')).id;
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'terbuka-ind-'));
  });
  afterAll(async () => {
    await t?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  const importFile = (name: string, body: Buffer | string, replace = false) => {
    const m = multipart({ sourceId: disnakerSource, ...(replace ? { replace: 'true' } : {}) }, { name, content: body });
    return t.app.inject({
      method: 'POST',
      url: '/api/v1/indicators/pengangguran/import',
      headers: { ...walidata.headers, 'content-type': m.contentType },
      payload: m.payload,
    });
  };
  const count = async () =>
    (await t.app.inject({ url: `/api/v1/indicators/pengangguran/values?source=${disnakerSource}` })).json().meta
      .total as number;

  it('imports a CSV in one transaction, refuses duplicates inside the file, and never doubles on re-import', async () => {
    const before = await count();
    const dup = await importFile(
      'nilai.csv',
      'wilayah_kode,period,value\n35.77.02.1002,2023,12\n35.77.02.1002,2023,13\n',
    );
    expect(dup.statusCode).toBe(422);
    expect(dup.json().error.code).toBe('IMPORT_INVALID');
    expect(dup.json().error.details.rows[0]).toMatchObject({ row: 3, field: 'wilayahKode' });
    expect(await count()).toBe(before);

    const csv =
      'wilayah_kode;period;value;note\n35.77.02.1002;2023;12;catatan\n35.77.02.1001;2023;7;\n35.77.02;2023;19;\n';
    const ok = await importFile('nilai.csv', csv);
    expect(ok.statusCode).toBe(200);
    expect(ok.json().data).toEqual({ inserted: 3, updated: 0, unchanged: 0 });
    expect(await count()).toBe(before + 3);

    const again = await importFile('nilai.csv', csv);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('IMPORT_WOULD_REPLACE');
    expect(again.json().error.details.count).toBe(3);

    const replaced = await importFile('nilai.csv', csv.replace(';12;', ';10;'), true);
    expect(replaced.json().data).toEqual({ inserted: 0, updated: 1, unchanged: 2 });
    expect(await count()).toBe(before + 3);
  });

  it('rejects a file with a bad row as a whole, naming each row', async () => {
    const before = await count();
    const res = await importFile(
      'nilai.csv',
      'wilayah_kode,period,value\n35.77.01.1001,2023,5\n35.77.09.9999,2023,5\n35.77.01.1002,2023-13,5\n35.77.01.1003,2023,lima\n',
    );
    expect(res.statusCode).toBe(422);
    const rows = res.json().error.details.rows.map((r: { row: number }) => r.row);
    expect(rows).toEqual([3, 4, 5]);
    expect(await count()).toBe(before);
    const unreadable = await importFile('nilai.xlsx', 'not a workbook');
    expect(unreadable.json().error.code).toBe('IMPORT_FILE_UNREADABLE');
  });

  it('imports an XLSX workbook', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('nilai');
    ws.addRow(['wilayah_kode', 'period', 'value', 'status']);
    ws.addRow(['35.77.03.1001', '2023', 21, 'provisional']);
    const body = Buffer.from(await wb.xlsx.writeBuffer());
    const res = await importFile('nilai.xlsx', body);
    expect(res.statusCode).toBe(200);
    const v = (
      await t.app.inject({ url: '/api/v1/indicators/pengangguran/values?wilayah=35.77.03.1001&period=2023' })
    ).json().data[0];
    expect(v).toMatchObject({ value: 21, status: 'provisional', origin: 'import' });
  });

  it('re-renders the import form with the errors when the file is bad', async () => {
    const page = await t.app.inject({
      url: '/indikator/pengangguran/kelola',
      headers: { ...walidata.headers, accept: 'text/html' },
    });
    expect(page.body).toContain('enctype="multipart/form-data"');
    const m = multipart(
      { _csrf: walidata.csrf, sourceId: disnakerSource },
      { name: 'x.csv', content: 'wilayah_kode,period,value\n35.77,2023,x\n' },
    );
    const res = await t.app.inject({
      method: 'POST',
      url: `/indikator/pengangguran/impor`,
      headers: { cookie: walidata.cookie, accept: 'text/html', 'content-type': m.contentType },
      payload: m.payload,
    });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Impor ditolak: 1 baris bermasalah');
    expect(res.body).toContain('Baris 2: Masukkan angka.');
  });

  it('derives values from a published datastore resource, recomputes them on a new version, and warns when a column disappears', async () => {
    const {
      id: datasetId,
      resourceIds: [resourceId],
    } = await insertDataset(t.db, {
      name: 'penduduk-kel',
      title: 'Penduduk per kelurahan',
      resources: [{ name: 'Penduduk', fields: PENDUDUK_FIELDS, rows: PENDUDUK_ROWS, wilayahColumn: 'kode_wilayah' }],
    });
    const sourceId = (await t.app.inject({ url: '/api/v1/indicators/jumlah-penduduk' })).json().data.sources[0].id;
    const missing = await t.app.inject({
      method: 'POST',
      url: '/api/v1/indicators/jumlah-penduduk/derivations',
      headers: walidata.headers,
      payload: {
        sourceId,
        datasetId,
        resourceId,
        valueColumn: 'penduduk',
        aggregation: 'sum',
        wilayahColumn: 'kode_wilayah',
        periodColumn: 'tahun',
      },
    });
    expect(missing.statusCode).toBe(422);
    expect(missing.json().error.code).toBe('DERIVATION_COLUMN_MISSING');

    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/indicators/jumlah-penduduk/derivations',
      headers: walidata.headers,
      payload: {
        sourceId,
        datasetId,
        resourceId,
        valueColumn: 'jumlah',
        aggregation: 'sum',
        wilayahColumn: 'kode_wilayah',
        periodColumn: 'tahun',
      },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().data).toMatchObject({ status: 'ok', written: 6 });
    const sogaten = async () =>
      (
        await t.app.inject({ url: '/api/v1/indicators/jumlah-penduduk/values?wilayah=35.77.02.1002&period=2024' })
      ).json().data[0];
    // Row counts of a count of people are counts of people too: stored, never published (issue 11, #5).
    expect(await sogaten()).toMatchObject({ value: 5230, origin: 'derived', denominator: '', missingCount: null });
    const stored = () =>
      t.db
        .selectFrom('indicator_values')
        .select(['denominator', 'missing_count'])
        .where('wilayah_kode', '=', '35.77.02.1002')
        .where('period', '=', '2024')
        .where('origin', '=', 'derived')
        .executeTakeFirstOrThrow();
    expect(await stored()).toEqual({ denominator: '1 baris', missing_count: 0 });

    // A new version of the resource: the listener recomputes, and the old figure stays in the history.
    const v2 = path.join(tmp, 'v2.csv');
    fs.writeFileSync(
      v2,
      'kelurahan,kode_wilayah,tahun,jumlah\nSogaten,35.77.02.1002,2024,5300\nSogaten,35.77.02.1002,2024,10\n',
    );
    await ingestIntoDatastore(t.storage, {
      resourceId: resourceId!,
      datasetId,
      file: v2,
      format: 'csv',
      wilayahColumn: 'kode_wilayah',
    });
    expect(await sogaten()).toMatchObject({ value: 5310, status: 'revised', denominator: '' });
    expect((await stored()).denominator).toBe('2 baris');
    const history = await t.db
      .selectFrom('indicator_value_history')
      .select(['previous_value', 'new_value'])
      .where('origin', '=', 'derived')
      .where('previous_value', '=', 5230)
      .execute();
    expect(history).toEqual([{ previous_value: 5230, new_value: 5310 }]);

    // A version without the value column: old values kept, a visible warning on the indicator page.
    const v3 = path.join(tmp, 'v3.csv');
    fs.writeFileSync(v3, 'kelurahan,kode_wilayah,tahun,total\nSogaten,35.77.02.1002,2024,9999\n');
    await ingestIntoDatastore(t.storage, {
      resourceId: resourceId!,
      datasetId,
      file: v3,
      format: 'csv',
      wilayahColumn: 'kode_wilayah',
    });
    expect(await sogaten()).toMatchObject({ value: 5310 });
    const page = await t.app.inject({ url: '/indikator/jumlah-penduduk', headers: { accept: 'text/html' } });
    expect(page.body).toContain('kolom jumlah tidak ada lagi pada versi terbaru');
    expect((await t.app.inject({ url: '/api/v1/indicators/jumlah-penduduk' })).json().data.warnings[0]).toContain(
      'jumlah',
    );
  });
});
