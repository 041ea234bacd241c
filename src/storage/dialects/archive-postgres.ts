import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { once } from 'node:events';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DatabaseArchive } from './database-archive.js';
import { quoteIdent } from './dialect.js';

/**
 * PostgreSQL's part of a backup: a logical dump through the driver (no pg_dump on the app's
 * machine, no superuser), read in one REPEATABLE READ snapshot. Each table is a JSON-lines file
 * (first line its columns, then one array of values a row, bytes as `{"$b": base64}`), paged by
 * `ctid` so no table is ever held whole; `schema.json` keeps what migrations do not make again:
 * the CREATE TABLE and indexes of every table (used for the datastore's own tables).
 */

const PAGE_ROWS = 2000;
/** PostgreSQL takes at most 65,535 parameters a statement. */
const MAX_PARAMETERS = 30_000;

interface TableSchema {
  name: string;
  create: string;
  indexes: string[];
}

const tableFile = (dir: string, table: string) => path.join(dir, 'tables', `${table}.jsonl`);

const encode = (value: unknown): unknown =>
  Buffer.isBuffer(value) ? { $b: value.toString('base64') } : value instanceof Date ? value.toISOString() : value;

const decode = (value: unknown): unknown =>
  value && typeof value === 'object' && !Array.isArray(value) && typeof (value as { $b?: unknown }).$b === 'string'
    ? Buffer.from((value as { $b: string }).$b, 'base64')
    : value;

async function tableNames(db: Kysely<any>): Promise<string[]> {
  const rows = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`.execute(db);
  return rows.rows.map((r) => r.name);
}

async function schemaOf(db: Kysely<any>, table: string): Promise<TableSchema> {
  const columns = await sql<{ name: string; type: string; not_null: boolean; default_value: string | null }>`
    select a.attname as name, format_type(a.atttypid, a.atttypmod) as type, a.attnotnull as not_null,
           pg_get_expr(d.adbin, d.adrelid) as default_value
    from pg_attribute a left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
    where a.attrelid = ${sql.lit(`${quoteIdent(table)}`)}::regclass and a.attnum > 0 and not a.attisdropped
    order by a.attnum`.execute(db);
  const indexes = await sql<{ def: string }>`
    select indexdef as def from pg_indexes where schemaname = current_schema() and tablename = ${table}
    order by indexname`.execute(db);
  const defs = columns.rows.map(
    (c) =>
      `${quoteIdent(c.name)} ${c.type}${c.not_null ? ' not null' : ''}${c.default_value ? ` default ${c.default_value}` : ''}`,
  );
  return {
    name: table,
    create: `create table ${quoteIdent(table)} (${defs.join(', ')})`,
    indexes: indexes.rows.map((r) => r.def),
  };
}

async function dumpTable(trx: Transaction<any>, dir: string, table: string): Promise<void> {
  const out = fs.createWriteStream(tableFile(dir, table));
  const write = async (line: string) => {
    if (!out.write(`${line}\n`)) await once(out, 'drain');
  };
  try {
    const columns = await sql<{ name: string }>`
      select attname as name from pg_attribute
      where attrelid = ${sql.lit(quoteIdent(table))}::regclass and attnum > 0 and not attisdropped
      order by attnum`.execute(trx);
    const names = columns.rows.map((c) => c.name);
    await write(JSON.stringify({ columns: names }));
    let after = '(0,0)';
    for (;;) {
      const page = await sql<Record<string, unknown>>`
        select ctid::text as "$ctid", * from ${sql.table(table)} where ctid > ${after}::tid
        order by ctid limit ${PAGE_ROWS}`.execute(trx);
      for (const row of page.rows) await write(JSON.stringify(names.map((n) => encode(row[n]))));
      if (page.rows.length < PAGE_ROWS) break;
      after = String(page.rows.at(-1)!.$ctid);
    }
  } finally {
    out.end();
    await once(out, 'close');
  }
}

async function loadTable(db: Kysely<any>, dir: string, table: string): Promise<void> {
  const lines = readline.createInterface({ input: fs.createReadStream(tableFile(dir, table)), crlfDelay: Infinity });
  let columns: string[] | null = null;
  let batch: Record<string, unknown>[] = [];
  let batchRows = 1;
  const flush = async () => {
    if (batch.length) await db.insertInto(table).values(batch).execute();
    batch = [];
  };
  for await (const line of lines) {
    if (!line) continue;
    if (!columns) {
      columns = (JSON.parse(line) as { columns: string[] }).columns;
      batchRows = Math.max(1, Math.min(1000, Math.floor(MAX_PARAMETERS / Math.max(1, columns.length))));
      continue;
    }
    const values = JSON.parse(line) as unknown[];
    batch.push(Object.fromEntries(columns.map((c, i) => [c, decode(values[i])])));
    if (batch.length >= batchRows) await flush();
  }
  await flush();
}

export const postgresArchive: DatabaseArchive = {
  async dump(db, dir, { skipTables }) {
    fs.mkdirSync(path.join(dir, 'tables'), { recursive: true });
    await db
      .transaction()
      .setIsolationLevel('repeatable read')
      .setAccessMode('read only')
      .execute(async (trx) => {
        const tables = (await tableNames(trx)).filter((t) => !skipTables.includes(t));
        const schema: TableSchema[] = [];
        for (const table of tables) {
          schema.push(await schemaOf(trx, table));
          await dumpTable(trx, dir, table);
        }
        fs.writeFileSync(path.join(dir, 'schema.json'), JSON.stringify({ tables: schema }, null, 1));
      });
  },

  tables: tableNames,

  async place() {},

  async load(db, dir) {
    const { tables } = JSON.parse(fs.readFileSync(path.join(dir, 'schema.json'), 'utf8')) as { tables: TableSchema[] };
    await db.transaction().execute(async (trx) => {
      const existing = new Set(await tableNames(trx));
      // Rows go in table by table, so foreign keys wait until all are there (then every row is checked).
      const foreignKeys = await sql<{ table_name: string; name: string; def: string }>`
        select c.conrelid::regclass::text as table_name, c.conname as name, pg_get_constraintdef(c.oid) as def
        from pg_constraint c join pg_namespace n on n.oid = c.connamespace
        where c.contype = 'f' and n.nspname = current_schema()`.execute(trx);
      for (const fk of foreignKeys.rows)
        await sql`alter table ${sql.raw(fk.table_name)} drop constraint ${sql.ref(fk.name)}`.execute(trx);
      for (const t of tables) {
        // Rows a migration wrote (a singleton, a default) give way to the dumped ones.
        if (existing.has(t.name)) await sql`delete from ${sql.table(t.name)}`.execute(trx);
        else await sql.raw(t.create).execute(trx);
        await loadTable(trx, dir, t.name);
        if (!existing.has(t.name)) for (const index of t.indexes) await sql.raw(index).execute(trx);
      }
      for (const fk of foreignKeys.rows)
        await sql`alter table ${sql.raw(fk.table_name)} add constraint ${sql.ref(fk.name)} ${sql.raw(fk.def)}`.execute(
          trx,
        );
      // Rows are in; the planner should know.
      await sql`analyze`.execute(trx);
    });
  },

  async clear(db) {
    for (const table of await tableNames(db)) await sql`drop table if exists ${sql.table(table)} cascade`.execute(db);
  },
};
