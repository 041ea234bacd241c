import type { Kysely } from 'kysely';

/** The multi-stakeholder forum (members, rules, meetings, documents) and the monitoring body's assessments. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('forum_rules')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('forum_members')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('sector', 'varchar(20)', (c) => c.notNull())
    .addColumn('organization_id', 'varchar(36)', (c) => c.references('organizations.id').onDelete('set null'))
    .addColumn('affiliation', 'varchar(300)', (c) => c.notNull().defaultTo(''))
    .addColumn('role_title', 'varchar(200)', (c) => c.notNull().defaultTo(''))
    .addColumn('selection_method', 'text', (c) => c.notNull())
    .addColumn('joined_on', 'varchar(10)', (c) => c.notNull())
    .addColumn('left_on', 'varchar(10)')
    .addColumn('is_example', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('forum_meetings')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('plan_id', 'varchar(36)', (c) => c.references('plans.id').onDelete('set null'))
    .addColumn('title', 'varchar(300)', (c) => c.notNull())
    .addColumn('meeting_date', 'varchar(10)', (c) => c.notNull())
    .addColumn('location', 'varchar(300)', (c) => c.notNull().defaultTo(''))
    .addColumn('agenda', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('attendance_government', 'integer')
    .addColumn('attendance_civil_society', 'integer')
    .addColumn('attendance_academia', 'integer')
    .addColumn('attendance_private', 'integer')
    .addColumn('attendance_citizen', 'integer')
    .addColumn('minutes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('decisions', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('is_example', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('forum_meetings_date_idx').on('forum_meetings').columns(['meeting_date']).execute();

  await db.schema
    .createTable('forum_documents')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('meeting_id', 'varchar(36)', (c) => c.notNull().references('forum_meetings.id').onDelete('cascade'))
    .addColumn('title', 'varchar(300)', (c) => c.notNull())
    .addColumn('kind', 'varchar(10)', (c) => c.notNull())
    .addColumn('url', 'varchar(2000)')
    .addColumn('file_name', 'varchar(300)')
    .addColumn('media_type', 'varchar(100)')
    .addColumn('size_bytes', 'integer')
    .addColumn('sha256', 'varchar(64)')
    .addColumn('published_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('published_by', 'varchar(36)', (c) => c.references('users.id').onDelete('set null'))
    .execute();
  await db.schema
    .createIndex('forum_documents_meeting_idx')
    .on('forum_documents')
    .columns(['meeting_id', 'published_at'])
    .execute();

  await db.schema
    .createTable('inception_assessments')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('plan_id', 'varchar(36)', (c) => c.notNull().unique().references('plans.id').onDelete('cascade'))
    .addColumn('forum_exists', 'integer', (c) => c.notNull())
    .addColumn('forum_exists_note', 'text', (c) => c.notNull())
    .addColumn('cso_meeting', 'integer', (c) => c.notNull())
    .addColumn('cso_meeting_note', 'text', (c) => c.notNull())
    .addColumn('info_shared', 'integer', (c) => c.notNull())
    .addColumn('info_shared_note', 'text', (c) => c.notNull())
    .addColumn('page_updated', 'integer', (c) => c.notNull())
    .addColumn('page_updated_note', 'text', (c) => c.notNull())
    .addColumn('endorsement', 'integer', (c) => c.notNull())
    .addColumn('endorsement_note', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('published', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('submitted_by', 'varchar(36)', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('submitted_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('published_at', 'varchar(30)')
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('commitment_assessments')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('commitment_id', 'varchar(36)', (c) =>
      c.notNull().unique().references('commitments.id').onDelete('cascade'),
    )
    .addColumn('verifiable', 'integer', (c) => c.notNull())
    .addColumn('lens_access_info', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('lens_civic_participation', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('lens_public_accountability', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('lens_technology', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('potential', 'varchar(20)', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('submitted_by', 'varchar(36)', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('end_assessments')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('commitment_id', 'varchar(36)', (c) =>
      c.notNull().unique().references('commitments.id').onDelete('cascade'),
    )
    .addColumn('completion', 'varchar(20)', (c) => c.notNull())
    .addColumn('og_access_info', 'varchar(20)')
    .addColumn('og_civic_participation', 'varchar(20)')
    .addColumn('og_public_accountability', 'varchar(20)')
    .addColumn('lessons', 'text', (c) => c.notNull())
    .addColumn('published', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('submitted_by', 'varchar(36)', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('submitted_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('published_at', 'varchar(30)')
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('end_assessment_files')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('assessment_id', 'varchar(36)', (c) => c.notNull().references('end_assessments.id').onDelete('cascade'))
    .addColumn('file_name', 'varchar(300)', (c) => c.notNull())
    .addColumn('media_type', 'varchar(100)', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'varchar(64)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('end_assessment_files_idx').on('end_assessment_files').column('assessment_id').execute();

  await db.schema
    .createTable('self_assessments')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('plan_id', 'varchar(36)', (c) => c.notNull().references('plans.id').onDelete('cascade'))
    .addColumn('period_start', 'varchar(10)', (c) => c.notNull())
    .addColumn('period_end', 'varchar(10)', (c) => c.notNull())
    .addColumn('title', 'varchar(300)', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_by', 'varchar(36)', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('published_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('self_assessments_plan_idx')
    .on('self_assessments')
    .columns(['plan_id', 'period_end'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'self_assessments',
    'end_assessment_files',
    'end_assessments',
    'commitment_assessments',
    'inception_assessments',
    'forum_documents',
    'forum_meetings',
    'forum_members',
    'forum_rules',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
