import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config/config.js';
import { negotiateLocale, translator, type Locale } from '../i18n/i18n.js';
import { newSecret } from '../ids.js';
import { AppError } from '../errors.js';
import type { CurrentUser } from '../actor/actor.js';
import type { RequestContext } from '../views/page-context.js';
import { CSRF_COOKIE, LANG_COOKIE, SESSION_COOKIE, cookieOptions } from './cookies.js';

const translators = { id: translator('id'), en: translator('en') };
const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * How a request's credentials become a user: given by the composition root (the account feature
 * owns sessions and tokens), so this plumbing knows no feature. `onExtend` is called when a
 * session's expiry moved, so its cookie is renewed.
 */
interface Authenticator {
  resolveApiToken(token: string): Promise<CurrentUser | null>;
  resolveSession(token: string, ttlHours: number, onExtend: () => void): Promise<CurrentUser | null>;
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * request.ctx as a class: its accessors live on the prototype, so a request allocates one small
 * object of a stable shape (an object literal with accessors costs closures and a new shape
 * per request, which showed up as a good share of a primary-key read in the bench profile).
 */
class Context implements RequestContext {
  user: CurrentUser | null = null;
  authVia: RequestContext['authVia'] = null;
  readonly t: RequestContext['t'];
  readonly path: string;
  constructor(
    readonly locale: Locale,
    private readonly request: FastifyRequest,
    private readonly reply: FastifyReply,
    private readonly config: Config,
    private token: string | undefined,
  ) {
    this.t = translators[locale];
    this.path = request.url;
  }
  /** The CSRF token is made (and its cookie set) only when a page actually renders a form. */
  get csrfToken(): string {
    if (this.token === undefined) {
      this.token = newSecret();
      this.reply.setCookie(CSRF_COOKIE, this.token, cookieOptions(this.config, this.request, 60 * 60 * 24 * 365));
    }
    return this.token;
  }
  /** Login and logout rotate the token (and set its cookie themselves). */
  set csrfToken(value: string) {
    this.token = value;
  }
}

/**
 * Builds request.ctx (language, user, CSRF token) and enforces CSRF on state-changing requests.
 * Bearer-token requests and cookie-less JSON requests carry no ambient authority, so they skip
 * the CSRF check; every form post and every request with a session cookie must present the token.
 */
export function registerRequestContext(app: FastifyInstance, config: Config, auth: Authenticator): void {
  app.decorateRequest('ctx', null as never);

  /** Resolves the bearer token or session cookie into request.ctx.user. */
  async function authenticate(
    request: FastifyRequest,
    reply: FastifyReply,
    authorization: string | undefined,
  ): Promise<void> {
    const cookies = request.cookies;
    // Only our own token schemes count: another scheme (e.g. Basic auth added by a reverse proxy in
    // front of a staging site) is not ours to judge, so the request falls through to the session.
    const bearer = authorization
      ? (/^(?:Bearer|Token)\s+(\S+)$/i.exec(authorization) ?? /^(tbk_\S+)$/.exec(authorization))
      : null;
    const foreignScheme =
      !!authorization &&
      !bearer &&
      /^[A-Za-z][\w-]*\s+\S/.test(authorization) &&
      !/^(?:Bearer|Token)\s/i.test(authorization);
    if (authorization && !foreignScheme) {
      const user = bearer ? await auth.resolveApiToken(bearer[1]!) : null;
      if (!user) throw new AppError('UNAUTHENTICATED', 401, { reason: 'invalid_token' });
      request.ctx.user = user;
      request.ctx.authVia = 'token';
    } else if (cookies[SESSION_COOKIE]) {
      const token = cookies[SESSION_COOKIE]!;
      const user = await auth.resolveSession(token, config.sessionTtlHours, () =>
        reply.setCookie(SESSION_COOKIE, token, cookieOptions(config, request, config.sessionTtlHours * 3600)),
      );
      if (user) {
        request.ctx.user = user;
        request.ctx.authVia = 'session';
      } else {
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
      }
    }
  }

  // Callback style with a synchronous fast path: anonymous requests (most public traffic and
  // every harvester) never touch the database or allocate a promise here.
  app.addHook('onRequest', (request, reply, done) => {
    const cookies = request.cookies;
    const langCookie = cookies[LANG_COOKIE];
    // The language switch's cookie is the reader's explicit choice; without it the JSON API
    // honours Accept-Language (pages keep the site's default, so a browser's setting does not
    // silently turn an Indonesian site English). Caches must keep the languages apart.
    const api = request.url.startsWith('/api/');
    const locale: Locale =
      langCookie === 'en' || langCookie === 'id'
        ? langCookie
        : ((api ? negotiateLocale(request.headers['accept-language'], config.defaultLocale) : null) ??
          config.defaultLocale);
    reply.header('content-language', locale);
    if (api) reply.header('vary', 'accept-language');
    const existingCsrf = cookies[CSRF_COOKIE];
    const hasCsrfCookie = !!existingCsrf && existingCsrf.length >= 20;
    request.ctx = new Context(locale, request, reply, config, hasCsrfCookie ? existingCsrf : undefined);

    const authorization = request.headers.authorization;
    if (!authorization && !cookies[SESSION_COOKIE]) return done();
    authenticate(request, reply, authorization).then(() => done(), done);
  });

  app.addHook('preHandler', (request: FastifyRequest, _reply: FastifyReply, done: (error?: Error) => void) => {
    if (!STATE_CHANGING.has(request.method) || request.ctx.authVia === 'token') return done();
    const contentType = request.headers['content-type'] ?? '';
    const isForm =
      contentType.startsWith('application/x-www-form-urlencoded') || contentType.startsWith('multipart/form-data');
    if (!isForm && !request.cookies[SESSION_COOKIE]) return done();
    const body = request.body as Record<string, unknown> | undefined;
    const fromBody = body && typeof body === 'object' ? body['_csrf'] : undefined;
    // Multipart forms stream their files, so their token travels in the action URL (?_csrf=…).
    const fromQuery = contentType.startsWith('multipart/form-data')
      ? (request.query as Record<string, unknown> | undefined)?.['_csrf']
      : undefined;
    const fromMultipart = typeof fromQuery === 'string' ? fromQuery : undefined;
    const presented =
      (typeof fromBody === 'string' ? fromBody : undefined) ??
      fromMultipart ??
      (request.headers['x-csrf-token'] as string | undefined);
    const expected = request.cookies[CSRF_COOKIE];
    done(!presented || !expected || !sameToken(presented, expected) ? new AppError('CSRF_INVALID', 403) : undefined);
  });
}
