import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { quoteIdent } from './dialect.js';
import { CopyTextWriter } from './bulk-row-writers.js';
import { createTableFor, type BulkLoader } from './bulk-load.js';

/** What a PostgreSQL bulk load needs of the adapter: its pool (one connection per load). */
interface PostgresTarget {
  readonly pool: pg.Pool;
}

/**
 * PostgreSQL's bulk loader: the table created and filled by COPY FREEZE in one transaction (rows as
 * COPY text in the file's own delimiter); its `_id` index comes later, from `ensureRowIdIndex`,
 * once the table is live. The server does the inserting, so nothing runs on this thread meanwhile.
 */
export function postgresBulkLoader(target: PostgresTarget): BulkLoader {
  return {
    runsOnThisThread: false,
    rowWriter: (delimiter = '\t') => new CopyTextWriter(delimiter),
    load: (db, table, columns, chunks, delimiter = '\t') =>
      postgresLoad(
        target,
        createTableFor(db, table, columns, { rowIdIsKey: false }).compile().sql,
        table,
        ['_id', ...columns.map((c) => c.id)],
        chunks as AsyncIterable<Buffer>,
        delimiter,
      ),
    ensureRowIdIndex: (table) => postgresRowIdIndex(target, table),
  };
}

/**
 * Creates a table and loads chunks of COPY text (whole rows each) into it, in one transaction
 * over one COPY connection. Created and filled in the same transaction, the rows go in frozen
 * (COPY FREEZE: no later hint-bit writes or vacuum before index-only scans) and, on failure, the
 * rollback leaves no table behind. Nothing can see the table before the commit.
 *
 * The `_id` index is not built here but by {@link postgresRowIdIndex} once the table is live.
 *
 * One connection, not several: the parsing here is the slower side, and on a 2-core machine a
 * second server process only took CPU from it (1M rows: 1.74–1.80 s with one COPY stream,
 * 1.86–1.96 s with two, in alternating runs).
 */
async function postgresLoad(
  dialect: PostgresTarget,
  createTable: string,
  table: string,
  columns: string[],
  chunks: AsyncIterable<Buffer>,
  delimiter: string,
): Promise<void> {
  await inTransaction(dialect, async (client) => {
    await client.query(createTable);
    const delimiterLiteral = delimiter === '\t' ? "E'\\t'" : `'${delimiter}'`;
    const stream = client.query(
      copyFrom(
        `COPY ${quoteIdent(table)} (${columns.map(quoteIdent).join(',')}) FROM STDIN (FREEZE, DELIMITER ${delimiterLiteral})`,
      ),
    );
    const done = finished(stream);
    // Keeps a failed stream from being an unhandled rejection before the end is awaited.
    done.catch(() => undefined);
    try {
      for await (const chunk of chunks) {
        if (chunk.length === 0) continue;
        if (!stream.write(chunk)) await Promise.race([once(stream, 'drain'), done]);
        if (stream.errored) throw stream.errored;
      }
      stream.end();
      await done;
    } catch (error) {
      if (!stream.destroyed) stream.destroy(error instanceof Error ? error : new Error(String(error)));
      throw error;
    }
  });
}

/**
 * The unique `_id` index of a table `postgresLoad` made, built once the table is live: built in
 * one pass over sorted keys it costs a fraction of maintaining it row by row during the COPY, and
 * readers are not held up (CREATE INDEX blocks writes only, and nothing writes to a loaded table).
 * Idempotent; callers in several processes queue on an advisory lock and the later ones find the
 * index there. A table dropped meanwhile (replaced by a newer load) is not an error, and a table
 * that already has a unique `_id` index (a primary key from an earlier release) keeps only that.
 */
async function postgresRowIdIndex(dialect: PostgresTarget, table: string): Promise<void> {
  await inTransaction(dialect, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['terbuka:_id:' + table]);
    // The table may be gone, or have its unique `_id` index already: built here, or the primary
    // key of a table loaded before the index moved out of the load.
    const found = await client.query<{ table: string | null; indexed: boolean }>(
      `SELECT to_regclass($1) AS table, EXISTS (
         SELECT 1 FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
         WHERE i.indrelid = to_regclass($1) AND i.indisunique AND i.indnatts = 1 AND a.attname = '_id') AS indexed`,
      [quoteIdent(table)],
    );
    const state = found.rows[0];
    if (state?.table && !state.indexed)
      await client.query(`CREATE UNIQUE INDEX ${quoteIdent(rowIdIndexName(table))} ON ${quoteIdent(table)} ("_id")`);
  });
}

/**
 * Runs `work` in a transaction on a connection of its own. A connection whose work failed is
 * discarded rather than returned to the pool, which also rolls its transaction back.
 */
async function inTransaction(dialect: PostgresTarget, work: (client: pg.PoolClient) => Promise<void>): Promise<void> {
  const client = await dialect.pool.connect();
  let failed = false;
  try {
    await client.query('BEGIN');
    await work(client);
    await client.query('COMMIT');
  } catch (error) {
    failed = true;
    throw error;
  } finally {
    client.release(failed ? true : undefined);
  }
}

/** The `_id` index's name: the table's name (at most 44 characters) and a suffix. */
const rowIdIndexName = (table: string): string => `${table}_id_key`;
