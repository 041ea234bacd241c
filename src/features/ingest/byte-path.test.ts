import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/test-app.js';
import { createTestDatabase } from '../../../test/helpers/test-db.js';
import { DIALECTS } from '../../../test/helpers/test-env.js';
import { newId } from '../../ids.js';
import { ingestIntoDatastore } from '../datastore/datastore-load.js';
import type { Storage } from '../../storage/database.js';
import type { SqliteAdapter } from '../../storage/dialects/sqlite.js';
import { INGEST_LIMITS } from './row-sources.js';
import { insertBareDataset, insertBareResource } from './ingest.fixtures.js';
import type { QualityReport } from '../datastore/quality-report.js';

/**
 * Quote-free UTF-8 CSV is loaded from its bytes; quoted CSV goes through the RFC 4180 splitter.
 * The same cells must give the same table and the same quality report either way.
 */
const ROWS: string[][] = [
  ['Laporan usaha kelurahan', '', '', '', '', '', '', ''],
  ['no', 'kode_wilayah', 'nama', 'tanggal', 'jumlah', 'nilai', 'aktif', 'catatan'],
];
const NAMES = [
  'Warung Bu Sri',
  'Café Nüsantara',
  'Toko "Maju"',
  ' spasi di tepi ',
  'back\\slash',
  'tab\there',
  'Jaya Abadi',
  '—',
  'Sogaten',
  'Total Karya',
];
const DATES = ['2024-02-29', '31/12/2024', '1 Januari 2024', '2024-01-05', '2023-11-30', ''];
const NUMBERS = ['12.5', '-3.25', '0.5', '1234', '0', '-0', '99.125', '', '0.10'];
const ODD_NUMBERS = ['007', '+4', '1e5', 'n/a', '99999999999999999', '1.234.567'];
const BOOLS = ['ya', 'Tidak', 'TRUE', 'n', 'YA', '', 'false', 'Benar'];
const CODES = ['35.77.02.1002', '35.77.01.1001', '35.77.03.1007', '35.77.01', ''];
for (let i = 1; i <= 600; i++) {
  ROWS.push([
    i % 37 === 0 ? `0${i}` : i % 41 === 0 ? `${i}.5` : String(i),
    i % 23 === 0 ? '99.99.99.9999' : CODES[i % CODES.length]!,
    NAMES[i % NAMES.length]!,
    i % 47 === 0 ? '2023-02-29' : i % 31 === 0 ? '-' : DATES[i % DATES.length]!,
    String((i * 7) % 50),
    i % 29 === 0 ? ODD_NUMBERS[(i / 29) % ODD_NUMBERS.length]! : NUMBERS[i % NUMBERS.length]!,
    i % 27 === 0 ? 'mungkin' : BOOLS[i % BOOLS.length]!,
    i % 9 === 0 ? '' : `catatan ${i % 11}`,
  ]);
  if (i % 97 === 0) ROWS.push(['', '', '', '', '', '', '', '']);
  if (i % 89 === 0) ROWS.push(['Jumlah', '', '', '', '123', '', '', '']);
  if (i % 83 === 0) ROWS.push([String(i), 'ragged']);
  if (i % 50 === 0) ROWS.push([...ROWS[ROWS.length - 1]!]);
}

