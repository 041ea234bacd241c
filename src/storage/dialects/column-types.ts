import { type Kysely, PostgresAdapter } from 'kysely';

/** The column type of raw bytes: `bytea` on PostgreSQL, `blob` on SQLite (works inside migrations). */
export function binaryColumnType(db: Kysely<any>): 'bytea' | 'blob' {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'bytea' : 'blob';
}
