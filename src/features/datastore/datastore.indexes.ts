import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { dialectOf, type Db, type DbOrTrx } from '../../storage/database.js';
import { findDatastoreMeta, type DatastoreMeta } from './datastore.repository.js';
import type { DatastoreSearch } from './datastore.params.js';

/** Tables smaller than this are scanned faster than an index can be built for them. */
export const LAZY_INDEX_MIN_ROWS = 20_000;
/** Per table, at most this many indexes are added on demand (each costs space and load time). */
export const MAX_LAZY_INDEXES = 12;
/** At ingest, every column is indexed when the table has at most this many rows. */
export const EAGER_INDEX_MAX_ROWS = 50_000;

const known = new Map<string, Set<string>>();
/** Tables whose `_id` index is known to exist. */
const rowIdsIndexed = new Set<string>();

/**
 * Makes sure a datastore table has its unique `_id` index (on PostgreSQL it is built just after
 * the table goes live; see BulkLoader.ensureRowIdIndex). Call before paging in `_id` order.
 */
export async function ensureRowIds(db: Db, tableName: string): Promise<void> {
  if (rowIdsIndexed.has(tableName)) return;
  await dialectOf(db).bulkLoader.ensureRowIdIndex(tableName);
  rowIdsIndexed.add(tableName);
}

/** Builds the `_id` index of a resource's newly loaded table, if it has one. */
export async function indexRowIdsOf(db: Db, resourceId: string): Promise<void> {
  const row = await db
    .selectFrom('datastore_tables')
    .select('table_name')
    .where('resource_id', '=', resourceId)
    .executeTakeFirst();
  if (row) await ensureRowIds(db, row.table_name);
}

function indexName(table: string, columns: string[]): string {
  // Index names are global in SQLite and limited to 63 bytes in PostgreSQL: a hash is both unique and short.
  return (
    'dsx_' +
    createHash('sha1')
      .update(table + '\0' + columns.join('\0'))
      .digest('hex')
      .slice(0, 20)
  );
}

async function createIndex(db: DbOrTrx, table: string, columns: string[]): Promise<string> {
  const name = indexName(table, columns);
  const seen = known.get(table) ?? new Set<string>();
  known.set(table, seen);
  if (seen.has(name)) return name;
  await sql`create index if not exists ${sql.id(name)} on ${sql.table(table)} (${sql.join(columns.map((c) => sql.id(c)))})`.execute(
    db,
  );
  seen.add(name);
  return name;
}

/**
 * Indexes a resource's datastore table so filters and sorts are fast. Call it after a table has
 * been loaded (the ingest does, outside its timed load); it is idempotent and cheap to repeat.
 * Tables up to 50,000 rows get an index on every column; larger ones on the wilayah column and
 * any `columns` given, and then grow composite (filter…, sort, _id) indexes on first use.
 * Returns the names of the indexes that now exist for the table.
 */
export async function ensureDatastoreIndexes(
  db: DbOrTrx,
  resourceId: string,
  columns: string[][] = [],
): Promise<string[]> {
  const meta = await findDatastoreMeta(db, resourceId);
  if (!meta) return [];
  const ids = new Set(meta.fields.map((f) => f.id));
  const sets: string[][] = [];
  if (meta.rowCount <= EAGER_INDEX_MAX_ROWS) for (const f of meta.fields) sets.push([f.id]);
  else if (meta.wilayahColumn && ids.has(meta.wilayahColumn)) sets.push([meta.wilayahColumn]);
  for (const set of columns) if (set.length && set.every((c) => ids.has(c))) sets.push(set);
  const names: string[] = [];
  for (const set of sets) names.push(await createIndex(db, meta.tableName, set));
  return names;
}

/**
 * Takes a resource's datastore table away: its registration in `datastore_tables` and the table
 * itself. Returns whether it had one.
 */
export async function dropDatastoreOf(db: DbOrTrx, resourceId: string): Promise<boolean> {
  const store = await db
    .selectFrom('datastore_tables')
    .select('table_name')
    .where('resource_id', '=', resourceId)
    .executeTakeFirst();
  if (!store) return false;
  await db.deleteFrom('datastore_tables').where('resource_id', '=', resourceId).execute();
  await dropDatastoreTable(db, store.table_name);
  return true;
}

/** Drops a datastore table (if it is there) and forgets what this process knew of its indexes. */
export async function dropDatastoreTable(db: DbOrTrx, tableName: string): Promise<void> {
  await db.schema.dropTable(tableName).ifExists().execute();
  known.delete(tableName);
  rowIdsIndexed.delete(tableName);
}

/**
 * Before a search on a large table: makes sure an index serves its equality filters and its first
 * sort column, in the order (filters…, sort, _id) that lets the database read the first page
 * straight from the index instead of sorting the whole match.
 */
export async function ensureQueryIndex(db: Db, meta: DatastoreMeta, search: DatastoreSearch): Promise<void> {
  if (meta.rowCount < LAZY_INDEX_MIN_ROWS) return;
  await ensureRowIds(db, meta.tableName);
  if (search.distinct) return;
  const filterCols = search.filters
    .map((f) => f.column)
    .filter((c) => c !== '_id')
    .sort();
  const sortCol = search.sort[0]?.column;
  const columns = [...filterCols];
  if (sortCol && sortCol !== '_id' && !columns.includes(sortCol)) columns.push(sortCol);
  if (!columns.length) return;
  columns.push('_id');
  const name = indexName(meta.tableName, columns);
  const seen = known.get(meta.tableName);
  if (seen?.has(name)) return;
  if ((seen?.size ?? 0) >= MAX_LAZY_INDEXES) return;
  await createIndex(db, meta.tableName, columns);
}
