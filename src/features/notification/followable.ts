import { sql } from 'kysely';
import type { DbOrTrx } from '../../storage/database.js';

/**
 * What can be followed: entity type → the table and key column that prove it exists. A fixed
 * whitelist, so the names interpolated below never come from a request.
 */
export const FOLLOWABLE: Record<string, { table: string; column: string }> = {
  plan: { table: 'plans', column: 'id' },
  commitment: { table: 'commitments', column: 'id' },
  forum: { table: 'ogp_profile', column: 'id' },
  forum_meeting: { table: 'forum_meetings', column: 'id' },
};

export const FOLLOWABLE_TYPES = Object.keys(FOLLOWABLE);

export async function followableExists(db: DbOrTrx, entityType: string, entityId: string): Promise<boolean> {
  const target = FOLLOWABLE[entityType];
  if (!target) return false;
  const result = await sql<{ one: number }>`select 1 as one from ${sql.table(target.table)} where ${sql.ref(target.column)} = ${entityId}`.execute(db);
  return result.rows.length > 0;
}
