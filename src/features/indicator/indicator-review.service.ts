import type { Db, DbOrTrx } from '../../storage/database.js';
import type { Actor, CurrentUser } from '../../actor/actor.js';
import { AppError } from '../../errors.js';
import { newId, nowIso } from '../../ids.js';
import { recordAudit } from '../audit/audit.service.js';
import { canEditSource, canManageCatalogue } from './indicator.policy.js';
import * as repo from './indicator.repository.js';
import { isPeopleCount } from './indicator-publish.service.js';
import type { IndicatorRow } from './indicator.service.js';
import type { ValueData } from './indicator.schema.js';
import type { ValueOrigin } from './indicator.table.js';
import { writeValue } from './indicator-value-write.js';
import { afterValuesCommitted } from './indicator-value-history.js';
import { sumWarnings, type CheckedValue, type SumWarning } from './value-validation.js';
import { SOURCE_REMOVED } from './derivation-source.js';
import type { IndicatorSubmissionTable, SubmissionState } from './indicator-review.table.js';

/**
 * The walidata's check of indicator values, as for datasets: what a produsen enters (form, import,
 * API, the runs of a derivation it registered until one is approved) is stored here as a
 * submission; indicator_values keeps only published figures. The walidata approves (the rows are
 * written in one transaction, audited, with their revision history) or returns it with comments
 * per field; the produsen answers by resubmitting, with a note and, if needed, new rows.
 */

export type SubmissionRow = IndicatorSubmissionTable;
export interface ReviewComment {
  field: string;
  comment: string;
}
export interface SubmissionSummary {
  id: string;
  state: SubmissionState;
  rows: number;
  warnings: number;
}

export interface NewSubmission {
  indicator: IndicatorRow;
  sourceId: string;
  origin: ValueOrigin;
  rows: ValueData[];
  replace: boolean;
  note: string;
  derivationId?: string | null;
}

const summary = (s: Pick<SubmissionRow, 'id' | 'state' | 'rows_json' | 'warnings_json'>): SubmissionSummary => ({
  id: s.id,
  state: s.state,
  rows: rowsOf(s).length,
  warnings: warningsOf(s).length,
});
export const rowsOf = (s: Pick<SubmissionRow, 'rows_json'>) => JSON.parse(s.rows_json) as ValueData[];
export const warningsOf = (s: Pick<SubmissionRow, 'warnings_json'>) => JSON.parse(s.warnings_json) as SumWarning[];
export const commentsOf = (s: Pick<SubmissionRow, 'comments_json'>) => JSON.parse(s.comments_json) as ReviewComment[];

/**
 * Parents that are not the sum of their children, with the proposed rows in place of the
 * published ones of the same source (only for counts of people, which add up; a rate does not).
 */
export async function warningsFor(
  db: DbOrTrx,
  indicator: IndicatorRow,
  sourceId: string,
  rows: ValueData[],
): Promise<SumWarning[]> {
  if (!isPeopleCount(indicator) || !rows.length) return [];
  const merged = new Map<string, CheckedValue>();
  const put = (wilayahKode: string, period: string, value: number) =>
    merged.set(`${wilayahKode}|${period}`, { sourceId, wilayahKode, period, value });
  for (const v of await repo.listValues(db, indicator.id, { sourceId })) put(v.wilayah_kode, v.period, v.value);
  for (const r of rows) put(r.wilayahKode, r.period, r.value);
  const areas = await db.selectFrom('wilayah').select(['kode', 'kode_induk']).execute();
  const touched = new Set(rows.map((r) => `${r.wilayahKode}|${r.period}`));
  const parentOf = new Map(areas.map((a) => [a.kode, a.kode_induk]));
  // Only the families this submission changes: the parent itself or one of its children.
  return sumWarnings([...merged.values()], areas).filter(
    (w) =>
      touched.has(`${w.wilayahKode}|${w.period}`) ||
      rows.some((r) => r.period === w.period && parentOf.get(r.wilayahKode) === w.wilayahKode),
  );
}

/**
 * The open submission new rows join: a derivation's (each run replaces its rows), or, for values
 * entered one at a time (form, API), the same person's waiting submission for that source, so the
 * walidata checks a batch rather than a queue of single figures. Imports stay one submission each.
 */
async function openSubmission(db: Db, user: CurrentUser | null, s: NewSubmission) {
  const q = db.selectFrom('indicator_submissions').selectAll();
  if (s.derivationId)
    return q
      .where('derivation_id', '=', s.derivationId)
      .where('state', 'in', ['submitted', 'returned'])
      .executeTakeFirst();
  if (!user || s.origin === 'import') return undefined;
  return q
    .where('source_id', '=', s.sourceId)
    .where('origin', '=', s.origin)
    .where('submitted_by', '=', user.id)
    .where('derivation_id', 'is', null)
    .where('state', '=', 'submitted')
    .executeTakeFirst();
}

