import type { Db, DbOrTrx } from '../../storage/database.js';
import { AppError, invalid } from '../../errors.js';
import { newId, newSecret, nowIso, sha256 } from '../../ids.js';
import { type Actor, ORG_SCOPED_ROLES, type Role } from '../../actor/actor.js';
import { recordAudit } from '../audit/audit.service.js';
import { hashPassword, passwordProblem, verifyPassword } from './password.js';
import { countAdmins, findUserByEmail, findUserById, normalizeEmail } from './account.repository.js';
import { knownOrganizationIds } from '../organization/organization.repository.js';
import { tokenHolder } from './session.service.js';

export interface NewUser {
  email: string;
  name: string;
  password: string;
  locale?: 'id' | 'en';
  /** A hash made beforehand, so the slow hashing happens outside any transaction. */
  passwordHash?: string;
}

const emailTaken = () =>
  new AppError('EMAIL_TAKEN', 409, { fields: [{ field: 'email', message: 'account.emailTaken' }] });

/** Creates an account; rejects duplicate e-mails and weak passwords with field errors. */
export async function createUser(db: DbOrTrx, input: NewUser): Promise<string> {
  const email = normalizeEmail(input.email);
  const problem = await passwordProblem(input.password, email, input.name);
  if (problem) throw invalid([{ field: 'password', message: problem }]);
  if (await findUserByEmail(db, email)) throw emailTaken();
  const id = newId();
  const now = nowIso();
  const passwordHash = input.passwordHash ?? (await hashPassword(input.password));
  await db
    .insertInto('users')
    .values({
      id,
      email,
      name: input.name.trim(),
      password_hash: passwordHash,
      locale: input.locale ?? 'id',
      locked_until: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

/**
 * Self-registration: the account and its `warga` role in one transaction. A second request
 * racing for the same address hits the unique index and gets the same EMAIL_TAKEN answer.
 */
export async function registerUser(
  db: Db,
  input: NewUser,
  isUniqueViolation: (e: unknown) => boolean,
): Promise<string> {
  const email = normalizeEmail(input.email);
  const problem = await passwordProblem(input.password, email, input.name);
  if (problem) throw invalid([{ field: 'password', message: problem }]);
  if (await findUserByEmail(db, email)) throw emailTaken();
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.transaction().execute(async (trx) => {
      const id = await createUser(trx, { ...input, email, passwordHash });
      await grantRole(trx, { id, label: email }, id, 'warga', null);
      return id;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw emailTaken();
    throw error;
  }
}

/** Grants a role (scoped to an organisation where the role needs one); audited. */
export async function grantRole(
  db: Db | DbOrTrx,
  actor: Actor,
  userId: string,
  role: Role,
  organizationId: string | null,
): Promise<void> {
  if (ORG_SCOPED_ROLES.includes(role) && role !== 'forum' && !organizationId)
    throw new AppError('ORGANIZATION_REQUIRED', 422, {
      fields: [{ field: 'organizationId', message: 'account.orgRequired' }],
    });
  const orgId = ORG_SCOPED_ROLES.includes(role) ? organizationId : null;
  if (orgId && !(await knownOrganizationIds(db, [orgId])).size) {
    throw new AppError('ORGANIZATION_NOT_FOUND', 422, {
      fields: [{ field: 'organizationId', message: 'account.orgUnknown' }],
    });
  }
  const existing = await db
    .selectFrom('role_grants')
    .select('id')
    .where('user_id', '=', userId)
    .where('role', '=', role)
    .where((eb) => (orgId ? eb('organization_id', '=', orgId) : eb('organization_id', 'is', null)))
    .executeTakeFirst();
  if (existing) return;
  const grant = {
    id: newId(),
    user_id: userId,
    role,
    organization_id: orgId,
    granted_by: actor.id,
    created_at: nowIso(),
  };
  await db.insertInto('role_grants').values(grant).execute();
  await recordAudit(db, actor, {
    action: 'role.grant',
    entityType: 'user',
    entityId: userId,
    after: { role, organizationId: orgId },
  });
}

/** Revokes one grant; the last admin grant cannot be revoked (someone must be able to administer). */
export async function revokeRole(db: DbOrTrx, actor: Actor, grantId: string, userId?: string): Promise<void> {
  const grant = await db.selectFrom('role_grants').selectAll().where('id', '=', grantId).executeTakeFirst();
  if (!grant || (userId && grant.user_id !== userId)) throw new AppError('NOT_FOUND', 404);
  if (grant.role === 'admin' && (await countAdmins(db)) <= 1) throw new AppError('LAST_ADMIN', 409);
  await db.deleteFrom('role_grants').where('id', '=', grantId).execute();
  await recordAudit(db, actor, {
    action: 'role.revoke',
    entityType: 'user',
    entityId: grant.user_id,
    before: { role: grant.role, organizationId: grant.organization_id },
  });
}

/** Disables or re-enables an account (re-enabling also lifts a login lock); audited. */
export async function setAccountDisabled(db: Db, actor: Actor, userId: string, disabled: boolean): Promise<void> {
  if (disabled && actor.id === userId) throw new AppError('CANNOT_DISABLE_SELF', 409);
  await db.transaction().execute(async (trx) => {
    const user = await findUserById(trx, userId);
    if (!user) throw new AppError('NOT_FOUND', 404);
    await trx
      .updateTable('users')
      .set({
        disabled: disabled ? 1 : 0,
        ...(disabled ? {} : { locked_until: null, failed_logins: 0 }),
        updated_at: nowIso(),
      })
      .where('id', '=', userId)
      .execute();
    if (disabled) await trx.deleteFrom('sessions').where('user_id', '=', userId).execute();
    await recordAudit(trx, actor, {
      action: disabled ? 'user.disable' : 'user.enable',
      entityType: 'user',
      entityId: userId,
      before: { disabled: !!user.disabled },
      after: { disabled },
    });
  });
}

/** Lifts a login lock before it runs out (e.g. after the person called the help desk); audited. */
export async function unlockAccount(db: Db, actor: Actor, userId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const user = await findUserById(trx, userId);
    if (!user) throw new AppError('NOT_FOUND', 404);
    await trx
      .updateTable('users')
      .set({ locked_until: null, failed_logins: 0, updated_at: nowIso() })
      .where('id', '=', userId)
      .execute();
    await recordAudit(trx, actor, {
      action: 'user.unlock',
      entityType: 'user',
      entityId: userId,
      before: { lockedUntil: user.locked_until },
      after: { lockedUntil: null },
    });
  });
}

export async function updateProfile(
  db: DbOrTrx,
  userId: string,
  input: { name: string; position?: string; locale: 'id' | 'en' },
): Promise<void> {
  await db
    .updateTable('users')
    .set({
      name: input.name.trim(),
      ...(input.position !== undefined ? { position: input.position.trim() } : {}),
      locale: input.locale,
      updated_at: nowIso(),
    })
    .where('id', '=', userId)
    .execute();
}

/**
 * Changes the password after checking the current one; every other session is logged out, and
 * with `revokeTokens` (the form's default) every active API token is revoked in the same
 * transaction: a password someone else may know could have been used to make tokens too.
 */
export async function changePassword(
  db: Db,
  userId: string,
  input: { current: string; password: string; revokeTokens?: boolean },
  keepSessionId: string | null,
): Promise<{ revokedTokens: number }> {
  const user = await findUserById(db, userId);
  if (!user) throw new AppError('NOT_FOUND', 404);
  if (!(await verifyPassword(user.password_hash, input.current)))
    throw invalid([{ field: 'current', message: 'account.password.currentWrong' }]);
  const problem = await passwordProblem(input.password, user.email, user.name);
  if (problem) throw invalid([{ field: 'password', message: problem }]);
  const passwordHash = await hashPassword(input.password);
  return db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ password_hash: passwordHash, updated_at: nowIso() })
      .where('id', '=', userId)
      .execute();
    await endOtherSessions(trx, userId, keepSessionId);
    return { revokedTokens: input.revokeTokens ? await revokeAllApiTokens(trx, userId, 'password_change') : 0 };
  });
}

