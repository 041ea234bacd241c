import { loadConfig } from '../config/config.js';
import { adminExists } from '../features/account/account.repository.js';
import { issueOneTimeToken } from '../features/account/account.service.js';
import { siteBaseUrl, urls } from '../urls.js';
import { parseFlags } from './args.js';
import { STARTUP_LOCK, openReadyStorage } from './bootstrap.js';
import { fileStoreOf } from '../files/file-store.js';
import type { Command } from './cli-error.js';

const usage = `Usage: terbuka serve [--port N] [--host H]

Starts the portal. Migrates the database and loads Kota Madiun's reference data first.
  --port N   port to listen on (default PORT or 3000)
  --host H   interface to bind (default HOST or 127.0.0.1, this machine only; 0.0.0.0 for all)`;

export const serveCommand: Command = {
  name: 'serve',
  summary: 'Start the web portal (default command)',
  usage,
  async run(args) {
    const { values } = parseFlags(args, { port: { type: 'string' }, host: { type: 'string' } }, usage);
    if (values.help) return (console.log(usage), 0);
    const config = loadConfig(process.env, {
      ...(values.port ? { PORT: values.port } : {}),
      ...(values.host ? { HOST: values.host } : {}),
    });
    // The app (every feature) loads only when serving, so other commands start quickly.
    const [{ buildApp }, { createLogger }] = await Promise.all([
      import('../app/build-app.js'),
      import('../app/logger.js'),
    ]);
    const logger = createLogger(config);
    const storage = await openReadyStorage(config, logger);
    // Kota Madiun's real content (the OGP plan metadata, flagship ideas, topic groups, city
    // figures) loads on start too; every content seed is idempotent and never overwrites edits.
    // Under the startup lock: seeds check, then insert, so two processes seeding at once would clash.
    const { contentSeeds } = await import('../app/seeds/content.seed.js');
    await storage.dialect.exclusively(STARTUP_LOCK, async () => {
      for (const seed of contentSeeds) await seed.run(storage.db);
    });
    const app = await buildApp({ config, storage, logger });
    // What a killed process left half-written in the file store (chunks, temporary copies).
    void fileStoreOf(config.dataDir)
      .sweep()
      .then((removed) => removed && logger.info({ removed }, 'file store leftovers removed'))
      .catch((err: unknown) => logger.warn({ err }, 'file store sweep failed'));
    // The job worker: the start-up sweep of dead jobs' leftovers, the audit checkpoint (signed
    // heads outside the database, hourly), and the other schedules (app/jobs.ts).
    const [{ startJobWorker }, { jobQueueOf }] = await Promise.all([
      import('../app/jobs.js'),
      import('../jobs/queue-registry.js'),
    ]);
    const jobs = jobQueueOf(storage.db);
    await startJobWorker(jobs);
    const shutdown = async (signal: string) => {
      logger.info({ signal }, 'shutting down');
      await jobs.stop();
      await app.close();
      await storage.close();
      process.exit(0);
    };
    process.once('SIGINT', () => void shutdown('SIGINT'));
    process.once('SIGTERM', () => void shutdown('SIGTERM'));
    await app.listen({ port: config.port, host: config.host });
    // The port actually bound (it differs from the setting with `--port 0`), for the links printed below.
    const address = app.server.address();
    const listeningPort = typeof address === 'object' && address ? address.port : config.port;
    const baseUrl = siteBaseUrl(config.baseUrlSetting, config.host, listeningPort);
    logger.info({ url: baseUrl, database: storage.dialect.describe() }, 'Terbuka is listening');
    // Tables published before personal-data detection existed are scanned once, in the background,
    // so an upgrade withholds their personal data at once instead of waiting for `terbuka privacy`.
    const { rescanUnscannedTables } = await import('../features/privacy/privacy-rescan.js');
    void rescanUnscannedTables(storage, config.suppressionThreshold).then(
      (found) => {
        for (const r of found)
          logger.warn(
            { dataset: r.dataset, resource: r.resourceId, columns: r.findings.map((f) => f.column) },
            'personal data found in an older table; its data is withheld until resolved',
          );
      },
      (error: unknown) => logger.error({ err: error }, 'scan of older tables for personal data failed'),
    );
    if (!(await adminExists(storage.db))) {
      const token = await issueOneTimeToken(storage.db, 'admin_setup', null, null);
      console.log(
        `\nNo administrator exists yet. Create the first admin account here (the link works once):\n  ${baseUrl}${urls.setup(token)}\n`,
      );
    }
    return new Promise<number>(() => {});
  },
};
