import type { Selectable } from 'kysely';
import type { DbOrTrx } from '../../storage/database.js';
import type { CommitmentTable, EvidenceTable, MilestoneTable } from './commitment.table.js';
import { milestonePercent } from './progress.js';
import { irmCompletion, type IrmCompletion } from '../../rubric/irm-scales.js';
import { rollUp } from '../../rubric/scale.js';
import { planUrls } from '../plan/plan.urls.js';

export type CommitmentRow = Selectable<CommitmentTable>;
export type MilestoneRow = Selectable<MilestoneTable>;
export type EvidenceRow = Selectable<EvidenceTable>;

export interface OrgRef {
  id: string;
  slug: string;
  name: string;
  kind: string;
}

export interface MilestoneView extends MilestoneRow {
  responsible: OrgRef | null;
  percent: number;
  evidence: EvidenceView[];
}

/** Evidence with the organisation that uploaded it (shown publicly; the uploading person is not). */
export interface EvidenceView extends EvidenceRow {
  uploader: OrgRef | null;
}

export interface CommitmentView {
  row: CommitmentRow;
  lead: OrgRef | null;
  supporting: OrgRef[];
  milestones: MilestoneView[];
  percent: number;
  completion: IrmCompletion;
  evidenceCount: number;
}

export const findCommitmentByOgpId = (db: DbOrTrx, ogpId: string) =>
  db.selectFrom('commitments').selectAll().where('ogp_id', '=', ogpId).executeTakeFirst();
export const findCommitmentById = (db: DbOrTrx, id: string) =>
  db.selectFrom('commitments').selectAll().where('id', '=', id).executeTakeFirst();
export const findMilestone = (db: DbOrTrx, id: string) =>
  db.selectFrom('milestones').selectAll().where('id', '=', id).executeTakeFirst();
export const findEvidence = (db: DbOrTrx, id: string) =>
  db.selectFrom('evidence').selectAll().where('id', '=', id).executeTakeFirst();

export async function findOrganizations(db: DbOrTrx, ids: string[]): Promise<Map<string, OrgRef>> {
  if (!ids.length) return new Map();
  const rows = await db
    .selectFrom('organizations')
    .select(['id', 'slug', 'name', 'kind'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, r]));
}

/** Commitments by id as "What I follow" shows them: "IDMDN0001 title", linking to the commitment page. */
export async function commitmentFollowTargets(db: DbOrTrx, ids: string[]) {
  const rows = ids.length
    ? await db.selectFrom('commitments').select(['id', 'ogp_id', 'title']).where('id', 'in', ids).execute()
    : [];
  return new Map(rows.map((c) => [c.id, { label: `${c.ogp_id} ${c.title}`, url: planUrls.commitment(c.ogp_id) }]));
}

export const listOrganizations = (db: DbOrTrx) =>
  db.selectFrom('organizations').select(['id', 'slug', 'name', 'kind']).orderBy('kind').orderBy('name').execute();

export async function leadOrganizationOf(db: DbOrTrx, commitmentId: string): Promise<string | null> {
  const row = await db
    .selectFrom('commitment_institutions')
    .select('organization_id')
    .where('commitment_id', '=', commitmentId)
    .where('role', '=', 'lead')
    .executeTakeFirst();
  return row?.organization_id ?? null;
}

/**
 * The next number in the real series, or in the example series: example commitments are numbered
 * apart so that demo content never uses up an OGP ID.
 */
export async function nextCommitmentNumber(db: DbOrTrx, options: { example?: boolean } = {}): Promise<number> {
  const row = await db
    .selectFrom('commitments')
    .select((eb) => eb.fn.max('number').as('n'))
    .where('is_example', '=', options.example ? 1 : 0)
    .executeTakeFirst();
  return Number(row?.n ?? 0) + 1;
}

