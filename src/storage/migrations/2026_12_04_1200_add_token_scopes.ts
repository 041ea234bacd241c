import type { Kysely } from 'kysely';

/**
 * API tokens get a scope (`read`, `datasets`, `full`) and an expiry. Tokens made before this
 * migration could do everything their holder can, so they become `full`; rather than leave them
 * valid for ever, they expire a year after the migration (the longest life a new token may get),
 * which gives their scripts time to move to a narrower token.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('api_tokens')
    .addColumn('scope', 'varchar(20)', (c) => c.notNull().defaultTo('full'))
    .execute();
  await db.schema.alterTable('api_tokens').addColumn('expires_at', 'varchar(30)').execute();
  const inAYear = new Date(Date.now() + 365 * 24 * 3600_000).toISOString();
  await db.updateTable('api_tokens').set({ expires_at: inAYear }).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('api_tokens').dropColumn('expires_at').execute();
  await db.schema.alterTable('api_tokens').dropColumn('scope').execute();
}
