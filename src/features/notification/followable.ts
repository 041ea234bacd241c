import { sql } from 'kysely';
import type { DbOrTrx } from '../../storage/database.js';

/** How a followed entity is shown in "What I follow": its name and the page to open. */
export interface FollowTarget {
  label: string;
  url: string;
}

/** The table and key column that prove a followed entity exists, and how to name and link it. */
interface Followable {
  table: string;
  column: string;
  /** Names and page links by id, for many ids in one query (ids that no longer exist are absent). */
  describe: (db: DbOrTrx, ids: string[]) => Promise<Map<string, FollowTarget>>;
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

/**
 * Names and links for a list of follows, one query per kind followed (so the list never shows a
 * bare id). Keyed by `type/id`; a follow whose entity is gone has no entry.
 */
export async function describeFollows(
  db: DbOrTrx,
  followables: Followables,
  follows: ReadonlyArray<{ entity_type: string; entity_id: string }>,
): Promise<Map<string, FollowTarget>> {
  const idsByType = new Map<string, string[]>();
  for (const f of follows) idsByType.set(f.entity_type, [...(idsByType.get(f.entity_type) ?? []), f.entity_id]);
  const out = new Map<string, FollowTarget>();
  for (const [type, ids] of idsByType) {
    const target = followables[type];
    if (!target) continue;
    for (const [id, described] of await target.describe(db, ids)) out.set(`${type}/${id}`, described);
  }
  return out;
}
