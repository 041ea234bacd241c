import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { DIALECTS } from '../../../test/helpers/test-env.js';
import { createTestApp, type TestApp } from '../../../test/helpers/test-app.js';
import { insertDataset } from '../catalog/catalog.fixtures.js';
import { PENDUDUK_FIELDS, PENDUDUK_ROWS } from './datastore.fixtures.js';
import { ensureDatastoreIndexes } from './datastore.indexes.js';

describe.each(DIALECTS)('datastore API (%s)', (dialect) => {
  let t: TestApp;
  let rid: string;
  let privateRid: string;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    ({
      resourceIds: [rid],
    } = (await insertDataset(t.db, {
      name: 'penduduk-kelurahan',
      title: 'Jumlah Penduduk per Kelurahan',
      resources: [
        { name: 'Penduduk 2023-2024', fields: PENDUDUK_FIELDS, rows: PENDUDUK_ROWS, wilayahColumn: 'kode_wilayah' },
      ],
    })) as unknown as { resourceIds: [string] });
    ({
      resourceIds: [privateRid],
    } = (await insertDataset(t.db, {
      name: 'draf-penduduk',
      title: 'Draf',
      state: 'draft',
      resources: [{ name: 'Draf', fields: PENDUDUK_FIELDS, rows: PENDUDUK_ROWS }],
    })) as unknown as { resourceIds: [string] });
  });
  afterAll(async () => {
    await t?.close();
  });

  const get = (url: string) => t.app.inject({ url });

  it('returns all rows with _id first, typed values and the total', async () => {
    const res = await get(`/api/v1/datastore/${rid}`);
    expect(res.statusCode).toBe(200);
    const { data, meta } = res.json();
    expect(data.fields.map((f: { id: string }) => f.id)).toEqual(['_id', ...PENDUDUK_FIELDS.map((f) => f.id)]);
    expect(data.total).toBe(6);
    expect(data.limit).toBe(100);
    expect(data.records[0]).toEqual({
      _id: 1,
      kelurahan: 'Sogaten',
      kode_wilayah: '35.77.02.1002',
      tahun: 2023,
      jumlah: 5100,
      rasio: 98.5,
      aktif: true,
      tanggal: '2023-12-31',
      catatan: 'data awal',
    });
    expect(data.records[5].aktif).toBeNull();
    expect(meta.next).toBeNull();
  });

  it('filters exactly, a list meaning OR, and by number', async () => {
    const one = (
      await get(`/api/v1/datastore/${rid}?filters=${encodeURIComponent(JSON.stringify({ kelurahan: 'Sogaten' }))}`)
    ).json();
    expect(one.data.total).toBe(2);
    const or = (
      await get(
        `/api/v1/datastore/${rid}?filters=${encodeURIComponent(JSON.stringify({ kelurahan: ['Sogaten', 'Kartoharjo'], tahun: 2024 }))}`,
      )
    ).json();
    expect(or.data.records.map((r: { kelurahan: string }) => r.kelurahan).sort()).toEqual(['Kartoharjo', 'Sogaten']);
    const form = (
      await get(`/api/v1/datastore/${rid}?filter.kelurahan=Sogaten&filter.kelurahan=Manguharjo&filter.aktif=false`)
    ).json();
    expect(form.data.records).toHaveLength(1);
    expect(form.data.records[0].kelurahan).toBe('Manguharjo');
  });

  it('sorts by several columns and pages with offset and a next link', async () => {
    const res = (await get(`/api/v1/datastore/${rid}?sort=${encodeURIComponent('tahun desc, jumlah')}&limit=2`)).json();
    expect(res.data.records.map((r: { jumlah: number }) => r.jumlah)).toEqual([5230, 6230]);
    expect(res.meta.next).toContain('offset=2');
    const page2 = (await get(res.meta.next)).json();
    expect(page2.data.records.map((r: { jumlah: number }) => r.jumlah)).toEqual([7510, 5100]);
  });

  it('searches text columns with q (all words, any column, case-insensitive)', async () => {
    const res = (await get(`/api/v1/datastore/${rid}?q=sogaten`)).json();
    expect(res.data.total).toBe(2);
    const two = (await get(`/api/v1/datastore/${rid}?q=${encodeURIComponent('kartoharjo kutip')}`)).json();
    expect(two.data.total).toBe(1);
    const per = (
      await get(`/api/v1/datastore/${rid}?q=${encodeURIComponent(JSON.stringify({ catatan: 'awal' }))}`)
    ).json();
    expect(per.data.records[0]._id).toBe(1);
  });

  it('returns chosen fields, distinct values and other record formats', async () => {
    const distinct = (await get(`/api/v1/datastore/${rid}?fields=kelurahan&distinct=true&sort=kelurahan`)).json();
    expect(distinct.data.records).toEqual([
      { kelurahan: 'Kartoharjo' },
      { kelurahan: 'Manguharjo' },
      { kelurahan: 'Sogaten' },
    ]);
    expect(distinct.data.total).toBe(3);
    const lists = (await get(`/api/v1/datastore/${rid}?fields=kelurahan,tahun&records_format=lists&limit=1`)).json();
    expect(lists.data.records).toEqual([['Sogaten', 2023]]);
    const csv = (
      await get(
        `/api/v1/datastore/${rid}?fields=kelurahan,catatan&records_format=csv&filter.tahun=2024&filter.kelurahan=Kartoharjo`,
      )
    ).json();
    expect(csv.data.records).toBe('Kartoharjo,"\'-10 catatan, ""kutip"""\r\n');
  });

  it('names an unknown column in a 400, wherever it appears', async () => {
    for (const q of [
      'filters=' + encodeURIComponent('{"penduduk":"x"}'),
      'sort=penduduk%20desc',
      'fields=kelurahan,penduduk',
      'filter.penduduk=1',
    ]) {
      const res = await get(`/api/v1/datastore/${rid}?${q}`);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('DATASTORE_UNKNOWN_COLUMN');
      expect(res.json().error.message).toContain('"penduduk"');
    }
  });

  it('treats SQL in filter values and q as plain data', async () => {
    const evil = "Robert'); DROP TABLE datasets;--";
    const res = (
      await get(`/api/v1/datastore/${rid}?filters=${encodeURIComponent(JSON.stringify({ catatan: evil }))}`)
    ).json();
    expect(res.data.records).toHaveLength(1);
    const q = (await get(`/api/v1/datastore/${rid}?q=${encodeURIComponent("' OR 1=1 --")}`)).json();
    expect(q.data.total).toBe(0);
    const bad = await get(
      `/api/v1/datastore/${rid}?filters=${encodeURIComponent(JSON.stringify({ tahun: '2024 OR 1=1' }))}`,
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('DATASTORE_BAD_VALUE');
    expect((await get(`/api/v1/datastore/${rid}`)).json().data.total).toBe(6);
    expect(await t.db.selectFrom('datasets').select('id').execute()).toHaveLength(2);
  });

  it('refuses limit=10^9 with a clear 400 and accepts the maximum 32000', async () => {
    const res = await get(`/api/v1/datastore/${rid}?limit=1000000000`);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('DATASTORE_LIMIT');
    expect(res.json().error.message).toContain('32000');
    expect((await get(`/api/v1/datastore/${rid}?limit=32000`)).statusCode).toBe(200);
    expect((await get(`/api/v1/datastore/${rid}?limit=-1`)).statusCode).toBe(400);
  });

  it('indexes a table on request, idempotently, and keeps answering the same', async () => {
    const names = await ensureDatastoreIndexes(t.db, rid);
    expect(names).toHaveLength(PENDUDUK_FIELDS.length);
    expect(await ensureDatastoreIndexes(t.db, rid, [['kelurahan', 'tahun']])).toHaveLength(PENDUDUK_FIELDS.length + 1);
    expect(await ensureDatastoreIndexes(t.db, 'no-such-resource')).toEqual([]);
    const res = (await get(`/api/v1/datastore/${rid}?filter.kelurahan=Sogaten&sort=tahun%20desc`)).json();
    expect(res.data.records.map((r: { tahun: number }) => r.tahun)).toEqual([2024, 2023]);
  });

  it('accepts a JSON body on POST', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/datastore/${rid}/search`,
      payload: { filters: { kelurahan: ['Sogaten'] }, sort: 'tahun desc', fields: ['tahun', 'jumlah'] },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().data.records).toEqual([
      { tahun: 2024, jumlah: 5230 },
      { tahun: 2023, jumlah: 5100 },
    ]);
  });

  it('hides unpublished datasets from anonymous readers', async () => {
    expect((await get(`/api/v1/datastore/${privateRid}`)).statusCode).toBe(404);
    expect((await get(`/datastore/dump/${privateRid}`)).statusCode).toBe(404);
    expect((await get('/api/v1/datastore/no-such-resource')).json().error.code).toBe('DATASTORE_NOT_FOUND');
  });

  it('dumps CSV with a header, neutralised formulas and an optional BOM', async () => {
    const res = await get(`/datastore/dump/${rid}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toContain('.csv');
    const lines = res.body.split('\r\n');
    expect(lines[0]).toBe('_id,kelurahan,kode_wilayah,tahun,jumlah,rasio,aktif,tanggal,catatan');
    expect(lines[2]).toBe(`2,Sogaten,35.77.02.1002,2024,5230,99.1,true,2024-12-31,"'=HYPERLINK(""http://evil"")"`);
    expect(lines[3]).toContain(",'+62 351");
    expect(lines[5]).toContain(",'@SUM(A1)");
    expect(lines[6]).toBe(`6,Kartoharjo,35.77.01.1001,2024,6230,97.9,,2024-12-31,"'-10 catatan, ""kutip"""`);
    expect(res.body.charCodeAt(0)).not.toBe(0xfeff);
    const bom = await get(`/datastore/dump/${rid}?bom=true`);
    expect(bom.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const filtered = await get(`/datastore/dump/${rid}?filter.kelurahan=Sogaten&sort=tahun%20desc`);
    expect(
      filtered.body
        .trim()
        .split('\r\n')
        .map((l) => l.split(',')[0]),
    ).toEqual(['_id', '2', '1']);
  });

  it('dumps TSV, JSON and XLSX', async () => {
    const tsv = await get(`/datastore/dump/${rid}?format=tsv`);
    expect(tsv.headers['content-type']).toContain('text/tab-separated-values');
    expect(tsv.body.split('\r\n')[1]).toBe('1\tSogaten\t35.77.02.1002\t2023\t5100\t98.5\ttrue\t2023-12-31\tdata awal');
    const json = await get(`/datastore/dump/${rid}?format=json`);
    const body = json.json();
    expect(body.fields[0]).toMatchObject({ id: '_id', type: 'int' });
    expect(body.fields.find((f: { id: string }) => f.id === 'rasio').type).toBe('numeric');
    expect(body.records).toHaveLength(6);
    expect(body.records[0]).toEqual([1, 'Sogaten', '35.77.02.1002', 2023, 5100, 98.5, true, '2023-12-31', 'data awal']);
    const xlsx = await get(`/datastore/dump/${rid}?format=xlsx`);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    expect(sheet.getRow(1).values).toEqual([
      undefined,
      '_id',
      'Kelurahan',
      'Kode Wilayah',
      'Tahun',
      'Jumlah Penduduk',
      'Rasio Jenis Kelamin',
      'Aktif',
      'Tanggal',
      'Catatan',
    ]);
    expect(sheet.rowCount).toBe(7);
    expect(sheet.getRow(2).getCell(5).value).toBe(5100);
  });
});
