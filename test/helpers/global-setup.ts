import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { createDatabase } from '../../src/storage/database.js';
import { migrateToLatest } from '../../src/storage/migrator.js';
import { seedReference } from '../../src/app/seeds/reference.seed.js';
import { DIALECTS, PG_ADMIN_URL, pgUrlFor } from './test-env.js';

declare module 'vitest' {
  export interface ProvidedContext {
    sqliteTemplate: string;
    pgTemplate: string;
    runId: string;
  }
}

/**
 * Builds one migrated, reference-seeded database per dialect for the whole run; each test file
 * then gets a fast private copy (file copy on SQLite, CREATE DATABASE … TEMPLATE on PostgreSQL).
 */
export default async function setup(project: TestProject) {
  const runId = `${process.pid}_${Date.now().toString(36)}`;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'terbuka-test-'));
  const sqliteTemplate = path.join(dir, 'template.db');
  const pgTemplate = `terbuka_tpl_${runId}`;

  const sqlite = createDatabase({ dataDir: dir, databaseUrl: null, pgPoolSize: 1 }, { sqliteFile: sqliteTemplate });
  await migrateToLatest(sqlite.db);
  await seedReference(sqlite.db);
  await sqlite.close();
  // A WAL-mode file is self-contained once closed, so plain copies are consistent.

  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  if (DIALECTS.includes('postgres')) {
    await admin.connect();
    await admin.query(`CREATE DATABASE ${pgTemplate}`);
    const storage = createDatabase({ dataDir: dir, databaseUrl: pgUrlFor(pgTemplate), pgPoolSize: 2 });
    await migrateToLatest(storage.db);
    await seedReference(storage.db);
    await storage.close();
  }

  project.provide('sqliteTemplate', sqliteTemplate);
  project.provide('pgTemplate', pgTemplate);
  project.provide('runId', runId);

  return async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    if (DIALECTS.includes('postgres')) {
      const { rows } = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [
        `terbuka_%${runId}%`,
      ]);
      for (const row of rows) await admin.query(`DROP DATABASE IF EXISTS ${row.datname} WITH (FORCE)`);
      await admin.end();
    }
  };
}
