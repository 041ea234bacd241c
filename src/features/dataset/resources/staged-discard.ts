import type { Db, DbOrTrx } from '../../../storage/database.js';
import { dropDatastoreOf } from '../../datastore/datastore.indexes.js';
import type { RevisionData } from '../revision.js';
import { deleteUnreferencedOriginals, originalsOf } from '../original-files.js';
import { loadUnderWay, loadsWithJobs } from './staged-changes.js';

/**
 * Dropping what was staged or loaded for a published dataset's next version and will not be
 * published (discarded, superseded, the dataset withdrawn, leftovers of an approval): the hidden
 * row with its table, job and (unless still referred to) original file.
 */

/** Removes a hidden row that will not be published (replaced, discarded, the dataset withdrawn) with its table, job and original file. */
export async function discardPending(db: Db, pendingId: string): Promise<void> {
  let originals: string[] = [];
  await db.transaction().execute(async (trx) => {
    originals = await originalsOf(trx, [pendingId]);
    await trx.deleteFrom('staged_loads').where('pending_id', '=', pendingId).execute();
    await dropDatastoreOf(trx, pendingId);
    await trx.deleteFrom('ingest_jobs').where('resource_id', '=', pendingId).execute();
    await trx.deleteFrom('resources').where('id', '=', pendingId).where('state', '=', 'pending').execute();
  });
  // A row that was not deleted (published meanwhile) still refers to its file, which is then kept.
  await deleteUnreferencedOriginals(db, originals);
}

/**
 * Drops the loads of new data for one resource (a newer file, a removal or a discard supersedes
 * them) and returns the hidden rows to discard after the commit; a load still running discards its
 * own result.
 */
export async function dropLoadsFor(trx: DbOrTrx, datasetId: string, resourceId: string): Promise<string[]> {
  return dropLoads(
    trx,
    (await loadsWithJobs(trx, datasetId)).filter((l) => l.resource_id === resourceId),
  );
}

/**
 * Removes the loads' staged_loads rows and returns the hidden rows to discard after the commit:
 * those of finished or failed loads (a load still under way discards its own result).
 */
export async function dropLoads(trx: DbOrTrx, loads: Awaited<ReturnType<typeof loadsWithJobs>>): Promise<string[]> {
  const dropped: string[] = [];
  for (const l of loads) {
    await trx.deleteFrom('staged_loads').where('id', '=', l.id).execute();
    if (!loadUnderWay(l.job)) dropped.push(l.pending_id);
  }
  return dropped;
}

/**
 * Drops what will not be published: the revision's hidden rows (when the dataset is withdrawn) and
 * every load. A load still running only loses its staged_loads row; it discards its own result.
 */
export async function discardLeftovers(db: Db, datasetId: string, revision: RevisionData | null): Promise<void> {
  const ids = [
    ...(revision?.pendingData ?? []).map((p) => p.pendingId),
    ...(revision?.newResources ?? []).map((n) => n.resourceId),
  ];
  ids.push(...(await dropLoads(db, await loadsWithJobs(db, datasetId))));
  for (const id of ids) await discardPending(db, id);
}
