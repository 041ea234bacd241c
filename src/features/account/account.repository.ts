import type { DbOrTrx } from '../../storage/database.js';

export const normalizeEmail = (email: string): string => email.trim().toLowerCase();

export const findUserByEmail = (db: DbOrTrx, email: string) =>
  db.selectFrom('users').selectAll().where('email', '=', normalizeEmail(email)).executeTakeFirst();

export const findUserById = (db: DbOrTrx, id: string) =>
  db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();

export async function adminExists(db: DbOrTrx): Promise<boolean> {
  const row = await db.selectFrom('role_grants').select('id').where('role', '=', 'admin').limit(1).executeTakeFirst();
  return !!row;
}

export const countAdmins = async (db: DbOrTrx): Promise<number> =>
  Number(
    (
      await db
        .selectFrom('role_grants')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('role', '=', 'admin')
        .executeTakeFirstOrThrow()
    ).n,
  );

/** Role grants of a user with the organisation's slug and name, for account and admin pages. */
export function listGrantsWithOrganization(db: DbOrTrx, userId: string) {
  return db
    .selectFrom('role_grants')
    .leftJoin('organizations', 'organizations.id', 'role_grants.organization_id')
    .select([
      'role_grants.id',
      'role_grants.role',
      'role_grants.organization_id',
      'role_grants.created_at',
      'organizations.slug as organization_slug',
      'organizations.name as organization_name',
    ])
    .where('role_grants.user_id', '=', userId)
    .orderBy('role_grants.created_at')
    .execute();
}

export function listApiTokens(db: DbOrTrx, userId: string) {
  return db
    .selectFrom('api_tokens')
    .select(['id', 'name', 'prefix', 'scope', 'created_at', 'expires_at', 'last_used_at', 'revoked_at'])
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .execute();
}

export function listSessions(db: DbOrTrx, userId: string) {
  return db
    .selectFrom('sessions')
    .select(['id', 'created_at', 'expires_at', 'user_agent'])
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .execute();
}

export function findLoginFailure(db: DbOrTrx, emailHash: string) {
  return db.selectFrom('login_failures').selectAll().where('email_hash', '=', emailHash).executeTakeFirst();
}
