import type { Locale, Translate } from '../i18n/i18n.js';
import type { CurrentUser } from '../actor/actor.js';

/** Per-request state every route and view can read. */
export interface RequestContext {
  locale: Locale;
  t: Translate;
  user: CurrentUser | null;
  /** How the user was authenticated: a browser session (needs CSRF) or a bearer token. */
  authVia: 'session' | 'token' | null;
  /** The double-submit CSRF token for forms on this page. */
  csrfToken: string;
  /** The path and query of this request, for "back to" links and the language switch. */
  path: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    ctx: RequestContext;
  }
}
