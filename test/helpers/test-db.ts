import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { loadConfig, type Config } from '../../src/config/config.js';
import { createDatabase, type Storage } from '../../src/storage/database.js';
import { PG_ADMIN_URL, pgUrlFor, type DialectName } from './test-env.js';

/**
 * Settings every test app starts with unless a test sets them: the shared test machine's load
 * must not shed a test's requests (overload.test.ts turns it on), and tests that write from a
 * CLI child process read their pages at once (page-cache.test.ts turns the page cache on).
 */
const TEST_DEFAULTS = { OVERLOAD_MAX_EVENT_LOOP_DELAY_MS: '0', OVERLOAD_MAX_HEAP_MB: '0', PAGE_CACHE_SECONDS: '0' };

let counter = 0;
const dataDirs = new WeakMap<object, string>();

/** The data folder of a test database (where its server secrets, e.g. the CSRF key, are made). */
export function dataDirOf(db: object): string {
  const dir = dataDirs.get(db);
  if (!dir) throw new Error('not a test database');
  return dir;
}

export interface TestDatabase {
  storage: Storage;
  config: Config;
  dialect: DialectName;
  /** Closes the connection and deletes the database. */
  destroy(): Promise<void>;
}

/** A private, migrated and reference-seeded database for one test file. */
export async function createTestDatabase(
  dialect: DialectName,
  settings: Record<string, string> = {},
): Promise<TestDatabase> {
  const name = `terbuka_t${counter++}_${process.pid}_${inject('runId')}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'terbuka-data-'));
  if (dialect === 'sqlite') {
    fs.copyFileSync(inject('sqliteTemplate'), path.join(dataDir, 'terbuka.db'));
    const config = loadConfig({}, { TERBUKA_DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...TEST_DEFAULTS, ...settings });
    const storage = createDatabase(config);
    dataDirs.set(storage.db, dataDir);
    return {
      storage,
      config,
      dialect,
      destroy: async () => {
        await storage.close();
        fs.rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${inject('pgTemplate')}`);
  } finally {
    await admin.end();
  }
  const config = loadConfig(
    {},
    {
      TERBUKA_DATA_DIR: dataDir,
      DATABASE_URL: pgUrlFor(name),
      PG_POOL_SIZE: '3',
      LOG_LEVEL: 'silent',
      ...TEST_DEFAULTS,
      ...settings,
    },
  );
  const storage = createDatabase(config);
  dataDirs.set(storage.db, dataDir);
  return {
    storage,
    config,
    dialect,
    destroy: async () => {
      await storage.close();
      const client = new pg.Client({ connectionString: PG_ADMIN_URL });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).finally(() => client.end());
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
