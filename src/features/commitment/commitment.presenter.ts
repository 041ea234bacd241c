import type { z } from 'zod';
import type { CommitmentView, EvidenceRow, MilestoneView, OrgRef } from './commitment.repository.js';
import type { commitmentJson, evidenceJson, milestoneJson } from './commitment.schema.js';
import { OGP_VALUES } from './commitment.rules.js';
import { planUrls } from '../plan/plan.urls.js';
import { parseTranslations } from '../../i18n/content-language.js';

export const presentOrg = (o: OrgRef) => ({ id: o.id, slug: o.slug, name: o.name, kind: o.kind });

export function parseJsonArray<T>(text: string): T[] {
  try {
    const v = JSON.parse(text) as unknown;
    return Array.isArray(v) ? (v as T[]) : [];
  } catch {
    return [];
  }
}

export function presentEvidence(e: EvidenceRow & { uploader?: OrgRef | null }): z.infer<typeof evidenceJson> {
  return {
    id: e.id,
    kind: e.kind,
    title: e.title,
    url: e.kind === 'link' ? (e.url ?? '') : planUrls.evidenceFile(e.id),
    fileName: e.file_name,
    mediaType: e.media_type,
    sizeBytes: e.size_bytes,
    sha256: e.sha256,
    evidenceDate: e.evidence_date,
    visibility: e.visibility,
    uploader: e.uploader ? { id: e.uploader.id, name: e.uploader.name } : null,
    createdAt: e.created_at,
  };
}

export function presentMilestone(m: MilestoneView): z.infer<typeof milestoneJson> {
  return {
    id: m.id,
    version: m.edit_version,
    position: m.position,
    activity: m.activity,
    deliverable: m.deliverable,
    startDate: m.start_date,
    endDate: m.end_date,
    responsibleInstitution: m.responsible ? presentOrg(m.responsible) : null,
    weight: m.weight,
    status: m.status,
    percent: m.percent,
    completedOn: m.completed_on,
    evidence: m.evidence.map(presentEvidence),
  };
}

export function presentCommitment(v: CommitmentView): z.infer<typeof commitmentJson> {
  const c = v.row;
  return {
    id: c.id,
    version: c.edit_version,
    ogpId: c.ogp_id,
    planId: c.plan_id,
    number: c.number,
    title: c.title,
    problem: c.problem,
    statusQuo: c.status_quo,
    description: c.description,
    howSolves: c.how_solves,
    ogpRelevance: c.ogp_relevance,
    ogpValues: OGP_VALUES.filter((val) => c[val.column]).map((val) => ({ value: val.ogp, justification: c[val.why] })),
    policyArea: c.policy_area,
    sector: c.sector,
    startMonth: c.start_month,
    endMonth: c.end_month,
    budget: { amount: c.budget_amount, source: c.budget_source },
    rpjmdLinks: c.rpjmd_links,
    sdgGoals: parseJsonArray<number>(c.sdg_goals),
    kelurahanCodes: parseJsonArray<string>(c.kelurahan_codes),
    leadInstitution: v.lead ? presentOrg(v.lead) : null,
    supportingInstitutions: v.supporting.map(presentOrg),
    milestones: v.milestones.map(presentMilestone),
    progress: { percent: v.percent, completion: v.completion },
    isExample: c.is_example === 1,
    translations: parseTranslations(c.translations),
    url: planUrls.commitment(c.ogp_id),
    updatedAt: c.updated_at,
  };
}

/** The public state of a commitment recorded in its version history (names, not ids). */
export function commitmentSnapshot(v: CommitmentView): Record<string, unknown> {
  const c = v.row;
  const en = parseTranslations(c.translations).en;
  // One readable line per translated field, so the history diff shows which English text changed.
  const english = en ? Object.entries(en).map(([name, text]) => `${name}: ${text}`) : null;
  return {
    title: c.title,
    problem: c.problem,
    statusQuo: c.status_quo,
    description: c.description,
    howSolves: c.how_solves,
    ogpRelevance: c.ogp_relevance,
    ogpValues: OGP_VALUES.filter((val) => c[val.column]).map((val) => `${val.ogp}: ${c[val.why]}`),
    policyArea: c.policy_area,
    sector: c.sector,
    period: `${c.start_month} – ${c.end_month}`,
    budget: c.budget_amount === null ? c.budget_source : `${c.budget_amount} (${c.budget_source})`,
    rpjmdLinks: c.rpjmd_links,
    sdgGoals: parseJsonArray<number>(c.sdg_goals),
    kelurahanCodes: parseJsonArray<string>(c.kelurahan_codes),
    lead: v.lead?.name ?? null,
    supporting: v.supporting.map((o) => o.name),
    milestones: v.milestones.map((m) => ({
      position: m.position,
      activity: m.activity,
      status: m.status,
      percent: m.percent,
      evidence: m.evidence.length,
    })),
    progress: v.percent,
    // Only when there is one, so versions recorded before English versions existed read the same.
    ...(english ? { english } : {}),
  };
}

export function milestoneSnapshot(m: MilestoneView): Record<string, unknown> {
  return {
    activity: m.activity,
    deliverable: m.deliverable,
    startDate: m.start_date,
    endDate: m.end_date,
    responsible: m.responsible?.name ?? null,
    weight: m.weight,
    status: m.status,
    progress: m.percent,
    completedOn: m.completed_on,
    evidence: m.evidence.map(
      (e) => `${e.evidence_date} ${e.title}${e.sha256 ? ` (sha256 ${e.sha256.slice(0, 12)}…)` : ''}`,
    ),
  };
}
