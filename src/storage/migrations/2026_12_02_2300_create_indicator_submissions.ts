import { sql, type Kysely } from 'kysely';

/**
 * Indicator values proposed by a produsen wait here for the walidata (indicator_values holds only
 * published figures). A derivation records when it was approved: until then its runs are proposals
 * too. A history entry records whether its number was ever suppressed, so the public history
 * never shows it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('indicator_submissions')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('indicator_id', 'varchar(36)', (c) => c.notNull().references('indicators.id').onDelete('cascade'))
    .addColumn('source_id', 'varchar(36)', (c) => c.notNull().references('indicator_sources.id').onDelete('cascade'))
    .addColumn('origin', 'varchar(20)', (c) => c.notNull())
    .addColumn('derivation_id', 'varchar(36)')
    .addColumn('rows_json', 'text', (c) => c.notNull())
    .addColumn('replace', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('warnings_json', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('comments_json', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('state', 'varchar(20)', (c) => c.notNull())
    .addColumn('submitted_by', 'varchar(36)')
    .addColumn('submitted_label', 'varchar(300)', (c) => c.notNull().defaultTo(''))
    .addColumn('reviewed_by', 'varchar(36)')
    .addColumn('reviewed_at', 'varchar(30)')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('indicator_submissions_state_idx')
    .on('indicator_submissions')
    .columns(['state', 'updated_at'])
    .execute();
  await db.schema
    .createIndex('indicator_submissions_indicator_idx')
    .on('indicator_submissions')
    .columns(['indicator_id', 'state'])
    .execute();
  await db.schema.alterTable('indicator_derivations').addColumn('approved_at', 'varchar(30)').execute();
  // Derivations registered before review existed were live already.
  await sql`update indicator_derivations set approved_at = created_at`.execute(db);
  await db.schema
    .alterTable('indicator_value_history')
    .addColumn('hidden', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('indicator_value_history').dropColumn('hidden').execute();
  await db.schema.alterTable('indicator_derivations').dropColumn('approved_at').execute();
  await db.schema.dropTable('indicator_submissions').ifExists().execute();
}
