import { type CurrentUser, hasRole, isAdmin } from '../../actor/actor.js';
import type { RequestContext } from '../../views/page-context.js';
import { requireRole } from '../../http/guards.js';

/** Meetings, documents, attendance and minutes: the forum's secretariat (role `forum`) or an admin. */
export const canManageMeetings = (user: CurrentUser | null) => hasRole(user, ['forum']);
export const requireMeetingManager = (ctx: RequestContext) => requireRole(ctx, ['forum']);
/** Membership and rules: admins only. */
export const canManageMembers = (user: CurrentUser | null) => isAdmin(user);
export const requireMemberManager = (ctx: RequestContext) => requireRole(ctx, []);
