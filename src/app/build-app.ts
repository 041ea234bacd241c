import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Config } from '../config/config.js';
import type { Storage } from '../storage/database.js';
import { createMailer, type Mailer } from '../features/mail/mail.service.js';
import { resolveApiToken, resolveSession } from '../features/account/session.service.js';
import { tokenPermits } from '../features/account/token-scope.js';
import { createServer } from '../http/server.js';
import { registerRequestContext } from '../http/request-context.js';
import { registerCoreRoutes } from '../http/core.routes.js';
import { registerOverloadProtection } from '../http/overload.js';
import type { AppDeps } from '../http/deps.js';
import { createLogger } from './logger.js';
import { registerRoutes } from './routes.js';
import { composeRuntime } from './compose.js';
import {
  datasetPageExtras,
  followables,
  homeTiles,
  mainNav,
  methodsSections,
  profileSections,
} from './registrations.js';

export interface BuildAppOptions {
  config: Config;
  storage: Storage;
  logger?: Logger;
  mailer?: Mailer;
}

/**
 * Assembles the whole application: the runtime wiring shared with the CLI (compose.ts), the
 * HTTP plumbing (http/server.ts), what features show of each other (registrations.ts, handed
 * to the routes as `app.deps`), the request context with the account feature's session and
 * token lookup, and every feature's routes (routes.ts).
 */
export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const { config, storage } = options;
  const logger = options.logger ?? createLogger(config);
  const runtime = composeRuntime(storage, config, logger);
  const deps: AppDeps = {
    config,
    storage,
    db: storage.db,
    nav: mainNav,
    mailer: options.mailer ?? createMailer(config, storage.db),
    homeTiles,
    profileSections,
    methodsSections,
    followables,
    datasetExtras: datasetPageExtras(storage.db, config.baseUrl),
  };
  const app = await createServer(deps, logger);
  // Shutting down waits for the background work after the last commits (it uses the database).
  app.addHook('onClose', async () => {
    await runtime.settled();
  });
  registerRequestContext(app, config, {
    resolveApiToken: async (token) => {
      const resolved = await resolveApiToken(storage.db, token);
      return resolved && { ...resolved, permits: (method, route) => tokenPermits(resolved.scope, method, route) };
    },
    resolveSession: (token, ttlHours, onExtend) => resolveSession(storage.db, token, ttlHours, onExtend),
  });
  // After the request context (a shed request is answered in the reader's language), before any route.
  await registerOverloadProtection(app, config.overload);
  await registerCoreRoutes(app);
  await registerRoutes(app);
  return app;
}
