import type { DbOrTrx } from '../../storage/database.js';

export const findUserByEmail = (db: DbOrTrx, email: string) =>
  db.selectFrom('users').selectAll().where('email', '=', email.trim().toLowerCase()).executeTakeFirst();

export const findUserById = (db: DbOrTrx, id: string) => db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();

export async function adminExists(db: DbOrTrx): Promise<boolean> {
  const row = await db.selectFrom('role_grants').select('id').where('role', '=', 'admin').limit(1).executeTakeFirst();
  return !!row;
}
