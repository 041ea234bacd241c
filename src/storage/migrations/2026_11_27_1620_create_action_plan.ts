import type { Kysely } from 'kysely';

/** OGP Local: the member profile, action plans, ideas with reasoned responses, commitments, milestones, evidence. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('ogp_profile')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('jurisdiction_name', 'varchar(200)', (c) => c.notNull())
    .addColumn('joined_on', 'varchar(10)')
    .addColumn('launched_on', 'varchar(10)')
    .addColumn('term_end_date', 'varchar(10)')
    .addColumn('contact_name', 'varchar(200)', (c) => c.notNull().defaultTo(''))
    .addColumn('contact_title', 'varchar(300)', (c) => c.notNull().defaultTo(''))
    .addColumn('contact_organization_id', 'varchar(36)', (c) => c.references('organizations.id'))
    .addColumn('monitoring_organization_id', 'varchar(36)', (c) => c.references('organizations.id'))
    .addColumn('forum_name', 'varchar(300)', (c) => c.notNull().defaultTo(''))
    .addColumn('forum_description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('plans')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('title', 'varchar(300)', (c) => c.notNull())
    .addColumn('plan_number', 'integer', (c) => c.notNull())
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('period_start', 'varchar(10)', (c) => c.notNull())
    .addColumn('period_end', 'varchar(10)', (c) => c.notNull())
    .addColumn('term_end_date', 'varchar(10)')
    .addColumn('cocreation_start', 'varchar(10)')
    .addColumn('cocreation_end', 'varchar(10)')
    .addColumn('submitted_on', 'varchar(10)')
    .addColumn('lead_organization_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('foreword', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('strategic_vision', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('engagement', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('endorsed_on', 'varchar(10)')
    .addColumn('endorsement_note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('is_example', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('commitments')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('plan_id', 'varchar(36)', (c) => c.notNull().references('plans.id'))
    .addColumn('ogp_id', 'varchar(20)', (c) => c.notNull().unique())
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('title', 'varchar(300)', (c) => c.notNull())
    .addColumn('problem', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status_quo', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('how_solves', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('ogp_relevance', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('value_access_info', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('value_access_info_why', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('value_civic_participation', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('value_civic_participation_why', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('value_public_accountability', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('value_public_accountability_why', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('value_technology', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('value_technology_why', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('policy_area', 'varchar(200)', (c) => c.notNull().defaultTo(''))
    .addColumn('sector', 'varchar(200)', (c) => c.notNull().defaultTo(''))
    .addColumn('start_month', 'varchar(7)', (c) => c.notNull())
    .addColumn('end_month', 'varchar(7)', (c) => c.notNull())
    .addColumn('budget_amount', 'double precision')
    .addColumn('budget_source', 'varchar(300)', (c) => c.notNull().defaultTo(''))
    .addColumn('rpjmd_links', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('sdg_goals', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('kelurahan_codes', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('is_example', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('commitments_plan_idx').on('commitments').columns(['plan_id', 'number']).execute();

  await db.schema
    .createTable('commitment_institutions')
    .addColumn('commitment_id', 'varchar(36)', (c) => c.notNull().references('commitments.id').onDelete('cascade'))
    .addColumn('organization_id', 'varchar(36)', (c) => c.notNull().references('organizations.id'))
    .addColumn('role', 'varchar(20)', (c) => c.notNull())
    .addPrimaryKeyConstraint('commitment_institutions_pk', ['commitment_id', 'organization_id'])
    .execute();
  await db.schema
    .createIndex('commitment_institutions_org_idx')
    .on('commitment_institutions')
    .columns(['organization_id', 'role'])
    .execute();

  await db.schema
    .createTable('ideas')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('plan_id', 'varchar(36)', (c) => c.notNull().references('plans.id'))
    .addColumn('title', 'varchar(300)', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('theme', 'varchar(100)', (c) => c.notNull())
    .addColumn('wilayah_kode', 'varchar(20)', (c) => c.references('wilayah.kode'))
    .addColumn('channel', 'varchar(20)', (c) => c.notNull())
    .addColumn('source_label', 'varchar(300)', (c) => c.notNull().defaultTo(''))
    .addColumn('author_user_id', 'varchar(36)', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('recorded_by', 'varchar(36)', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('moderation', 'varchar(20)', (c) => c.notNull())
    .addColumn('moderated_by', 'varchar(36)', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('moderated_at', 'varchar(30)')
    .addColumn('received_on', 'varchar(10)', (c) => c.notNull())
    .addColumn('response_kind', 'varchar(20)')
    .addColumn('response_reason', 'text')
    .addColumn('responder_name', 'varchar(200)')
    .addColumn('responder_title', 'varchar(300)')
    .addColumn('responded_by', 'varchar(36)', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('responded_at', 'varchar(30)')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('ideas_plan_idx').on('ideas').columns(['plan_id', 'moderation', 'received_on']).execute();

  await db.schema
    .createTable('idea_commitments')
    .addColumn('idea_id', 'varchar(36)', (c) => c.notNull().references('ideas.id').onDelete('cascade'))
    .addColumn('commitment_id', 'varchar(36)', (c) => c.notNull().references('commitments.id').onDelete('cascade'))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addPrimaryKeyConstraint('idea_commitments_pk', ['idea_id', 'commitment_id'])
    .execute();
  await db.schema
    .createIndex('idea_commitments_commitment_idx')
    .on('idea_commitments')
    .column('commitment_id')
    .execute();

  await db.schema
    .createTable('milestones')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('commitment_id', 'varchar(36)', (c) => c.notNull().references('commitments.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('activity', 'varchar(300)', (c) => c.notNull())
    .addColumn('deliverable', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('start_date', 'varchar(10)')
    .addColumn('end_date', 'varchar(10)')
    .addColumn('responsible_organization_id', 'varchar(36)', (c) => c.references('organizations.id'))
    .addColumn('weight', 'double precision', (c) => c.notNull().defaultTo(1))
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('progress_percent', 'double precision', (c) => c.notNull().defaultTo(0))
    .addColumn('completed_on', 'varchar(10)')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('milestones_commitment_idx')
    .on('milestones')
    .columns(['commitment_id', 'position'])
    .execute();

  await db.schema
    .createTable('evidence')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('milestone_id', 'varchar(36)', (c) => c.notNull().references('milestones.id').onDelete('cascade'))
    .addColumn('commitment_id', 'varchar(36)', (c) => c.notNull().references('commitments.id').onDelete('cascade'))
    .addColumn('kind', 'varchar(10)', (c) => c.notNull())
    .addColumn('title', 'varchar(300)', (c) => c.notNull())
    .addColumn('url', 'varchar(2000)')
    .addColumn('file_name', 'varchar(300)')
    .addColumn('media_type', 'varchar(200)')
    .addColumn('size_bytes', 'integer')
    .addColumn('sha256', 'varchar(64)')
    .addColumn('evidence_date', 'varchar(10)', (c) => c.notNull())
    .addColumn('visibility', 'varchar(10)', (c) => c.notNull())
    .addColumn('uploaded_by', 'varchar(36)', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('uploader_organization_id', 'varchar(36)', (c) => c.references('organizations.id'))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('evidence_milestone_idx').on('evidence').column('milestone_id').execute();
  await db.schema.createIndex('evidence_commitment_idx').on('evidence').column('commitment_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'evidence',
    'milestones',
    'idea_commitments',
    'ideas',
    'commitment_institutions',
    'commitments',
    'plans',
    'ogp_profile',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
