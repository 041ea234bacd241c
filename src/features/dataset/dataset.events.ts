import type { Db } from '../../storage/database.js';

/**
 * Called after a resource's datastore table has been replaced by a newly published version
 * (inside no transaction; the new data is committed). Indicators derived from a resource
 * register here to recompute their values.
 */
export type DatastoreReplacedListener = (db: Db, event: { resourceId: string; datasetId: string }) => Promise<void>;

export const datastoreReplacedListeners: DatastoreReplacedListener[] = [];

export async function emitDatastoreReplaced(db: Db, event: { resourceId: string; datasetId: string }): Promise<void> {
  for (const listener of datastoreReplacedListeners) await listener(db, event);
}
