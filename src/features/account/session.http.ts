import type { FastifyReply, FastifyRequest } from 'fastify';
import { sha256 } from '../../ids.js';
import { rebindCsrf } from '../../http/request-context.js';
import { LANG_COOKIE, SESSION_COOKIE, cookieOptions } from '../../http/cookies.js';
import { createSession, destroySession } from './session.service.js';

const YEAR = 60 * 60 * 24 * 365;

/**
 * Logs the user in on this browser: any previous session is destroyed and a new session id is
 * issued (no session fixation), the CSRF token is bound to the new session, and the language preference applied
 * when the visitor has not chosen one. Returns the new CSRF token for JSON clients.
 */
export async function startSession(
  request: FastifyRequest,
  reply: FastifyReply,
  user: { id: string; locale: string },
): Promise<string> {
  const { db, config } = request.server.deps;
  const previous = request.cookies[SESSION_COOKIE];
  if (previous) await destroySession(db, previous);
  const token = await createSession(db, user.id, config.sessionTtlHours, request.headers['user-agent']);
  reply.setCookie(SESSION_COOKIE, token, cookieOptions(config, request, config.sessionTtlHours * 3600));
  if (!request.cookies[LANG_COOKIE] && (user.locale === 'id' || user.locale === 'en')) {
    reply.setCookie(LANG_COOKIE, user.locale, { ...cookieOptions(config, request, YEAR), httpOnly: false });
  }
  return rebindCsrf(request, token);
}

/** Logs out this browser: the session row is deleted and the CSRF token bound to a new pre-session cookie. */
export async function endSession(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const token = request.cookies[SESSION_COOKIE];
  if (token) await destroySession(request.server.deps.db, token);
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
  rebindCsrf(request, null);
}

/** The stored id of this request's session (sha256 of the cookie), if any. */
export function currentSessionId(request: FastifyRequest): string | null {
  const token = request.cookies[SESSION_COOKIE];
  return token && request.ctx.authVia === 'session' ? sha256(token) : null;
}

export function setLanguageCookie(request: FastifyRequest, reply: FastifyReply, locale: 'id' | 'en'): void {
  reply.setCookie(LANG_COOKIE, locale, {
    ...cookieOptions(request.server.deps.config, request, YEAR),
    httpOnly: false,
  });
}
