import { type CurrentUser, hasRole } from '../../actor/actor.js';
import type { Db } from '../../storage/database.js';
import { AppError } from '../../errors.js';
import { canManagePlan, requireSignedIn } from '../plan/plan.access.js';
import { findProfile, leadIdsOf, type PlanRow } from '../plan/plan.repository.js';

/**
 * Who may do what in monitoring. The services call these, so every door (HTML, JSON, a script
 * calling the service) refuses the same people: 401 when nobody is signed in, 403 otherwise.
 */

/**
 * Assessments come from the independent monitoring body: a user with the `monitor` role (for the
 * organisation named as monitoring body in the OGP profile, when one is named) or an admin.
 */
export async function canAssess(db: Db, user: CurrentUser | null): Promise<boolean> {
  if (!user) return false;
  const profile = await findProfile(db);
  return hasRole(user, ['monitor'], profile?.monitoring_organization_id ?? undefined);
}

export async function requireAssessor(db: Db, user: CurrentUser | null): Promise<CurrentUser> {
  const signedIn = requireSignedIn(user);
  if (!(await canAssess(db, signedIn))) throw new AppError('FORBIDDEN', 403);
  return signedIn;
}

/** Self-assessments are the government's own reports: admins and staff of the plan's lead institutions. */
export const canReport = (user: CurrentUser | null, plan: PlanRow) => canManagePlan(user, leadIdsOf(plan));

export function requireReporter(user: CurrentUser | null, plan: PlanRow): CurrentUser {
  const signedIn = requireSignedIn(user);
  if (!canReport(signedIn, plan)) throw new AppError('FORBIDDEN', 403);
  return signedIn;
}

/** The schedule dashboard is for staff: monitoring body, forum secretariat, producers, walidata, admins. */
export const isScheduleViewer = (user: CurrentUser | null) =>
  hasRole(user, ['monitor', 'forum', 'produsen', 'walidata']);

export function requireScheduleViewer(user: CurrentUser | null): CurrentUser {
  const signedIn = requireSignedIn(user);
  if (!isScheduleViewer(signedIn)) throw new AppError('FORBIDDEN', 403);
  return signedIn;
}
