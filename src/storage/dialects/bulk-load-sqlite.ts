import type { Kysely } from 'kysely';
import type SqliteDatabase from 'better-sqlite3';
import type { BackgroundCheckpoints } from './sqlite-checkpoints.js';
import { quoteIdent } from './dialect.js';
import { ValuesWriter, type BulkBatch, type BulkValue } from './bulk-row-writers.js';
import { createTableFor, type BulkLoader } from './bulk-load.js';

/**
 * Connection settings for the duration of one bulk transaction into a brand-new table.
 * - `synchronous = OFF`: no fsync on commit. In WAL mode every frame carries a checksum chained
 *   to the frames before it, so after a crash recovery keeps only a valid prefix of the WAL:
 *   the worst outcome is losing these load transactions, and the table they fill is not yet
 *   referenced by anything (it is swapped in by the caller's own transaction, after the load).
 * The previous values are restored before the connection is handed back to other queries.
 *
 * No checkpoint runs during the load (`wal_autocheckpoint = 0`), so pages are never copied into
 * the database file unsynced; afterwards the log is checkpointed on a background thread with the
 * usual fsyncs (`BackgroundCheckpoints` in sqlite-checkpoints.ts), and until then commits here do not checkpoint.
 */
const LOAD_PRAGMAS: Array<[string, number]> = [['synchronous', 0]];
const ROWS_PER_TRANSACTION = 50_000;

/** What a SQLite bulk load needs of the adapter: its raw connection and its checkpoints. */
interface SqliteTarget {
  readonly connection: SqliteDatabase.Database;
  readonly checkpoints: BackgroundCheckpoints;
}

/**
 * SQLite's bulk loader: 400-row INSERTs through cached prepared statements in transactions of
 * ~50,000 rows, on the calling thread (an in-process library). `_id` is the rowid, which SQLite
 * assigns 1, 2, 3… in insert order, so the rows leave it out and it is indexed from the start.
 */
export function sqliteBulkLoader(target: SqliteTarget): BulkLoader {
  return {
    runsOnThisThread: true,
    rowWriter: () => new ValuesWriter(),
    async load(db, table, columns, chunks) {
      await createTableFor(db, table, columns, { rowIdIsKey: true }).execute();
      await sqliteLoad(
        db,
        target,
        table,
        columns.map((c) => c.id),
        chunks as AsyncIterable<BulkBatch>,
      );
    },
    ensureRowIdIndex: async () => undefined,
  };
}

async function sqliteLoad(
  db: Kysely<any>,
  dialect: SqliteTarget,
  table: string,
  columns: string[],
  batches: AsyncIterable<BulkBatch>,
): Promise<void> {
  const conn = dialect.connection;
  const width = columns.length;
  // SQLite allows 32766 bound parameters per statement; a few hundred rows a statement amortises
  // the per-call cost without making the statement text large.
  const perStatement = Math.max(1, Math.min(400, Math.floor(32_000 / width)));
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
  // Rows carried over between batches so that nearly every statement is a full one.
  const params: BulkValue[] = new Array(chunk);
  let filled = 0;
  const insertBatch = (batch: BulkBatch) => {
    const v = batch.values;
    const n = batch.rows * width;
    let i = 0;
    while (i < n) {
      const take = Math.min(chunk - filled, n - i);
      for (let k = 0; k < take; k++) params[filled + k] = v[i + k]!;
      filled += take;
      i += take;
      if (filled === chunk) {
        full.run(params);
        filled = 0;
      }
    }
  };
  const flush = () => {
    if (filled > 0) statementFor(filled / width).run(params.slice(0, filled));
    filled = 0;
  };
  const iterator = batches[Symbol.asyncIterator]();
  let finished = false;
  let loaded = 0;
  const loadSome = async () => {
    // Holding Kysely's connection lock keeps other queries out of this transaction.
    await db.connection().execute(async () => {
      const saved = LOAD_PRAGMAS.map(([name]) => [name, conn.pragma(name, { simple: true })] as const);
      for (const [name, value] of LOAD_PRAGMAS) conn.pragma(`${name} = ${value}`);
      conn.exec('BEGIN');
      try {
        let rows = 0;
        while (rows < ROWS_PER_TRANSACTION) {
          const next = await iterator.next();
          if (next.done) {
            finished = true;
            break;
          }
          if (next.value.rows === 0) continue;
          insertBatch(next.value);
          rows += next.value.rows;
        }
        flush();
        conn.exec('COMMIT');
        loaded += rows;
      } catch (error) {
        if (conn.inTransaction) conn.exec('ROLLBACK');
        await iterator.return?.();
        throw error;
      } finally {
        for (const [name, value] of saved) conn.pragma(`${name} = ${Number(value)}`);
      }
    });
  };
  dialect.checkpoints.hold();
  try {
    while (!finished) await loadSome();
  } finally {
    // A load of more than one transaction leaves a log worth copying off this thread.
    void dialect.checkpoints.release(loaded >= ROWS_PER_TRANSACTION);
  }
}
