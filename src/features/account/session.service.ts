import type { Db, DbOrTrx } from '../../storage/database.js';
import { type Actor, actorOf, type CurrentUser, type RoleGrant } from '../../actor/actor.js';
import { recordAudit } from '../audit/audit.service.js';
import { findUserById } from './account.repository.js';
import { newId, newSecret, nowIso, sha256 } from '../../ids.js';
import { AppError, invalid } from '../../errors.js';
import {
  DEFAULT_TOKEN_DAYS,
  DEFAULT_TOKEN_SCOPE,
  isTokenScope,
  MAX_TOKEN_DAYS,
  type TokenScope,
} from './token-scope.js';

/** Personal API tokens start with this, so leaked ones are easy to recognise and scan for. */
export const API_TOKEN_PREFIX = 'tbk_';

export async function loadRoles(db: DbOrTrx, userId: string): Promise<RoleGrant[]> {
  const rows = await db
    .selectFrom('role_grants')
    .select(['role', 'organization_id'])
    .where('user_id', '=', userId)
    .execute();
  return rows.map((r) => ({ role: r.role, organizationId: r.organization_id }));
}

/** Creates a server-side session and returns the cookie token (only its hash is stored). */
export async function createSession(
  db: DbOrTrx,
  userId: string,
  ttlHours: number,
  userAgent: string | undefined,
): Promise<string> {
  const token = newSecret();
  const now = new Date();
  await db
    .insertInto('sessions')
    .values({
      id: sha256(token),
      user_id: userId,
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + ttlHours * 3600_000).toISOString(),
      user_agent: userAgent?.slice(0, 300) ?? null,
    })
    .execute();
  return token;
}

export async function destroySession(db: DbOrTrx, token: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sha256(token)).execute();
}

/**
 * The user behind a session cookie, or null when it is unknown, expired or the account is
 * disabled. Sessions slide: one used in the second half of its life is extended, and `onExtend`
 * lets the caller renew the cookie's own lifetime to match.
 */
export async function resolveSession(
  db: Db,
  token: string,
  ttlHours: number,
  onExtend?: () => void,
): Promise<CurrentUser | null> {
  const id = sha256(token);
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['users.id', 'users.email', 'users.name', 'users.disabled', 'sessions.expires_at'])
    .where('sessions.id', '=', id)
    .executeTakeFirst();
  if (!row || row.disabled) return null;
  const now = Date.now();
  const expires = Date.parse(row.expires_at);
  if (expires <= now) {
    await db.deleteFrom('sessions').where('id', '=', id).execute();
    return null;
  }
  if (expires - now < (ttlHours * 3600_000) / 2) {
    await db
      .updateTable('sessions')
      .set({ expires_at: new Date(now + ttlHours * 3600_000).toISOString() })
      .where('id', '=', id)
      .execute();
    onExtend?.();
  }
  return { id: row.id, email: row.email, name: row.name, roles: await loadRoles(db, row.id) };
}

/** A token resolved for a request: its holder and what the token may do. */
export interface ResolvedToken {
  user: CurrentUser;
  scope: TokenScope;
}

/**
 * The holder and scope of a personal API token, or null when it is unknown, revoked or its holder
 * disabled. An expired token is refused with its own code, so a script's owner knows to make a new one.
 */
export async function resolveApiToken(db: Db, token: string): Promise<ResolvedToken | null> {
  if (!token.startsWith(API_TOKEN_PREFIX)) return null;
  const row = await db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .select([
      'users.id',
      'users.email',
      'users.name',
      'users.disabled',
      'api_tokens.id as token_id',
      'api_tokens.revoked_at',
      'api_tokens.last_used_at',
      'api_tokens.scope',
      'api_tokens.expires_at',
    ])
    .where('api_tokens.token_hash', '=', sha256(token))
    .executeTakeFirst();
  if (!row || row.disabled || row.revoked_at) return null;
  const now = nowIso();
  if (row.expires_at && row.expires_at <= now)
    throw new AppError('TOKEN_EXPIRED', 401, { reason: 'expired_token', expiredAt: row.expires_at });
  // Record use at most once a minute, so token-heavy clients do not write on every request.
  if (!row.last_used_at || Date.parse(now) - Date.parse(row.last_used_at) > 60_000) {
    await db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', row.token_id).execute();
  }
  const user = { id: row.id, email: row.email, name: row.name, roles: await loadRoles(db, row.id) };
  return { user, scope: isTokenScope(row.scope) ? row.scope : 'read' };
}

export interface TokenOptions {
  scope?: TokenScope;
  /** Days from now until the token stops working (1 to MAX_TOKEN_DAYS). */
  expiresInDays?: number;
}

/**
 * Issues a personal API token; the plain token is returned once and never stored. The holder is
 * the one acting (tokens are personal), and the audit entry names the token, never its secret.
 */
export async function issueApiToken(
  db: Db,
  userId: string,
  name: string,
  options: TokenOptions = {},
): Promise<{ id: string; token: string }> {
  const scope = options.scope ?? DEFAULT_TOKEN_SCOPE;
  const days = options.expiresInDays ?? DEFAULT_TOKEN_DAYS;
  if (!Number.isInteger(days) || days < 1 || days > MAX_TOKEN_DAYS)
    throw invalid([{ field: 'expiresInDays', message: 'account.tokens.expiryRange', params: { max: MAX_TOKEN_DAYS } }]);
  const token = API_TOKEN_PREFIX + newSecret();
  const id = newId();
  const prefix = token.slice(0, 10);
  const createdAt = nowIso();
  const expiresAt = new Date(Date.parse(createdAt) + days * 24 * 3600_000).toISOString();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('api_tokens')
      .values({
        id,
        user_id: userId,
        name,
        token_hash: sha256(token),
        prefix,
        scope,
        created_at: createdAt,
        expires_at: expiresAt,
        last_used_at: null,
        revoked_at: null,
      })
      .execute();
    await recordAudit(trx, await tokenHolder(trx, userId), {
      action: 'api_token.create',
      entityType: 'api_token',
      entityId: id,
      after: { userId, name, prefix, scope, expiresAt },
    });
  });
  return { id, token };
}

/** The audit actor for a token's holder, who creates and revokes it. */
export async function tokenHolder(db: DbOrTrx, userId: string): Promise<Actor> {
  const user = await findUserById(db, userId);
  return actorOf(user ? { id: user.id, email: user.email } : null, 'system');
}
