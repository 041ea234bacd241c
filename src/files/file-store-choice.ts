import path from 'node:path';
import type { Config } from '../config/config.js';
import type { Storage } from '../storage/database.js';
import { DatabaseFileStore } from './database-file-store.js';
import { installFileStore, LocalFileStore, type FileStore } from './file-store.js';
import { STORE_FOLDERS } from './store-folders.js';

/** Temporary local copies of database-stored files (the ingest engine reads by path). */
export const SCRATCH_FOLDER = '.scratch';

/** The store FILE_STORE names for this database and data folder (not installed). */
export function createFileStore(config: Pick<Config, 'dataDir' | 'fileStore'>, storage: Storage): FileStore {
  return config.fileStore === 'database'
    ? new DatabaseFileStore(storage.db, path.join(config.dataDir, SCRATCH_FOLDER))
    : new LocalFileStore(config.dataDir, STORE_FOLDERS);
}

/**
 * Installs the configured store for the data folder, so every `fileStoreOf(dataDir)` (uploads,
 * downloads, evidence, forum documents, clean-ups) uses it. Called by the composition root.
 */
export function installConfiguredFileStore(
  config: Pick<Config, 'dataDir' | 'fileStore'>,
  storage: Storage,
): () => void {
  return installFileStore(config.dataDir, createFileStore(config, storage));
}
