import type { Kysely } from 'kysely';

/**
 * How a backup holds the database, per dialect (`terbuka backup` / `restore`, src/backup/). The
 * dump is written as files under a folder (the archive's `database/` members); the schema comes
 * from the migrations, so a dump carries rows and only the tables migrations do not make (the
 * datastore's tables).
 */
export interface DatabaseArchive {
  /** Writes the database, except `skipTables`, as files under `dir` (one consistent snapshot). */
  dump(db: Kysely<any>, dir: string, options: { skipTables: readonly string[] }): Promise<void>;
  /** The tables the database holds: none means empty (restore refuses anything else). */
  tables(db: Kysely<any>): Promise<string[]>;
  /** SQLite: puts the dumped database file into the new data folder before it is opened. */
  place(dir: string, dataDir: string): Promise<void>;
  /** Loads the dumped rows into the migrated, empty target (all of them or, on an error, none). */
  load(db: Kysely<any>, dir: string): Promise<void>;
  /** Drops every table: a failed restore leaves the target as empty as it was. */
  clear(db: Kysely<any>): Promise<void>;
}
