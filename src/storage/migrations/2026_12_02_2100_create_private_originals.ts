import type { Kysely } from 'kysely';

/**
 * Original uploaded files that are never served to the public: files in which the ingest found
 * personal data or small counts of people (privacy/). Keyed by the file's path relative to the
 * data folder, as resources and version snapshots name it, so an earlier version's link to the
 * same file is closed too. Dropping or masking a column does not remove the row: the original
 * still holds the data. Only a walidata's override of every finding does.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('private_originals')
    .addColumn('original_file', 'varchar(500)', (c) => c.primaryKey())
    .addColumn('resource_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('private_originals_resource_idx').on('private_originals').column('resource_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('private_originals').ifExists().execute();
}
