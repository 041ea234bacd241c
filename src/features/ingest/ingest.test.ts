import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/test-app.js';
import { DIALECTS } from '../../../test/helpers/test-env.js';
import { AppError } from '../../errors.js';
import { ingestIntoDatastore } from '../datastore/datastore-load.js';
import { formatFromName, type SourceFormat } from './row-sources.js';
import { insertBareDataset, insertBareResource, loadedRows, writeCorpus } from './ingest.fixtures.js';
import type { QualityReport } from '../datastore/quality-report.js';

describe.each(DIALECTS)('ingest of messy files (%s)', (dialect) => {
  let t: TestApp;
  let files: Record<string, string>;
  let datasetId: string;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'terbuka-corpus-'));

  beforeAll(async () => {
    t = await createTestApp(dialect);
    files = await writeCorpus(dir);
    datasetId = await insertBareDataset(t.db, 'korpus-' + dialect);
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const newResource = () => insertBareResource(t.db, datasetId);

  async function load(name: string, options: { sheet?: string; wilayahColumn?: string; resourceId?: string } = {}) {
    const resourceId = options.resourceId ?? (await newResource());
    const report = await ingestIntoDatastore(t.storage, {
      resourceId,
      datasetId,
      file: files[name]!,
      format: formatFromName(name) as SourceFormat,
      sheet: options.sheet,
      wilayahColumn: options.wilayahColumn,
    });
    const { store, rows } = await loadedRows(t.db, resourceId);
    return { report, rows, store, resourceId };
  }

  async function failure(name: string, options: { sheet?: string; wilayahColumn?: string } = {}): Promise<string> {
    try {
      await load(name, options);
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      return (error as AppError).code;
    }
    throw new Error(`${name} was accepted`);
  }

  const types = (r: QualityReport) => Object.fromEntries(r.columns.map((c) => [c.id, c.type]));

  it('reads a semicolon CSV with Indonesian numbers, skips the title rows and leaves out Jumlah, blank and ragged rows', async () => {
    const { report, rows } = await load('penduduk-semicolon.csv');
    expect(report.delimiter).toBe(';');
    expect(report.numberLocale).toBe('id');
    expect(report.headerRow).toBe(4);
    expect(types(report)).toEqual({
      rw: 'text',
      kode_wilayah: 'text',
      jumlah_penduduk: 'int',
      luas_ha: 'float',
      tanggal_pendataan: 'date',
    });
    expect(report.columns.find((c) => c.id === 'luas_ha')!.label).toBe('Luas (ha)');
    expect(report.wilayahColumn).toBe('kode_wilayah');
    expect(rows.map((r) => Number(r['jumlah_penduduk']))).toEqual([1234, 2345, 987]);
    expect(rows.map((r) => Number(r['luas_ha']))).toEqual([12.5, 7.25, 3.75]);
    expect(rows.map((r) => r['tanggal_pendataan'])).toEqual(['2024-12-31', '2024-12-30', '2024-12-01']);
    expect(rows[0]!['rw']).toBe('01');
    expect(report.counts).toMatchObject({ total_row: 1, blank_row: 1, ragged_row: 1, preamble_row: 2 });
    expect(report.issues.find((i) => i.kind === 'total_row')!.row).toBe(10);
    expect(report.rowsLoaded).toBe(3);
  });

  it('decodes Windows-1252 and strips a UTF-8 BOM', async () => {
    const a = await load('windows-1252.csv');
    expect(a.report.encoding).toBe('windows-1252');
    expect(a.rows[0]).toMatchObject({ nama: 'Café Madiun', keterangan: '“Pecel” khas' });
    expect(a.rows[1]!['keterangan']).toBe('harga ± 10');
    const b = await load('bom.csv');
    expect(b.report.encoding).toBe('utf-8-bom');
    expect(b.report.columns[0]).toMatchObject({ id: 'kode', label: 'kode' });
  });

  it('keeps multi-byte UTF-8 intact across read chunks', async () => {
    const { rows } = await load('multibyte.csv');
    expect(rows).toHaveLength(12_000);
    const bad = rows.filter(
      (r, i) => r['nama'] !== `Café ${i}` || r['catatan'] !== `“ñ” 😀 ${'é'.repeat(i % 7)}`.trim(),
    );
    expect(bad).toEqual([]);
  });

  it('reads TSV, 1,234.56 numbers, booleans and ISO dates', async () => {
    const tsv = await load('data.tsv');
    expect(tsv.report.delimiter).toBe('\t');
    expect(types(tsv.report)).toEqual({ kategori: 'text', jumlah: 'int', persen: 'float', terverifikasi: 'bool' });
    expect(tsv.rows.map((r) => Number(r['jumlah']))).toEqual([1234, 56]);
    expect(tsv.rows.map((r) => Number(r['terverifikasi']))).toEqual([1, 0]);
    const en = await load('english-numbers.csv');
    expect(en.report.numberLocale).toBe('en');
    expect(types(en.report)).toEqual({ item: 'text', amount: 'float', share: 'float', active: 'bool', when: 'date' });
    expect(en.rows.map((r) => Number(r['amount']))).toEqual([1234.5, 12000.75, 3.5]);
  });

  it('reads the chosen XLSX sheet, JSON records, and reports sheets', async () => {
    const x = await load('two-sheets.xlsx', { sheet: 'Data' });
    expect(x.report.sheets).toEqual(['Ringkasan', 'Data']);
    expect(types(x.report)).toEqual({
      kelurahan: 'text',
      jumlah_umkm: 'int',
      rata_rata_omzet: 'float',
      tanggal: 'date',
    });
    expect(x.rows).toHaveLength(2);
    expect(x.rows[0]).toMatchObject({ kelurahan: 'Klegen', tanggal: '2024-12-31' });
    expect(x.report.counts.total_row).toBe(1);
    expect(await failure('two-sheets.xlsx', { sheet: 'Tidak ada' })).toBe('INGEST_SHEET_NOT_FOUND');
    const j = await load('records.json');
    expect(types(j.report)).toEqual({ kelurahan: 'text', umkm: 'float', aktif: 'bool', catatan: 'text' });
    expect(j.rows[1]).toMatchObject({ kelurahan: 'Sukosari', catatan: 'baru' });
    expect((await load('wrapped.json')).rows).toHaveLength(2);
  });

  it('dedupes repeated headers, reports duplicate rows, mismatches and unknown wilayah codes', async () => {
    const d = await load('duplicates.csv');
    expect(d.report.columns.map((c) => c.id)).toEqual(['nama', 'nama_2', 'umur', 'umur_2']);
    expect(d.report.counts).toMatchObject({ duplicate_header: 2, duplicate_row: 1 });
    expect(d.report.issues.find((i) => i.kind === 'duplicate_row')!.row).toBe(3);
    const m = await load('mismatch.csv');
    expect(types(m.report).nilai).toBe('int');
    expect(m.report.issues.find((i) => i.kind === 'type_mismatch')).toMatchObject({
      row: 42,
      column: 'nilai',
      value: 'n.a.x',
    });
    expect(m.rows[40]!['nilai']).toBeNull();
    const w = await load('wilayah-unknown.csv');
    expect(w.report.counts.unknown_wilayah).toBe(1);
    expect(w.report.issues.find((i) => i.kind === 'unknown_wilayah')).toMatchObject({ row: 3, value: '35.77.99.9999' });
    expect(await failure('wilayah-unknown.csv', { wilayahColumn: 'kode_wilayah' })).toBe('INGEST_WILAYAH_UNKNOWN');
  });

  it('refuses bad files with clear error codes', async () => {
    expect(await failure('empty.csv')).toBe('INGEST_EMPTY_FILE');
    expect(await failure('header-only.csv')).toBe('INGEST_NO_DATA_ROWS');
    expect(await failure('unknown-encoding.csv')).toBe('INGEST_UNKNOWN_ENCODING');
    expect(await failure('utf16.csv')).toBe('INGEST_UNKNOWN_ENCODING');
    expect(await failure('wide.csv')).toBe('INGEST_TOO_MANY_COLUMNS');
    expect(await failure('long-line.csv')).toBe('INGEST_LINE_TOO_LONG');
    expect(await failure('really-html.csv')).toBe('INGEST_HTML_NOT_DATA');
    expect(await failure('broken.xlsx')).toBe('INGEST_XLSX_INVALID');
    expect(await failure('bomb.xlsx')).toBe('INGEST_XLSX_TOO_LARGE');
    expect(await failure('not-array.json')).toBe('INGEST_JSON_INVALID');
    expect(await failure('broken.json')).toBe('INGEST_JSON_INVALID');
  });

  it('keeps the previous data when a replacement fails, and leaves no stray table', async () => {
    const first = await load('penduduk-semicolon.csv');
    const tablesBefore = await t.db.selectFrom('datastore_tables').select('table_name').execute();
    await expect(
      load('wilayah-unknown.csv', { resourceId: first.resourceId, wilayahColumn: 'kode_wilayah' }),
    ).rejects.toMatchObject({ code: 'INGEST_WILAYAH_UNKNOWN' });
    const store = await t.db
      .selectFrom('datastore_tables')
      .selectAll()
      .where('resource_id', '=', first.resourceId)
      .executeTakeFirstOrThrow();
    expect(store.table_name).toBe(first.store.table_name);
    const rows = await t.db
      .selectFrom(store.table_name as never)
      .selectAll()
      .execute();
    expect(rows).toHaveLength(3);
    expect(await t.db.selectFrom('datastore_tables').select('table_name').execute()).toHaveLength(tablesBefore.length);
    // A successful replacement swaps the table and drops the old one.
    const second = await load('data.tsv', { resourceId: first.resourceId });
    expect(second.store.table_name).not.toBe(first.store.table_name);
    await expect(
      t.db
        .selectFrom(first.store.table_name as never)
        .selectAll()
        .execute(),
    ).rejects.toThrow();
  });
});
