import { type CurrentUser, hasRole } from '../../actor/actor.js';
import type { RequestContext } from '../../http/context.js';
import type { Db } from '../../storage/database.js';
import { requireUser } from '../../http/guards.js';
import { AppError } from '../../errors.js';
import { canManagePlan } from '../plan/plan.access.js';
import { leadIdsOf, type PlanRow } from '../plan/plan.repository.js';

/**
 * Assessments come from the independent monitoring body: a user with the `monitor` role (for the
 * organisation named as monitoring body in the OGP profile, when one is named) or an admin.
 */
export async function canAssess(db: Db, user: CurrentUser | null): Promise<boolean> {
  if (!user) return false;
  const profile = await db.selectFrom('ogp_profile').select('monitoring_organization_id').where('id', '=', 1).executeTakeFirst();
  return hasRole(user, ['monitor'], profile?.monitoring_organization_id ?? undefined);
}

export async function requireAssessor(db: Db, ctx: RequestContext): Promise<CurrentUser> {
  const user = requireUser(ctx);
  if (!(await canAssess(db, user))) throw new AppError('FORBIDDEN', 403);
  return user;
}

/** Self-assessments are the government's own reports: admins and staff of the plan's lead institutions. */
export function requireReporter(ctx: RequestContext, plan: PlanRow): CurrentUser {
  const user = requireUser(ctx);
  if (!canManagePlan(user, leadIdsOf(plan))) throw new AppError('FORBIDDEN', 403);
  return user;
}

/** The schedule dashboard is for staff: monitoring body, forum secretariat, producers, walidata, admins. */
export const isScheduleViewer = (user: CurrentUser | null) => hasRole(user, ['monitor', 'forum', 'produsen', 'walidata']);
