import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import SqliteDatabase from 'better-sqlite3';
import { plainWorkerExecArgv } from '../../worker-bundle.js';
import { SqliteDialect, sql, type Kysely } from 'kysely';
import type { DialectAdapter } from './dialect.js';

export interface SqliteAdapter extends DialectAdapter {
  readonly name: 'sqlite';
  /** The raw connection, for bulk paths (datastore ingest) that need prepared statements. */
  readonly connection: SqliteDatabase.Database;
  /** Before a bulk load: commits on this connection stop checkpointing the write-ahead log. */
  holdCheckpoints(): void;
  /**
   * After a bulk load. `inBackground`: copies the write-ahead log into the database file on a
   * worker thread instead of in the next commit on this one (a million-row load leaves ~100 MB
   * of log, and copying it here would block every request for a few hundred ms); commits do not
   * checkpoint until it is done. Otherwise commits checkpoint again as usual, unless a background
   * checkpoint is still running. Resolves when checkpoints are back to normal; `close` waits.
   */
  releaseCheckpoints(inBackground: boolean): Promise<void>;
  /** Resolves once no background checkpoint is running. */
  checkpointsSettled(): Promise<void>;
}

/** SQLite's default: a commit checkpoints once the log holds this many pages. */
const AUTOCHECKPOINT_PAGES = 1000;

/** Runs one PASSIVE checkpoint of `file` on a worker thread. */
function checkpointOnWorker(file: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./sqlite-checkpoint.worker.mjs', import.meta.url), { workerData: { file }, execArgv: plainWorkerExecArgv() });
    worker.once('error', reject);
    worker.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`checkpoint worker exited with ${code}`))));
  });
}

export function createSqliteAdapter(file: string): SqliteAdapter {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const connection = new SqliteDatabase(file);
  connection.pragma('journal_mode = WAL');
  connection.pragma('synchronous = NORMAL');
  connection.pragma('foreign_keys = ON');
  connection.pragma('busy_timeout = 5000');
  // A second, read-only connection for synchronous reads of committed data. Kysely runs
  // transactions on the main connection across awaits, so a read there could see another
  // request's uncommitted writes; this one cannot. (An in-memory database has no second view.)
  let reader: { raw: SqliteDatabase.Database; cached: SqliteDatabase.Database } | null = null;
  const openReader = () => {
    const raw = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
    raw.pragma('busy_timeout = 5000');
    return { raw, cached: withStatementCache(raw, 100) };
  };
  const readCommittedNow = file === ':memory:' ? undefined : (sqlText: string, parameters: readonly unknown[]): unknown[] =>
    (reader ??= openReader()).cached.prepare(sqlText).all(parameters as unknown[]);
  // Bulk loads under way, whether a finished big load wants the log copied, and that copy.
  let holds = 0;
  let wanted = false;
  let checkpoint: Promise<void> | null = null;
  const restoreIfIdle = () => {
    if (holds === 0 && !checkpoint && connection.open) connection.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`);
  };
  const holdCheckpoints = () => {
    holds++;
    connection.pragma('wal_autocheckpoint = 0');
  };
  const releaseCheckpoints = (inBackground: boolean): Promise<void> => {
    holds = Math.max(0, holds - 1);
    if (inBackground && file !== ':memory:') wanted = true;
    if (wanted && !checkpoint) {
      checkpoint = (async () => {
        // The worker's connection syncs as usual, so copying while another load runs is safe.
        // A failed checkpoint is not an error of anything the user did: once the setting is
        // restored, the next commit checkpoints as usual.
        while (wanted && connection.open) {
          wanted = false;
          await checkpointOnWorker(file).catch(() => undefined);
        }
        checkpoint = null;
        restoreIfIdle();
      })();
    }
    restoreIfIdle();
    return checkpoint ?? Promise.resolve();
  };
  return {
    name: 'sqlite',
    connection,
    readCommittedNow,
    holdCheckpoints,
    releaseCheckpoints,
    checkpointsSettled: async () => {
      while (checkpoint) await checkpoint;
    },
    kyselyDialect: new SqliteDialect({ database: withStatementCache(connection) }),
    containsInsensitive: (column, needle) =>
      sql<boolean>`lower(${sql.ref(column)}) like ${'%' + escapeLike(needle.toLowerCase()) + '%'} escape '\\'`,
    isUniqueViolation: (e) => hasCode(e, 'SQLITE_CONSTRAINT_UNIQUE') || hasCode(e, 'SQLITE_CONSTRAINT_PRIMARYKEY'),
    isForeignKeyViolation: (e) => hasCode(e, 'SQLITE_CONSTRAINT_FOREIGNKEY'),
    async backup(_db: Kysely<any>, targetFile: string) {
      fs.mkdirSync(path.dirname(path.resolve(targetFile)), { recursive: true });
      await connection.backup(targetFile);
    },
    describe: () => `SQLite ${file}`,
    async close() {
      while (checkpoint) await checkpoint;
      if (reader?.raw.open) reader.raw.close();
      if (connection.open) connection.close();
    },
  };
}

/**
 * Kysely prepares every query anew; better-sqlite3 statements are reusable, and preparing is a
 * large share of a primary-key read. Cache prepared statements by SQL text (bounded, LRU-ish).
 * Safe because Kysely runs one query at a time on the connection.
 */
function withStatementCache(connection: SqliteDatabase.Database, max = 500): SqliteDatabase.Database {
  const cache = new Map<string, SqliteDatabase.Statement>();
  return new Proxy(connection, {
    get(target, property, receiver) {
      if (property !== 'prepare') {
        const value = Reflect.get(target, property, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      }
      return (sqlText: string) => {
        let statement = cache.get(sqlText);
        if (statement) {
          cache.delete(sqlText);
        } else {
          statement = target.prepare(sqlText);
          if (cache.size >= max) cache.delete(cache.keys().next().value!);
        }
        cache.set(sqlText, statement);
        return statement;
      };
    },
  });
}

export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => '\\' + c);
}

function hasCode(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: string }).code === code;
}
