import type { Db } from '../../storage/database.js';
import type { Mailer } from '../mail/mail.service.js';
import { AppError, invalid } from '../../errors.js';
import { newSecret, nowIso, sha256 } from '../../ids.js';
import { translator, type Locale } from '../../i18n/i18n.js';
import { urls } from '../../urls.js';
import { localDateTime } from '../../time/local-time.js';
import { hashPassword, passwordProblem, verifyPassword } from './password.js';
import { adminExists, findLoginFailure, findUserByEmail, findUserById, normalizeEmail } from './account.repository.js';
import {
  consumeOneTimeToken,
  createUser,
  grantRole,
  issueOneTimeToken,
  peekOneTimeToken,
  revokeAllApiTokens,
} from './account.service.js';

export interface LoginPolicy {
  maxAttempts: number;
  lockMinutes: number;
}

export const RESET_TTL_HOURS = 2;

// The local time (TIME_ZONE) with its label, e.g. "2026-12-03 14:05 WIB": readable in both languages.
const locked = (until: string) =>
  new AppError('ACCOUNT_LOCKED', 429, { lockedUntil: until }, { until: localDateTime(until) });
const wrongCredentials = () =>
  new AppError('INVALID_CREDENTIALS', 401, { fields: [{ field: 'email', message: 'account.login.wrong' }] });

let dummyHash: Promise<string> | null = null;

/**
 * Checks an e-mail and password. Failed attempts are counted per address — in `users` for
 * accounts, in `login_failures` for addresses without one — and after `maxAttempts` failures the
 * address is locked for `lockMinutes`, so the answers never reveal whether an address is registered.
 * While locked, even the right password is refused.
 */
export async function authenticate(db: Db, policy: LoginPolicy, email: string, password: string) {
  const now = Date.now();
  const lockUntil = () => new Date(now + policy.lockMinutes * 60_000).toISOString();
  const user = await findUserByEmail(db, email);
  if (!user) {
    dummyHash ??= hashPassword(newSecret());
    await verifyPassword(await dummyHash, password); // same cost as a real check
    const key = sha256(normalizeEmail(email));
    // Counters of unknown addresses are kept a day at most, so the table stays small.
    const dayAgo = new Date(now - 24 * 3600_000).toISOString();
    await db
      .deleteFrom('login_failures')
      .where('updated_at', '<', dayAgo)
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', nowIso())]))
      .execute();
    const existing = await findLoginFailure(db, key);
    if (existing?.locked_until && Date.parse(existing.locked_until) > now) throw locked(existing.locked_until);
    const row = await db
      .insertInto('login_failures')
      .values({ email_hash: key, failed: 1, locked_until: null, updated_at: nowIso() })
      .onConflict((oc) =>
        oc
          .column('email_hash')
          .doUpdateSet((eb) => ({ failed: eb('login_failures.failed', '+', 1), updated_at: nowIso() })),
      )
      .returning('failed')
      .executeTakeFirstOrThrow();
    if (row.failed >= policy.maxAttempts) {
      const until = lockUntil();
      await db
        .updateTable('login_failures')
        .set({ failed: 0, locked_until: until })
        .where('email_hash', '=', key)
        .execute();
      throw locked(until);
    }
    throw wrongCredentials();
  }
  if (user.locked_until && Date.parse(user.locked_until) > now) throw locked(user.locked_until);
  if (!(await verifyPassword(user.password_hash, password))) {
    const row = await db
      .updateTable('users')
      .set((eb) => ({ failed_logins: eb('failed_logins', '+', 1) }))
      .where('id', '=', user.id)
      .returning('failed_logins')
      .executeTakeFirstOrThrow();
    if (row.failed_logins >= policy.maxAttempts) {
      const until = lockUntil();
      await db.updateTable('users').set({ failed_logins: 0, locked_until: until }).where('id', '=', user.id).execute();
      throw locked(until);
    }
    throw wrongCredentials();
  }
  if (user.disabled) throw new AppError('ACCOUNT_DISABLED', 403);
  if (user.failed_logins || user.locked_until)
    await db.updateTable('users').set({ failed_logins: 0, locked_until: null }).where('id', '=', user.id).execute();
  return user;
}

/**
 * Mails a one-time reset link when the address belongs to an enabled account. The caller shows
 * the same answer either way, so the form does not reveal who is registered.
 */
export async function requestPasswordReset(db: Db, mailer: Mailer, baseUrl: string, email: string): Promise<void> {
  const user = await findUserByEmail(db, email);
  if (!user || user.disabled) return;
  const token = await issueOneTimeToken(db, 'password_reset', user.id, RESET_TTL_HOURS);
  const t = translator((user.locale === 'en' ? 'en' : 'id') as Locale);
  await mailer.send({
    to: user.email,
    subject: t('account.resetMail.subject'),
    text: t('account.resetMail.body', {
      name: user.name,
      link: `${baseUrl}${urls.passwordReset(token)}`,
      hours: RESET_TTL_HOURS,
    }),
  });
}

const tokenInvalid = () => new AppError('TOKEN_INVALID', 410);

/**
 * Sets a new password from a reset link (one use); lifts any lock, ends every session and revokes
 * every API token: whoever asks for a reset may have lost control of the account, so nothing made
 * with the old password keeps working (the form says so; the owner makes new tokens afterwards).
 */
export async function resetPassword(db: Db, token: string, input: { password: string }): Promise<string> {
  const row = await peekOneTimeToken(db, 'password_reset', token);
  if (!row?.user_id) throw tokenInvalid();
  const user = await findUserById(db, row.user_id);
  if (!user) throw tokenInvalid();
  const problem = await passwordProblem(input.password, user.email, user.name);
  if (problem) throw invalid([{ field: 'password', message: problem }]);
  const passwordHash = await hashPassword(input.password);
  await db.transaction().execute(async (trx) => {
    if (!(await consumeOneTimeToken(trx, token))) throw tokenInvalid();
    await trx
      .updateTable('users')
      .set({ password_hash: passwordHash, failed_logins: 0, locked_until: null, updated_at: nowIso() })
      .where('id', '=', user.id)
      .execute();
    await trx.deleteFrom('sessions').where('user_id', '=', user.id).execute();
    await revokeAllApiTokens(trx, user.id, 'password_reset');
  });
  return user.id;
}

export type SetupState = 'ready' | 'admin_exists' | 'invalid';

export async function setupState(db: Db, token: string): Promise<SetupState> {
  if (await adminExists(db)) return 'admin_exists';
  return (await peekOneTimeToken(db, 'admin_setup', token)) ? 'ready' : 'invalid';
}

/** Creates the first admin from the setup link printed at start-up; the link is used up. */
export async function setupFirstAdmin(
  db: Db,
  token: string,
  input: { name: string; email: string; password: string; locale: Locale },
): Promise<string> {
  const state = await setupState(db, token);
  if (state === 'admin_exists') throw new AppError('ADMIN_EXISTS', 409);
  if (state === 'invalid') throw tokenInvalid();
  const problem = await passwordProblem(input.password, input.email, input.name);
  if (problem) throw invalid([{ field: 'password', message: problem }]);
  const passwordHash = await hashPassword(input.password);
  return db.transaction().execute(async (trx) => {
    if (await adminExists(trx)) throw new AppError('ADMIN_EXISTS', 409);
    if (!(await consumeOneTimeToken(trx, token))) throw tokenInvalid();
    const email = normalizeEmail(input.email);
    const id = await createUser(trx, { ...input, email, passwordHash });
    await grantRole(trx, { id, label: `setup:${email}` }, id, 'admin', null);
    return id;
  });
}
