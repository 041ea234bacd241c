import { sql } from 'kysely';
import type { DbOrTrx } from '../../storage/database.js';

/** The table and key column that prove a followed entity exists. */
interface Followable {
  table: string;
  column: string;
}

/**
 * What can be followed: entity type → its table. A fixed whitelist listed by the composition
 * root (src/app/registrations.ts), so the names interpolated below never come from a request.
 */
export type Followables = Readonly<Record<string, Followable>>;

declare module '../../http/deps.js' {
  interface AppDeps {
    followables: Followables;
  }
}

export async function followableExists(
  db: DbOrTrx,
  followables: Followables,
  entityType: string,
  entityId: string,
): Promise<boolean> {
  const target = followables[entityType];
  if (!target) return false;
  const result = await sql<{
    one: number;
  }>`select 1 as one from ${sql.table(target.table)} where ${sql.ref(target.column)} = ${entityId}`.execute(db);
  return result.rows.length > 0;
}