/** Commitments with institutions, milestones, evidence and rolled-up progress. */
export async function loadCommitmentViews(
  db: DbOrTrx,
  rows: CommitmentRow[],
  options: { includeInternalEvidence?: boolean } = {},
): Promise<CommitmentView[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const [institutions, milestones, evidence] = await Promise.all([
    db.selectFrom('commitment_institutions').selectAll().where('commitment_id', 'in', ids).execute(),
    db
      .selectFrom('milestones')
      .selectAll()
      .where('commitment_id', 'in', ids)
      .orderBy('position')
      .orderBy('created_at')
      .execute(),
    db
      .selectFrom('evidence')
      .selectAll()
      .where('commitment_id', 'in', ids)
      .orderBy('evidence_date')
      .orderBy('created_at')
      .execute(),
  ]);
  const orgs = await findOrganizations(db, [
    ...institutions.map((i) => i.organization_id),
    ...milestones.flatMap((m) => (m.responsible_organization_id ? [m.responsible_organization_id] : [])),
    ...evidence.flatMap((e) => (e.uploader_organization_id ? [e.uploader_organization_id] : [])),
  ]);
  return rows.map((row) => {
    const own = institutions.filter((i) => i.commitment_id === row.id);
    const leadId = own.find((i) => i.role === 'lead')?.organization_id;
    const allEvidence = evidence.filter((e) => e.commitment_id === row.id);
    const ms: MilestoneView[] = milestones
      .filter((m) => m.commitment_id === row.id)
      .map((m) => ({
        ...m,
        responsible: m.responsible_organization_id ? (orgs.get(m.responsible_organization_id) ?? null) : null,
        percent: milestonePercent(m),
        evidence: allEvidence
          .filter((e) => e.milestone_id === m.id && (options.includeInternalEvidence || e.visibility === 'public'))
          .map((e) => ({
            ...e,
            uploader: e.uploader_organization_id ? (orgs.get(e.uploader_organization_id) ?? null) : null,
          })),
      }));
    const percent = rollUp(ms.map((m) => ({ weight: m.weight, percent: m.percent })));
    return {
      row,
      lead: leadId ? (orgs.get(leadId) ?? null) : null,
      supporting: own
        .filter((i) => i.role === 'supporting')
        .map((i) => orgs.get(i.organization_id))
        .filter((o): o is OrgRef => !!o),
      milestones: ms,
      percent,
      completion: irmCompletion(percent, allEvidence.length),
      evidenceCount: allEvidence.length,
    };
  });
}

export async function listPlanCommitments(
  db: DbOrTrx,
  planId: string,
  options: { includeInternalEvidence?: boolean } = {},
) {
  const rows = await db.selectFrom('commitments').selectAll().where('plan_id', '=', planId).orderBy('number').execute();
  return loadCommitmentViews(db, rows, options);
}

/** Commitments whose kelurahan scope includes this code. */
export async function listCommitmentsForKelurahan(db: DbOrTrx, kode: string) {
  // Example commitments are shown in their example plan only, never on a real kelurahan's profile.
  const rows = await db
    .selectFrom('commitments')
    .selectAll()
    .where('kelurahan_codes', 'like', `%"${kode}"%`)
    .where('is_example', '=', 0)
    .orderBy('number')
    .execute();
  return loadCommitmentViews(db, rows);
}

/** Ideas linked to a commitment (the trail from input to commitment). */
export const listIdeasOfCommitment = (db: DbOrTrx, commitmentId: string) =>
  db
    .selectFrom('idea_commitments')
    .innerJoin('ideas', 'ideas.id', 'idea_commitments.idea_id')
    .select([
      'ideas.id',
      'ideas.title',
      'ideas.theme',
      'ideas.channel',
      'ideas.source_label',
      'ideas.received_on',
      'ideas.response_kind',
      'ideas.moderation',
    ])
    .where('idea_commitments.commitment_id', '=', commitmentId)
    .where('ideas.moderation', '=', 'approved')
    .orderBy('ideas.received_on')
    .execute();

/** A milestone's evidence (public and internal), by date: for the people who report on it. */
export const listMilestoneEvidence = (db: DbOrTrx, milestoneId: string) =>
  db.selectFrom('evidence').selectAll().where('milestone_id', '=', milestoneId).orderBy('evidence_date').execute();

/** A plan's commitments for a choice list (which commitments an idea led to), by number. */
export const listCommitmentChoices = (db: DbOrTrx, planId: string) =>
  db.selectFrom('commitments').select(['ogp_id', 'title']).where('plan_id', '=', planId).orderBy('number').execute();

/** How many real (not example) commitments exist: `seed --demo` refuses to mix into an instance with any. */
export async function countRealCommitments(db: DbOrTrx): Promise<number> {
  const row = await db
    .selectFrom('commitments')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('is_example', '=', 0)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
