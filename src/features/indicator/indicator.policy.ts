import { type CurrentUser, hasRole } from '../../actor/actor.js';
import { AppError } from '../../errors.js';

/** The walidata (and admins) keep the catalogue and designate official sources. */
export const canManageCatalogue = (user: CurrentUser | null) => hasRole(user, ['walidata']);

/** Values of a source are entered by the walidata or by the producer organisation's own staff. */
export function canEditSource(user: CurrentUser | null, source: { organization_id: string | null }): boolean {
  if (canManageCatalogue(user)) return true;
  // Only a grant naming that very organisation counts (an organisation-less produsen grant does not).
  return (
    !!source.organization_id &&
    !!user &&
    user.roles.some((r) => r.role === 'produsen' && r.organizationId === source.organization_id)
  );
}

export function assertCatalogue(user: CurrentUser | null): CurrentUser {
  if (!user) throw new AppError('UNAUTHENTICATED', 401);
  if (!canManageCatalogue(user)) throw new AppError('FORBIDDEN', 403);
  return user;
}

export function assertSource(user: CurrentUser | null, source: { organization_id: string | null }): CurrentUser {
  if (!user) throw new AppError('UNAUTHENTICATED', 401);
  if (!canEditSource(user, source)) throw new AppError('FORBIDDEN', 403);
  return user;
}
