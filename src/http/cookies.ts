import type { FastifyRequest } from 'fastify';
import type { Config } from '../config/config.js';

/** The portal's cookies: the session, the signed-out pre-session (what its CSRF token is bound to), the language. */
export const SESSION_COOKIE = 'terbuka_sid';
export const CSRF_COOKIE = 'terbuka_csrf';
export const LANG_COOKIE = 'terbuka_lang';

export function cookieOptions(config: Config, request: FastifyRequest, maxAgeSeconds?: number) {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: request.protocol === 'https' || config.baseUrl.startsWith('https://'),
    ...(maxAgeSeconds ? { maxAge: maxAgeSeconds } : {}),
  };
}
