import type { Kysely } from 'kysely';

/**
 * Failed-login counters for e-mail addresses that have no account, so that locking behaves the
 * same whether or not an address is registered (known accounts keep theirs on `users`).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('login_failures')
    .addColumn('email_hash', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('failed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'varchar(30)')
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('login_failures').execute();
}
