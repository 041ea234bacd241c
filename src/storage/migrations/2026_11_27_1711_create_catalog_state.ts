import type { Kysely } from 'kysely';

/** A token that changes with every catalogue index write, so in-memory facet snapshots know when to reload. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('catalog_state')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('version', 'varchar(36)', (c) => c.notNull())
    .execute();
  await db.insertInto('catalog_state').values({ id: 1, version: 'initial' }).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('catalog_state').ifExists().execute();
}
