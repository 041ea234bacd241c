import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { from as copyFrom } from 'pg-copy-streams';
import type { Kysely } from 'kysely';
import type { DialectAdapter } from './dialect.js';
import type { SqliteAdapter } from './sqlite.js';
import type { PostgresAdapter } from './postgres.js';

export type BulkValue = string | number | null;

/** Rows in row-major order: `values.length === rows * columns.length`. */
export interface BulkBatch {
  values: BulkValue[];
  rows: number;
}

/**
 * Appends rows to a freshly created table as fast as each database allows: multi-row INSERTs
 * through prepared statements in one transaction per batch (SQLite, synchronous, so nothing
 * interleaves), or one COPY FROM STDIN of pre-formatted text (PostgreSQL). The table is not yet
 * visible to readers, so a failure leaves nothing behind once the caller drops it.
 * Returns the number of rows written.
 */
export async function bulkLoad(db: Kysely<any>, dialect: DialectAdapter, table: string, columns: string[], batches: AsyncIterable<BulkBatch>): Promise<number> {
  return dialect.name === 'sqlite'
    ? sqliteLoad(db, dialect as SqliteAdapter, table, columns, batches)
    : postgresLoad(dialect as PostgresAdapter, table, columns, batches);
}

const quoteIdent = (id: string) => '"' + id.replace(/"/g, '""') + '"';

async function sqliteLoad(db: Kysely<any>, dialect: SqliteAdapter, table: string, columns: string[], batches: AsyncIterable<BulkBatch>): Promise<number> {
  const conn = dialect.connection;
  const width = columns.length;
  // SQLite allows 32766 bound parameters per statement; ~200 rows a statement is the sweet spot.
  const perStatement = Math.max(1, Math.min(200, Math.floor(32_000 / width)));
  const head = `INSERT INTO ${quoteIdent(table)} (${columns.map(quoteIdent).join(',')}) VALUES `;
  const tuple = '(' + new Array(width).fill('?').join(',') + ')';
  const statements = new Map<number, ReturnType<typeof conn.prepare>>();
  const statementFor = (rows: number) => {
    let s = statements.get(rows);
    if (!s) {
      s = conn.prepare(head + new Array(rows).fill(tuple).join(','));
      statements.set(rows, s);
    }
    return s;
  };
  const full = statementFor(perStatement);
  const chunk = perStatement * width;
  let total = 0;
  const insertBatch = (batch: BulkBatch) => {
    const v = batch.values;
    let offset = 0;
    let remaining = batch.rows;
    while (remaining >= perStatement) {
      full.run(v.slice(offset, offset + chunk));
      offset += chunk;
      remaining -= perStatement;
    }
    if (remaining > 0) statementFor(remaining).run(v.slice(offset, offset + remaining * width));
  };
  // Transactions of ~50,000 rows: few commits, yet other queries get the connection in between.
  const iterator = batches[Symbol.asyncIterator]();
  let finished = false;
  while (!finished) {
    // Holding Kysely's connection lock keeps other queries out of this transaction.
    await db.connection().execute(async () => {
      conn.exec('BEGIN');
      try {
        let rows = 0;
        while (rows < 50_000) {
          const next = await iterator.next();
          if (next.done) {
            finished = true;
            break;
          }
          if (next.value.rows === 0) continue;
          insertBatch(next.value);
          rows += next.value.rows;
        }
        conn.exec('COMMIT');
        total += rows;
      } catch (error) {
        if (conn.inTransaction) conn.exec('ROLLBACK');
        await iterator.return?.();
        throw error;
      }
    });
  }
  return total;
}

/** COPY text format: tab-separated, \N for NULL, backslash escapes. */
function copyText(batch: BulkBatch, width: number): string {
  const v = batch.values;
  let out = '';
  for (let r = 0, i = 0; r < batch.rows; r++) {
    for (let c = 0; c < width; c++, i++) {
      const x = v[i];
      if (c > 0) out += '\t';
      if (x === null || x === undefined) out += '\\N';
      else if (typeof x === 'number') out += String(x);
      else out += needsEscape(x) ? x.replace(/[\\\t\n\r]/g, escapeChar) : x;
    }
    out += '\n';
  }
  return out;
}

function needsEscape(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 92 || c === 9 || c === 10 || c === 13) return true;
  }
  return false;
}

const escapeChar = (c: string) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r');

async function postgresLoad(dialect: PostgresAdapter, table: string, columns: string[], batches: AsyncIterable<BulkBatch>): Promise<number> {
  const client = await dialect.pool.connect();
  let total = 0;
  let failed: unknown;
  try {
    const copy = client.query(copyFrom(`COPY ${quoteIdent(table)} (${columns.map(quoteIdent).join(',')}) FROM STDIN`));
    const width = columns.length;
    async function* text() {
      for await (const batch of batches) {
        if (batch.rows === 0) continue;
        total += batch.rows;
        yield copyText(batch, width);
      }
    }
    await pipeline(Readable.from(text()), copy);
    return total;
  } catch (error) {
    failed = error;
    throw error;
  } finally {
    // A client whose COPY was aborted is discarded rather than returned to the pool.
    client.release(failed instanceof Error ? failed : failed ? true : undefined);
  }
}
