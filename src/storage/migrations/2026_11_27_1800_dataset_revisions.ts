import type { Kysely } from 'kysely';

/**
 * A published dataset keeps its live (published) metadata while the producer prepares the next
 * version: the pending revision (metadata, tags, group ids) is kept as JSON with its own workflow
 * state (draft → submitted → returned/approved) until the walidata approves it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('datasets').addColumn('revision_json', 'text').execute();
  await db.schema.alterTable('datasets').addColumn('revision_state', 'varchar(20)').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('datasets').dropColumn('revision_state').execute();
  await db.schema.alterTable('datasets').dropColumn('revision_json').execute();
}
