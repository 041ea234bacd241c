/**
 * No lost updates, one mechanism for every editable record: a save names the edit version it was
 * loaded at, and the row is changed only if it is still at that version (compare-and-swap):
 * `UPDATE t SET …, edit_version = edit_version + 1 WHERE id = ? AND edit_version = ?`.
 * Call it inside the service's transaction; when no row matched, `EditConflict` (409) carries the
 * record as it is now, so the HTML door can show a diff and the JSON door a 412. Plain SQL, no dialect.
 */
import { type Kysely, type Updateable, sql } from 'kysely';
import { AppError } from '../errors.js';
import type { Database } from './schema.js';
import type { DbOrTrx } from './database.js';

/** Tables with an `id` key and an `edit_version` column (see migration 2026_12_03_1100). */
export type VersionedTable = {
  [T in keyof Database]: Database[T] extends { id: string; edit_version: unknown } ? T : never;
}[keyof Database];

/** Thrown when the record moved on since the editor loaded it. */
export class EditConflict extends AppError {
  constructor(
    readonly table: string,
    readonly id: string,
    /** The record's row as it is now (for the diff; never sent to a client as is). */
    readonly current: Record<string, unknown>,
    readonly currentVersion: number,
  ) {
    super('EDIT_CONFLICT', 409, { id, currentVersion });
  }
}

export const isEditConflict = (e: unknown): e is EditConflict => e instanceof EditConflict;

/** `edit_version + 1`, for writes that change a versioned row outside `updateVersioned` (status moves…). */
export const bumpVersion = () => sql<number>`edit_version + 1`;

/**
 * Updates one row of a versioned table and returns its new edit version. Without an expected
 * version the write is unconditional (it still bumps the version, so other editors notice).
 * The row must exist (callers check and 404 first); a missing row here is a conflict (deleted).
 */
export async function updateVersioned<T extends VersionedTable>(
  trx: DbOrTrx,
  table: T,
  id: string,
  expectedVersion: number | undefined,
  set: Updateable<Database[T]>,
): Promise<number> {
  // Kysely cannot narrow a generic table name's columns; the constraint above keeps it honest.
  // biome-ignore lint/suspicious/noExplicitAny: see above
  const db = trx as unknown as Kysely<any>;
  let query = db
    .updateTable(table as string)
    .set({ ...(set as Record<string, unknown>), edit_version: bumpVersion() })
    .where('id', '=', id);
  if (expectedVersion !== undefined) query = query.where('edit_version', '=', expectedVersion);
  const result = await query.executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) {
    const current = (await db
      .selectFrom(table as string)
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst()) as Record<string, unknown> | undefined;
    throw new EditConflict(table, id, current ?? {}, Number(current?.['edit_version'] ?? 0));
  }
  const row = await db
    .selectFrom(table as string)
    .select('edit_version')
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return Number(row.edit_version);
}
