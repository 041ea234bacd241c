import Fastify, { LogController, type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import compress from '@fastify/compress';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import { serializerCompiler, validatorCompiler, jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import type { Logger } from 'pino';
import { createLogger } from './logger.js';
import qs from 'node:querystring';
import type { Config } from '../config/config.js';
import type { Storage } from '../storage/database.js';
import { createMailer, type Mailer } from '../features/mail/mail.service.js';
import { resolveApiToken, resolveSession } from '../features/account/session.service.js';
import { registerErrorHandling } from '../http/errors.js';
import { registerSecurityHeaders } from '../http/security-headers.js';
import { registerRequestContext } from '../http/request-context.js';
import { registerCoreRoutes } from '../http/core.routes.js';
import type { AppDeps } from '../http/deps.js';
import { registerRoutes } from './routes.js';
import { composeRuntime } from './compose.js';
import { datasetPageExtras, followables, homeTiles, mainNav, profileSections } from './registrations.js';

export interface BuildAppOptions {
  config: Config;
  storage: Storage;
  logger?: Logger;
  mailer?: Mailer;
}

const DOCUMENTED_PREFIXES = ['/api/v1/', '/api/3/', '/healthz', '/datastore/', '/catalog.', '/dataset/'];

/**
 * Assembles the whole application: the runtime wiring (compose.ts), plugins, hooks, error
 * handling, what features show of each other (registrations.ts) and every feature's routes.
 */
export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const { config, storage } = options;
  const logger = options.logger ?? createLogger(config);
  const runtime = composeRuntime(storage, config, logger);
  const app = Fastify({
    loggerInstance: logger,
    // One line per request costs ~40 % of throughput (stack-notes); we log errors, slow requests,
    // and every request only when LOG_REQUESTS=true.
    logController: new LogController({ disableRequestLogging: true }),
    trustProxy: config.trustProxy,
    bodyLimit: config.maxBodyBytes,
    requestIdHeader: 'x-request-id',
    return503OnClosing: true,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 500 },
  }) as unknown as FastifyInstance;
  const deps: AppDeps = {
    config, storage, db: storage.db, nav: mainNav,
    mailer: options.mailer ?? createMailer(config, storage.db),
    homeTiles, profileSections, followables,
    datasetExtras: datasetPageExtras(storage.db, config.baseUrl),
  };
  app.decorate('deps', deps);
  // Shutting down waits for the background work after the last commits (it uses the database).
  app.addHook('onClose', async () => { await runtime.settled(); });

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  // Callback-style hooks: on the hot path an async hook costs a promise per request.
  app.addHook('onResponse', (request, reply, done) => {
    const ms = reply.elapsedTime;
    if (ms >= config.slowRequestMs) request.log.warn({ method: request.method, url: request.url, status: reply.statusCode, ms: Math.round(ms) }, 'slow request');
    else if (config.logRequests) request.log.info({ method: request.method, url: request.url, status: reply.statusCode, ms: Math.round(ms) }, 'request');
    done();
  });

  await app.register(cookie);
  await app.register(formbody, { bodyLimit: config.maxBodyBytes, parser: (body) => qs.parse(body) });
  registerSecurityHeaders(app, config);
  await app.register(compress, { threshold: 1024, encodings: ['br', 'gzip', 'deflate'], brotliOptions: { params: { 1: 4 } } });
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Terbuka API',
        version: '1.0.0',
        description: 'Open-government platform: OGP Local action plans, Satu Data Kelurahan, indicators. Errors share one shape: {ok:false, error:{code, message, details}}.',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'Personal API token (tbk_…) from the account page.' } } },
    },
    transform: (input) => {
      const documented = DOCUMENTED_PREFIXES.some((p) => input.url.startsWith(p));
      if (!documented) return { schema: { ...input.schema, hide: true }, url: input.url };
      return jsonSchemaTransform(input);
    },
    transformObject: jsonSchemaTransformObject,
  });

  registerErrorHandling(app, config.siteName);
  registerRequestContext(app, config, {
    resolveApiToken: (token) => resolveApiToken(storage.db, token),
    resolveSession: (token, ttlHours, onExtend) => resolveSession(storage.db, token, ttlHours, onExtend),
  });
  await registerCoreRoutes(app);
  await registerRoutes(app);
  return app;
}
