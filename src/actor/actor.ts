/**
 * Who is acting: the roles, the signed-in user and their grants, the role checks every layer
 * shares, and the actor written to the audit log. Services, policies and guards all read these
 * from here, so no service needs `http/` to ask "may this user…". Imports nothing from features
 * or http (it is below both).
 */

export const ROLES = ['admin', 'walidata', 'produsen', 'forum', 'monitor', 'warga'] as const;
export type Role = (typeof ROLES)[number];
/** Roles whose grant names the organisation the person acts for. */
export const ORG_SCOPED_ROLES: readonly Role[] = ['produsen', 'forum', 'monitor'];

export interface RoleGrant {
  role: Role;
  organizationId: string | null;
}

export interface CurrentUser {
  id: string;
  email: string;
  name: string;
  roles: RoleGrant[];
}

/** Admins may do anything; otherwise the user needs one of the roles (for the organisation, if given). */
export function hasRole(user: CurrentUser | null, roles: readonly Role[], organizationId?: string | null): boolean {
  if (!user) return false;
  if (user.roles.some((r) => r.role === 'admin')) return true;
  return user.roles.some(
    (r) =>
      roles.includes(r.role) &&
      (organizationId === undefined || r.organizationId === null || r.organizationId === organizationId),
  );
}

export const isAdmin = (user: CurrentUser | null) => !!user?.roles.some((r) => r.role === 'admin');

/** Organisations the user acts for under any of the roles. */
export function organizationsFor(user: CurrentUser | null, roles: readonly Role[]): string[] {
  if (!user) return [];
  return user.roles.filter((r) => roles.includes(r.role) && r.organizationId).map((r) => r.organizationId!);
}

/** Who an audit entry names. */
export interface Actor {
  id: string | null;
  /** e-mail or a system label such as `system:seed`. */
  label: string;
}

export const SYSTEM_ACTOR: Actor = { id: null, label: 'system' };

/**
 * The user as an audit actor. `whenNone` labels a change made without a signed-in user: a
 * request from an anonymous visitor ('anonymous') or the system itself — CLI, jobs ('system').
 * Each caller keeps the label it has always written, so the audit log reads as before.
 */
export function actorOf(user: { id: string; email: string } | null, whenNone: 'anonymous' | 'system'): Actor {
  if (user) return { id: user.id, label: user.email };
  return whenNone === 'system' ? SYSTEM_ACTOR : { id: null, label: 'anonymous' };
}
