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

/**
 * Published resources left the public data: removed with a new version of their dataset
 * ('removed', `version` is the first version without them), their whole dataset was withdrawn
 * or superseded (`version` is its last published version), or a new version made the dataset
 * private ('private', `version` is that version; nothing of it may be shown publicly any more).
 * Their data is gone from the datastore or no longer public; earlier versions keep their original files.
 */
export interface ResourcesRemovedEvent {
  datasetId: string;
  resourceIds: string[];
  reason: 'removed' | 'withdrawn' | 'superseded' | 'private';
  version: number;
  /** When it took effect (ISO-8601). */
  at: string;
}

/** Called after the commit that removed the resources. Indicators derived from them register here. */
export type ResourcesRemovedListener = (db: Db, event: ResourcesRemovedEvent) => Promise<void>;

export const resourcesRemovedListeners: ResourcesRemovedListener[] = [];

export async function emitResourcesRemoved(db: Db, event: ResourcesRemovedEvent): Promise<void> {
  if (!event.resourceIds.length) return;
  for (const listener of resourcesRemovedListeners) await listener(db, event);
}
