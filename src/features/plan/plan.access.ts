import { hasRole, isAdmin, organizationsFor, type CurrentUser } from '../../actor/actor.js';
import { AppError } from '../../errors.js';

/**
 * Who may do what in the action plan:
 * - admins (the planning agency's administrators) may do everything;
 * - a produsen of one of the plan's lead organisations manages the plan (fields, lifecycle,
 *   ideas, moderation, reasoned responses, new commitments);
 * - a produsen may edit a commitment (and its milestones and evidence) only when their
 *   organisation is the commitment's lead.
 */
export function requireSignedIn(user: CurrentUser | null): CurrentUser {
  if (!user) throw new AppError('UNAUTHENTICATED', 401);
  return user;
}

export function requireAdmin(user: CurrentUser | null): CurrentUser {
  const u = requireSignedIn(user);
  if (!isAdmin(u)) throw new AppError('FORBIDDEN', 403);
  return u;
}

export function canManagePlan(user: CurrentUser | null, leadOrganizationIds: string[]): boolean {
  if (!user) return false;
  if (isAdmin(user)) return true;
  const mine = organizationsFor(user, ['produsen']);
  return leadOrganizationIds.some((id) => mine.includes(id));
}

export function requirePlanManager(user: CurrentUser | null, leadOrganizationIds: string[]): CurrentUser {
  const u = requireSignedIn(user);
  if (!canManagePlan(u, leadOrganizationIds)) throw new AppError('FORBIDDEN', 403);
  return u;
}

export function canEditCommitment(user: CurrentUser | null, leadOrganizationId: string | null): boolean {
  if (!user) return false;
  if (isAdmin(user)) return true;
  return !!leadOrganizationId && organizationsFor(user, ['produsen']).includes(leadOrganizationId);
}

export function requireCommitmentEditor(user: CurrentUser | null, leadOrganizationId: string | null): CurrentUser {
  const u = requireSignedIn(user);
  if (!canEditCommitment(u, leadOrganizationId)) throw new AppError('COMMITMENT_NOT_YOURS', 403);
  return u;
}

/** Anyone with a staff role sees staff links (moderation queue, forms). */
export const isStaff = (user: CurrentUser | null) => hasRole(user, ['produsen', 'walidata']);
