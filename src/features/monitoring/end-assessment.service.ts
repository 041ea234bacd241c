import type { Db } from '../../storage/database.js';
import type { Mailer } from '../mail/mail.service.js';
import { AppError, type FieldError } from '../../errors.js';
import { newId, nowIso } from '../../ids.js';
import type { CurrentUser } from '../../actor/actor.js';
import { recordAudit } from '../audit/audit.service.js';
import { actorOf } from '../../actor/actor.js';
import type { CommitmentRow } from '../commitment/commitment.repository.js';
import { getCommitment } from '../commitment/commitment.service.js';
import { notifyFollowers } from '../notification/notification.service.js';
import { documentType } from '../../files/file-type.js';
import { storeDocument } from '../../files/file-layouts.js';
import type { ReceivedFile } from '../../files/multipart.js';
import { findEndAssessment, findEndFile, listEndFiles, listMilestoneCompletion } from './monitoring.repository.js';
import type { EndAssessmentInput } from './monitoring.schema.js';
import { canAssess, requireAssessor } from './monitoring.policy.js';
import { commitmentCompletedOn, commitmentEndDate, endAssessmentDueDate } from './due-dates.js';
import { getPlan } from '../plan/plan.service.js';
import { usesOpenedGovernment } from '../../rubric/irm-scales.js';
import { todayLocal } from '../../time/local-time.js';
import { withOriginalDates } from '../correction/correction.service.js';
import { COMPLETION_DATE } from '../plan/plan.lifecycle.js';

/** The OGP end-of-commitment form accepts up to 3 evidence files of 10 MB each. */
export const MAX_END_FILES = 3;
export const END_FILE_MAX_BYTES = 10 * 1024 * 1024;

/** The commitment, for the monitoring body's end-of-commitment form: refuses anyone else before looking it up. */
export async function getCommitmentForAssessment(
  db: Db,
  user: CurrentUser | null,
  ogpId: string,
): Promise<CommitmentRow> {
  await requireAssessor(db, user);
  return getCommitment(db, ogpId);
}

/** The end review's due date as of `today`: a month after the commitment completed; null while it has not. */
async function dueDateOf(db: Db, c: CommitmentRow, today: string): Promise<string | null> {
  // The due date follows the ORIGINAL completion dates: a corrected date never moves the deadline.
  const milestones = await withOriginalDates(
    db,
    COMPLETION_DATE.entityType,
    'completed_on',
    await listMilestoneCompletion(db, c.id),
  );
  const completedOn = commitmentCompletedOn(c.end_month, milestones, today);
  return completedOn ? endAssessmentDueDate(completedOn) : null;
}

/**
 * What the end-of-commitment form shows beside the fields: the saved assessment, its due date, how
 * many files it has, the commitment's end date (a review before it needs a reason) and whether the
 * plan still rates "did it open government" per value (plans from before the IRM's 2021 refresh).
 */
export async function endAssessmentFormState(db: Db, c: CommitmentRow, today: string) {
  const saved = await findEndAssessment(db, c.id);
  const endDate = commitmentEndDate(c.end_month);
  return {
    saved,
    dueDate: await dueDateOf(db, c, today),
    existingFiles: saved ? (await listEndFiles(db, [saved.id])).length : 0,
    endDate,
    beforeEnd: today < endDate,
    openedGovernmentRequired: usesOpenedGovernment((await getPlan(db, c.plan_id)).period_start),
  };
}

/** An evidence file of an end-of-commitment assessment: public once the assessment is, before that only for the monitoring body. */
export async function findVisibleEndFile(db: Db, user: CurrentUser | null, id: string) {
  const file = await findEndFile(db, id);
  if (!file || (file.published !== 1 && !(await canAssess(db, user)))) throw new AppError('NOT_FOUND', 404);
  return file;
}

/** Each OGP value the commitment claims must get a "did it open government" answer. */
function missingOpenedGovernment(
  c: Pick<CommitmentRow, 'value_access_info' | 'value_civic_participation' | 'value_public_accountability'>,
  input: EndAssessmentInput,
): FieldError[] {
  const errors: FieldError[] = [];
  if (c.value_access_info && !input.ogAccessInfo)
    errors.push({ field: 'ogAccessInfo', message: 'monitoring.ogRequired' });
  if (c.value_civic_participation && !input.ogCivicParticipation)
    errors.push({ field: 'ogCivicParticipation', message: 'monitoring.ogRequired' });
  if (c.value_public_accountability && !input.ogPublicAccountability)
    errors.push({ field: 'ogPublicAccountability', message: 'monitoring.ogRequired' });
  return errors;
}

/** Reasons shorter than this say nothing ("-", "awal"). */
const MIN_REASON = 10;

/**
 * What the review's content lacks: the early-results rating (or, on plans from before the IRM's
 * 2021 refresh, "did it open government" for each value claimed), and a reason when it is filed
 * before the commitment's end date.
 */
