import { Migrator, type MigrationResultSet } from 'kysely';
import type { Db } from './database.js';
import { migrations } from './migrations/index.js';

export function createMigrator(db: Db, only?: readonly string[]): Migrator {
  const chosen = only ? Object.fromEntries(only.map((name) => [name, migrations[name]!])) : migrations;
  return new Migrator({
    db,
    provider: { getMigrations: async () => chosen },
    migrationTableName: 'schema_migrations',
    migrationLockTableName: 'schema_migrations_lock',
    // Parallel branches get timestamps that may sort before one merged first: run them anyway.
    allowUnorderedMigrations: true,
  });
}

/** Applies every pending migration; throws with the failing migration's name on error. */
export async function migrateToLatest(db: Db): Promise<MigrationResultSet> {
  return checked(await createMigrator(db).migrateToLatest());
}

/** Applies just these migrations (the schema of a backup, before its rows go in). */
export async function migrateThrough(db: Db, names: readonly string[]): Promise<MigrationResultSet> {
  return checked(await createMigrator(db, names).migrateToLatest());
}

function checked(result: MigrationResultSet): MigrationResultSet {
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error');
    const err = result.error instanceof Error ? result.error : new Error(String(result.error));
    err.message = `Migration ${failed?.migrationName ?? '?'} failed: ${err.message}`;
    throw err;
  }
  return result;
}
