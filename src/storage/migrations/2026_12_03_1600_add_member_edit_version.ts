import type { Kysely } from 'kysely';

/**
 * Forum members join the no-lost-updates mechanism (storage/versioned-update.ts, migration
 * 2026_12_03_1100): two secretariat editors of one member can no longer overwrite each other.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('forum_members')
    .addColumn('edit_version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('forum_members').dropColumn('edit_version').execute();
}