/** Revokes every active token of the user (after a password change or reset), one audit entry each. */
export async function revokeAllApiTokens(
  trx: DbOrTrx,
  userId: string,
  reason: 'password_change' | 'password_reset',
): Promise<number> {
  const revokedAt = nowIso();
  const tokens = await trx
    .updateTable('api_tokens')
    .set({ revoked_at: revokedAt })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .returning(['id', 'name', 'prefix'])
    .execute();
  if (!tokens.length) return 0;
  const actor = await tokenHolder(trx, userId);
  for (const token of tokens)
    await recordAudit(trx, actor, {
      action: 'api_token.revoke',
      entityType: 'api_token',
      entityId: token.id,
      before: { userId, name: token.name, prefix: token.prefix },
      after: { revokedAt, reason },
    });
  return tokens.length;
}

/** Logs the user out everywhere except the given session. */
export async function endOtherSessions(db: DbOrTrx, userId: string, keepSessionId: string | null): Promise<void> {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (keepSessionId) q = q.where('id', '!=', keepSessionId);
  await q.execute();
}

/** Revokes one of the user's own tokens at once; audited (the token's name and prefix, never its secret). */
export async function revokeApiToken(db: Db, userId: string, tokenId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const revokedAt = nowIso();
    const token = await trx
      .updateTable('api_tokens')
      .set({ revoked_at: revokedAt })
      .where('id', '=', tokenId)
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .returning(['name', 'prefix'])
      .executeTakeFirst();
    if (!token) throw new AppError('TOKEN_NOT_FOUND', 404);
    await recordAudit(trx, await tokenHolder(trx, userId), {
      action: 'api_token.revoke',
      entityType: 'api_token',
      entityId: tokenId,
      before: { userId, name: token.name, prefix: token.prefix },
      after: { revokedAt },
    });
  });
}

/** A one-time link token (password reset or first-admin setup); only its hash is stored. */
export async function issueOneTimeToken(
  db: DbOrTrx,
  purpose: 'password_reset' | 'admin_setup',
  userId: string | null,
  ttlHours: number | null,
): Promise<string> {
  const token = newSecret();
  const now = new Date();
  await db
    .insertInto('one_time_tokens')
    .values({
      token_hash: sha256(token),
      purpose,
      user_id: userId,
      created_at: now.toISOString(),
      expires_at: ttlHours ? new Date(now.getTime() + ttlHours * 3600_000).toISOString() : null,
      used_at: null,
    })
    .execute();
  return token;
}

/** Returns the token row if it is valid and unused (without consuming it). */
export async function peekOneTimeToken(db: DbOrTrx, purpose: 'password_reset' | 'admin_setup', token: string) {
  const row = await db
    .selectFrom('one_time_tokens')
    .selectAll()
    .where('token_hash', '=', sha256(token))
    .where('purpose', '=', purpose)
    .executeTakeFirst();
  if (!row || row.used_at || (row.expires_at && Date.parse(row.expires_at) < Date.now())) return null;
  return row;
}

/** Marks a token used; returns false if another request used it first. */
export async function consumeOneTimeToken(db: DbOrTrx, token: string): Promise<boolean> {
  const result = await db
    .updateTable('one_time_tokens')
    .set({ used_at: nowIso() })
    .where('token_hash', '=', sha256(token))
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