/** Stores proposed values for the walidata (see openSubmission for when they join a waiting one). */
export async function submitValues(
  db: Db,
  user: CurrentUser | null,
  actor: Actor,
  s: NewSubmission,
): Promise<SubmissionSummary> {
  const open = await openSubmission(db, user, s);
  // Single values join the waiting batch, a newer figure for the same area and period replacing the older.
  const rows =
    open && !s.derivationId
      ? [
          ...rowsOf(open).filter((r) => !s.rows.some((n) => n.wilayahKode === r.wilayahKode && n.period === r.period)),
          ...s.rows,
        ]
      : s.rows;
  const warnings = await warningsFor(db, s.indicator, s.sourceId, rows);
  const now = nowIso();
  const row: SubmissionRow = {
    id: open?.id ?? newId(),
    indicator_id: s.indicator.id,
    source_id: s.sourceId,
    origin: s.origin,
    derivation_id: s.derivationId ?? null,
    rows_json: JSON.stringify(rows),
    replace: s.replace ? 1 : 0,
    warnings_json: JSON.stringify(warnings),
    note: s.note || open?.note || '',
    comments_json: open?.comments_json ?? '[]',
    state: 'submitted',
    submitted_by: user?.id ?? open?.submitted_by ?? null,
    // A recomputation on new data (no user) keeps the produsen who registered the derivation.
    submitted_label: user ? actor.label : (open?.submitted_label ?? actor.label),
    reviewed_by: null,
    reviewed_at: null,
    created_at: open?.created_at ?? now,
    updated_at: now,
  };
  await db.transaction().execute(async (trx) => {
    if (open) await trx.updateTable('indicator_submissions').set(row).where('id', '=', open.id).execute();
    else await trx.insertInto('indicator_submissions').values(row).execute();
    await recordAudit(trx, actor, {
      action: 'indicator.submission_submit',
      entityType: 'indicator',
      entityId: s.indicator.id,
      after: {
        submissionId: row.id,
        sourceId: s.sourceId,
        origin: s.origin,
        rows: rows.length,
        warnings: warnings.length,
      },
    });
  });
  return summary(row);
}

export interface SubmissionFilter {
  state?: SubmissionState;
  indicatorId?: string;
}

/** Submissions the user may see: the walidata sees all; a produsen those of its organisations' sources. */
export async function listSubmissions(db: Db, user: CurrentUser | null, filter: SubmissionFilter = {}) {
  if (!user) throw new AppError('UNAUTHENTICATED', 401);
  const walidata = canManageCatalogue(user);
  const orgs = user.roles.filter((g) => g.role === 'produsen' && g.organizationId).map((g) => g.organizationId!);
  if (!walidata && !user.roles.some((g) => g.role === 'produsen')) throw new AppError('FORBIDDEN', 403);
  if (!walidata && !orgs.length) return [];
  let q = db
    .selectFrom('indicator_submissions as s')
    .innerJoin('indicators as i', 'i.id', 's.indicator_id')
    .innerJoin('indicator_sources as src', 'src.id', 's.source_id')
    .selectAll('s')
    .select(['i.code', 'i.name_id', 'i.name_en', 'src.producer', 'src.organization_id']);
  if (!walidata) q = q.where('src.organization_id', 'in', orgs);
  if (filter.state) q = q.where('s.state', '=', filter.state);
  if (filter.indicatorId) q = q.where('s.indicator_id', '=', filter.indicatorId);
  return q.orderBy('s.updated_at', 'desc').limit(500).execute();
}
export type SubmissionListRow = Awaited<ReturnType<typeof listSubmissions>>[number];

export interface Change {
  data: ValueData;
  published: number | null;
  kind: 'new' | 'changed' | 'same';
}
export interface SubmissionDetail {
  submission: SubmissionRow;
  indicator: IndicatorRow;
  source: repo.SourceRow;
  changes: Change[];
  warnings: SumWarning[];
  comments: ReviewComment[];
  canReview: boolean;
  canResubmit: boolean;
}

/** One submission with what it changes against the published values of its source. */
export async function getSubmission(db: Db, user: CurrentUser | null, id: string): Promise<SubmissionDetail> {
  if (!user) throw new AppError('UNAUTHENTICATED', 401);
  const submission = await db.selectFrom('indicator_submissions').selectAll().where('id', '=', id).executeTakeFirst();
  if (!submission) throw new AppError('SUBMISSION_NOT_FOUND', 404, { id });
  const indicator = (await repo.findIndicatorById(db, submission.indicator_id))!;
  const source = (await repo.listSources(db, indicator.id)).find((s) => s.id === submission.source_id)!;
  if (!canEditSource(user, source)) throw new AppError('FORBIDDEN', 403);
  const values = await repo.listValues(db, indicator.id, { sourceId: source.id });
  const published = new Map(values.map((v) => [`${v.wilayah_kode}|${v.period}`, v.value]));
  const changes = rowsOf(submission).map((data): Change => {
    const before = published.get(`${data.wilayahKode}|${data.period}`);
    const kind = before === undefined ? 'new' : before === data.value ? 'same' : 'changed';
    return { data, published: before ?? null, kind };
  });
  return {
    submission,
    indicator,
    source,
    changes,
    warnings: warningsOf(submission),
    comments: commentsOf(submission),
    canReview: canManageCatalogue(user) && submission.state === 'submitted',
    canResubmit: submission.state === 'returned',
  };
}

