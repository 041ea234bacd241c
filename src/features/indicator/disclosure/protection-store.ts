import { createHash } from 'node:crypto';
import type { DbOrTrx } from '../../../storage/database.js';
import { nowIso } from '../../../ids.js';
import type { Mark } from './published-table.js';

/**
 * The protection of a group-year, stored once per data version for every app process: the first
 * process that reads (or writes) a changed group computes it, the others read it back. A row
 * holds one version only; the reader compares it with the version it read from the data itself,
 * so a row left from older data is never used. Two processes computing the same version both
 * upsert the same content: the later write wins and neither fails.
 */
export const versionHash = (version: string) => createHash('sha256').update(version).digest('hex');

export interface ProtectionKey {
  rootCode: string;
  year: string;
  threshold: number;
}

export async function readStoredProtection(
  db: DbOrTrx,
  key: ProtectionKey,
  version: string,
): Promise<Map<string, Mark> | null> {
  const row = await db
    .selectFrom('indicator_protection')
    .select(['version', 'hidden_json'])
    .where('root_code', '=', key.rootCode)
    .where('year', '=', key.year)
    .where('threshold', '=', key.threshold)
    .executeTakeFirst();
  if (!row || row.version !== versionHash(version)) return null;
  return new Map(Object.entries(JSON.parse(row.hidden_json) as Record<string, Mark>));
}

/** Written only once the computation is complete, in one statement. */
export async function storeProtection(
  db: DbOrTrx,
  key: ProtectionKey,
  version: string,
  hidden: ReadonlyMap<string, Mark>,
): Promise<void> {
  const row = {
    root_code: key.rootCode,
    year: key.year,
    threshold: key.threshold,
    version: versionHash(version),
    hidden_json: JSON.stringify(Object.fromEntries(hidden)),
    computed_at: nowIso(),
  };
  await db
    .insertInto('indicator_protection')
    .values(row)
    .onConflict((oc) =>
      oc
        .columns(['root_code', 'year', 'threshold'])
        .doUpdateSet({ version: row.version, hidden_json: row.hidden_json, computed_at: row.computed_at }),
    )
    .execute();
}
