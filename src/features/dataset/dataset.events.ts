import type { Db } from '../../storage/database.js';

/**
 * Called after a resource's datastore table has been replaced by a newly published version
 * (inside no transaction; the new data is committed): indicators derived from the resource
 * recompute their values, the datastore indexes a new table.
 */
export type DatastoreReplacedListener = (db: Db, event: { resourceId: string; datasetId: string }) => Promise<void>;

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

/** Called after the commit that removed the resources: indicators derived from them record it. */
export type ResourcesRemovedListener = (db: Db, event: ResourcesRemovedEvent) => Promise<void>;

/** Who hears of a dataset's data changing: listed by the composition root (src/app/compose.ts). */
export interface DatasetEventListeners {
  datastoreReplaced: readonly DatastoreReplacedListener[];
  resourcesRemoved: readonly ResourcesRemovedListener[];
}

/**
 * The services that publish and load data receive only the database handle, so the composition
 * root binds the listeners to that handle once, for the web app and every CLI command alike
 * (`bindDatasetEvents`). A handle nobody bound (a bare test database) has no listeners.
 */
const bound = new WeakMap<object, DatasetEventListeners>();

export function bindDatasetEvents(db: Db, listeners: DatasetEventListeners): void {
  bound.set(db, listeners);
}

/** Listeners run after the commit; a transaction is a handle of its own, which nothing is bound to. */
function listenersOf(db: Db): DatasetEventListeners | undefined {
  if (db.isTransaction) throw new Error('dataset events are emitted after the commit, on the database handle');
  return bound.get(db);
}

export async function emitDatastoreReplaced(db: Db, event: { resourceId: string; datasetId: string }): Promise<void> {
  for (const listener of listenersOf(db)?.datastoreReplaced ?? []) await listener(db, event);
}

export async function emitResourcesRemoved(db: Db, event: ResourcesRemovedEvent): Promise<void> {
  if (!event.resourceIds.length) return;
  for (const listener of listenersOf(db)?.resourcesRemoved ?? []) await listener(db, event);
}
