import type { Logger } from 'pino';
import type { Config } from '../config/config.js';
import type { Storage } from '../storage/database.js';
import { installMessages } from '../i18n/i18n.js';
import { messageCatalogues } from './messages.js';
import { bindDatasetEvents, type DatasetEventListeners } from '../features/dataset/dataset.events.js';
import { indexNewTable } from '../features/datastore/index-new-table.js';
import { onDatastoreReplaced } from '../features/indicator/indicator-derivation.service.js';
import { onResourcesRemoved } from '../features/indicator/derivation-source.js';
import { registerPrivacySettings } from '../features/privacy/privacy.settings.js';
import { registerAuditSecret } from '../features/audit/audit.key.js';
import { setSuppressionThreshold } from '../features/indicator/indicator.settings.js';
import { setWarmupLogger, warmupsSettled } from '../features/indicator/disclosure/warmup-queue.js';
import { installConfiguredFileStore } from '../files/file-store-choice.js';
import type { JobQueue } from '../jobs/job-queue.js';
import { composeJobs } from './jobs.js';

/**
 * Who hears when a dataset's data changes, in this order: the datastore indexes a new table (in
 * the background, `defer`), derived indicators recompute or record that their source left.
 */
function datasetEventListeners(defer: (job: () => Promise<void>, what: string) => void): DatasetEventListeners {
  return {
    datastoreReplaced: [indexNewTable(defer), onDatastoreReplaced],
    resourcesRemoved: [onResourcesRemoved],
  };
}

interface Runtime {
  /** The durable job queue (src/jobs/); `serve` starts its worker, tests and commands call `settled()`. */
  jobs: JobQueue;
  /** Resolves when the background work started so far (loads, indexes, protection warm-ups) is done. */
  settled(): Promise<void>;
  /** Undoes what composing installed process-wide (the data folder's file store), before the database closes. */
  release(): void;
}

const composed = new WeakMap<object, Runtime>();

/**
 * Wires what every process that writes data needs, once per database: the message catalogues,
 * the settings services read from the database handle, the file store (FILE_STORE) of the data
 * folder, and the listeners of dataset events.
 * The web app (build-app.ts) and every CLI command (cli/bootstrap.ts) go through here, so a
 * `terbuka import` recomputes derived indicators exactly as a web upload does.
 */
export function composeRuntime(storage: Storage, config: Config, logger: Logger): Runtime {
  const existing = composed.get(storage.db);
  if (existing) return existing;
  installMessages(messageCatalogues);
  const uninstallFileStore = installConfiguredFileStore(config, storage);
  registerPrivacySettings(storage.db, config);
  registerAuditSecret(storage.db, config.auditSecret);
  setSuppressionThreshold(storage.db, config.suppressionThreshold);
  setWarmupLogger((err) => logger.error({ err }, 'protection warm-up failed'));

  // Work after a commit that the request (or command) does not wait for, errors logged.
  const running = new Set<Promise<void>>();
  const defer = (job: () => Promise<void>, what: string) => {
    const task = new Promise<void>((resolve) => setImmediate(resolve))
      .then(job)
      .catch((error: unknown) => {
        logger.warn({ err: error }, what);
      })
      .finally(() => running.delete(task));
    running.add(task);
  };
  bindDatasetEvents(storage.db, datasetEventListeners(defer));
  const jobs = composeJobs(storage, config, logger);

  const runtime: Runtime = {
    jobs,
    async settled() {
      await jobs.settled();
      while (running.size) await Promise.all(running);
      // The protection warm-ups after the last commits use the database too.
      await warmupsSettled();
    },
    release: uninstallFileStore,
  };
  composed.set(storage.db, runtime);
  return runtime;
}