const plain = (cells: string[]) => cells.join(',');
const quoted = (cells: string[]) => cells.map((c) => '"' + c.replace(/"/g, '""') + '"').join(',');

describe.each(DIALECTS)('byte path and string path agree (%s)', (dialect) => {
  let t: TestApp;
  let datasetId: string;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'terbuka-bytes-'));

  beforeAll(async () => {
    t = await createTestApp(dialect);
    datasetId = await insertBareDataset(t.db, 'bytes-' + dialect);
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Loads the content as a new resource; a failure is returned as `report`, with the rows of any table registered. */
  async function ingestFile(storage: Storage, dataset: string, content: string, wilayahColumn?: string) {
    const file = path.join(dir, newId() + '.csv');
    fs.writeFileSync(file, content);
    const resourceId = await insertBareResource(storage.db, dataset);
    const report = await ingestIntoDatastore(storage, {
      resourceId,
      datasetId: dataset,
      file,
      format: 'csv',
      wilayahColumn,
    }).catch((e: unknown) => e);
    const store = await storage.db
      .selectFrom('datastore_tables')
      .selectAll()
      .where('resource_id', '=', resourceId)
      .executeTakeFirst();
    const rows = store
      ? await storage.db
          .selectFrom(store.table_name as never)
          .selectAll()
          .orderBy('_id' as never)
          .execute()
      : [];
    return { report, rows };
  }
  const load = (content: string) => ingestFile(t.storage, datasetId, content, 'kode_wilayah');
  async function withPlain(content: string) {
    const { report, rows } = await ingestFile(t.storage, datasetId, content);
    if (report instanceof Error) throw report;
    return { report: report as QualityReport, rows };
  }

  it('loads quote-free and fully quoted copies of a messy file identically (LF and CRLF)', async () => {
    // Without the declared wilayah column the unknown codes are reported, not refused.
    // The quote-free copy cannot hold a quote: keep only the rows without one.
    const rows = ROWS.filter((r) => !r.some((c) => c.includes('"')));
    const fastLf = await withPlain(rows.map(plain).join('\n') + '\n');
    const slowLf = await withPlain(rows.map(quoted).join('\n') + '\n');
    const fastCrlf = await withPlain('\uFEFF' + rows.map(plain).join('\r\n'));
    expect(Object.fromEntries(fastLf.report.columns.map((c) => [c.id, c.type]))).toEqual({
      no: 'int',
      kode_wilayah: 'text',
      nama: 'text',
      tanggal: 'date',
      jumlah: 'int',
      nilai: 'float',
      aktif: 'bool',
      catatan: 'text',
    });
    expect(fastLf.report.wilayahColumn).toBe('kode_wilayah');
    expect(fastLf.rows.length).toBeGreaterThan(500);
    expect(fastLf.report.rowsExcluded).toBeGreaterThan(10);
    expect(fastLf.report.counts.duplicate_row).toBeGreaterThan(3);
    expect(fastLf.report.counts.unknown_wilayah).toBeGreaterThan(10);
    expect(fastLf.report.counts.type_mismatch).toBeGreaterThan(10);
    expect(fastLf.rows).toEqual(slowLf.rows);
    expect(fastCrlf.rows).toEqual(slowLf.rows);
    const comparable = (r: typeof fastLf.report) => ({ ...r, encoding: null });
    expect(comparable(fastLf.report)).toEqual(comparable(slowLf.report));
    expect(comparable(fastCrlf.report)).toEqual(comparable(slowLf.report));
    // Text with a backslash, a tab and non-ASCII letters survives the byte path unchanged.
    const names = new Set(fastLf.rows.map((r) => (r as Record<string, unknown>)['nama']));
    expect(names).toContain('back\\slash');
    expect(names).toContain('tab\there');
    expect(names).toContain('Café Nüsantara');
  });

  it('reads Indonesian numbers in a semicolon file the same way on both paths', async () => {
    const lines = [['kode', 'nilai', 'jumlah']];
    const values = ['1.234,5', '12,5', '1234', '0', '-7', '2.000.000', '0,25', '', '-'];
    for (let i = 1; i <= 300; i++)
      lines.push([
        `K${i % 40}`,
        i % 31 === 0 ? '1,2,3' : values[i % values.length]!,
        i % 29 === 0 ? '1.5' : String(i * 1000),
      ]);
    const fast = await withPlain(lines.map((l) => l.join(';')).join('\n') + '\n');
    const slow = await withPlain(lines.map((l) => l.map((c) => `"${c}"`).join(';')).join('\n') + '\n');
    expect(fast.report.numberLocale).toBe('id');
    expect(Object.fromEntries(fast.report.columns.map((c) => [c.id, c.type]))).toEqual({
      kode: 'text',
      nilai: 'float',
      jumlah: 'int',
    });
    expect(fast.rows).toEqual(slow.rows);
    expect({ ...fast.report, encoding: null }).toEqual({ ...slow.report, encoding: null });
    expect(fast.rows.map((r) => (r as Record<string, unknown>)['nilai'])).toContain(1234.5);
  });

  it('refuses unknown codes in a declared wilayah column on both paths', async () => {
    const rows = ROWS.filter((r) => !r.some((c) => c.includes('"')));
    const fast = await load(rows.map(plain).join('\n') + '\n');
    const slow = await load(rows.map(quoted).join('\n') + '\n');
    expect((fast.report as { code?: string }).code).toBe('INGEST_WILAYAH_UNKNOWN');
    expect((slow.report as { code?: string }).code).toBe('INGEST_WILAYAH_UNKNOWN');
    expect(fast.rows).toEqual([]);
  });

  it('mixes the paths within one file: quoted pieces among plain ones', async () => {
    // Big enough for several 256 KB pieces; quotes (with a newline inside one) only in the middle.
    const lines = ['id,teks,nilai'];
    for (let i = 1; i <= 30_000; i++)
      lines.push(i === 15_000 ? `${i},"baris ""dua""\nlanjut",${i}.25` : `${i},teks ${i % 13},${i}.25`);
    const content = lines.join('\n') + '\n';
    const mixed = await withPlain(content);
    const allQuoted = await withPlain(
      [
        'id,teks,nilai',
        ...lines.slice(1).map((l, i) =>
          i === 14_999
            ? l
            : l
                .split(',')
                .map((c) => `"${c}"`)
                .join(','),
        ),
      ].join('\n') + '\n',
    );
    expect(mixed.rows.length).toBe(30_000);
    expect(mixed.rows).toEqual(allQuoted.rows);
    expect((mixed.rows[14_999] as Record<string, unknown>)['teks']).toBe('baris "dua"\nlanjut');
  });

  it('keeps cells that hold the delimiter, a backslash or a tab, whatever the delimiter (COPY reads the file’s own)', async () => {
    const cells = ['Toko Jaya; Tbk', 'a,b', 'C:\\data\\x', 'tab\there', 'akhir\\', '\\N', 'biasa'];
    for (const d of [';', ',', '\t']) {
      const head = ['id', 'teks', 'nilai'].join(d);
      const quote = (c: string) => (c.includes(d) ? `"${c}"` : c);
      const lines = cells.map((c, i) => [String(i + 1), quote(c), `${i}.5`].join(d));
      // The same cells in a long quote-free stretch, so pieces are read from their bytes too.
      for (let i = 0; i < 3000; i++)
        lines.push([String(cells.length + i + 1), `teks ${d === ',' ? 'x' : ','} ${i}`, '1.5'].join(d));
      const { rows } = await withPlain(head + '\n' + lines.join('\n') + '\n');
      expect(rows.slice(0, cells.length).map((r) => (r as Record<string, unknown>)['teks'])).toEqual(cells);
      expect((rows[cells.length + 7] as Record<string, unknown>)['teks']).toBe(`teks ${d === ',' ? 'x' : ','} 7`);
    }
  });

  it('gives the same table and report when the rows are read on a worker thread (big files on SQLite)', async () => {
    const rows = ROWS.filter((r) => !r.some((c) => c.includes('"')));
    const content = rows.map(plain).join('\n') + '\n';
    const here = await withPlain(content);
    const saved = INGEST_LIMITS.workerMinBytes;
    INGEST_LIMITS.workerMinBytes = 0;
    try {
      const offThread = await withPlain(content);
      expect(offThread.rows).toEqual(here.rows);
      expect(offThread.report).toEqual(here.report);
      // A failure on the worker (too many columns) arrives as the same clear error.
      const wide = Array.from({ length: 1200 }, (_, i) => `c${i}`).join(',');
      await expect(withPlain(`a,b\n1,2\n${wide}\n`)).rejects.toMatchObject({ code: 'INGEST_TOO_MANY_COLUMNS' });
    } finally {
      INGEST_LIMITS.workerMinBytes = saved;
    }
  });

  it('a load the database refuses part-way leaves no table behind and does not hang', async () => {
    const before = await tableCount();
    // A text the database cannot store (PostgreSQL refuses NUL in text; SQLite keeps it).
    const content =
      'id,teks\n' +
      Array.from({ length: 40_000 }, (_, i) => `${i},${i === 30_000 ? 'a\u0000b' : 'teks'}`).join('\n') +
      '\n';
    const result = await withPlain(content).then(
      () => 'loaded',
      (e: unknown) => e,
    );
    if (dialect === 'postgres') expect(result).toBeInstanceOf(Error);
    else expect(result).toBe('loaded');
    expect(await tableCount()).toBe(before + (dialect === 'postgres' ? 0 : 1));
  });

  async function tableCount(): Promise<number> {
    const tables = await t.db.introspection.getTables();
    return tables.filter((x) => x.name.startsWith('ds_')).length;
  }

  it.runIf(dialect === 'sqlite')(
    'copies the log of a big load into the database file on a background thread',
    async () => {
      const sqlite = t.storage.dialect as SqliteAdapter;
      const content = 'id,teks\n' + Array.from({ length: 60_000 }, (_, i) => `${i},teks ${i}`).join('\n') + '\n';
      const { report } = await withPlain(content);
      expect(report.rowsLoaded).toBe(60_000);
      // Commits here do not checkpoint until the background one is done; then they do again.
      await sqlite.checkpoints.settled();
      expect(sqlite.connection.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
      const [state] = sqlite.connection.pragma('wal_checkpoint(PASSIVE)') as Array<{
        busy: number;
        log: number;
        checkpointed: number;
      }>;
      expect(state!.busy).toBe(0);
      expect(state!.checkpointed).toBe(state!.log);
      // A small load leaves checkpoints on.
      await withPlain('id,teks\n1,a\n');
      expect(sqlite.connection.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
      // Two loads at once: checkpoints come back only when both have ended.
      sqlite.checkpoints.hold();
      sqlite.checkpoints.hold();
      await sqlite.checkpoints.release(false);
      expect(sqlite.connection.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
      await sqlite.checkpoints.release(false);
      expect(sqlite.connection.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    },
  );

  it('loads with a pool of one connection (the COPY stream is the only one; nothing waits on itself)', async () => {
    const small = await createTestDatabase(dialect, { PG_POOL_SIZE: '1' });
    try {
      const dataset = await insertBareDataset(small.storage.db, 'kecil');
      const { report } = await ingestFile(
        small.storage,
        dataset,
        'a,b\n' + Array.from({ length: 5000 }, (_, i) => `${i},teks ${i}`).join('\n') + '\n',
      );
      expect((report as QualityReport).rowsLoaded).toBe(5000);
    } finally {
      await small.destroy();
    }
  });
});
