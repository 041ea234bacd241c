import type { Kysely } from 'kysely';

/**
 * Issue 13 items 4 and 5: dates a public "on time" claim depends on are corrected with a reason
 * (`date_corrections`, one table for every such date), a plan closed before its period ends keeps
 * the reason, and a commitment's core fields change after submission only through a formal,
 * approved amendment (`commitment_amendments`).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('date_corrections')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('entity_type', 'varchar(40)', (c) => c.notNull())
    .addColumn('entity_id', 'varchar(60)', (c) => c.notNull())
    .addColumn('field', 'varchar(60)', (c) => c.notNull())
    .addColumn('original_value', 'varchar(30)')
    .addColumn('new_value', 'varchar(30)')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'varchar(36)')
    .addColumn('actor_role', 'varchar(40)', (c) => c.notNull())
    .addColumn('actor_organization_id', 'varchar(36)')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('date_corrections_entity')
    .on('date_corrections')
    .columns(['entity_type', 'entity_id', 'created_at'])
    .execute();
  await db.schema.alterTable('plans').addColumn('early_closure_reason', 'text').execute();
  await db.schema
    .createTable('commitment_amendments')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('commitment_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('justification', 'text', (c) => c.notNull())
    .addColumn('changes_json', 'text', (c) => c.notNull())
    .addColumn('proposed_by', 'varchar(36)')
    .addColumn('proposed_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('decided_by', 'varchar(36)')
    .addColumn('decided_at', 'varchar(30)')
    .addColumn('decision_note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('history_version', 'integer')
    .addUniqueConstraint('commitment_amendments_number', ['commitment_id', 'number'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('commitment_amendments').ifExists().execute();
  await db.schema.alterTable('plans').dropColumn('early_closure_reason').execute();
  await db.schema.dropTable('date_corrections').ifExists().execute();
}
