import { type CurrentUser, organizationsFor } from '../../actor/actor.js';
import { canEditCommitment } from '../plan/plan.access.js';

/**
 * Who may report a milestone's progress and evidence: the commitment's editors (admins, the lead
 * organisation's produsen) and the produsen of the organisation responsible for the milestone.
 * One rule for the service that refuses and the page that offers the link.
 */
export function canReportMilestone(
  user: CurrentUser | null,
  responsibleOrganizationId: string | null,
  leadOrganizationId: string | null,
): boolean {
  if (canEditCommitment(user, leadOrganizationId)) return true;
  return !!responsibleOrganizationId && organizationsFor(user, ['produsen']).includes(responsibleOrganizationId);
}
