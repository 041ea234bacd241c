import { type Kysely, sql } from 'kysely';

/**
 * The audit chain becomes an HMAC with a key kept outside the database. Entries written before
 * this migration keep their plain sha256 hashes: `keyed_from` is the first sequence number whose
 * hash is keyed, so old rows still verify while the new ones cannot be rebuilt without the key.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('audit_head')
    .addColumn('keyed_from', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.updateTable('audit_head').set({ keyed_from: sql`seq + 1` }).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('audit_head').dropColumn('keyed_from').execute();
}
