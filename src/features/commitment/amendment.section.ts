import type { RequestContext } from '../../views/page-context.js';
import { html, type SafeHtml } from '../../views/html.js';
import type { DbOrTrx } from '../../storage/database.js';
import type { PlanRow } from '../plan/plan.repository.js';
import { canEditCommitment } from '../plan/plan.access.js';
import { amendmentsRequired, COMPLETION_DATE } from '../plan/plan.lifecycle.js';
import { listCorrections } from '../correction/correction.service.js';
import { renderCorrections } from '../correction/correction.view.js';
import { leadOrganizationOf, listOrganizations, type CommitmentRow } from './commitment.repository.js';
import { canDecideAmendments, listAmendments } from './amendment.service.js';
import { decisionForms, renderAmendments } from './amendment.view.js';

/**
 * The commitment's public record of changes after submission: corrected milestone completion
 * dates, then the amendments section with the proposal link and decisions for staff.
 */
export async function amendmentsSection(
  db: DbOrTrx,
  ctx: RequestContext,
  c: CommitmentRow,
  plan: PlanRow,
): Promise<SafeHtml> {
  const open = amendmentsRequired(plan.status);
  const milestones = await db.selectFrom('milestones').select('id').where('commitment_id', '=', c.id).execute();
  const corrections = await listCorrections(
    db,
    COMPLETION_DATE.entityType,
    milestones.map((m) => m.id),
  );
  const dates = renderCorrections(ctx, corrections, {
    heading: ctx.t('correction.completionHeading'),
    judgedNote: ctx.t('correction.completionJudged'),
    id: 'koreksi-selesai',
  });
  const amendments = renderAmendments(ctx, {
    ogpId: c.ogp_id,
    amendments: await listAmendments(db, c.id),
    orgs: new Map((await listOrganizations(db)).map((o) => [o.id, o.name])),
    canPropose: open && canEditCommitment(ctx.user, await leadOrganizationOf(db, c.id)),
    decide: open && (await canDecideAmendments(db, ctx.user, plan)) ? decisionForms(ctx, c.ogp_id) : null,
  });
  return html`${dates}${amendments}`;
}
