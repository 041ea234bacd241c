import type { Db } from '../../storage/database.js';
import type { CurrentUser } from '../../actor/actor.js';
import type { PlanRow } from '../plan/plan.repository.js';
import type { IrmCompletion, OpenedGovernment } from '../../rubric/irm-scales.js';
import { localDate } from '../../time/local-time.js';
import { commitmentEndDate, daysLate } from './due-dates.js';
import { CHECKS, type CheckKey } from './monitoring.schema.js';
import {
  findInception,
  listCommitmentAssessments,
  listEndAssessments,
  listEndFiles,
  listSelfAssessments,
} from './monitoring.repository.js';
import { planSchedule } from './schedule.service.js';
import { canAssess } from './monitoring.policy.js';

export const endFilePath = (id: string) => `/monitoring/berkas/${encodeURIComponent(id)}`;

/**
 * How late a review was published: against the due date frozen at publication (`frozen`), or for
 * reviews published before that was stored, the calendar's current one. Null while unpublished.
 */
function lateness(frozen: string | null, current: string | null, publishedAt: string | null) {
  const dueDate = frozen ?? current;
  if (!publishedAt) return { dueDate, daysLate: null };
  return { dueDate, daysLate: dueDate ? daysLate(dueDate, localDate(publishedAt)) : 0 };
}

/** The checks the monitor confirmed as met against the platform's records (stored as a JSON list). */
function confirmedChecks(json: string): Set<CheckKey> {
  try {
    const list: unknown = JSON.parse(json);
    return new Set(Array.isArray(list) ? CHECKS.filter((k) => list.includes(k)) : []);
  } catch {
    return new Set();
  }
}

/**
 * Everything the public monitoring page of a plan shows, as JSON: the calendar, and the
 * published inception and end-of-commitment assessments and self-assessments. Drafts are included
 * only for the monitoring body (the acting user may assess).
 */
export async function planMonitoring(db: Db, user: CurrentUser | null, plan: PlanRow, today: string) {
  const includeDrafts = await canAssess(db, user);
  const [{ items, lastPublicUpdate }, inception, commitmentAssessments, ends, selfs] = await Promise.all([
    planSchedule(db, plan, today),
    findInception(db, plan.id),
    listCommitmentAssessments(db, plan.id),
    listEndAssessments(db, plan.id, { publishedOnly: !includeDrafts }),
    listSelfAssessments(db, plan.id),
  ]);
  const files = await listEndFiles(
    db,
    ends.map((e) => e.id),
  );
  const showInception = inception && (inception.published === 1 || includeDrafts);
  const confirmed = confirmedChecks(inception?.confirmed_contradictions ?? '[]');
  const check = (k: CheckKey, met: number, note: string) => ({
    met: met === 1,
    note,
    confirmedAgainstPlatform: confirmed.has(k),
  });
  const dueOf = (kind: string, ogpId: string | null = null) =>
    items.find((i) => i.kind === kind && i.ogpId === ogpId)?.dueDate ?? null;
  return {
    planId: plan.id,
    planTitle: plan.title,
    lastPublicUpdate,
    schedule: items,
    inception: showInception
      ? {
          planId: plan.id,
          published: inception.published === 1,
          submittedAt: inception.submitted_at,
          publishedAt: inception.published_at,
          ...lateness(inception.due_on, dueOf('inception'), inception.published_at),
          summary: inception.summary,
          checks: {
            forumExists: check('forumExists', inception.forum_exists, inception.forum_exists_note),
            csoMeeting: check('csoMeeting', inception.cso_meeting, inception.cso_meeting_note),
            infoShared: check('infoShared', inception.info_shared, inception.info_shared_note),
            pageUpdated: check('pageUpdated', inception.page_updated, inception.page_updated_note),
            endorsement: check('endorsement', inception.endorsement, inception.endorsement_note),
          },
          commitments: commitmentAssessments.map((a) => ({
            commitmentId: a.commitment_id,
            ogpId: a.ogp_id,
            title: a.title,
            verifiable: a.verifiable === 1,
            lenses: {
              accessInfo: a.lens_access_info === 1,
              civicParticipation: a.lens_civic_participation === 1,
              publicAccountability: a.lens_public_accountability === 1,
              technology: a.lens_technology === 1,
            },
            potential: a.potential,
            note: a.note,
          })),
        }
      : null,
    endAssessments: ends.map((e) => ({
      commitmentId: e.commitment_id,
      ogpId: e.ogp_id,
      title: e.title,
      completion: e.completion as IrmCompletion,
      earlyResults: e.early_results,
      openedGovernment: {
        accessInfo: e.og_access_info as OpenedGovernment | null,
        civicParticipation: e.og_civic_participation as OpenedGovernment | null,
        publicAccountability: e.og_public_accountability as OpenedGovernment | null,
      },
      lessons: e.lessons,
      commitmentEndDate: commitmentEndDate(e.end_month),
      beforeEndReason: e.before_end_reason,
      published: e.published === 1,
      submittedAt: e.submitted_at,
      publishedAt: e.published_at,
      ...lateness(e.due_on, dueOf('end_of_commitment', e.ogp_id), e.published_at),
      files: files
        .filter((f) => f.assessment_id === e.id)
        .map((f) => ({
          id: f.id,
          fileName: f.file_name,
          mediaType: f.media_type,
          sizeBytes: f.size_bytes,
          sha256: f.sha256,
          url: endFilePath(f.id),
        })),
    })),
    selfAssessments: selfs.map((s) => ({
      id: s.id,
      title: s.title,
      periodStart: s.period_start,
      periodEnd: s.period_end,
      body: s.body,
      publishedAt: s.published_at,
    })),
  };
}
export type PlanMonitoring = Awaited<ReturnType<typeof planMonitoring>>;

/** Published assessment values per commitment, for the OGP dataset export. */
export async function assessmentsByCommitment(db: Db, planId: string) {
  const [inception, ends] = await Promise.all([
    listCommitmentAssessments(db, planId),
    listEndAssessments(db, planId, { publishedOnly: true }),
  ]);
  const published = (await findInception(db, planId))?.published === 1;
  const map = new Map<
    string,
    {
      verifiable?: boolean;
      potential?: string;
      completion?: string;
      earlyResults?: string | null;
      openedGovernment?: Array<string | null>;
    }
  >();
  if (published)
    for (const a of inception) map.set(a.commitment_id, { verifiable: a.verifiable === 1, potential: a.potential });
  for (const e of ends)
    map.set(e.commitment_id, {
      ...map.get(e.commitment_id),
      completion: e.completion,
      earlyResults: e.early_results,
      openedGovernment: [e.og_access_info, e.og_civic_participation, e.og_public_accountability],
    });
  return map;
}
