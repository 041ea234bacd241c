import type { Kysely } from 'kysely';

/**
 * Monitoring reviews that say what they are worth: the IRM's current "early results" rating beside
 * the older "did it open government" values (null for reviews filed before it existed), the reason
 * for an end review filed before the commitment's end date, the due date in force when a review
 * was published (so "N days late" cannot move afterwards; null for older rows, computed instead),
 * and which inception checks the monitor confirmed against what the platform's records said.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('end_assessments').addColumn('early_results', 'varchar(20)').execute();
  await db.schema
    .alterTable('end_assessments')
    .addColumn('before_end_reason', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema.alterTable('end_assessments').addColumn('due_on', 'varchar(10)').execute();
  await db.schema.alterTable('inception_assessments').addColumn('due_on', 'varchar(10)').execute();
  await db.schema
    .alterTable('inception_assessments')
    .addColumn('confirmed_contradictions', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('inception_assessments').dropColumn('confirmed_contradictions').execute();
  await db.schema.alterTable('inception_assessments').dropColumn('due_on').execute();
  await db.schema.alterTable('end_assessments').dropColumn('due_on').execute();
  await db.schema.alterTable('end_assessments').dropColumn('before_end_reason').execute();
  await db.schema.alterTable('end_assessments').dropColumn('early_results').execute();
}
