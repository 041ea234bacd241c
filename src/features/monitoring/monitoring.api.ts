import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../errors.js';
import { readMultipartForm } from '../../files/multipart.js';
import {
  endAssessmentInput,
  endAssessmentJson,
  inceptionInput,
  inceptionJson,
  ogpIdParam,
  planMonitoringJson,
  scheduleItemJson,
  selfAssessmentInput,
  selfAssessmentJson,
} from './monitoring.schema.js';
import { ok, planIdParam, okSchema } from '../../http/envelope.js';
import { getPlanForAssessment, saveInception } from './inception.service.js';
import { getPlan } from '../plan/plan.service.js';
import {
  END_FILE_MAX_BYTES,
  checkEndFiles,
  getCommitmentForAssessment,
  saveEndAssessment,
} from './end-assessment.service.js';
import { createSelfAssessment, getPlanForSelfAssessment } from './self-assessment.service.js';
import { monitoringSchedule } from './schedule.service.js';
import { planMonitoring } from './report.service.js';
import { findEndAssessment } from './monitoring.repository.js';
import { todayLocal } from '../../time/local-time.js';
import { asOfQuery } from './monitoring.web.js';
import type { Db } from '../../storage/database.js';
import type { CurrentUser } from '../../actor/actor.js';

const TAGS = ['monitoring'];
const bearer = [{ bearer: [] }];

async function endAssessmentOf(db: Db, user: CurrentUser | null, planId: string, commitmentId: string) {
  const plan = await getPlan(db, planId);
  const data = await planMonitoring(db, user, plan, todayLocal());
  return data.endAssessments.find((e) => e.commitmentId === commitmentId)!;
}

export async function monitoringApi(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db, mailer, config } = app.deps;

  r.get(
    '/api/v1/monitoring/schedule',
    {
      schema: {
        summary:
          'What the monitoring calendar asks across plans: inception (submission + 2 months), ' +
          'end-of-commitment (completion + 1 month), OGP page update (every 4 months), self-assessments; overdue first',
        tags: TAGS,
        security: bearer,
        querystring: asOfQuery,
        response: {
          200: okSchema(z.array(scheduleItemJson)).extend({
            meta: z.object({ asOf: z.string(), overdue: z.number() }),
          }),
        },
      },
    },
    async (request) => {
      const today = request.query.asOf ?? todayLocal();
      const items = await monitoringSchedule(db, request.ctx.user, today);
      return ok(items, { asOf: today, overdue: items.filter((i) => i.status === 'overdue').length });
    },
  );

  r.get(
    '/api/v1/plans/:id/monitoring',
    {
      schema: {
        summary:
          "A plan's monitoring: calendar with due dates, the published inception and end-of-commitment assessments, self-assessment reports",
        tags: TAGS,
        params: planIdParam,
        response: { 200: okSchema(planMonitoringJson) },
      },
    },
    async (request) => {
      const plan = await getPlan(db, request.params.id);
      return ok(await planMonitoring(db, request.ctx.user, plan, todayLocal()));
    },
  );

  r.put(
    '/api/v1/plans/:id/inception-assessment',
    {
      schema: {
        summary:
          'Submit or revise the inception assessment of a submitted plan (monitoring body): the forum checks with evidence, ' +
          'and per commitment verifiability, open-government lens and potential for results',
        tags: TAGS,
        security: bearer,
        params: planIdParam,
        body: inceptionInput.strict(),
        response: { 200: okSchema(inceptionJson) },
      },
    },
    async (request) => {
      const plan = await getPlanForAssessment(db, request.ctx.user, request.params.id);
      await saveInception(db, request.ctx.user, plan, request.body);
      return ok((await planMonitoring(db, request.ctx.user, plan, todayLocal())).inception!);
    },
  );

  r.put(
    '/api/v1/commitments/:ogpId/end-assessment',
    {
      schema: {
        summary:
          'Submit or revise the end-of-commitment assessment (monitoring body): IRM completion, IRM early results ' +
          '(plans from 2021 on) or "did it open government" per value (older plans), lessons, and a reason when ' +
          "filed before the commitment's end date",
        tags: TAGS,
        security: bearer,
        params: ogpIdParam,
        body: endAssessmentInput.strict(),
        response: { 200: okSchema(endAssessmentJson) },
      },
    },
    async (request) => {
      const c = await getCommitmentForAssessment(db, request.ctx.user, request.params.ogpId);
      await saveEndAssessment(db, mailer, request.ctx.user, c, request.body, [], config.dataDir, config.baseUrl);
      return ok(await endAssessmentOf(db, request.ctx.user, c.plan_id, c.id));
    },
  );

  r.post(
    '/api/v1/commitments/:ogpId/end-assessment/files',
    {
      config: { multipartForm: true },
      schema: {
        summary:
          'Attach evidence files to an end-of-commitment assessment (multipart/form-data field "files"; at most 3 files of 10 MB in all)',
        tags: TAGS,
        security: bearer,
        params: ogpIdParam,
        consumes: ['multipart/form-data'],
        response: { 201: okSchema(endAssessmentJson) },
      },
    },
    async (request, reply) => {
      const c = await getCommitmentForAssessment(db, request.ctx.user, request.params.ogpId);
      const saved = await findEndAssessment(db, c.id);
      if (!saved) throw new AppError('END_ASSESSMENT_MISSING', 409, { ogpId: c.ogp_id }, { ogpId: c.ogp_id });
      const form = await readMultipartForm(request, { maxFileBytes: END_FILE_MAX_BYTES });
      const files = form.files.filter((f) => f.field === 'files');
      const errors = await checkEndFiles(db, c.id, files, form.tooLarge);
      if (!files.length && !errors.length) errors.push({ field: 'files', message: 'validation.required' });
      if (errors.length) throw new AppError('VALIDATION_FAILED', 422, { fields: errors });
      const input = {
        completion: saved.completion as never,
        ogAccessInfo: saved.og_access_info,
        ogCivicParticipation: saved.og_civic_participation,
        ogPublicAccountability: saved.og_public_accountability,
        earlyResults: saved.early_results,
        beforeEndReason: saved.before_end_reason,
        lessons: saved.lessons,
        publish: saved.published === 1,
      };
      await saveEndAssessment(db, mailer, request.ctx.user, c, input, files, config.dataDir, config.baseUrl, {
        contentUnchanged: true,
      });
      return reply.code(201).send(ok(await endAssessmentOf(db, request.ctx.user, c.plan_id, c.id)));
    },
  );

  r.post(
    '/api/v1/plans/:id/self-assessments',
    {
      schema: {
        summary: "Publish a periodic self-assessment report (admin or staff of the plan's lead institutions)",
        tags: TAGS,
        security: bearer,
        params: planIdParam,
        body: selfAssessmentInput.strict(),
        response: { 201: okSchema(selfAssessmentJson) },
      },
    },
    async (request, reply) => {
      const plan = await getPlanForSelfAssessment(db, request.ctx.user, request.params.id);
      const id = await createSelfAssessment(db, request.ctx.user, plan, request.body);
      const data = (await planMonitoring(db, request.ctx.user, plan, todayLocal())).selfAssessments.find(
        (s) => s.id === id,
      )!;
      return reply.code(201).send(ok(data));
    },
  );
}