const wrongState = (s: SubmissionRow, allowed: SubmissionState[]) =>
  new AppError('SUBMISSION_WRONG_STATE', 409, { state: s.state, allowed }, { state: s.state });

/**
 * The walidata approves (every row written in one transaction, audited, with revision history; a
 * derivation's first approved run makes it live) or returns with comments (at least one).
 */
export async function reviewSubmission(
  db: Db,
  user: CurrentUser | null,
  actor: Actor,
  id: string,
  decision: 'approve' | 'return',
  comments: ReviewComment[],
  seen?: string,
): Promise<SubmissionSummary> {
  if (!user) throw new AppError('UNAUTHENTICATED', 401);
  if (!canManageCatalogue(user)) throw new AppError('FORBIDDEN', 403);
  const { submission: s, indicator } = await getSubmission(db, user, id);
  if (s.state !== 'submitted') throw wrongState(s, ['submitted']);
  // Rows joined after the walidata opened the page: they must see them before deciding.
  if (seen && seen !== s.updated_at) throw new AppError('SUBMISSION_CHANGED', 409, { updatedAt: s.updated_at });
  if (decision === 'return' && !comments.length) {
    const fields = [{ field: 'comment.general', message: 'isub.commentRequired' }];
    throw new AppError('VALIDATION_FAILED', 422, { fields });
  }
  const derivation = s.derivation_id
    ? await db.selectFrom('indicator_derivations').selectAll().where('id', '=', s.derivation_id).executeTakeFirst()
    : undefined;
  // Values derived from data that has left the public (removed, made private) are not published now.
  if (decision === 'approve' && derivation?.last_status === SOURCE_REMOVED) {
    throw new AppError('SUBMISSION_SOURCE_REMOVED', 409, { derivationId: derivation.id });
  }
  const now = nowIso();
  const state: SubmissionState = decision === 'approve' ? 'approved' : 'returned';
  await db.transaction().execute(async (trx) => {
    // The state moves first: of two decisions sent at once, only one finds the submission open.
    const moved = await trx
      .updateTable('indicator_submissions')
      .set({ state, reviewed_by: user.id, reviewed_at: now, updated_at: now, comments_json: JSON.stringify(comments) })
      .where('id', '=', s.id)
      .where('state', '=', 'submitted')
      .where('updated_at', '=', s.updated_at)
      .executeTakeFirst();
    if (Number(moved.numUpdatedRows) !== 1) throw new AppError('SUBMISSION_CHANGED', 409, { id: s.id });
    const counts = { inserted: 0, updated: 0, unchanged: 0 };
    if (decision === 'approve') {
      // The history names who entered the figure; the audit entry names the walidata who approved it.
      const writer: Actor = { id: s.submitted_by, label: s.submitted_label || actor.label };
      const opts = { origin: s.origin as ValueOrigin, derivationId: s.derivation_id };
      for (const data of rowsOf(s)) counts[await writeValue(trx, writer, indicator, data, opts)]++;
      if (derivation) await repo.updateDerivationRow(trx, derivation.id, { approved_at: now, last_status: 'ok' });
    }
    await recordAudit(trx, actor, {
      action: `indicator.submission_${decision}`,
      entityType: 'indicator',
      entityId: indicator.id,
      before: { submissionId: s.id, state: s.state },
      after: { submissionId: s.id, state, comments, ...(decision === 'approve' ? counts : {}) },
    });
  });
  if (decision === 'approve') afterValuesCommitted(db, indicator);
  return summary({ ...s, state });
}

/** The produsen answers a returned submission: a note, and, if needed, rows that replace the proposed ones. */
export async function resubmit(
  db: Db,
  user: CurrentUser | null,
  actor: Actor,
  id: string,
  note: string,
  rows: ValueData[] | null,
): Promise<SubmissionSummary> {
  const { submission: s, indicator } = await getSubmission(db, user, id);
  if (s.state !== 'returned') throw wrongState(s, ['returned']);
  if (!note.trim() && !rows) {
    throw new AppError('VALIDATION_FAILED', 422, { fields: [{ field: 'note', message: 'isub.answerRequired' }] });
  }
  const next = rows ?? rowsOf(s);
  const warnings = await warningsFor(db, indicator, s.source_id, next);
  const now = nowIso();
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('indicator_submissions')
      .set({
        state: 'submitted',
        note: note.trim() || s.note,
        rows_json: JSON.stringify(next),
        warnings_json: JSON.stringify(warnings),
        updated_at: now,
      })
      .where('id', '=', s.id)
      .where('state', '=', 'returned')
      .execute();
    await recordAudit(trx, actor, {
      action: 'indicator.submission_resubmit',
      entityType: 'indicator',
      entityId: indicator.id,
      before: { submissionId: s.id, state: s.state },
      after: { submissionId: s.id, state: 'submitted', rows: next.length, note },
    });
  });
  return { id: s.id, state: 'submitted', rows: next.length, warnings: warnings.length };
}
