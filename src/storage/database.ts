import path from 'node:path';
import { Kysely, type Transaction } from 'kysely';
import type { Config } from '../config/config.js';
import type { Database } from './schema.js';
import type { DialectAdapter } from './dialects/dialect.js';
import { createSqliteAdapter } from './dialects/sqlite.js';
import { createPostgresAdapter } from './dialects/postgres.js';
import type { DatabaseArchive } from './dialects/database-archive.js';
import { sqliteArchive } from './dialects/archive-sqlite.js';
import { postgresArchive } from './dialects/archive-postgres.js';
import { ChangeCounter, ChangeCountingPlugin } from './change-counter.js';

export type Db = Kysely<Database>;
export type Trx = Transaction<Database>;
/** Repositories take either the database or an open transaction. */
export type DbOrTrx = Db | Trx;

export interface Storage {
  readonly db: Db;
  readonly dialect: DialectAdapter;
  /** Moves on every write this process makes through `db` (storage/change-counter.ts). */
  readonly changes: ChangeCounter;
  close(): Promise<void>;
}

const committedReaders = new WeakMap<object, NonNullable<DialectAdapter['readCommittedNow']>>();
const dataFolders = new WeakMap<object, string>();
const dialects = new WeakMap<object, DialectAdapter>();

/** The dialect adapter of a database opened by {@link createDatabase}. */
export function dialectOf(db: Db): DialectAdapter {
  const dialect = dialects.get(db);
  if (!dialect) throw new Error('dialectOf: this database was not opened by createDatabase');
  return dialect;
}

/**
 * The data folder (uploaded originals live under it) of the database `db` was opened for. Keyed
 * by the query adapter, which Kysely hands on to every transaction, so a transaction finds it too.
 */
export function dataFolderOf(db: DbOrTrx): string | undefined {
  return dataFolders.get(db.getExecutor().adapter);
}

/** The synchronous committed-data reader for a database (not a transaction), if it has one. */
export function committedReader(db: DbOrTrx): DialectAdapter['readCommittedNow'] {
  return db.isTransaction ? undefined : committedReaders.get(db);
}

export function sqliteFile(config: Pick<Config, 'dataDir'>): string {
  return path.join(config.dataDir, 'terbuka.db');
}

/** The backup format of the configured database, before it is opened (a restore places SQLite's file first). */
export function databaseArchiveFor(config: Pick<Config, 'databaseUrl'>): DatabaseArchive {
  return config.databaseUrl ? postgresArchive : sqliteArchive();
}

/** Opens SQLite under the data dir, or PostgreSQL when DATABASE_URL is set. */
export function createDatabase(
  config: Pick<Config, 'dataDir' | 'databaseUrl' | 'pgPoolSize'>,
  options: { sqliteFile?: string } = {},
): Storage {
  const dialect = config.databaseUrl
    ? createPostgresAdapter(config.databaseUrl, config.pgPoolSize)
    : createSqliteAdapter(options.sqliteFile ?? sqliteFile(config));
  const changes = new ChangeCounter();
  const db = new Kysely<Database>({ dialect: dialect.kyselyDialect, plugins: [new ChangeCountingPlugin(changes)] });
  if (dialect.readCommittedNow) committedReaders.set(db, dialect.readCommittedNow);
  dataFolders.set(db.getExecutor().adapter, path.resolve(config.dataDir));
  dialects.set(db, dialect);
  return {
    db,
    dialect,
    changes,
    async close() {
      // Kysely's destroy() ends the pg pool or closes the SQLite connection; then the rest.
      await db.destroy();
      await dialect.close();
    },
  };
}
