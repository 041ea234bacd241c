import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { BackgroundCheckpoints } from './sqlite-checkpoints.js';
import { sqliteBulkLoader } from './bulk-load-sqlite.js';
import { SqliteDialect, sql } from 'kysely';
import type { DialectAdapter } from './dialect.js';
import { sqliteArchive } from './archive-sqlite.js';
import { escapeLike } from '../like-pattern.js';

export interface SqliteAdapter extends DialectAdapter {
  readonly name: 'sqlite';
  /** The raw connection, for bulk paths (datastore ingest) that need prepared statements. */
  readonly connection: SqliteDatabase.Database;
  /** Checkpoints of the write-ahead log around bulk loads (see BackgroundCheckpoints). */
  readonly checkpoints: BackgroundCheckpoints;
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
  const readCommittedNow =
    file === ':memory:'
      ? undefined
      : (sqlText: string, parameters: readonly unknown[]): unknown[] =>
          (reader ??= openReader()).cached.prepare(sqlText).all(parameters as unknown[]);
  const checkpoints = new BackgroundCheckpoints(connection, file);
  return {
    name: 'sqlite',
    connection,
    readCommittedNow,
    checkpoints,
    bulkLoader: sqliteBulkLoader({ connection, checkpoints }),
    kyselyDialect: new SqliteDialect({ database: withStatementCache(connection) }),
    containsInsensitive: (column, needle) =>
      sql<boolean>`lower(${sql.ref(column)}) like ${'%' + escapeLike(needle.toLowerCase()) + '%'} escape '\\'`,
    isUniqueViolation: (e) => hasCode(e, 'SQLITE_CONSTRAINT_UNIQUE') || hasCode(e, 'SQLITE_CONSTRAINT_PRIMARYKEY'),
    isForeignKeyViolation: (e) => hasCode(e, 'SQLITE_CONSTRAINT_FOREIGNKEY'),
    exclusively: (_name, work) => work(),
    archive: sqliteArchive(),
    describe: () => `SQLite ${file}`,
    async close() {
      await checkpoints.settled();
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

function hasCode(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: string }).code === code;
}
