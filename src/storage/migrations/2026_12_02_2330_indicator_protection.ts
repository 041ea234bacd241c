import type { Kysely } from 'kysely';

/**
 * The outcome of the linked-table protection of one group and year (disclosure/protection-store.ts),
 * computed once per data version for every app process. A row is written only when the whole
 * computation is done, so a crash leaves the old row (whose version no longer matches) or none.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('indicator_protection')
    .addColumn('root_code', 'varchar(60)', (c) => c.notNull())
    .addColumn('year', 'varchar(4)', (c) => c.notNull())
    .addColumn('threshold', 'integer', (c) => c.notNull())
    .addColumn('version', 'varchar(64)', (c) => c.notNull())
    .addColumn('hidden_json', 'text', (c) => c.notNull())
    .addColumn('computed_at', 'varchar(30)', (c) => c.notNull())
    .addPrimaryKeyConstraint('indicator_protection_pk', ['root_code', 'year', 'threshold'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('indicator_protection').ifExists().execute();
}
