import type { Db, DbOrTrx } from '../../storage/database.js';
import type { DialectAdapter } from '../../storage/dialects/dialect.js';

const count = async (q: { executeTakeFirstOrThrow(): Promise<{ n: number | string | bigint }> }) =>
  Number((await q.executeTakeFirstOrThrow()).n);

export async function dashboardCounts(db: Db) {
  const [users, organizations, outbox, head] = await Promise.all([
    count(db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n'))),
    count(db.selectFrom('organizations').select((eb) => eb.fn.countAll<number>().as('n'))),
    count(db.selectFrom('outbox').select((eb) => eb.fn.countAll<number>().as('n'))),
    db.selectFrom('audit_head').select('seq').where('id', '=', 1).executeTakeFirst(),
  ]);
  return { users, organizations, outbox, audit: head?.seq ?? 0 };
}

export interface UserFilter {
  q?: string;
  limit: number;
  offset: number;
}

function userQuery(db: DbOrTrx, dialect: DialectAdapter, f: { q?: string }) {
  let q = db.selectFrom('users');
  if (f.q) {
    const needle = f.q;
    q = q.where((eb) =>
      eb.or([dialect.containsInsensitive('users.name', needle), dialect.containsInsensitive('users.email', needle)]),
    );
  }
  return q;
}

export const USER_COLUMNS = [
  'users.id',
  'users.email',
  'users.name',
  'users.locale',
  'users.disabled',
  'users.locked_until',
  'users.created_at',
] as const;

export function searchUsers(db: DbOrTrx, dialect: DialectAdapter, f: UserFilter) {
  return userQuery(db, dialect, f)
    .select(USER_COLUMNS)
    .orderBy('users.created_at', 'desc')
    .orderBy('users.id')
    .limit(f.limit)
    .offset(f.offset)
    .execute();
}

export const countUsers = (db: DbOrTrx, dialect: DialectAdapter, f: { q?: string }) =>
  count(userQuery(db, dialect, f).select((eb) => eb.fn.countAll<number>().as('n')));

export function findUserSummary(db: DbOrTrx, id: string) {
  return db.selectFrom('users').select(USER_COLUMNS).where('users.id', '=', id).executeTakeFirst();
}
export type UserSummary = NonNullable<Awaited<ReturnType<typeof findUserSummary>>>;

/** Grants (with organisation names) of several users at once. */
export async function grantsOf(db: DbOrTrx, userIds: string[]) {
  if (!userIds.length) return [];
  return db
    .selectFrom('role_grants')
    .leftJoin('organizations', 'organizations.id', 'role_grants.organization_id')
    .select([
      'role_grants.id',
      'role_grants.user_id',
      'role_grants.role',
      'role_grants.organization_id',
      'role_grants.created_at',
      'organizations.slug as organization_slug',
      'organizations.name as organization_name',
    ])
    .where('role_grants.user_id', 'in', userIds)
    .orderBy('role_grants.created_at')
    .execute();
}
export type GrantRow = Awaited<ReturnType<typeof grantsOf>>[number];

export function listOutboxPage(db: DbOrTrx, limit: number, offset: number) {
  return db
    .selectFrom('outbox')
    .selectAll()
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(limit)
    .offset(offset)
    .execute();
}
export const countOutbox = (db: DbOrTrx) =>
  count(db.selectFrom('outbox').select((eb) => eb.fn.countAll<number>().as('n')));

function auditQuery(db: DbOrTrx, entityType?: string) {
  let q = db.selectFrom('audit_log');
  if (entityType) q = q.where('entity_type', '=', entityType);
  return q;
}

export function listAuditPage(db: DbOrTrx, f: { entityType?: string; limit: number; offset: number }) {
  return auditQuery(db, f.entityType).selectAll().orderBy('seq', 'desc').limit(f.limit).offset(f.offset).execute();
}
export const countAudit = (db: DbOrTrx, entityType?: string) =>
  count(auditQuery(db, entityType).select((eb) => eb.fn.countAll<number>().as('n')));

export async function auditEntityTypes(db: DbOrTrx): Promise<string[]> {
  const rows = await db.selectFrom('audit_log').select('entity_type').distinct().orderBy('entity_type').execute();
  return rows.map((r) => r.entity_type);
}
