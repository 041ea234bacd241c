import { loadConfig, type Config } from '../config/config.js';
import { createDatabase, type Storage } from '../storage/database.js';
import { migrateToLatest } from '../storage/migrator.js';
import { seedReference } from '../storage/seeds/reference.seed.js';

/** Opens the configured database, migrates it and loads the reference data (idempotent). */
export async function openReadyStorage(config: Config = loadConfig()): Promise<Storage> {
  const storage = createDatabase(config);
  try {
    await migrateToLatest(storage.db);
    await seedReference(storage.db);
  } catch (error) {
    await storage.close();
    throw error;
  }
  return storage;
}
