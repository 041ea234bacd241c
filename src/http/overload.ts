import type { FastifyInstance, FastifyRequest } from 'fastify';
import underPressure from '@fastify/under-pressure';
import type { OverloadSettings } from '../config/config.js';
import { AppError } from '../errors.js';

/** Answered whatever the load: a load balancer must tell a busy process from a dead one. */
const EXEMPT_PATHS = new Set(['/healthz']);
const LOG_EVERY_MS = 10_000;

function exempt(request: FastifyRequest): boolean {
  const url = request.url;
  const query = url.indexOf('?');
  return EXEMPT_PATHS.has(query === -1 ? url : url.slice(0, query));
}

/**
 * Overload protection: a request that would only queue behind others is refused at once with 503
 * and Retry-After (the error page or JSON error in the reader's language, through the one error
 * model), so the requests already accepted finish in time instead of every client timing out.
 * Two signals: the bounded queue (requests this process holds at once, OVERLOAD_MAX_IN_FLIGHT)
 * and @fastify/under-pressure's samples of the event-loop delay and the heap. `/healthz` is exempt.
 *
 * Registered after the request context (it needs the reader's language) and before the routes;
 * the request context does no database work for anonymous visitors, so shedding stays cheap.
 */
export async function registerOverloadProtection(app: FastifyInstance, settings: OverloadSettings): Promise<void> {
  const { retryAfterSeconds } = settings;
  let shed = 0;
  let lastLog = 0;
  const refuse = (request: FastifyRequest, reason: string, value: number): AppError => {
    shed++;
    const now = Date.now();
    if (now - lastLog >= LOG_EVERY_MS) {
      request.log.warn({ reason, value, shedSinceLastLog: shed }, 'overloaded: shedding requests with 503');
      lastLog = now;
      shed = 0;
    }
    return new AppError('OVERLOADED', 503, { reason, retryAfterSeconds }, { seconds: retryAfterSeconds });
  };

  if (settings.maxInFlight > 0) {
    let inFlight = 0;
    // A response always ends in 'close' (sent, failed or abandoned by the client), so the count cannot leak.
    const release = () => {
      inFlight--;
    };
    app.addHook('onRequest', (request, reply, done) => {
      if (exempt(request)) return done();
      if (inFlight >= settings.maxInFlight) {
        reply.header('retry-after', String(retryAfterSeconds));
        return done(refuse(request, 'in_flight', inFlight));
      }
      inFlight++;
      reply.raw.once('close', release);
      done();
    });
  }

  // Building the app (compiling every route and schema) blocks the loop for a while just before it
  // is ready; the samples that saw it are discarded, or the first requests after a start would be shed.
  let judgingDelay = false;
  app.addHook('onReady', (done) => {
    setTimeout(() => {
      judgingDelay = true;
    }, 2 * settings.sampleMs).unref();
    done();
  });

  await app.register(underPressure, {
    maxEventLoopDelay: settings.maxEventLoopDelayMs,
    maxHeapUsedBytes: settings.maxHeapBytes,
    sampleInterval: settings.sampleMs,
    retryAfter: retryAfterSeconds,
    // Returning nothing lets the request through; a rejected promise hands the error to the error model.
    pressureHandler: (request, reply, type, value) => {
      if (exempt(request) || (type === underPressure.TYPE_EVENT_LOOP_DELAY && !judgingDelay)) return;
      reply.header('retry-after', String(retryAfterSeconds));
      return Promise.reject(refuse(request, type, Number(value ?? 0)));
    },
  });
}
