import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../../storage/database.js';
import { escapeLike } from '../../storage/like-pattern.js';
import type { DatastoreField } from '../ingest/ingest.table.js';
import type { DatastoreMeta } from './datastore.repository.js';
import { ID_FIELD, type DatastoreSearch } from './datastore.params.js';
import { ensureQueryIndex, ensureRowIds, LAZY_INDEX_MIN_ROWS } from './datastore.indexes.js';

export type Row = Record<string, unknown>;

export interface SearchOutcome {
  fields: DatastoreField[];
  /** Rows keyed by column id, values in their public form (booleans as true/false). */
  rows: Row[];
  total: number | null;
}

/** The WHERE clause of a search; every value is a bound parameter. */
export function whereClause(search: Pick<DatastoreSearch, 'filters' | 'q'>): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [];
  for (const f of search.filters) {
    const col = sql.id(f.column);
    const nonNull = f.values.filter((v) => v !== null);
    const alternatives: RawBuilder<unknown>[] = [];
    if (nonNull.length === 1) alternatives.push(sql`${col} = ${nonNull[0]}`);
    else if (nonNull.length > 1) alternatives.push(sql`${col} in (${sql.join(nonNull)})`);
    if (nonNull.length !== f.values.length) alternatives.push(sql`${col} is null`);
    parts.push(alternatives.length === 1 ? alternatives[0]! : sql`(${sql.join(alternatives, sql` or `)})`);
  }
  for (const group of search.q) {
    for (const word of group.words) {
      const pattern = `%${escapeLike(word.toLowerCase())}%`;
      const any = group.columns.map((c) => sql`lower(cast(${sql.id(c)} as text)) like ${pattern} escape '\\'`);
      parts.push(sql`(${sql.join(any, sql` or `)})`);
    }
  }
  return parts.length ? sql`where ${sql.join(parts, sql` and `)}` : sql``;
}

function orderClause(search: DatastoreSearch): RawBuilder<unknown> {
  const items = search.sort.map((s) => sql`${sql.id(s.column)} ${sql.raw(s.desc ? 'desc' : 'asc')}`);
  if (search.distinct) {
    // Stable order for DISTINCT: every selected column, after the requested sort.
    for (const c of search.fields) if (!search.sort.some((s) => s.column === c)) items.push(sql`${sql.id(c)} asc`);
  } else if (!search.sort.some((s) => s.column === '_id')) {
    // _id last keeps paging stable when sort values repeat; it runs the same way as the last sort
    // key so one index (…, sort, _id) serves the whole order, forwards or backwards.
    const last = search.sort[search.sort.length - 1];
    items.push(sql`${sql.id('_id')} ${sql.raw(last?.desc ? 'desc' : 'asc')}`);
  }
  return items.length ? sql`order by ${sql.join(items)}` : sql``;
}

/** Rows as stored → public values: booleans back to true/false, everything else as is. */
export function publicRow(row: Row, fields: DatastoreField[]): Row {
  for (const f of fields) {
    if (f.type === 'bool' && row[f.id] !== null && row[f.id] !== undefined) row[f.id] = Number(row[f.id]) === 1;
    else if ((f.type === 'int' || f.type === 'float') && typeof row[f.id] === 'string') row[f.id] = Number(row[f.id]);
  }
  return row;
}

export function selectedFields(meta: DatastoreMeta, columns: string[]): DatastoreField[] {
  const byId = new Map([ID_FIELD, ...meta.fields].map((f) => [f.id, f]));
  return columns.map((c) => byId.get(c)!);
}

/** Runs a validated search against the resource's table. */
export async function executeSearch(db: Db, meta: DatastoreMeta, search: DatastoreSearch): Promise<SearchOutcome> {
  await ensureQueryIndex(db, meta, search);
  const table = sql.table(meta.tableName);
  const where = whereClause(search);
  const cols = sql.join(search.fields.map((c) => sql.id(c)));
  const select = search.distinct ? sql`select distinct ${cols}` : sql`select ${cols}`;
  const rowsQuery = sql<Row>`${select} from ${table} ${where} ${orderClause(search)} limit ${search.limit} offset ${search.offset}`;
  const fields = selectedFields(meta, search.fields);
  const countQuery = (): Promise<number | null> => {
    if (!search.includeTotal) return Promise.resolve(null);
    if (!search.filters.length && !search.q.length && !search.distinct) return Promise.resolve(meta.rowCount);
    const counted = search.distinct
      ? sql<{ n: number }>`select count(*) as n from (select distinct ${cols} from ${table} ${where}) d`
      : sql<{ n: number }>`select count(*) as n from ${table} ${where}`;
    return counted.execute(db).then((r) => Number(r.rows[0]?.n ?? 0));
  };
  // The page and the count run side by side (on PostgreSQL they take two pool connections).
  const [{ rows }, total] = await Promise.all([rowsQuery.execute(db), countQuery()]);
  return { fields, rows: rows.map((r) => publicRow(r, fields)), total };
}

/** Streams every matching row in _id order, in pages, for dumps and downloads. */
export async function* iterateRows(
  db: Db,
  meta: DatastoreMeta,
  search: Pick<DatastoreSearch, 'filters' | 'q' | 'sort'>,
  pageSize = 5000,
): AsyncGenerator<Row[]> {
  const fields = [ID_FIELD, ...meta.fields];
  const cols = sql.join(fields.map((f) => sql.id(f.id)));
  const where = whereClause(search);
  const table = sql.table(meta.tableName);
  if (meta.rowCount >= LAZY_INDEX_MIN_ROWS) await ensureRowIds(db, meta.tableName);
  if (search.sort.length) {
    // A user-chosen order: page by offset (the order is only stable with _id as tiebreaker).
    const last = search.sort[search.sort.length - 1]!;
    const order = sql.join([
      ...search.sort.map((s) => sql`${sql.id(s.column)} ${sql.raw(s.desc ? 'desc' : 'asc')}`),
      sql`${sql.id('_id')} ${sql.raw(last.desc ? 'desc' : 'asc')}`,
    ]);
    for (let offset = 0; ; offset += pageSize) {
      const { rows } =
        await sql<Row>`select ${cols} from ${table} ${where} order by ${order} limit ${pageSize} offset ${offset}`.execute(
          db,
        );
      if (rows.length) yield rows.map((r) => publicRow(r, fields));
      if (rows.length < pageSize) return;
    }
  }
  // Keyset paging on _id: constant cost per page however deep the dump goes.
  let after = -1;
  const and = search.filters.length || search.q.length ? sql`and` : sql`where`;
  for (;;) {
    const { rows } =
      await sql<Row>`select ${cols} from ${table} ${where} ${and} ${sql.id('_id')} > ${after} order by ${sql.id('_id')} limit ${pageSize}`.execute(
        db,
      );
    if (rows.length) yield rows.map((r) => publicRow(r, fields));
    if (rows.length < pageSize) return;
    after = Number(rows[rows.length - 1]!['_id']);
  }
}
