import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/test-db.js';
import { DIALECTS } from '../../../test/helpers/test-env.js';
import { createDatabase, type Storage } from '../database.js';

describe.each(DIALECTS)('a cluster-wide lock for start-up work (%s)', (dialect) => {
  let tdb: TestDatabase;
  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
  });
  afterAll(() => tdb.destroy());

  it("returns the work's result, and frees the lock when the work fails", async () => {
    const { dialect: adapter } = tdb.storage;
    await expect(adapter.exclusively('test.lock', async () => Promise.reject(new Error('gagal')))).rejects.toThrow(
      'gagal',
    );
    expect(await adapter.exclusively('test.lock', async () => 42)).toBe(42);
  });
});

// PostgreSQL only: one SQLite file belongs to one process, so there is no second process to wait.
describe.runIf(DIALECTS.includes('postgres'))('the start-up lock across processes (postgres)', () => {
  let tdb: TestDatabase;
  beforeAll(async () => {
    tdb = await createTestDatabase('postgres');
  });
  afterAll(() => tdb.destroy());

  it('makes a second process wait until the first is done', async () => {
    // A second Storage on the same database stands for a second app process.
    const other: Storage = createDatabase(tdb.config);
    const events: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let started!: () => void;
    const firstStarted = new Promise<void>((resolve) => (started = resolve));
    try {
      const first = tdb.storage.dialect.exclusively('test.startup', async () => {
        events.push('first starts');
        started();
        await held;
        events.push('first ends');
      });
      await firstStarted;
      const second = other.dialect.exclusively('test.startup', async () => void events.push('second starts'));
      // The second is blocked in PostgreSQL itself: an advisory lock asked for and not granted.
      for (let waiting = 0; waiting === 0; ) {
        const { rows } = await sql<{ n: number }>`
          select count(*)::int as n from pg_locks where locktype = 'advisory' and not granted`.execute(tdb.storage.db);
        waiting = rows[0]!.n;
      }
      expect(events).toEqual(['first starts']);
      release();
      await Promise.all([first, second]);
      expect(events).toEqual(['first starts', 'first ends', 'second starts']);
    } finally {
      await other.close();
    }
  });
});
