import type { CreateTableBuilder, Kysely } from 'kysely';
import type { BulkChunk, RowWriter } from './bulk-row-writers.js';
export { copyDelimiter } from './bulk-row-writers.js';

export type { BulkBatch, BulkChunk, BulkValue, RowWriter } from './bulk-row-writers.js';

export type BulkColumnType = 'bigint' | 'double precision' | 'integer' | 'varchar(10)' | 'text';

export interface BulkColumn {
  id: string;
  type: BulkColumnType;
}

/**
 * How this database loads a whole new table fast: each dialect adapter has one (`bulkLoader`,
 * made in bulk-load-sqlite.ts and bulk-load-postgres.ts), so code outside `storage/dialects/`
 * asks for the capability, never which database it is on.
 */
export interface BulkLoader {
  /**
   * Whether `load` does its inserting on the calling thread (SQLite, an in-process library):
   * then reading and converting the file on another thread lets the two overlap.
   */
  readonly runsOnThisThread: boolean;
  /**
   * A writer producing rows in the form `load` takes on this database. `delimiter`: the COPY
   * delimiter ({@link copyDelimiter} of the file's), which `load` must be given too.
   */
  rowWriter(delimiter?: string): RowWriter;
  /**
   * Creates `table` with an integer `_id` key followed by `columns`, and fills it from chunks
   * made by {@link rowWriter}'s writer. The table is not yet visible to readers: on failure the
   * caller drops it and nothing else changed.
   */
  load(
    db: Kysely<any>,
    table: string,
    columns: BulkColumn[],
    chunks: AsyncIterable<BulkChunk>,
    delimiter?: string,
  ): Promise<void>;
  /**
   * Makes sure a table `load` made has its unique `_id` index, without which paging in `_id`
   * order sorts the whole table. SQLite's `_id` is the rowid, indexed from the start. On PostgreSQL
   * the index is built after the load, when the table is already live (1M rows: ~0.25 s); callers
   * that page by `_id` call this first, so a table whose build was cut short (a crash) gets it on
   * first use. Cheap once the index is there.
   */
  ensureRowIdIndex(table: string): Promise<void>;
}

/** The CREATE TABLE of a bulk-loaded table: `_id` (the key where it is the rowid, else only NOT NULL) then the columns. */
export function createTableFor(
  db: Kysely<any>,
  table: string,
  columns: BulkColumn[],
  o: { rowIdIsKey: boolean },
): CreateTableBuilder<string, never> {
  let create = db.schema
    .createTable(table)
    .addColumn('_id', 'integer', (c) => (o.rowIdIsKey ? c.primaryKey() : c.notNull()));
  for (const c of columns) create = create.addColumn(c.id, c.type);
  return create;
}
