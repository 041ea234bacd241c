import Fastify, { LogController, type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import compress from '@fastify/compress';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import {
  serializerCompiler,
  validatorCompiler,
  jsonSchemaTransform,
  jsonSchemaTransformObject,
} from 'fastify-type-provider-zod';
import type { Logger } from 'pino';
import qs from 'node:querystring';
import type { AppDeps } from './deps.js';
import { fastifyTrustProxy } from '../config/trust-proxy.js';
import { registerErrorHandling } from './errors.js';
import { registerSecurityHeaders } from './security-headers.js';
import { databaseRateLimitStore } from './rate-limit-store.js';
import { registerPageCache } from './page-cache.js';

const DOCUMENTED_PREFIXES = ['/api/v1/', '/api/3/', '/healthz', '/datastore/', '/catalog.', '/dataset/'];

/**
 * The HTTP plumbing every route runs on: Fastify with cookie/form parsing, security headers,
 * compression, rate limiting, the OpenAPI generator, request logging and the error model, with
 * `deps` decorated first. The composition root (src/app/build-app.ts) adds the request context
 * and the routes.
 */
export async function createServer(deps: AppDeps, logger: Logger): Promise<FastifyInstance> {
  const { config } = deps;
  const app = Fastify({
    loggerInstance: logger,
    // One line per request costs ~40 % of throughput (stack-notes); we log errors, slow requests,
    // and every request only when LOG_REQUESTS=true.
    logController: new LogController({ disableRequestLogging: true }),
    trustProxy: fastifyTrustProxy(config.trustProxy),
    bodyLimit: config.maxBodyBytes,
    requestIdHeader: 'x-request-id',
    return503OnClosing: true,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 500 },
  }) as unknown as FastifyInstance;
  app.decorate('deps', deps);

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  // Callback-style hooks: on the hot path an async hook costs a promise per request.
  app.addHook('onResponse', (request, reply, done) => {
    const ms = reply.elapsedTime;
    if (ms >= config.slowRequestMs)
      request.log.warn(
        { method: request.method, url: request.url, status: reply.statusCode, ms: Math.round(ms) },
        'slow request',
      );
    else if (config.logRequests)
      request.log.info(
        { method: request.method, url: request.url, status: reply.statusCode, ms: Math.round(ms) },
        'request',
      );
    done();
  });

  await app.register(cookie);
  await app.register(formbody, { bodyLimit: config.maxBodyBytes, parser: (body) => qs.parse(body) });
  registerSecurityHeaders(app, config);
  registerPageCache(app, config.pageCache, deps.storage.changes);
  await app.register(compress, {
    threshold: 1024,
    encodings: ['br', 'gzip', 'deflate'],
    brotliOptions: { params: { 1: 4 } },
  });
  // Counters in the database: every app process on it shares them (http/rate-limit-store.ts).
  await app.register(rateLimit, { global: false, store: databaseRateLimitStore(deps.db) });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Terbuka API',
        version: '1.0.0',
        description:
          'Open-government platform: OGP Local action plans, Satu Data Kelurahan, indicators. ' +
          'Errors share one shape: {ok:false, error:{code, message, details}}.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'Personal API token (tbk_…) from the account page.' },
        },
      },
    },
    transform: (input) => {
      const documented = DOCUMENTED_PREFIXES.some((p) => input.url.startsWith(p));
      if (!documented) return { schema: { ...input.schema, hide: true }, url: input.url };
      return jsonSchemaTransform(input);
    },
    transformObject: jsonSchemaTransformObject,
  });

  registerErrorHandling(app, config.siteName);
  return app;
}
