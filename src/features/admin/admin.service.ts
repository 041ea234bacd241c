import type { Db } from '../../storage/database.js';
import { AppError } from '../../errors.js';
import type { Actor, Role } from '../../actor/actor.js';
import { grantRole, revokeRole } from '../account/account.service.js';
import { findUserSummary, grantsOf } from './admin.repository.js';

export async function getUserDetail(db: Db, id: string) {
  const user = await findUserSummary(db, id);
  if (!user) throw new AppError('USER_NOT_FOUND', 404);
  return { user, grants: await grantsOf(db, [id]) };
}

/** Grants a role to a user (organisation required for produsen and monitor); audited in the same transaction. */
export async function adminGrantRole(
  db: Db,
  actor: Actor,
  userId: string,
  role: Role,
  organizationId: string | null,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    if (!(await findUserSummary(trx, userId))) throw new AppError('USER_NOT_FOUND', 404);
    await grantRole(trx, actor, userId, role, organizationId || null);
  });
}

export async function adminRevokeRole(db: Db, actor: Actor, userId: string, grantId: string): Promise<void> {
  await db.transaction().execute((trx) => revokeRole(trx, actor, grantId, userId));
}
