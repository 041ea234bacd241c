import type { z } from 'zod';
import type { DbOrTrx } from '../../storage/database.js';
import type { PlanRow, ProfileRow } from './plan.repository.js';
import { leadIdsOf } from './plan.repository.js';
import type { planJson, profileJson } from './plan.schema.js';
import type { CommitmentView } from '../commitment/commitment.repository.js';
import { findOrganizations } from '../commitment/commitment.repository.js';
import { presentOrg } from '../commitment/commitment.presenter.js';
import { planProgress } from './plan.service.js';
import { planUrls } from './plan.urls.js';
import { parseTranslations } from '../../i18n/content-language.js';
import { SUBMISSION_DATE } from './plan.lifecycle.js';
import { listCorrections } from '../correction/correction.service.js';
import { presentCorrection } from '../correction/correction.presenter.js';

export async function presentPlan(db: DbOrTrx, p: PlanRow, views: CommitmentView[]): Promise<z.infer<typeof planJson>> {
  const ids = leadIdsOf(p);
  const orgs = await findOrganizations(db, ids);
  return {
    id: p.id,
    version: p.edit_version,
    title: p.title,
    planNumber: p.plan_number,
    status: p.status,
    periodStart: p.period_start,
    periodEnd: p.period_end,
    termEndDate: p.term_end_date,
    cocreationStart: p.cocreation_start,
    cocreationEnd: p.cocreation_end,
    submittedOn: p.submitted_on,
    leadInstitutions: ids
      .map((id) => orgs.get(id))
      .filter((o) => !!o)
      .map((o) => presentOrg(o!)),
    foreword: p.foreword,
    strategicVision: p.strategic_vision,
    engagement: p.engagement,
    endorsedOn: p.endorsed_on,
    endorsementNote: p.endorsement_note,
    earlyClosureReason: p.early_closure_reason,
    dateCorrections: (await listCorrections(db, SUBMISSION_DATE.entityType, [p.id])).map((c) =>
      presentCorrection(c, 'submittedOn'),
    ),
    isExample: p.is_example === 1,
    translations: parseTranslations(p.translations),
    commitmentCount: views.length,
    progress: planProgress(views),
    url: planUrls.plan(p.id),
    createdAt: p.created_at,
    updatedAt: p.updated_at,
  };
}

export async function presentProfile(db: DbOrTrx, p: ProfileRow | null): Promise<z.infer<typeof profileJson> | null> {
  if (!p) return null;
  const orgs = await findOrganizations(
    db,
    [p.contact_organization_id, p.monitoring_organization_id].filter((x): x is string => !!x),
  );
  const org = (id: string | null) => (id && orgs.get(id) ? presentOrg(orgs.get(id)!) : null);
  return {
    jurisdictionName: p.jurisdiction_name,
    joinedOn: p.joined_on,
    launchedOn: p.launched_on,
    termEndDate: p.term_end_date,
    pointOfContact: { name: p.contact_name, title: p.contact_title, organization: org(p.contact_organization_id) },
    monitoringBody: org(p.monitoring_organization_id),
    forum: { name: p.forum_name, description: p.forum_description },
  };
}

/** The OGP profile in the shape its form and PUT body take (the edit form, PATCH's base). */
export function profileValues(p: ProfileRow) {
  return {
    jurisdictionName: p.jurisdiction_name,
    joinedOn: p.joined_on,
    launchedOn: p.launched_on,
    termEndDate: p.term_end_date,
    contactName: p.contact_name,
    contactTitle: p.contact_title,
    contactOrganizationId: p.contact_organization_id,
    monitoringOrganizationId: p.monitoring_organization_id,
    forumName: p.forum_name,
    forumDescription: p.forum_description,
  };
}
