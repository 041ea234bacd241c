import type { Kysely } from 'kysely';

/**
 * The edit version of every editable record (storage/versioned-update.ts): a save names the
 * version it was loaded at and bumps it, so two editors cannot silently overwrite each other.
 * Named `edit_version` because `datasets.version` already counts published versions.
 */
export const VERSIONED_TABLES = [
  'commitments',
  'milestones',
  'plans',
  'forum_meetings',
  'datasets',
  'indicators',
  'organizations',
] as const;

export async function up(db: Kysely<any>): Promise<void> {
  for (const table of VERSIONED_TABLES)
    await db.schema
      .alterTable(table)
      .addColumn('edit_version', 'integer', (c) => c.notNull().defaultTo(1))
      .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of VERSIONED_TABLES) await db.schema.alterTable(table).dropColumn('edit_version').execute();
}
