/**
 * CSRF defence for cookie sessions, in two independent layers:
 * - the token is an HMAC (server secret, kept in the data folder) of the session id, or of a
 *   pre-session cookie for signed-out forms. A page on a sibling subdomain or another port of the
 *   same host can plant its own `terbuka_csrf` cookie, but cannot compute the token that goes with
 *   the victim's session, so a planted cookie is worthless;
 * - the browser's own `Origin` and `Sec-Fetch-Site` headers must say the request came from this
 *   site (same-site is not enough: a sibling subdomain is same-site).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Config } from '../config/config.js';
import { secretKey } from '../secrets/key-file.js';

/** What a token is bound to: the signed-in session's cookie, or the signed-out pre-session cookie. */
export type CsrfBinding = { session: string } | { preSession: string };

export const csrfKey = (config: Pick<Config, 'dataDir'>): Buffer => secretKey(null, config.dataDir, 'csrf.key');

export function csrfTokenFor(key: Buffer, binding: CsrfBinding): string {
  // The prefix keeps the two kinds apart: a pre-session value can never stand for a session id.
  const input = 'session' in binding ? `s:${binding.session}` : `p:${binding.preSession}`;
  return createHmac('sha256', key).update(input).digest('base64url');
}

/** Constant-time comparison (the lengths of our tokens are public). */
export function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Whether a state-changing browser request comes from this site's own pages. `Sec-Fetch-Site`
 * (set by the browser, not by pages) must be `same-origin` (or `none`: typed by the user);
 * `Origin`, when sent, must be the configured base URL or the origin the request was addressed to.
 * A request with neither header is not from a current browser, and is left to the token.
 */
export function fromOwnOrigin(request: FastifyRequest, baseOrigin: string): boolean {
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return false;
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  // An opaque origin (sandboxed frame, data: URL) is only trusted when the browser vouches for it.
  if (origin === 'null') return site === 'same-origin';
  return origin === baseOrigin || origin === `${request.protocol}://${request.host}`;
}
