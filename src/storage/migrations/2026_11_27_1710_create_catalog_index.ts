import type { Kysely } from 'kysely';
import { searchProviderFor } from '../dialects/search.js';

/**
 * The public catalogue's search index: one row per public dataset (with its CKAN package dict
 * ready to send), its facet values, and a full-text index (FTS5 on SQLite, tsvector on
 * PostgreSQL, behind dialects/search.ts). Rebuilt from the datasets tables at any time.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('catalog_entries')
    .addColumn('dataset_id', 'varchar(36)', (c) => c.primaryKey().references('datasets.id').onDelete('cascade'))
    .addColumn('name', 'varchar(100)', (c) => c.notNull())
    .addColumn('title', 'varchar(300)', (c) => c.notNull())
    .addColumn('title_sort', 'varchar(300)', (c) => c.notNull())
    .addColumn('organization_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('metadata_created', 'varchar(30)', (c) => c.notNull())
    .addColumn('metadata_modified', 'varchar(30)', (c) => c.notNull())
    .addColumn('package_json', 'text', (c) => c.notNull())
    .addColumn('indexed_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('catalog_entries_modified_idx')
    .on('catalog_entries')
    .columns(['metadata_modified', 'dataset_id'])
    .execute();
  await db.schema
    .createIndex('catalog_entries_title_idx')
    .on('catalog_entries')
    .columns(['title_sort', 'dataset_id'])
    .execute();
  await db.schema.createIndex('catalog_entries_name_idx').on('catalog_entries').column('name').execute();

  await db.schema
    .createTable('catalog_facets')
    .addColumn('field', 'varchar(20)', (c) => c.notNull())
    .addColumn('value', 'varchar(300)', (c) => c.notNull())
    .addColumn('dataset_id', 'varchar(36)', (c) => c.notNull().references('datasets.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('catalog_facets_pk', ['field', 'value', 'dataset_id'])
    .execute();
  await db.schema
    .createIndex('catalog_facets_dataset_idx')
    .on('catalog_facets')
    .columns(['dataset_id', 'field', 'value'])
    .execute();

  await searchProviderFor(db).createIndex(db, { table: 'catalog_entries', key: 'dataset_id' });
}

export async function down(db: Kysely<any>): Promise<void> {
  await searchProviderFor(db).dropIndex(db, { table: 'catalog_entries', key: 'dataset_id' });
  await db.schema.dropTable('catalog_facets').ifExists().execute();
  await db.schema.dropTable('catalog_entries').ifExists().execute();
}
