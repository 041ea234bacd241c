import type { Kysely } from 'kysely';
import type { Storage } from '../../storage/database.js';
import type { BulkChunk, BulkColumn, BulkColumnType } from '../../storage/dialects/bulk-load.js';
import { dropDatastoreTable, ensureRowIds } from '../datastore/datastore.indexes.js';
import { datastoreTableName } from '../datastore/datastore-load.js';
import type { DatastoreField, FieldType } from '../ingest/ingest.table.js';
import { jobQueueOf } from '../../jobs/queue-registry.js';

const COLUMN_TYPES: Record<FieldType, BulkColumnType> = {
  int: 'bigint',
  float: 'double precision',
  bool: 'integer',
  date: 'varchar(10)',
  period: 'text',
  text: 'text',
};
const PAGE = 5000;

/** What to do with one column while copying: leave out (drop) or replace each value (mask). */
export type ColumnChange = { column: string; drop: true } | { column: string; mask: (value: string) => string };

/**
 * Copies a datastore table into a NEW table without the dropped column, or with the masked one
 * (as text), keeping `_id` and row order. Returns the new table's name and fields; the caller swaps
 * it in (in its transaction) and then drops the old one with {@link dropDatastoreTable}. A new
 * table, rather than ALTER TABLE, leaves no index on the old column behind and no old values in
 * free pages, and works the same on both databases through the bulk loader.
 */
export async function rewriteWithout(
  storage: Storage,
  owner: string,
  table: string,
  fields: DatastoreField[],
  change: ColumnChange,
): Promise<{ table: string; fields: DatastoreField[] }> {
  // Held as a job lease, so the sweep of leftovers never drops the table while it fills, and
  // drops it if this process dies before the swap (dataset/resources/load-sweep.ts).
  const queue = jobQueueOf(storage.db);
  const lease = await queue.claimHere('privacy.rewrite', { resourceId: owner }, {});
  return queue.runClaimed(lease, () => copyWithout(storage, owner, table, fields, change));
}

async function copyWithout(
  storage: Storage,
  owner: string,
  table: string,
  fields: DatastoreField[],
  change: ColumnChange,
): Promise<{ table: string; fields: DatastoreField[] }> {
  const { db, dialect } = storage;
  const next =
    'drop' in change
      ? fields.filter((f) => f.id !== change.column)
      : fields.map((f) => (f.id === change.column ? { ...f, type: 'text' as const } : f));
  const mask = 'drop' in change ? null : change.mask;
  const columns: BulkColumn[] = next.map((f) => ({ id: f.id, type: COLUMN_TYPES[f.type] }));
  const name = datastoreTableName(owner);
  await ensureRowIds(db, table);
  const writer = dialect.bulkLoader.rowWriter();
  async function* chunks(): AsyncGenerator<BulkChunk> {
    let last = 0;
    for (;;) {
      const page = (db as unknown as Kysely<any>)
        .selectFrom(table)
        .selectAll()
        .where('_id', '>', last)
        .orderBy('_id')
        .limit(PAGE);
      const rows = (await page.execute()) as Record<string, unknown>[];
      if (rows.length === 0) return;
      for (const row of rows) {
        last = Number(row['_id']);
        writer.startRow(last);
        for (const f of next) {
          let v = row[f.id];
          if (mask && v !== null && v !== undefined && f.id === change.column) v = mask(String(v));
          if (v === null || v === undefined) writer.null();
          else if (typeof v === 'number') writer.number(v);
          else writer.string(String(v));
        }
      }
      yield writer.take();
    }
  }
  // SQLite's loader holds the one connection in its transactions: read everything first there.
  let source: AsyncIterable<BulkChunk> = chunks();
  if (dialect.bulkLoader.runsOnThisThread) {
    const all: BulkChunk[] = [];
    for await (const chunk of chunks()) all.push(chunk);
    source = (async function* () {
      yield* all;
    })();
  }
  try {
    await dialect.bulkLoader.load(db, name, columns, source);
    await ensureRowIds(db, name);
  } catch (error) {
    await dropDatastoreTable(db, name);
    throw error;
  }
  return { table: name, fields: next };
}
