import type { RequestContext } from '../../views/page-context.js';
import type { SafeHtml } from '../../views/html.js';
import type { DbOrTrx } from '../../storage/database.js';
import type { PlanRow } from '../plan/plan.repository.js';
import { canEditCommitment } from '../plan/plan.access.js';
import { amendmentsRequired } from '../plan/plan.lifecycle.js';
import { leadOrganizationOf, listOrganizations, type CommitmentRow } from './commitment.repository.js';
import { canDecideAmendments, listAmendments } from './amendment.service.js';
import { decisionForms, renderAmendments } from './amendment.view.js';

/** The amendments section of the public commitment page, with the proposal link and decisions for staff. */
export async function amendmentsSection(
  db: DbOrTrx,
  ctx: RequestContext,
  c: CommitmentRow,
  plan: PlanRow,
): Promise<SafeHtml> {
  const open = amendmentsRequired(plan.status);
  return renderAmendments(ctx, {
    ogpId: c.ogp_id,
    amendments: await listAmendments(db, c.id),
    orgs: new Map((await listOrganizations(db)).map((o) => [o.id, o.name])),
    canPropose: open && canEditCommitment(ctx.user, await leadOrganizationOf(db, c.id)),
    decide: open && (await canDecideAmendments(db, ctx.user, plan)) ? decisionForms(ctx, c.ogp_id) : null,
  });
}
