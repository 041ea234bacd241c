import { loadConfig, type Config } from '../config/config.js';
import { createDatabase, type Storage } from '../storage/database.js';
import { migrateToLatest } from '../storage/migrator.js';
import { seedReference } from '../app/seeds/reference.seed.js';
import type { Logger } from 'pino';

/** The lock every app process takes to migrate and seed (several processes may start together). */
export const STARTUP_LOCK = 'terbuka.startup';

/**
 * Opens the configured database, migrates it, loads the reference data (idempotent; both under the
 * cluster-wide startup lock, so concurrent starts of several processes run each migration once) and wires
 * it through the composition root (src/app/compose.ts): listeners of dataset events, settings,
 * messages, exactly as the web app. Closing waits for the background work the command started.
 */
export async function openReadyStorage(config: Config = loadConfig(), logger?: Logger): Promise<Storage> {
  const storage = createDatabase(config);
  try {
    const applied = await storage.dialect.exclusively(STARTUP_LOCK, async () => {
      const result = await migrateToLatest(storage.db);
      await seedReference(storage.db);
      return (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
    });
    // Each process says which migrations it ran: of several started together, one names them all.
    if (applied.length > 0) logger?.info({ migrations: applied }, 'migrations applied');
  } catch (error) {
    await storage.close();
    throw error;
  }
  // The features load only now, so `--help` and commands that need no feature start quickly.
  const [{ composeRuntime }, { createLogger }] = await Promise.all([
    import('../app/compose.js'),
    import('../app/logger.js'),
  ]);
  const runtime = composeRuntime(storage, config, logger ?? createLogger(config));
  return {
    ...storage,
    close: async () => {
      await runtime.settled();
      runtime.release();
      await storage.close();
    },
  };
}
