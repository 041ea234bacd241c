import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/test-db.js';
import { DIALECTS } from '../../../test/helpers/test-env.js';
import { newId, nowIso } from '../../ids.js';
import { ingestIntoDatastore } from './datastore-load.js';
import { insertBareDataset, insertBareResource } from '../ingest/ingest.fixtures.js';
import { findDatastoreMeta } from './datastore.repository.js';
import { iterateRows } from './datastore.search.js';
import { LAZY_INDEX_MIN_ROWS } from './datastore.indexes.js';
import { queueIngestJob, runIngestJob } from '../dataset/resources/resource-load.js';
import { setJobQueue } from '../../jobs/queue-registry.js';
import { TableJobQueue } from '../../jobs/table-queue.js';

/**
 * The `_id` index of a loaded table. On PostgreSQL it is built just after the table goes live
 * (the load itself only creates and fills the table); on SQLite `_id` is the rowid. Either way a
 * page in `_id` order must come from an index, not from sorting the whole table.
 */
describe.each(DIALECTS)('datastore _id index (%s)', (dialect) => {
  let t: TestDatabase;
  let datasetId: string;
  let file: string;
  const rows = LAZY_INDEX_MIN_ROWS + 5000;

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    // A load holds a lease in the job queue, which the composition root gives every app and command.
    setJobQueue(
      t.storage.db,
      new TableJobQueue(t.storage.db, { leaseMs: 30_000, pollMs: 1000, onError: () => undefined }),
    );
    datasetId = await insertBareDataset(t.storage.db, 'nomor-baris');
    file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'terbuka-rowids-')), 'data.csv');
    fs.writeFileSync(
      file,
      'no,nama\n' + Array.from({ length: rows }, (_, i) => `${i + 1},warga ${i}`).join('\n') + '\n',
    );
  });
  afterAll(async () => {
    await t.destroy();
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  });

  async function tableOf(resourceId: string): Promise<string> {
    const row = await t.storage.db
      .selectFrom('datastore_tables')
      .select('table_name')
      .where('resource_id', '=', resourceId)
      .executeTakeFirstOrThrow();
    return row.table_name;
  }

  /** Whether the database sorts the whole table to return its first page in `_id` order. */
  async function firstPageSorts(table: string): Promise<boolean> {
    const query = sql`select * from ${sql.table(table)} order by ${sql.id('_id')} limit 50`;
    if (dialect === 'sqlite') {
      const plan = await sql<{ detail: string }>`explain query plan ${query}`.execute(t.storage.db);
      return plan.rows.some((r) => /TEMP B-TREE/.test(r.detail));
    }
    const plan = await sql<{ 'QUERY PLAN': string }>`explain ${query}`.execute(t.storage.db);
    return plan.rows.some((r) => /Sort/.test(r['QUERY PLAN']));
  }

  it('is there as soon as the ingest job that loaded the table has finished', async () => {
    const resourceId = await insertBareResource(t.storage.db, datasetId);
    const jobId = newId();
    const now = nowIso();
    await queueIngestJob(t.storage.db, { id: jobId, resourceId, at: now });
    const report = await runIngestJob(t.storage, { jobId, resourceId, datasetId, file, format: 'csv' });
    expect(report.rowsLoaded).toBe(rows);
    const job = await t.storage.db
      .selectFrom('ingest_jobs')
      .select('state')
      .where('id', '=', jobId)
      .executeTakeFirstOrThrow();
    expect(job.state).toBe('done');
    expect(await firstPageSorts(await tableOf(resourceId))).toBe(false);
  });

  it('is built by the first read of a table loaded without it (a load cut short before the index)', async () => {
    const resourceId = await insertBareResource(t.storage.db, datasetId);
    await ingestIntoDatastore(t.storage, { resourceId, datasetId, file, format: 'csv' });
    const table = await tableOf(resourceId);
    // PostgreSQL's load leaves the index to the job; SQLite's rowid is indexed from the start.
    expect(await firstPageSorts(table)).toBe(dialect === 'postgres');
    const meta = (await findDatastoreMeta(t.storage.db, resourceId))!;
    const first = await iterateRows(t.storage.db, meta, { filters: [], q: [], sort: [] }, 10).next();
    expect((first.value as Record<string, unknown>[]).map((r) => Number(r['_id']))).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
    ]);
    expect(await firstPageSorts(table)).toBe(false);
  });

  it('is built once when several processes ask for it at the same time, and a table dropped meanwhile is no error', async () => {
    const resourceId = await insertBareResource(t.storage.db, datasetId);
    await ingestIntoDatastore(t.storage, { resourceId, datasetId, file, format: 'csv' });
    const table = await tableOf(resourceId);
    await Promise.all([1, 2, 3].map(() => t.storage.dialect.bulkLoader.ensureRowIdIndex(table)));
    expect(await firstPageSorts(table)).toBe(false);
    if (dialect === 'postgres') {
      const indexes = await sql<{
        n: number;
      }>`select count(*)::int as n from pg_indexes where tablename = ${table}`.execute(t.storage.db);
      expect(indexes.rows[0]!.n).toBe(1);
    }
    await expect(t.storage.dialect.bulkLoader.ensureRowIdIndex('ds_replaced_meanwhile')).resolves.toBeUndefined();
  });

  // PostgreSQL only: SQLite's `_id` has always been the rowid.
  it.skipIf(dialect !== 'postgres')(
    'adds no second index to a table whose _id is already its primary key (loaded by an earlier release)',
    async () => {
      const table = 'ds_earlier_release';
      await sql`create table ${sql.table(table)} (${sql.id('_id')} integer primary key, nama text)`.execute(
        t.storage.db,
      );
      await t.storage.dialect.bulkLoader.ensureRowIdIndex(table);
      const indexes = await sql<{
        n: number;
      }>`select count(*)::int as n from pg_indexes where tablename = ${table}`.execute(t.storage.db);
      expect(indexes.rows[0]!.n).toBe(1);
    },
  );
});
