import type { Kysely } from 'kysely';
import { binaryColumnType } from '../dialects/column-types.js';

/**
 * The database file store (files/database-file-store.ts): uploaded originals, evidence and forum
 * documents kept in the database, so every app process on it sees them. A file's bytes are rows of
 * at most 1 MiB (`stored_file_chunks`, written and read one at a time, never the whole file in
 * memory); `stored_files` names a complete file by its key and is written last, so a file cut
 * short by a crash is never visible (its chunks are swept by their age).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('stored_files')
    .addColumn('key', 'varchar(400)', (c) => c.primaryKey())
    .addColumn('content_id', 'varchar(36)', (c) => c.notNull().unique())
    .addColumn('sha256', 'varchar(64)', (c) => c.notNull())
    .addColumn('bytes', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('stored_file_chunks')
    .addColumn('content_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('data', binaryColumnType(db), (c) => c.notNull())
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addPrimaryKeyConstraint('stored_file_chunks_pk', ['content_id', 'seq'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('stored_file_chunks').ifExists().execute();
  await db.schema.dropTable('stored_files').ifExists().execute();
}
