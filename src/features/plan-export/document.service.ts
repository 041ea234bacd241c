import type { Db } from '../../storage/database.js';
import { AppError } from '../../errors.js';
import { listPlanCommitments, findOrganizations, type CommitmentView } from '../commitment/commitment.repository.js';
import { leadIdsOf } from '../plan/plan.repository.js';
import { OGP_VALUES } from '../commitment/commitment.rules.js';
import { parseJsonArray } from '../commitment/commitment.presenter.js';

export interface PlanDocument {
  plan: {
    id: string;
    title: string;
    planNumber: number;
    status: string;
    periodStart: string;
    periodEnd: string;
    submittedOn: string | null;
    termEndDate: string | null;
    foreword: string;
    strategicVision: string;
    engagement: string;
    endorsedOn: string | null;
    endorsementNote: string;
    isExample: boolean;
  };
  jurisdiction: string;
  leadInstitutions: string[];
  commitments: Array<{
    ogpId: string;
    number: number;
    title: string;
    isExample: boolean;
    problem: string;
    statusQuo: string;
    description: string;
    howSolves: string;
    ogpRelevance: string;
    values: Array<{ key: string; justification: string }>;
    policyArea: string;
    sector: string;
    startMonth: string;
    endMonth: string;
    lead: string | null;
    supporting: string[];
    budgetAmount: number | null;
    budgetSource: string;
    rpjmdLinks: string;
    sdgGoals: number[];
    kelurahan: string[];
    percent: number;
    milestones: Array<{
      activity: string;
      deliverable: string;
      startDate: string | null;
      endDate: string | null;
      responsible: string | null;
      weight: number;
      status: string;
      percent: number;
    }>;
  }>;
}

/** Everything the printable action-plan document shows (OGP template fields, in template order). */
export async function planDocument(db: Db, planId: string): Promise<PlanDocument> {
  const p = await db.selectFrom('plans').selectAll().where('id', '=', planId).executeTakeFirst();
  if (!p) throw new AppError('PLAN_NOT_FOUND', 404, { id: planId });
  const profile = await db
    .selectFrom('ogp_profile')
    .select(['jurisdiction_name', 'term_end_date'])
    .where('id', '=', 1)
    .executeTakeFirst();
  const leads = await findOrganizations(db, leadIdsOf(p));
  const views: CommitmentView[] = await listPlanCommitments(db, planId);
  const kelurahanCodes = [...new Set(views.flatMap((v) => parseJsonArray<string>(v.row.kelurahan_codes)))];
  const names = kelurahanCodes.length
    ? new Map(
        (await db.selectFrom('wilayah').select(['kode', 'nama']).where('kode', 'in', kelurahanCodes).execute()).map(
          (w) => [w.kode, w.nama],
        ),
      )
    : new Map<string, string>();
  return {
    plan: {
      id: p.id,
      title: p.title,
      planNumber: p.plan_number,
      status: p.status,
      periodStart: p.period_start,
      periodEnd: p.period_end,
      submittedOn: p.submitted_on,
      termEndDate: p.term_end_date ?? profile?.term_end_date ?? null,
      foreword: p.foreword,
      strategicVision: p.strategic_vision,
      engagement: p.engagement,
      endorsedOn: p.endorsed_on,
      endorsementNote: p.endorsement_note,
      isExample: p.is_example === 1,
    },
    jurisdiction: profile?.jurisdiction_name || 'Kota Madiun',
    leadInstitutions: leadIdsOf(p)
      .map((id) => leads.get(id)?.name)
      .filter((n): n is string => !!n),
    commitments: views.map((v) => {
      const c = v.row;
      return {
        ogpId: c.ogp_id,
        number: c.number,
        title: c.title,
        isExample: c.is_example === 1,
        problem: c.problem,
        statusQuo: c.status_quo,
        description: c.description,
        howSolves: c.how_solves,
        ogpRelevance: c.ogp_relevance,
        values: OGP_VALUES.filter((val) => c[val.column]).map((val) => ({ key: val.key, justification: c[val.why] })),
        policyArea: c.policy_area,
        sector: c.sector,
        startMonth: c.start_month,
        endMonth: c.end_month,
        lead: v.lead?.name ?? null,
        supporting: v.supporting.map((o) => o.name),
        budgetAmount: c.budget_amount,
        budgetSource: c.budget_source,
        rpjmdLinks: c.rpjmd_links,
        sdgGoals: parseJsonArray<number>(c.sdg_goals),
        kelurahan: parseJsonArray<string>(c.kelurahan_codes).map((k) => names.get(k) ?? k),
        percent: v.percent,
        milestones: v.milestones.map((m) => ({
          activity: m.activity,
          deliverable: m.deliverable,
          startDate: m.start_date,
          endDate: m.end_date,
          responsible: m.responsible?.name ?? null,
          weight: m.weight,
          status: m.status,
          percent: m.percent,
        })),
      };
    }),
  };
}
