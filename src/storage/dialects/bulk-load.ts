import type { Kysely } from 'kysely';
import type { DialectAdapter } from './dialect.js';
import type { SqliteAdapter } from './sqlite.js';
import type { PostgresAdapter } from './postgres.js';
import { CopyTextWriter, ValuesWriter, type BulkBatch, type BulkChunk, type RowWriter } from './bulk-row-writers.js';
export { copyDelimiter } from './bulk-row-writers.js';
import { sqliteLoad } from './bulk-load-sqlite.js';
import { postgresLoad, postgresRowIdIndex } from './bulk-load-postgres.js';

export type { BulkBatch, BulkChunk, BulkValue, RowWriter } from './bulk-row-writers.js';

export type BulkColumnType = 'bigint' | 'double precision' | 'integer' | 'varchar(10)' | 'text';

export interface BulkColumn {
  id: string;
  type: BulkColumnType;
}

/**
 * Whether `bulkLoad` does its inserting on the calling thread (SQLite, an in-process library):
 * then reading and converting the file on another thread lets the two overlap.
 */
export function bulkLoadRunsOnThisThread(dialect: DialectAdapter): boolean {
  return dialect.name === 'sqlite';
}

/**
 * A writer producing rows in the form `bulkLoad` takes on this database. `delimiter`: the COPY
 * delimiter ({@link copyDelimiter} of the file's), which `bulkLoad` must be given too.
 */
export function createRowWriter(dialect: DialectAdapter, delimiter = '\t'): RowWriter {
  return dialect.name === 'sqlite' ? new ValuesWriter() : new CopyTextWriter(delimiter);
}

/**
 * Creates `table` with an integer `_id` key followed by `columns`, and fills it as fast as each
 * database allows from chunks made by {@link createRowWriter}'s writer:
 * - SQLite: 400-row INSERTs through cached prepared statements in transactions of ~50,000 rows
 *   (`_id` is the rowid, which SQLite assigns in insert order, so the rows do not carry it);
 * - PostgreSQL: the table created and filled by COPY FREEZE in one transaction; its `_id` index
 *   comes later, from {@link ensureRowIdIndex}, once the table is live.
 * The table is not yet visible to readers: on failure the caller drops it and nothing else changed.
 */
export async function bulkLoad(db: Kysely<any>, dialect: DialectAdapter, table: string, columns: BulkColumn[], chunks: AsyncIterable<BulkChunk>, delimiter = '\t'): Promise<void> {
  const names = ['_id', ...columns.map((c) => c.id)];
  let create = db.schema.createTable(table).addColumn('_id', 'integer', (c) => (dialect.name === 'sqlite' ? c.primaryKey() : c.notNull()));
  for (const c of columns) create = create.addColumn(c.id, c.type);
  // On SQLite `_id` is the rowid: assigned 1, 2, 3… in insert order, so the rows leave it out.
  if (dialect.name === 'sqlite') {
    await create.execute();
    await sqliteLoad(db, dialect as SqliteAdapter, table, names.slice(1), chunks as AsyncIterable<BulkBatch>);
  } else await postgresLoad(dialect as PostgresAdapter, create.compile().sql, table, names, chunks as AsyncIterable<Buffer>, delimiter);
}

/**
 * Makes sure a table `bulkLoad` made has its unique `_id` index, without which paging in `_id`
 * order sorts the whole table. SQLite's `_id` is the rowid, indexed from the start. On PostgreSQL
 * the index is built after the load, when the table is already live (1M rows: ~0.25 s); callers
 * that page by `_id` call this first, so a table whose build was cut short (a crash) gets it on
 * first use. Cheap once the index is there.
 */
export async function ensureRowIdIndex(dialect: DialectAdapter, table: string): Promise<void> {
  if (dialect.name === 'postgres') await postgresRowIdIndex(dialect as PostgresAdapter, table);
}
