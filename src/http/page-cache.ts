import zlib from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ChangeCounter } from '../storage/change-counter.js';
import { SESSION_COOKIE } from './cookies.js';
import { wantsHtml } from './errors.js';
import { csrfTokenRendered } from './request-context.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** This GET route's answer to a signed-out visitor may be reused (http/page-cache.ts). */
    pageCache?: boolean;
  }
  interface FastifyRequest {
    pageCacheKey: string;
    pageCacheMiss: { key: string; generation: number } | null;
  }
}

interface Entry {
  generation: number;
  expires: number;
  headers: Record<string, string>;
  identity: Buffer;
  br: Buffer | null;
  gzip: Buffer | null;
}

export interface PageCacheSettings {
  readonly seconds: number;
  readonly maxEntries: number;
}

/** Below this size compression does not pay (the same threshold as @fastify/compress in server.ts). */
const COMPRESS_FROM_BYTES = 1024;
const NOT_KEPT = new Set(['content-length', 'content-encoding', 'set-cookie', 'x-request-id', 'date']);
const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function encodingFor(request: FastifyRequest, entry: Entry): 'br' | 'gzip' | null {
  const accepted = request.headers['accept-encoding'] ?? '';
  if (entry.br && /\bbr\b(?!;\s*q=0(?:\.0*)?\b)/.test(accepted)) return 'br';
  if (entry.gzip && /\bgzip\b(?!;\s*q=0(?:\.0*)?\b)/.test(accepted)) return 'gzip';
  return null;
}

function eligible(request: FastifyRequest): boolean {
  return (
    request.method === 'GET' &&
    request.routeOptions.config.pageCache === true &&
    !request.ctx?.user &&
    !request.headers.authorization &&
    !request.cookies[SESSION_COOKIE]
  );
}

function keep(headers: ReturnType<FastifyReply['getHeaders']>): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers))
    if (value !== undefined && !NOT_KEPT.has(name)) kept[name] = String(value);
  return kept;
}

/**
 * The page cache: the answers of the hottest public routes (those declared with
 * `config: { pageCache: true }`) to a signed-out visitor are kept, already compressed, for
 * PAGE_CACHE_SECONDS and served again without touching the database or rendering anything.
 * This is what keeps the dataset page and the home page from holding the event loop (and the
 * database pool) under load. It is correct because:
 * - only anonymous GETs are kept, keyed by language, HTML-or-JSON and URL; a signed-in user, a
 *   token, a session cookie, a form (the visitor's own CSRF token) or a cookie set in the answer
 *   means nothing is kept;
 * - every write this process makes (storage/change-counter.ts) and every state-changing request it
 *   answers drops every kept answer, so nobody reads their own write late; an answer whose render
 *   saw the counter move is not kept;
 * - the expiry bounds how long a write by another app process (or a time-dependent label) lags.
 */
export function registerPageCache(app: FastifyInstance, settings: PageCacheSettings, changes: ChangeCounter): void {
  app.decorateRequest('pageCacheKey', '');
  app.decorateRequest('pageCacheMiss', null);
  // A state-changing request's transaction has committed by the time it is answered.
  app.addHook('onResponse', (request, _reply, done) => {
    if (STATE_CHANGING.has(request.method)) changes.bump();
    done();
  });
  if (settings.seconds === 0) return;
  const entries = new Map<string, Entry>();
  const ttlMs = settings.seconds * 1000;

  // One render per key at a time: the others wait for it and are served what it kept, instead of
  // every connection rendering the same page at once when it expires or after a write.
  const filling = new Map<string, Promise<void>>();

  const serve = (request: FastifyRequest, reply: FastifyReply, entry: Entry) => {
    // Most recently used last: the first key is the one to evict.
    entries.delete(request.pageCacheKey);
    entries.set(request.pageCacheKey, entry);
    const encoding = encodingFor(request, entry);
    reply.headers(entry.headers);
    if (entry.br || entry.gzip)
      reply.header('vary', entry.headers.vary ? `${entry.headers.vary}, accept-encoding` : 'accept-encoding');
    if (encoding) reply.header('content-encoding', encoding);
    reply.header('x-page-cache', 'hit');
    reply.send(encoding ? entry[encoding] : entry.identity);
  };

  const lookUp = (request: FastifyRequest, reply: FastifyReply, waited: boolean, done: () => void) => {
    const key = request.pageCacheKey;
    const entry = entries.get(key);
    const current = entry !== undefined && entry.generation === changes.generation;
    if (current && entry.expires > Date.now()) return serve(request, reply, entry);
    const fill = filling.get(key);
    // Past its time but not made stale by a write: served while one request renders it anew.
    if (current && fill) return serve(request, reply, entry);
    if (fill && !waited) {
      void fill.then(() => lookUp(request, reply, true, done));
      return;
    }
    if (!fill) {
      let release = () => {};
      const filled = new Promise<void>((resolve) => {
        release = resolve;
      });
      filling.set(key, filled);
      reply.raw.once('close', () => {
        if (filling.get(key) === filled) filling.delete(key);
        release();
      });
    }
    request.pageCacheMiss = { key, generation: changes.generation };
    done();
  };

  // After every onRequest hook (request.ctx knows the visitor); a GET has no body to parse.
  app.addHook('preParsing', (request, reply, payload, done) => {
    if (!eligible(request)) return done(null, payload);
    // The whole Accept header: a page such as /dataset/{name} negotiates Turtle, RDF/XML and JSON-LD
    // on it, so two clients that ask differently must never share an answer (browsers send one value).
    const accept = request.headers.accept ?? '';
    request.pageCacheKey = `${request.ctx.locale}\n${wantsHtml(request) ? 'html' : 'json'}\n${accept}\n${request.url}`;
    lookUp(request, reply, false, () => done(null, payload));
  });

  // Global onSend hooks run before @fastify/compress's per-route one, so the payload is still plain.
  app.addHook('onSend', (request, reply, payload, done) => {
    const miss = request.pageCacheMiss;
    if (
      !miss ||
      reply.statusCode !== 200 ||
      miss.generation !== changes.generation ||
      reply.getHeader('set-cookie') !== undefined ||
      /private|no-store/.test(String(reply.getHeader('cache-control') ?? '')) ||
      csrfTokenRendered(request) ||
      !(typeof payload === 'string' || Buffer.isBuffer(payload))
    )
      return done(null, payload);
    const identity = Buffer.from(payload);
    const compress = identity.length >= COMPRESS_FROM_BYTES;
    entries.delete(miss.key);
    if (entries.size >= settings.maxEntries) entries.delete(entries.keys().next().value!);
    entries.set(miss.key, {
      generation: miss.generation,
      expires: Date.now() + ttlMs,
      headers: keep(reply.getHeaders()),
      identity,
      br: compress ? zlib.brotliCompressSync(identity, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } }) : null,
      gzip: compress ? zlib.gzipSync(identity) : null,
    });
    done(null, payload);
  });
}
