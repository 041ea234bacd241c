import type { Kysely } from 'kysely';

/**
 * A file being loaded for the next version of a published dataset (new data for a resource, or a
 * new resource) before it joins the revision: which hidden resource row it loads into, for which
 * live resource, and the file name. The ingest_jobs row with the same id carries state, progress
 * and any error. The row is removed when the load joins the revision or is discarded.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('staged_loads')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('dataset_id', 'varchar(36)', (c) => c.notNull().references('datasets.id').onDelete('cascade'))
    .addColumn('pending_id', 'varchar(36)', (c) => c.notNull().references('resources.id').onDelete('cascade'))
    .addColumn('resource_id', 'varchar(36)')
    .addColumn('file_name', 'varchar(300)', (c) => c.notNull())
    .addColumn('created_by', 'varchar(36)')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('staged_loads_dataset_idx')
    .on('staged_loads')
    .columns(['dataset_id', 'created_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('staged_loads').ifExists().execute();
}
