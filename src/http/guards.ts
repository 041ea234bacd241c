import type { RequestContext, CurrentUser } from './context.js';
import type { Role } from '../features/account/account.table.js';
import { AppError } from '../errors.js';

/** Admins may do anything; otherwise the user needs one of the roles (for the organisation, if given). */
export function hasRole(user: CurrentUser | null, roles: readonly Role[], organizationId?: string | null): boolean {
  if (!user) return false;
  if (user.roles.some((r) => r.role === 'admin')) return true;
  return user.roles.some((r) => roles.includes(r.role) && (organizationId === undefined || r.organizationId === null || r.organizationId === organizationId));
}

/** Organisations the user acts for under any of the roles. */
export function organizationsFor(user: CurrentUser | null, roles: readonly Role[]): string[] {
  if (!user) return [];
  return user.roles.filter((r) => roles.includes(r.role) && r.organizationId).map((r) => r.organizationId!);
}

export function requireUser(ctx: RequestContext): CurrentUser {
  if (!ctx.user) throw new AppError('UNAUTHENTICATED', 401);
  return ctx.user;
}

export function requireRole(ctx: RequestContext, roles: readonly Role[], organizationId?: string | null): CurrentUser {
  const user = requireUser(ctx);
  if (!hasRole(user, roles, organizationId)) throw new AppError('FORBIDDEN', 403);
  return user;
}

export const isAdmin = (user: CurrentUser | null) => !!user?.roles.some((r) => r.role === 'admin');

/** The actor recorded in the audit log for this request. */
export const actorOf = (ctx: RequestContext) => ({ id: ctx.user?.id ?? null, label: ctx.user?.email ?? 'anonymous' });
