import type { DbOrTrx } from '../../storage/database.js';
import { hadFindings, type PrivacyFinding } from './findings.js';

/**
 * Closes the original file of a resource to the public when its data had findings (inside the
 * transaction that registers the load). The file stays closed after a drop or mask: it still
 * holds the data.
 */
export async function closeOriginalIfNeeded(
  trx: DbOrTrx,
  resourceId: string,
  findings: PrivacyFinding[],
  now: string,
): Promise<void> {
  if (!hadFindings({ personalData: findings })) return;
  const r = await trx.selectFrom('resources').select('original_file').where('id', '=', resourceId).executeTakeFirst();
  if (!r?.original_file) return;
  const known = await trx
    .selectFrom('private_originals')
    .select('original_file')
    .where('original_file', '=', r.original_file)
    .executeTakeFirst();
  if (!known)
    await trx
      .insertInto('private_originals')
      .values({ original_file: r.original_file, resource_id: resourceId, created_at: now })
      .execute();
}

/** Reopens an original whose every finding the walidata overrode as a false positive. */
export async function reopenOriginal(trx: DbOrTrx, originalFile: string | null): Promise<void> {
  if (originalFile) await trx.deleteFrom('private_originals').where('original_file', '=', originalFile).execute();
}

/** Whether an original file (path relative to the data folder) may be served to the public. */
export async function originalIsPrivate(db: DbOrTrx, originalFile: string | null | undefined): Promise<boolean> {
  if (!originalFile) return false;
  const row = await db
    .selectFrom('private_originals')
    .select('original_file')
    .where('original_file', '=', originalFile)
    .executeTakeFirst();
  return row !== undefined;
}

/** Which of these original files are closed to the public (one query, for a dataset's resources). */
export async function privateOriginalsOf(db: DbOrTrx, files: Array<string | null>): Promise<Set<string>> {
  const named = files.filter((f): f is string => !!f);
  if (named.length === 0) return new Set();
  const rows = await db
    .selectFrom('private_originals')
    .select('original_file')
    .where('original_file', 'in', named)
    .execute();
  return new Set(rows.map((r) => r.original_file));
}
