import type { Dialect as KyselyDialect, RawBuilder } from 'kysely';
import type { BulkLoader } from './bulk-load.js';
import type { DatabaseArchive } from './database-archive.js';

/**
 * Everything that differs between SQLite and PostgreSQL lives behind this interface.
 * Feature code asks for a capability; it never asks which database it is on.
 */
export interface DialectAdapter {
  readonly name: 'sqlite' | 'postgres';
  readonly kyselyDialect: KyselyDialect;
  /** Case-insensitive "contains" on a text expression. */
  containsInsensitive(column: string, needle: string): RawBuilder<boolean>;
  /** Whether an error is a unique-constraint violation. */
  isUniqueViolation(error: unknown): boolean;
  /** Whether an error is a foreign-key violation. */
  isForeignKeyViolation(error: unknown): boolean;
  /** How `terbuka backup` writes this database into an archive and `restore` loads it back. */
  readonly archive: DatabaseArchive;
  /**
   * Runs a read-only statement synchronously on a connection of its own that sees only committed
   * data (SQLite in WAL mode), or is absent where reads are asynchronous (PostgreSQL). For the
   * hottest lookups: no connection lock, no promise.
   */
  readonly readCommittedNow?: (sqlText: string, parameters: readonly unknown[]) => unknown[];
  /**
   * Runs `work` while holding the cluster-wide lock `name`, so that of several app processes
   * starting together only one migrates and seeds at a time (the others wait, then find nothing
   * left to do). PostgreSQL: a session advisory lock on a connection of its own, released when
   * `work` ends or the process dies. SQLite: one process owns the file, so `work` just runs.
   */
  exclusively<T>(name: string, work: () => Promise<T>): Promise<T>;
  /** Loading a whole new datastore table as fast as this database allows (bulk-load.ts). */
  readonly bulkLoader: BulkLoader;
  /** Human-readable location, with any password removed. */
  describe(): string;
  close(): Promise<void>;
}

/** A quoted SQL identifier (both databases use double quotes) for hand-written bulk statements. */
export const quoteIdent = (id: string): string => '"' + id.replace(/"/g, '""') + '"';
