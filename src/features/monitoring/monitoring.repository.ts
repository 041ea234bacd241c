import type { DbOrTrx } from '../../storage/database.js';

/** Commitments of a plan with their milestones' completion data. */
export async function planCommitments(db: DbOrTrx, planId: string) {
  const commitments = await db
    .selectFrom('commitments')
    .select([
      'id',
      'ogp_id',
      'number',
      'title',
      'end_month',
      'value_access_info',
      'value_civic_participation',
      'value_public_accountability',
      'value_technology',
    ])
    .where('plan_id', '=', planId)
    .orderBy('number')
    .execute();
  const milestones = commitments.length
    ? await db
        .selectFrom('milestones')
        .select(['id', 'commitment_id', 'status', 'completed_on', 'updated_at'])
        .where(
          'commitment_id',
          'in',
          commitments.map((c) => c.id),
        )
        .execute()
    : [];
  return commitments.map((c) => ({ ...c, milestones: milestones.filter((m) => m.commitment_id === c.id) }));
}

/**
 * The latest change to the plan's public content: versions and audit entries of the plan, its
 * commitments and milestones, and public evidence added. Null when nothing was ever recorded.
 */
export async function lastPublicChange(db: DbOrTrx, planId: string): Promise<string | null> {
  const commitments = await db
    .selectFrom('commitments')
    .select(['id', 'ogp_id'])
    .where('plan_id', '=', planId)
    .execute();
  const commitmentIds = commitments.map((c) => c.id);
  const milestoneIds = commitmentIds.length
    ? (await db.selectFrom('milestones').select('id').where('commitment_id', 'in', commitmentIds).execute()).map(
        (m) => m.id,
      )
    : [];
  const ids = [planId, ...commitmentIds, ...commitments.map((c) => c.ogp_id), ...milestoneIds];
  const [version, audit, evidence] = await Promise.all([
    db
      .selectFrom('entity_versions')
      .select((eb) => eb.fn.max('created_at').as('at'))
      .where('entity_id', 'in', ids)
      .executeTakeFirst(),
    db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.max('occurred_at').as('at'))
      .where('entity_id', 'in', ids)
      .executeTakeFirst(),
    commitmentIds.length
      ? db
          .selectFrom('evidence')
          .select((eb) => eb.fn.max('created_at').as('at'))
          .where('commitment_id', 'in', commitmentIds)
          .where('visibility', '=', 'public')
          .executeTakeFirst()
      : Promise.resolve(undefined),
  ]);
  const times = [version?.at, audit?.at, evidence?.at].filter(
    (v): v is string => typeof v === 'string' && v.length > 0,
  );
  return times.length ? times.sort().at(-1)! : null;
}

export const findInception = (db: DbOrTrx, planId: string) =>
  db.selectFrom('inception_assessments').selectAll().where('plan_id', '=', planId).executeTakeFirst();

export function listCommitmentAssessments(db: DbOrTrx, planId: string) {
  return db
    .selectFrom('commitment_assessments')
    .innerJoin('commitments', 'commitments.id', 'commitment_assessments.commitment_id')
    .selectAll('commitment_assessments')
    .select(['commitments.ogp_id', 'commitments.title', 'commitments.number'])
    .where('commitments.plan_id', '=', planId)
    .orderBy('commitments.number')
    .execute();
}

export function listEndAssessments(db: DbOrTrx, planId: string, options: { publishedOnly?: boolean } = {}) {
  let q = db
    .selectFrom('end_assessments')
    .innerJoin('commitments', 'commitments.id', 'end_assessments.commitment_id')
    .selectAll('end_assessments')
    .select(['commitments.ogp_id', 'commitments.title', 'commitments.number', 'commitments.end_month'])
    .where('commitments.plan_id', '=', planId)
    .orderBy('commitments.number');
  if (options.publishedOnly) q = q.where('end_assessments.published', '=', 1);
  return q.execute();
}

export const findEndAssessment = (db: DbOrTrx, commitmentId: string) =>
  db.selectFrom('end_assessments').selectAll().where('commitment_id', '=', commitmentId).executeTakeFirst();

export function listEndFiles(db: DbOrTrx, assessmentIds: string[]) {
  if (!assessmentIds.length) return Promise.resolve([]);
  return db
    .selectFrom('end_assessment_files')
    .selectAll()
    .where('assessment_id', 'in', assessmentIds)
    .orderBy('created_at')
    .execute();
}

export const listSelfAssessments = (db: DbOrTrx, planId: string) =>
  db.selectFrom('self_assessments').selectAll().where('plan_id', '=', planId).orderBy('period_end', 'desc').execute();

/** A commitment's milestones, only what tells when it was completed. */
export const listMilestoneCompletion = (db: DbOrTrx, commitmentId: string) =>
  db
    .selectFrom('milestones')
    .select(['id', 'status', 'completed_on', 'updated_at'])
    .where('commitment_id', '=', commitmentId)
    .execute();

/** An evidence file of an end-of-commitment assessment, with whether that assessment is published. */
export const findEndFile = (db: DbOrTrx, id: string) =>
  db
    .selectFrom('end_assessment_files')
    .innerJoin('end_assessments', 'end_assessments.id', 'end_assessment_files.assessment_id')
    .select([
      'end_assessment_files.file_name',
      'end_assessment_files.media_type',
      'end_assessment_files.sha256',
      'end_assessments.published',
    ])
    .where('end_assessment_files.id', '=', id)
    .executeTakeFirst();
