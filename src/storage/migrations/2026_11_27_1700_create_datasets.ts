import type { Kysely } from 'kysely';

/** Satu Data catalogue: datasets, tags, groups, versions, walidata reviews, resources, datastore, ingest jobs. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('datasets')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('name', 'varchar(100)', (c) => c.notNull().unique())
    .addColumn('title', 'varchar(300)', (c) => c.notNull())
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('organization_id', 'varchar(36)', (c) => c.notNull().references('organizations.id'))
    .addColumn('license_id', 'varchar(50)', (c) => c.notNull().defaultTo('cc-by-4.0'))
    .addColumn('contact_name', 'varchar(200)', (c) => c.notNull().defaultTo(''))
    .addColumn('contact_email', 'varchar(320)', (c) => c.notNull().defaultTo(''))
    .addColumn('update_frequency', 'varchar(20)', (c) => c.notNull().defaultTo('annual'))
    .addColumn('temporal_start', 'varchar(10)')
    .addColumn('temporal_end', 'varchar(10)')
    .addColumn('spatial_codes', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('source', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('method', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('concept', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('definition', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('classification', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('measure', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('unit', 'varchar(100)', (c) => c.notNull().defaultTo(''))
    .addColumn('indicator_formula', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('indicator_interpretation', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('state', 'varchar(20)', (c) => c.notNull().defaultTo('draft'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_release_date', 'varchar(10)')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('metadata_modified', 'varchar(30)', (c) => c.notNull())
    .addColumn('published_at', 'varchar(30)')
    .addColumn('creator_user_id', 'varchar(36)')
    .addColumn('private', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('superseded_by', 'varchar(36)')
    .execute();
  await db.schema.createIndex('datasets_org_idx').on('datasets').columns(['organization_id', 'state']).execute();
  await db.schema.createIndex('datasets_state_idx').on('datasets').columns(['state', 'metadata_modified']).execute();

  await db.schema
    .createTable('dataset_tags')
    .addColumn('dataset_id', 'varchar(36)', (c) => c.notNull().references('datasets.id').onDelete('cascade'))
    .addColumn('name', 'varchar(100)', (c) => c.notNull())
    .addPrimaryKeyConstraint('dataset_tags_pk', ['dataset_id', 'name'])
    .execute();
  await db.schema.createIndex('dataset_tags_name_idx').on('dataset_tags').column('name').execute();

  await db.schema
    .createTable('groups')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('name', 'varchar(100)', (c) => c.notNull().unique())
    .addColumn('title', 'varchar(300)', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema
    .createTable('dataset_groups')
    .addColumn('dataset_id', 'varchar(36)', (c) => c.notNull().references('datasets.id').onDelete('cascade'))
    .addColumn('group_id', 'varchar(36)', (c) => c.notNull().references('groups.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('dataset_groups_pk', ['dataset_id', 'group_id'])
    .execute();
  await db.schema.createIndex('dataset_groups_group_idx').on('dataset_groups').column('group_id').execute();

  await db.schema
    .createTable('dataset_versions')
    .addColumn('dataset_id', 'varchar(36)', (c) => c.notNull().references('datasets.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('metadata_json', 'text', (c) => c.notNull())
    .addColumn('resources_json', 'text', (c) => c.notNull())
    .addColumn('published_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('published_by', 'varchar(36)')
    .addPrimaryKeyConstraint('dataset_versions_pk', ['dataset_id', 'version'])
    .execute();

  await db.schema
    .createTable('dataset_reviews')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('dataset_id', 'varchar(36)', (c) => c.notNull().references('datasets.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('field', 'varchar(100)', (c) => c.notNull())
    .addColumn('comment', 'text', (c) => c.notNull())
    .addColumn('author', 'varchar(36)')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('resolved', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createIndex('dataset_reviews_dataset_idx')
    .on('dataset_reviews')
    .columns(['dataset_id', 'resolved'])
    .execute();

  await db.schema
    .createTable('resources')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('dataset_id', 'varchar(36)', (c) => c.notNull().references('datasets.id').onDelete('cascade'))
    .addColumn('name', 'varchar(300)', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('format', 'varchar(20)', (c) => c.notNull().defaultTo(''))
    .addColumn('url_type', 'varchar(10)', (c) => c.notNull().defaultTo(''))
    .addColumn('url', 'varchar(2000)', (c) => c.notNull().defaultTo(''))
    .addColumn('mimetype', 'varchar(100)')
    .addColumn('size', 'bigint')
    .addColumn('hash', 'varchar(80)')
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('state', 'varchar(20)', (c) => c.notNull().defaultTo('active'))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('last_modified', 'varchar(30)')
    .addColumn('metadata_modified', 'varchar(30)', (c) => c.notNull())
    .addColumn('datastore_active', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('original_file', 'varchar(500)')
    .addColumn('sheet', 'varchar(200)')
    .execute();
  await db.schema.createIndex('resources_dataset_idx').on('resources').columns(['dataset_id', 'position']).execute();

  await db.schema
    .createTable('datastore_tables')
    .addColumn('resource_id', 'varchar(36)', (c) => c.primaryKey().references('resources.id').onDelete('cascade'))
    .addColumn('table_name', 'varchar(64)', (c) => c.notNull())
    .addColumn('fields_json', 'text', (c) => c.notNull())
    .addColumn('row_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('wilayah_column', 'varchar(64)')
    .addColumn('quality_json', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('ingest_jobs')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('resource_id', 'varchar(36)', (c) => c.notNull().references('resources.id').onDelete('cascade'))
    .addColumn('state', 'varchar(20)', (c) => c.notNull())
    .addColumn('progress', 'double precision', (c) => c.notNull().defaultTo(0))
    .addColumn('rows_loaded', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('error_code', 'varchar(60)')
    .addColumn('error_json', 'text')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('ingest_jobs_resource_idx')
    .on('ingest_jobs')
    .columns(['resource_id', 'created_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  // The physical datastore tables are named in datastore_tables; drop them first.
  const tables = await db.selectFrom('datastore_tables').select('table_name').execute();
  for (const { table_name } of tables) await db.schema.dropTable(table_name).ifExists().execute();
  for (const t of [
    'ingest_jobs',
    'datastore_tables',
    'resources',
    'dataset_reviews',
    'dataset_versions',
    'dataset_groups',
    'groups',
    'dataset_tags',
    'datasets',
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
