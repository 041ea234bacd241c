import path from 'node:path';
import { dataFolderOf, type Db, type DbOrTrx } from '../../storage/database.js';
import type { VersionResource } from './dataset-version.service.js';
import { fileStoreOf } from '../../files/file-store.js';

/**
 * Stored originals of staged uploads that will never be published (discarded, superseded, the
 * dataset withdrawn, a failed load dismissed) are deleted once nothing refers to them any more: no
 * resource row in any state and no published version's snapshot (earlier versions stay
 * downloadable). `resources.original_file` is the original's key in the file store (files/file-layouts.ts).
 */

/** The originals held by these resource rows (read before the rows are deleted). */
export async function originalsOf(db: DbOrTrx, resourceIds: string[]): Promise<string[]> {
  if (!resourceIds.length) return [];
  const rows = await db.selectFrom('resources').select('original_file').where('id', 'in', resourceIds).execute();
  return rows.flatMap((r) => (r.original_file ? [r.original_file] : []));
}

/** Version snapshots are JSON text: find candidates by the file's base name, then compare exactly. */
async function inSomeVersion(db: DbOrTrx, relative: string): Promise<boolean> {
  // Characters JSON escapes become wildcards, so the pattern can only match more, never less.
  const pattern = `%${path.basename(relative).replace(/["\\\u0000-\u001f]/g, '%')}%`;
  const versions = await db
    .selectFrom('dataset_versions')
    .select('resources_json')
    .where('resources_json', 'like', pattern)
    .execute();
  return versions.some((v) =>
    (JSON.parse(v.resources_json) as VersionResource[]).some((r) => r.originalFile === relative),
  );
}

async function isOriginalReferenced(db: DbOrTrx, relative: string): Promise<boolean> {
  const row = await db.selectFrom('resources').select('id').where('original_file', '=', relative).executeTakeFirst();
  return !!row || inSomeVersion(db, relative);
}

/**
 * Deletes the given originals that no row or version refers to (call after the commit that dropped
 * their rows). Without a known data folder nothing is deleted.
 */
export async function deleteUnreferencedOriginals(db: Db, relatives: string[]): Promise<void> {
  const dataDir = dataFolderOf(db);
  if (!dataDir) return;
  const store = fileStoreOf(dataDir);
  for (const relative of new Set(relatives)) {
    // The store removes only files inside the data folder (a missing one is no error).
    if (!(await isOriginalReferenced(db, relative))) await store.remove(relative);
  }
}
