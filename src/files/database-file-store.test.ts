import fs from 'node:fs';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/helpers/test-db.js';
import { DIALECTS } from '../../test/helpers/test-env.js';
import { migrateToLatest } from '../storage/migrator.js';
import { CHUNK_BYTES, type DatabaseFileStore } from './database-file-store.js';
import { documentKey, uploadKey } from './file-layouts.js';
import { createFileStore } from './file-store-choice.js';

/** A stream of `mb` MiB of varied bytes, made as it is read (never held whole). */
function generated(mb: number): Readable {
  let i = 0;
  return new Readable({
    read() {
      if (i === mb * 4) return void this.push(null);
      this.push(Buffer.alloc(256 * 1024, i++ % 251));
    },
  });
}

describe.each(DIALECTS)('the database file store (%s)', (dialect) => {
  let t: TestDatabase;
  let store: DatabaseFileStore;
  beforeAll(async () => {
    t = await createTestDatabase(dialect, { FILE_STORE: 'database' });
    await migrateToLatest(t.storage.db);
    store = createFileStore(t.config, t.storage) as DatabaseFileStore;
  });
  afterAll(() => t.destroy());
  const orphanChunks = () =>
    t.storage.db
      .selectFrom('stored_file_chunks')
      .select('seq')
      .where('content_id', 'not in', t.storage.db.selectFrom('stored_files').select('content_id'))
      .execute();

  it('is the default on PostgreSQL and the local disk on SQLite', async () => {
    const d = await createTestDatabase(dialect);
    try {
      expect(d.config.fileStore).toBe(dialect === 'postgres' ? 'database' : 'local');
    } finally {
      await d.destroy();
    }
  });

  it('stores bytes under a key and reads them back; a fixed key is never overwritten', async () => {
    const stored = await store.put(Buffer.from('isi'), 'evidence/abc');
    expect(stored).toMatchObject({ key: 'evidence/abc', bytes: 3 });
    expect((await store.read('evidence/abc')).toString()).toBe('isi');
    expect(await store.exists('evidence/abc')).toBe(true);
    await expect(store.put(Buffer.from('lain'), 'evidence/abc')).rejects.toThrow();
    expect((await store.read('evidence/abc')).toString()).toBe('isi');
    await store.remove('evidence/abc');
    expect(await store.exists('evidence/abc')).toBe(false);
    expect(await store.open('evidence/abc')).toBeNull();
    await store.remove('evidence/abc');
    expect(await orphanChunks()).toEqual([]);
  });

  it('keeps content-addressed files once and refuses keys outside the store', async () => {
    const a = await store.put(Buffer.from('sama'), documentKey);
    const b = await store.put(Readable.from([Buffer.from('sa'), Buffer.from('ma')]), documentKey);
    expect(b).toEqual(a);
    const rows = await t.storage.db.selectFrom('stored_files').select('key').where('key', '=', a.key).execute();
    expect(rows).toHaveLength(1);
    for (const key of ['../x', '/etc/passwd', 'a/../../x', '']) {
      expect(await store.exists(key)).toBe(false);
      expect(await store.localCopy(key)).toBeNull();
      await expect(store.put(Buffer.from('x'), key)).rejects.toThrow('bad file key');
    }
  });

  it('streams a 40 MiB file in and out in 1 MiB rows, with its hash, and as a temporary local copy', async () => {
    const key = uploadKey('besar.csv');
    const expected = createHash('sha256');
    for await (const part of generated(40)) expected.update(part as Buffer);
    const stored = await store.put(generated(40), key);
    expect(stored).toMatchObject({ bytes: 40 * 1024 * 1024, sha256: expected.digest('hex') });
    const sizes = await t.storage.db
      .selectFrom('stored_file_chunks')
      .innerJoin('stored_files', 'stored_files.content_id', 'stored_file_chunks.content_id')
      .select('stored_file_chunks.data')
      .where('stored_files.key', '=', key)
      .where('stored_file_chunks.seq', '=', 0)
      .execute();
    expect(sizes[0]!.data.length).toBe(CHUNK_BYTES);
    const back = createHash('sha256');
    for await (const part of (await store.open(key))!) back.update(part as Buffer);
    expect(back.digest('hex')).toBe(stored.sha256);
    const copy = (await store.localCopy(key))!;
    expect(copy.path.endsWith('besar.csv')).toBe(true);
    expect(fs.statSync(copy.path).size).toBe(stored.bytes);
    await copy.release();
    expect(fs.existsSync(copy.path)).toBe(false);
    await store.remove(key);
  });

  it('refuses a stream over the limit and leaves no chunk behind', async () => {
    const key = uploadKey('terlalu.csv');
    const tooLarge = () => new Error('terlalu besar');
    await expect(store.put(generated(3), key, { maxBytes: 2 * CHUNK_BYTES, tooLarge })).rejects.toThrow(
      'terlalu besar',
    );
    expect(await store.exists(key)).toBe(false);
    expect(await orphanChunks()).toEqual([]);
  });

  it('lists every key in order, and sweeps the chunks of an upload cut short once they are old', async () => {
    await store.put(Buffer.from('b'), 'uploads/2026-12/b');
    await store.put(Buffer.from('a'), 'evidence/a');
    const keys: string[] = [];
    for await (const file of store.list()) keys.push(file.key);
    expect(keys).toEqual([...keys].sort());
    expect(keys).toEqual(expect.arrayContaining(['evidence/a', 'uploads/2026-12/b']));
    await t.storage.db
      .insertInto('stored_file_chunks')
      .values({ content_id: 'cut-short', seq: 0, data: Buffer.from('x'), created_at: '2026-01-01T00:00:00.000Z' })
      .execute();
    expect(await store.sweep()).toBe(1);
    expect(await store.sweep()).toBe(0);
    expect((await store.read('evidence/a')).toString()).toBe('a');
  });
});
