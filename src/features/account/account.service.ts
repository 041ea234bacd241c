import type { Db, DbOrTrx } from '../../storage/database.js';
import { AppError, invalid } from '../../errors.js';
import { newId, newSecret, nowIso, sha256 } from '../../ids.js';
import { recordAudit, type Actor } from '../audit/audit.service.js';
import { ORG_SCOPED_ROLES, type Role } from './account.table.js';
import { hashPassword, passwordProblem } from './password.js';
import { findUserByEmail } from './account.repository.js';

export interface NewUser {
  email: string;
  name: string;
  password: string;
  locale?: 'id' | 'en';
}

/** Creates an account; rejects duplicate e-mails and weak passwords with field errors. */
export async function createUser(db: DbOrTrx, input: NewUser): Promise<string> {
  const email = input.email.trim().toLowerCase();
  const problem = passwordProblem(input.password, email);
  if (problem) throw invalid([{ field: 'password', message: problem }]);
  if (await findUserByEmail(db, email)) throw new AppError('EMAIL_TAKEN', 409, { fields: [{ field: 'email', message: 'account.emailTaken' }] });
  const id = newId();
  const now = nowIso();
  await db.insertInto('users').values({ id, email, name: input.name.trim(), password_hash: await hashPassword(input.password), locale: input.locale ?? 'id', locked_until: null, created_at: now, updated_at: now }).execute();
  return id;
}

/** Grants a role (scoped to an organisation where the role needs one); audited. */
export async function grantRole(db: Db | DbOrTrx, actor: Actor, userId: string, role: Role, organizationId: string | null): Promise<void> {
  if (ORG_SCOPED_ROLES.includes(role) && role !== 'forum' && !organizationId) throw new AppError('ORGANIZATION_REQUIRED', 422, { fields: [{ field: 'organizationId', message: 'account.orgRequired' }] });
  const existing = await db.selectFrom('role_grants').select('id').where('user_id', '=', userId).where('role', '=', role)
    .where((eb) => (organizationId ? eb('organization_id', '=', organizationId) : eb('organization_id', 'is', null))).executeTakeFirst();
  if (existing) return;
  const grant = { id: newId(), user_id: userId, role, organization_id: organizationId, granted_by: actor.id, created_at: nowIso() };
  await db.insertInto('role_grants').values(grant).execute();
  await recordAudit(db, actor, { action: 'role.grant', entityType: 'user', entityId: userId, after: { role, organizationId } });
}

export async function revokeRole(db: DbOrTrx, actor: Actor, grantId: string): Promise<void> {
  const grant = await db.selectFrom('role_grants').selectAll().where('id', '=', grantId).executeTakeFirst();
  if (!grant) throw new AppError('NOT_FOUND', 404);
  await db.deleteFrom('role_grants').where('id', '=', grantId).execute();
  await recordAudit(db, actor, { action: 'role.revoke', entityType: 'user', entityId: grant.user_id, before: { role: grant.role, organizationId: grant.organization_id } });
}

/** A one-time link token (password reset or first-admin setup); only its hash is stored. */
export async function issueOneTimeToken(db: DbOrTrx, purpose: 'password_reset' | 'admin_setup', userId: string | null, ttlHours: number | null): Promise<string> {
  const token = newSecret();
  const now = new Date();
  await db.insertInto('one_time_tokens').values({
    token_hash: sha256(token), purpose, user_id: userId, created_at: now.toISOString(),
    expires_at: ttlHours ? new Date(now.getTime() + ttlHours * 3600_000).toISOString() : null, used_at: null,
  }).execute();
  return token;
}

/** Returns the token row if it is valid and unused (without consuming it). */
export async function peekOneTimeToken(db: DbOrTrx, purpose: 'password_reset' | 'admin_setup', token: string) {
  const row = await db.selectFrom('one_time_tokens').selectAll().where('token_hash', '=', sha256(token)).where('purpose', '=', purpose).executeTakeFirst();
  if (!row || row.used_at || (row.expires_at && Date.parse(row.expires_at) < Date.now())) return null;
  return row;
}

/** Marks a token used; returns false if another request used it first. */
export async function consumeOneTimeToken(db: DbOrTrx, token: string): Promise<boolean> {
  const result = await db.updateTable('one_time_tokens').set({ used_at: nowIso() }).where('token_hash', '=', sha256(token)).where('used_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
