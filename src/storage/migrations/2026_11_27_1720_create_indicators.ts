import type { Kysely } from 'kysely';

/** Indicator catalogue (MS-Ind), sources per producer, values per wilayah/period/source, their history and derivations. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('indicators')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('code', 'varchar(60)', (c) => c.notNull().unique())
    .addColumn('name_id', 'varchar(300)', (c) => c.notNull())
    .addColumn('name_en', 'varchar(300)', (c) => c.notNull())
    .addColumn('concept', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('definition', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('interpretation', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('formula', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('unit', 'varchar(40)', (c) => c.notNull())
    .addColumn('measure', 'varchar(100)', (c) => c.notNull().defaultTo(''))
    .addColumn('classification', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('lowest_level', 'varchar(20)', (c) => c.notNull())
    .addColumn('better_direction', 'varchar(10)', (c) => c.notNull().defaultTo('neutral'))
    .addColumn('counts_people', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('decimals', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('producer_org_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('dataset_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('official_source_id', 'varchar(36)')
    .addColumn('is_example', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('indicator_sources')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('indicator_id', 'varchar(36)', (c) => c.notNull().references('indicators.id').onDelete('cascade'))
    .addColumn('organization_id', 'varchar(36)', (c) => c.references('organizations.id').onDelete('set null'))
    .addColumn('producer', 'varchar(300)', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('citation', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('is_example', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('indicator_sources_indicator_idx')
    .on('indicator_sources')
    .column('indicator_id')
    .execute();

  await db.schema
    .createTable('indicator_derivations')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('indicator_id', 'varchar(36)', (c) => c.notNull().references('indicators.id').onDelete('cascade'))
    .addColumn('source_id', 'varchar(36)', (c) => c.notNull().references('indicator_sources.id').onDelete('cascade'))
    .addColumn('dataset_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('resource_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('value_column', 'varchar(100)', (c) => c.notNull())
    .addColumn('aggregation', 'varchar(10)', (c) => c.notNull())
    .addColumn('wilayah_column', 'varchar(100)', (c) => c.notNull())
    .addColumn('period_column', 'varchar(100)')
    .addColumn('fixed_period', 'varchar(10)')
    .addColumn('last_run_at', 'varchar(30)')
    .addColumn('last_status', 'varchar(20)', (c) => c.notNull().defaultTo('pending'))
    .addColumn('last_message', 'text')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('indicator_derivations_resource_idx')
    .on('indicator_derivations')
    .column('resource_id')
    .execute();

  await db.schema
    .createTable('indicator_values')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('indicator_id', 'varchar(36)', (c) => c.notNull().references('indicators.id').onDelete('cascade'))
    .addColumn('source_id', 'varchar(36)', (c) => c.notNull().references('indicator_sources.id').onDelete('cascade'))
    .addColumn('wilayah_kode', 'varchar(20)', (c) => c.notNull())
    .addColumn('period', 'varchar(10)', (c) => c.notNull())
    .addColumn('value', 'double precision', (c) => c.notNull())
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('citation', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('denominator', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('filters', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('missing_count', 'integer')
    .addColumn('origin', 'varchar(20)', (c) => c.notNull())
    .addColumn('derivation_id', 'varchar(36)')
    .addColumn('is_example', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  // The choropleth reads one indicator, one period, a range of wilayah codes.
  await db.schema
    .createIndex('indicator_values_unique')
    .on('indicator_values')
    .columns(['indicator_id', 'period', 'wilayah_kode', 'source_id'])
    .unique()
    .execute();
  await db.schema
    .createIndex('indicator_values_wilayah_idx')
    .on('indicator_values')
    .columns(['wilayah_kode', 'indicator_id'])
    .execute();

  await db.schema
    .createTable('indicator_value_history')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('value_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('indicator_id', 'varchar(36)', (c) => c.notNull().references('indicators.id').onDelete('cascade'))
    .addColumn('previous_value', 'double precision')
    .addColumn('new_value', 'double precision')
    .addColumn('previous_status', 'varchar(20)')
    .addColumn('new_status', 'varchar(20)', (c) => c.notNull())
    .addColumn('previous_note', 'text')
    .addColumn('origin', 'varchar(20)', (c) => c.notNull())
    .addColumn('actor_label', 'varchar(320)', (c) => c.notNull())
    .addColumn('changed_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('indicator_value_history_value_idx')
    .on('indicator_value_history')
    .columns(['value_id', 'changed_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'indicator_value_history',
    'indicator_values',
    'indicator_derivations',
    'indicator_sources',
    'indicators',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