function endReviewProblems(
  c: CommitmentRow,
  planPeriodStart: string,
  input: EndAssessmentInput,
  today: string,
): FieldError[] {
  const errors: FieldError[] = usesOpenedGovernment(planPeriodStart)
    ? missingOpenedGovernment(c, input)
    : input.earlyResults
      ? []
      : [{ field: 'earlyResults', message: 'monitoring.earlyRequired' }];
  const endDate = commitmentEndDate(c.end_month);
  if (today < endDate && input.beforeEndReason.length < MIN_REASON)
    errors.push({ field: 'beforeEndReason', message: 'monitoring.beforeEndReasonRequired', params: { date: endDate } });
  return errors;
}

/** Checks the evidence files (count, type) before anything is saved. */
export async function checkEndFiles(
  db: Db,
  commitmentId: string,
  files: ReceivedFile[],
  tooLarge: string[],
): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  if (tooLarge.length)
    errors.push({
      field: 'files',
      message: 'monitoring.fileTooLarge',
      params: { mb: END_FILE_MAX_BYTES / 1024 / 1024 },
    });
  const existing = await findEndAssessment(db, commitmentId);
  const have = existing ? (await listEndFiles(db, [existing.id])).length : 0;
  if (have + files.length + tooLarge.length > MAX_END_FILES)
    errors.push({ field: 'files', message: 'monitoring.tooManyFiles', params: { max: MAX_END_FILES } });
  if ((await Promise.all(files.map((f) => documentType(f.fileName, f.data)))).some((type) => !type))
    errors.push({ field: 'files', message: 'forum.fileType' });
  return errors;
}

/**
 * Saves (or replaces) the end-of-commitment assessment with any new evidence files, and tells the
 * commitment's followers when published. `contentUnchanged` (attaching files to a saved review)
 * skips the content checks, so a review filed under older rules keeps its evidence path open.
 */
export async function saveEndAssessment(
  db: Db,
  mailer: Mailer,
  user: CurrentUser | null,
  c: CommitmentRow,
  input: EndAssessmentInput,
  files: ReceivedFile[],
  dataDir: string,
  baseUrl?: string,
  options: { contentUnchanged?: boolean } = {},
): Promise<void> {
  const actor = actorOf(await requireAssessor(db, user), 'anonymous');
  const today = todayLocal();
  const plan = await getPlan(db, c.plan_id);
  const missing = options.contentUnchanged ? [] : endReviewProblems(c, plan.period_start, input, today);
  const dueDate = await dueDateOf(db, c, today);
  const fileErrors = await checkEndFiles(db, c.id, files, []);
  if (missing.length || fileErrors.length)
    throw new AppError('VALIDATION_FAILED', 422, { fields: [...missing, ...fileErrors] });
  const stored = await Promise.all(
    files.map(async (f) => ({
      f,
      hash: await storeDocument(dataDir, f.data),
      type: (await documentType(f.fileName, f.data))!,
    })),
  );
  const now = nowIso();
  let newlyPublished = false;
  await db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('end_assessments')
      .selectAll()
      .where('commitment_id', '=', c.id)
      .executeTakeFirst();
    newlyPublished = input.publish && before?.published !== 1;
    const values = {
      completion: input.completion,
      og_access_info: input.ogAccessInfo ?? null,
      og_civic_participation: input.ogCivicParticipation ?? null,
      og_public_accountability: input.ogPublicAccountability ?? null,
      early_results: input.earlyResults ?? null,
      before_end_reason: input.beforeEndReason,
      lessons: input.lessons,
      // Frozen when first published, so how late it was cannot change with later edits.
      due_on: before?.published === 1 ? before.due_on : newlyPublished ? dueDate : null,
      published: input.publish || before?.published === 1 ? 1 : 0,
      published_at: before?.published_at ?? (input.publish ? now : null),
      submitted_by: actor.id,
      updated_at: now,
    };
    const id = before?.id ?? newId();
    if (before) await trx.updateTable('end_assessments').set(values).where('id', '=', id).execute();
    else
      await trx
        .insertInto('end_assessments')
        .values({ id, commitment_id: c.id, submitted_at: now, ...values })
        .execute();
    for (const s of stored) {
      await trx
        .insertInto('end_assessment_files')
        .values({
          id: newId(),
          assessment_id: id,
          file_name: s.f.fileName,
          media_type: s.type,
          size_bytes: s.f.data.length,
          sha256: s.hash,
          created_at: now,
        })
        .execute();
    }
    await recordAudit(trx, actor, {
      action: before ? 'monitoring.end.update' : 'monitoring.end.create',
      entityType: 'end_assessment',
      entityId: id,
      before: before ?? undefined,
      after: { commitmentId: c.id, ...values, files: stored.map((s) => s.hash) },
    });
  });
  if (newlyPublished) {
    await notifyFollowers(db, mailer, {
      entityType: 'commitment',
      entityId: c.id,
      title: { key: 'monitoring.notify.endTitle', params: { ogpId: c.ogp_id } },
      body: { key: 'monitoring.notify.endBody', params: { title: c.title } },
      url: `/rencana-aksi/${c.plan_id}/pemantauan#${c.ogp_id}`,
      excludeUserId: actor.id,
      baseUrl,
    });
  }
}
