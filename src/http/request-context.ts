import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config/config.js';
import { negotiateLocale, translator, type Locale } from '../i18n/i18n.js';
import { newSecret } from '../ids.js';
import { AppError } from '../errors.js';
import type { CurrentUser } from '../actor/actor.js';
import type { RequestContext } from '../views/page-context.js';
import { CSRF_COOKIE, LANG_COOKIE, SESSION_COOKIE, cookieOptions } from './cookies.js';
import { csrfKey, csrfTokenFor, fromOwnOrigin, sameToken } from './csrf.js';

const translators = { id: translator('id'), en: translator('en') };
const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * How a request's credentials become a user: given by the composition root (the account feature
 * owns sessions and tokens), so this plumbing knows no feature. `onExtend` is called when a
 * session's expiry moved, so its cookie is renewed.
 */
interface Authenticator {
  /**
   * The token's holder and scope, or null when the token is not valid (an expired one throws its
   * own 401). `permits` says whether the token may make a request: method and matched route pattern.
   */
  resolveApiToken(
    token: string,
  ): Promise<{ user: CurrentUser; scope: string; permits(method: string, route: string): boolean } | null>;
  resolveSession(token: string, ttlHours: number, onExtend: () => void): Promise<CurrentUser | null>;
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
  /** Set once the answer holds this visitor's CSRF token: it may then not be shown to anyone else. */
  tokenRendered = false;
  /** Set when login or logout changed what the token is bound to during this request. */
  private rebound: string | undefined;
  constructor(
    readonly locale: Locale,
    private readonly request: FastifyRequest,
    private readonly reply: FastifyReply,
    private readonly config: Config,
    private readonly key: Buffer,
    private preSession: string | undefined,
  ) {
    this.t = translators[locale];
    this.path = request.url;
  }
  /** The token this request must present, or null when it has nothing to be bound to. */
  expectedCsrf(): string | null {
    const sid = this.request.cookies[SESSION_COOKIE];
    if (this.authVia === 'session' && sid) return csrfTokenFor(this.key, { session: sid });
    return this.preSession ? csrfTokenFor(this.key, { preSession: this.preSession }) : null;
  }
  /** The token for this page's forms; a signed-out visitor's pre-session cookie is made only when a form renders. */
  get csrfToken(): string {
    this.tokenRendered = true;
    if (this.rebound !== undefined) return this.rebound;
    const expected = this.expectedCsrf();
    if (expected) return expected;
    return this.newPreSession();
  }
  /** Login binds the token to the new session, logout to a fresh pre-session cookie. */
  rebind(sessionToken: string | null): string {
    this.rebound = sessionToken ? csrfTokenFor(this.key, { session: sessionToken }) : this.newPreSession();
    return this.rebound;
  }
  private newPreSession(): string {
    this.preSession = newSecret();
    this.reply.setCookie(CSRF_COOKIE, this.preSession, cookieOptions(this.config, this.request, 60 * 60 * 24 * 365));
    return csrfTokenFor(this.key, { preSession: this.preSession });
  }
}

/**
 * After login (`sessionToken`) or logout (null): the CSRF token the response's pages and JSON
 * clients must use from now on.
 */
/** Whether this request's answer shows its visitor's CSRF token (a form): such an answer is never shared. */
export function csrfTokenRendered(request: FastifyRequest): boolean {
  return (request.ctx as Context | null)?.tokenRendered ?? false;
}

export function rebindCsrf(request: FastifyRequest, sessionToken: string | null): string {
  return (request.ctx as Context).rebind(sessionToken);
}

/**
 * Builds request.ctx (language, user, CSRF token) and enforces CSRF on state-changing requests.
 * Bearer-token requests and cookie-less JSON requests carry no ambient authority, so they skip
 * the CSRF check; every form post and every request with a session cookie must come from this
 * site's pages (http/csrf.ts) and present the token bound to its session or pre-session cookie.
 */
export function registerRequestContext(app: FastifyInstance, config: Config, auth: Authenticator): void {
  app.decorateRequest('ctx', null as never);
  app.decorateRequest('vetMultipartFields', null);
  const key = csrfKey(config);
  const baseOrigin = new URL(config.baseUrl).origin;

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
      const resolved = bearer ? await auth.resolveApiToken(bearer[1]!) : null;
      if (!resolved) throw new AppError('UNAUTHENTICATED', 401, { reason: 'invalid_token' });
      // The one place a token's scope is enforced: before any route runs, whatever the route.
      if (!resolved.permits(request.method, request.routeOptions.url ?? ''))
        throw new AppError('TOKEN_SCOPE', 403, { scope: resolved.scope }, { scope: resolved.scope });
      request.ctx.user = resolved.user;
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
    const preSession = cookies[CSRF_COOKIE];
    const hasPreSession = !!preSession && preSession.length >= 20;
    request.ctx = new Context(locale, request, reply, config, key, hasPreSession ? preSession : undefined);

    const authorization = request.headers.authorization;
    if (!authorization && !cookies[SESSION_COOKIE]) return done();
    authenticate(request, reply, authorization).then(() => done(), done);
  });

  app.addHook('preHandler', (request: FastifyRequest, _reply: FastifyReply, done: (error?: Error) => void) => {
    if (!STATE_CHANGING.has(request.method) || request.ctx.authVia === 'token') return done();
    const contentType = request.headers['content-type'] ?? '';
    const multipart = contentType.startsWith('multipart/form-data');
    const isForm = multipart || contentType.startsWith('application/x-www-form-urlencoded');
    if (!isForm && !request.cookies[SESSION_COOKIE]) return done();
    if (!fromOwnOrigin(request, baseOrigin)) return done(new AppError('CSRF_ORIGIN', 403));
    const expected = (request.ctx as Context).expectedCsrf();
    const matches = (presented: unknown) =>
      typeof presented === 'string' && expected !== null && sameToken(presented, expected);
    const header = request.headers['x-csrf-token'];
    if (header !== undefined) return done(matches(header) ? undefined : new AppError('CSRF_INVALID', 403));
    if (multipart && request.routeOptions.config.multipartForm) {
      // A multipart body is streamed by the handler, so its `_csrf` field (which our forms put
      // before the file input) is checked by the multipart reader before any file part is read.
      request.vetMultipartFields = (fields) => {
        if (!matches(fields['_csrf'])) throw new AppError('CSRF_INVALID', 403);
      };
      return done();
    }
    const body = request.body as Record<string, unknown> | undefined;
    done(
      matches(body && typeof body === 'object' ? body['_csrf'] : undefined)
        ? undefined
        : new AppError('CSRF_INVALID', 403),
    );
  });
}
