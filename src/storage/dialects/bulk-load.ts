import type { Kysely } from 'kysely';
import type { DialectAdapter } from './dialect.js';
import type { SqliteAdapter } from './sqlite.js';
import type { PostgresAdapter } from './postgres.js';
import { CopyTextWriter, ValuesWriter, type BulkBatch, type BulkChunk, type RowWriter } from './bulk-row-writers.js';
import { sqliteLoad } from './bulk-load-sqlite.js';
import { postgresLoad } from './bulk-load-postgres.js';

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

/** A writer producing rows in the form `bulkLoad` takes on this database. */
export function createRowWriter(dialect: DialectAdapter): RowWriter {
  return dialect.name === 'sqlite' ? new ValuesWriter() : new CopyTextWriter();
}

/**
 * Creates `table` with an integer `_id` key followed by `columns`, and fills it as fast as each
 * database allows from chunks made by {@link createRowWriter}'s writer:
 * - SQLite: 400-row INSERTs through cached prepared statements in transactions of ~50,000 rows
 *   (`_id` is the rowid, which SQLite assigns in insert order, so the rows do not carry it);
 * - PostgreSQL: COPY text over one connection, and the primary key built afterwards.
 * The table is not yet visible to readers: on failure the caller drops it and nothing else changed.
 */
export async function bulkLoad(db: Kysely<any>, dialect: DialectAdapter, table: string, columns: BulkColumn[], chunks: AsyncIterable<BulkChunk>): Promise<void> {
  const names = ['_id', ...columns.map((c) => c.id)];
  let create = db.schema.createTable(table).addColumn('_id', 'integer', (c) => (dialect.name === 'sqlite' ? c.primaryKey() : c.notNull()));
  for (const c of columns) create = create.addColumn(c.id, c.type);
  await create.execute();
  // On SQLite `_id` is the rowid: assigned 1, 2, 3… in insert order, so the rows leave it out.
  if (dialect.name === 'sqlite') await sqliteLoad(db, dialect as SqliteAdapter, table, names.slice(1), chunks as AsyncIterable<BulkBatch>);
  else await postgresLoad(dialect as PostgresAdapter, table, names, chunks as AsyncIterable<Buffer>);
}
