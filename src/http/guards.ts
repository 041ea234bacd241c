import type { RequestContext } from '../views/page-context.js';
import { hasRole, type CurrentUser, type Role } from '../actor/actor.js';
import { AppError } from '../errors.js';

/** Request-bound guards: they read the user from the request context and throw 401/403. */
export function requireUser(ctx: RequestContext): CurrentUser {
  if (!ctx.user) throw new AppError('UNAUTHENTICATED', 401);
  return ctx.user;
}

export function requireRole(ctx: RequestContext, roles: readonly Role[], organizationId?: string | null): CurrentUser {
  const user = requireUser(ctx);
  if (!hasRole(user, roles, organizationId)) throw new AppError('FORBIDDEN', 403);
  return user;
}
