import type { TestUser } from '../../../test/helpers/test-app.js';
import type { Db } from '../../storage/database.js';
import { newId, nowIso } from '../../ids.js';

/** Test data written straight into the action-plan tables (owned by the plan feature). */
export async function insertPlan(
  db: Db,
  o: {
    title?: string;
    status?: string;
    submittedOn?: string | null;
    endorsedOn?: string | null;
    cocreationStart?: string | null;
    cocreationEnd?: string | null;
    leadOrgIds?: string[];
    /** Plans starting before 2021 still use "did it open government" (see rubric/irm-scales.ts). */
    periodStart?: string;
  } = {},
) {
  const id = newId();
  const now = nowIso();
  await db
    .insertInto('plans')
    .values({
      id,
      title: o.title ?? 'Madiun, Indonesia, 2025–2028',
      plan_number: 1,
      status: (o.status ?? 'implementation') as never,
      period_start: o.periodStart ?? '2025-07-01',
      period_end: '2028-10-31',
      term_end_date: '2028-10-31',
      cocreation_start: o.cocreationStart ?? '2025-04-30',
      cocreation_end: o.cocreationEnd ?? '2025-07-15',
      submitted_on: o.submittedOn === undefined ? '2025-07-16' : o.submittedOn,
      lead_organization_ids: JSON.stringify(o.leadOrgIds ?? []),
      foreword: 'Kata pengantar',
      strategic_vision: 'Visi',
      engagement: 'Forum multipihak',
      endorsed_on: o.endorsedOn === undefined ? '2025-07-10' : o.endorsedOn,
      endorsement_note: '',
      is_example: 0,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

let counter = 1;
export async function insertCommitment(
  db: Db,
  planId: string,
  o: {
    title?: string;
    endMonth?: string;
    values?: Partial<Record<'access' | 'participation' | 'accountability' | 'technology', boolean>>;
    leadOrgId?: string;
    supportingOrgIds?: string[];
  } = {},
) {
  const id = newId();
  const n = counter++;
  const ogpId = `IDMDN${String(n).padStart(4, '0')}`;
  const now = nowIso();
  const v = o.values ?? { access: true };
  await db
    .insertInto('commitments')
    .values({
      id,
      plan_id: planId,
      ogp_id: ogpId,
      number: n,
      title: o.title ?? `Komitmen ${n}`,
      problem: 'Masalah',
      status_quo: '',
      description: 'Uraian',
      how_solves: '',
      ogp_relevance: '',
      value_access_info: v.access ? 1 : 0,
      value_access_info_why: '',
      value_civic_participation: v.participation ? 1 : 0,
      value_civic_participation_why: '',
      value_public_accountability: v.accountability ? 1 : 0,
      value_public_accountability_why: '',
      value_technology: v.technology ? 1 : 0,
      value_technology_why: '',
      policy_area: 'Pariwisata',
      sector: 'Pariwisata',
      start_month: '2025-08',
      end_month: o.endMonth ?? '2027-12',
      budget_amount: null,
      budget_source: '',
      rpjmd_links: '',
      sdg_goals: '[8]',
      kelurahan_codes: '[]',
      is_example: 0,
      created_at: now,
      updated_at: now,
    })
    .execute();
  if (o.leadOrgId)
    await db
      .insertInto('commitment_institutions')
      .values({ commitment_id: id, organization_id: o.leadOrgId, role: 'lead' })
      .execute();
  for (const org of o.supportingOrgIds ?? [])
    await db
      .insertInto('commitment_institutions')
      .values({ commitment_id: id, organization_id: org, role: 'supporting' })
      .execute();
  return { id, ogpId };
}

export async function insertMilestone(
  db: Db,
  commitmentId: string,
  o: { status?: 'not_started' | 'in_progress' | 'complete'; completedOn?: string | null } = {},
) {
  const id = newId();
  const now = nowIso();
  await db
    .insertInto('milestones')
    .values({
      id,
      commitment_id: commitmentId,
      position: 1,
      activity: 'Pelatihan',
      deliverable: 'Laporan',
      start_date: '2025-08-01',
      end_date: '2026-06-30',
      responsible_organization_id: null,
      weight: 1,
      status: o.status ?? 'not_started',
      progress_percent: o.status === 'complete' ? 100 : 0,
      completed_on: o.completedOn ?? null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

export async function orgId(db: Db, slug: string) {
  return (await db.selectFrom('organizations').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id;
}

/** The five inception-form checks, all met (or all not). */
export const checks = (met = true) =>
  Object.fromEntries(
    ['forumExists', 'csoMeeting', 'infoShared', 'pageUpdated', 'endorsement'].map((k) => [
      k,
      { met, note: 'Diperiksa dari notulen dan daftar hadir.' },
    ]),
  );
/** A signed-in browser's urlencoded form post. */
export const form = (user: TestUser, fields: Record<string, string>) => ({
  headers: { cookie: user.cookie, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
  payload: new URLSearchParams({ _csrf: user.csrf, ...fields }).toString(),
});
