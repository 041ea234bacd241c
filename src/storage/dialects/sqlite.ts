import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { SqliteDialect, sql, type Kysely } from 'kysely';
import type { DialectAdapter } from './dialect.js';

export interface SqliteAdapter extends DialectAdapter {
  readonly name: 'sqlite';
  /** The raw connection, for bulk paths (datastore ingest) that need prepared statements. */
  readonly connection: SqliteDatabase.Database;
}

export function createSqliteAdapter(file: string): SqliteAdapter {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const connection = new SqliteDatabase(file);
  connection.pragma('journal_mode = WAL');
  connection.pragma('synchronous = NORMAL');
  connection.pragma('foreign_keys = ON');
  connection.pragma('busy_timeout = 5000');
  return {
    name: 'sqlite',
    connection,
    kyselyDialect: new SqliteDialect({ database: connection }),
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
      if (connection.open) connection.close();
    },
  };
}

export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => '\\' + c);
}

function hasCode(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: string }).code === code;
}
