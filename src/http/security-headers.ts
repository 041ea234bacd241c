import type { FastifyInstance } from 'fastify';
import type { Config } from '../config/config.js';

const HSTS = 'max-age=31536000; includeSubDomains';

/** The Content-Security-Policy: nothing inline, nothing from elsewhere. */
export const CSP_DIRECTIVES: Record<string, string> = {
  'default-src': "'self'",
  'script-src': "'self'",
  'style-src': "'self'",
  'img-src': "'self' data:",
  'font-src': "'self'",
  'connect-src': "'self'",
  'form-action': "'self'",
  'frame-ancestors': "'self'",
  'base-uri': "'self'",
  'object-src': "'none'",
};

export function cspHeader(overrides: Record<string, string> = {}): string {
  return Object.entries({ ...CSP_DIRECTIVES, ...overrides })
    .map(([k, v]) => `${k} ${v}`)
    .join('; ');
}

/**
 * Security headers, computed once at start-up and set in one call per request. (helmet builds
 * them per request, which showed up at ~5 % of a primary-key read in the bench profile.)
 * A route that must be embeddable elsewhere overrides `content-security-policy` and
 * `x-frame-options` on its reply.
 */
/** Also echoes the request id, so a user's report can be matched to the log. */
export function registerSecurityHeaders(app: FastifyInstance, config: Config): void {
  const headers: Record<string, string> = {
    'content-security-policy': cspHeader(),
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'SAMEORIGIN',
    'referrer-policy': 'strict-origin-when-cross-origin',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'cross-origin',
    'origin-agent-cluster': '?1',
    'x-dns-prefetch-control': 'off',
    'x-download-options': 'noopen',
    'x-permitted-cross-domain-policies': 'none',
    'permissions-policy': 'camera=(), microphone=(), geolocation=(), interest-cohort=()',
  };
  // JSON and data endpoints are never rendered as documents, so page-only headers (CSP, framing,
  // permissions) would only add bytes to every API response.
  const apiHeaders: Record<string, string> = {
    'x-content-type-options': 'nosniff',
    'cross-origin-resource-policy': 'cross-origin',
  };
  // HSTS whenever the request came over HTTPS: TLS here, or X-Forwarded-Proto from a proxy that
  // TRUST_PROXY trusts (request.protocol checks that). Browsers ignore it over plain HTTP, so it is
  // also sent when BASE_URL is https, for a proxy that terminates TLS without saying so.
  const alwaysHttps = config.baseUrl.startsWith('https://');
  app.addHook('onRequest', (request, reply, done) => {
    reply.headers(request.url.startsWith('/api/') ? apiHeaders : headers);
    if (alwaysHttps || request.protocol === 'https') reply.header('strict-transport-security', HSTS);
    reply.header('x-request-id', request.id);
    done();
  });
}
