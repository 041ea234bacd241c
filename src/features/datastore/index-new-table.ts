import type { DatastoreReplacedListener } from '../dataset/dataset.events.js';
import { EAGER_INDEX_MAX_ROWS, ensureDatastoreIndexes } from './datastore.indexes.js';

/**
 * A newly loaded table of moderate size gets an index per column, in the background (`defer`)
 * so the upload's response does not wait; large tables grow indexes on first query instead.
 */
export function indexNewTable(defer: (job: () => Promise<void>, what: string) => void): DatastoreReplacedListener {
  return async (db, event) => {
    const row = await db
      .selectFrom('datastore_tables')
      .select('row_count')
      .where('resource_id', '=', event.resourceId)
      .executeTakeFirst();
    if (!row || Number(row.row_count) > EAGER_INDEX_MAX_ROWS) return;
    defer(async () => {
      await ensureDatastoreIndexes(db, event.resourceId);
    }, 'datastore indexes not created');
  };
}
