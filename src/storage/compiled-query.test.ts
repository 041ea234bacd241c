import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../../test/helpers/test-db.js';
import { DIALECTS } from '../../test/helpers/test-env.js';
import { compiledOnce, whenReady } from './compiled-query.js';
import { createDatabase } from './database.js';
import type { Database } from './schema.js';

const wilayahName = compiledOnce(
  (db: Kysely<Database>, kode: string) => db.selectFrom('wilayah').select('nama').where('kode', '=', kode),
  [''],
);

describe.each(DIALECTS)('queries compiled once (%s)', (dialect) => {
  let tdb: TestDatabase;
  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
  });
  afterAll(() => tdb.destroy());

  it('answers with fresh parameters, synchronously outside a transaction on a SQLite file', async () => {
    const db = tdb.storage.db;
    const first = wilayahName(db, '35.77');
    const second = wilayahName(db, '35.77.02.1002');
    expect(first instanceof Promise).toBe(dialect === 'postgres');
    expect((await first)[0]?.nama).toMatch(/Madiun/i);
    expect((await second)[0]?.nama).toMatch(/Sogaten/i);
    expect(await wilayahName(db, '99.99')).toEqual([]);
    expect(await whenReady(wilayahName(db, '35.77'), (rows) => rows.length)).toBe(1);
  });

  it('reads committed data only outside a transaction, and the own writes of a transaction inside it', async () => {
    const db = tdb.storage.db;
    const original = (await wilayahName(db, '35.77.02.1002'))[0]!.nama;
    let seenOutside: string | undefined;
    let seenInside: string | undefined;
    await db
      .transaction()
      .execute(async (trx) => {
        await trx.updateTable('wilayah').set({ nama: 'Belum Disimpan' }).where('kode', '=', '35.77.02.1002').execute();
        seenInside = (await wilayahName(trx as unknown as Kysely<Database>, '35.77.02.1002'))[0]?.nama;
        // On SQLite this reader is the second connection (the transaction holds the main one); on
        // PostgreSQL another pooled connection.
        if (dialect === 'sqlite') seenOutside = (await wilayahName(db, '35.77.02.1002'))[0]?.nama;
        throw new Error('rollback');
      })
      .catch(() => undefined);
    expect(seenInside).toBe('Belum Disimpan');
    if (dialect === 'sqlite') expect(seenOutside).toBe(original);
    expect((await wilayahName(db, '35.77.02.1002'))[0]?.nama).toBe(original);
  });

  it.runIf(dialect === 'sqlite')(
    'falls back to a promise on an in-memory database (no second connection)',
    async () => {
      const memory = createDatabase(
        { dataDir: tdb.config.dataDir, databaseUrl: '', pgPoolSize: 1 },
        { sqliteFile: ':memory:' },
      );
      try {
        await memory.db.schema.createTable('wilayah').addColumn('kode', 'text').addColumn('nama', 'text').execute();
        await memory.db
          .insertInto('wilayah')
          .values({ kode: '35.77', nama: 'Kota Madiun' } as never)
          .execute();
        const rows = wilayahName(memory.db, '35.77');
        expect(rows instanceof Promise).toBe(true);
        expect((await rows)[0]?.nama).toBe('Kota Madiun');
      } finally {
        await memory.close();
      }
    },
  );
});
