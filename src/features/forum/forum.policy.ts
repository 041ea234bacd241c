import { type CurrentUser, hasRole, isAdmin } from '../../actor/actor.js';
import { AppError } from '../../errors.js';
import { requireSignedIn } from '../plan/plan.access.js';

/**
 * Who may change the forum's public record. The forum service calls the `require…` checks, so
 * every door (HTML, JSON, a script calling the service) refuses the same people: 401 when nobody
 * is signed in, 403 with a code that says who may otherwise. Pages call the `can…` checks only to
 * choose between the buttons and the note that says who may.
 *
 * - Members, meetings, their documents, attendance and minutes: the forum's secretariat, i.e.
 *   anyone holding the `forum` role (for whichever organisation hosts it), or an admin. Keeping
 *   the membership list is the secretariat's job under OGP's forum standards, so it is theirs,
 *   not only the administrators'.
 * - The forum's rules (terms of reference): admins, as they are agreed by the forum and then
 *   published by the portal's administrators.
 */
export const canManageForum = (user: CurrentUser | null) => hasRole(user, ['forum']);

export function requireForumManager(user: CurrentUser | null): CurrentUser {
  const signedIn = requireSignedIn(user);
  if (!canManageForum(signedIn)) throw new AppError('FORUM_SECRETARIAT_ONLY', 403);
  return signedIn;
}

export const canEditForumRules = (user: CurrentUser | null) => isAdmin(user);

export function requireForumRulesEditor(user: CurrentUser | null): CurrentUser {
  const signedIn = requireSignedIn(user);
  if (!canEditForumRules(signedIn)) throw new AppError('FORUM_RULES_ADMIN_ONLY', 403);
  return signedIn;
}
