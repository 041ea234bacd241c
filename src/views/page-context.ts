import type { Locale, Translate } from '../i18n/i18n.js';
import type { CurrentUser } from '../actor/actor.js';

/**
 * Per-request state every route and view can read. It lives with the views, which render from it,
 * so that views never import the HTTP plumbing; `http/request-context.ts` builds it per request.
 */
export interface RequestContext {
  locale: Locale;
  t: Translate;
  user: CurrentUser | null;
  /** How the user was authenticated: a browser session (needs CSRF) or a bearer token. */
  authVia: 'session' | 'token' | null;
  /** The CSRF token for forms on this page, bound to the session (or pre-session cookie). */
  csrfToken: string;
  /** The path and query of this request, for "back to" links and the language switch. */
  path: string;
}
