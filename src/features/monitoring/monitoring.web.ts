import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendPage, redirect } from '../../http/render.js';
import { parseForm, translateFieldErrors, formErrorsOrThrow } from '../../http/forms.js';
import type { FormError } from '../../views/layout.js';
import type { PlanRow } from '../plan/plan.repository.js';
import { readMultipartForm } from '../../files/multipart.js';
import { attachmentHeader } from '../../files/content-disposition.js';
import { readDocument } from '../../files/file-layouts.js';
import { canAssess, canReport } from './monitoring.policy.js';
import {
  endAssessmentInput,
  fileIdParam,
  inceptionInput,
  ogpIdParam,
  selfAssessmentInput,
} from './monitoring.schema.js';
import { planIdParam } from '../../http/envelope.js';
import { getPlanForAssessment, inceptionSuggestions, saveInception } from './inception.service.js';
import { getPlan } from '../plan/plan.service.js';
import type { CommitmentRow } from '../commitment/commitment.repository.js';
import {
  END_FILE_MAX_BYTES,
  checkEndFiles,
  endAssessmentFormState,
  findVisibleEndFile,
  getCommitmentForAssessment,
  saveEndAssessment,
} from './end-assessment.service.js';
import { createSelfAssessment, getPlanForSelfAssessment } from './self-assessment.service.js';
import { monitoringSchedule } from './schedule.service.js';
import { planMonitoring } from './report.service.js';
import { findInception, listCommitmentAssessments, planCommitments } from './monitoring.repository.js';
import { todayLocal } from '../../time/local-time.js';
import { endFormValues, endFromForm, inceptionFormValues, inceptionFromForm } from './monitoring.forms.js';
import { monitoringUrls, renderDashboard, renderPlanMonitoring } from './monitoring.view.js';
import { renderEndForm, renderInceptionForm, renderSelfForm } from './monitoring.forms.view.js';

export const asOfQuery = z.object({
  asOf: z.iso
    .date()
    .optional()
    .describe('Compute the calendar as of this date (default: today in the local time zone, TIME_ZONE)'),
});

export async function monitoringWeb(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db, mailer, config } = app.deps;

  r.get('/monitoring/jadwal', { schema: { querystring: asOfQuery } }, async (request, reply) => {
    const today = request.query.asOf ?? todayLocal();
    const items = await monitoringSchedule(db, request.ctx.user, today);
    return sendPage(request, reply, {
      title: request.ctx.t('monitoring.dashboard'),
      main: renderDashboard(request.ctx, items, today, {
        canAssess: await canAssess(db, request.ctx.user),
        canReport: false,
      }),
      jsonUrl: '/api/v1/monitoring/schedule',
    });
  });

  r.get('/rencana-aksi/:id/pemantauan', { schema: { params: planIdParam } }, async (request, reply) => {
    const plan = await getPlan(db, request.params.id);
    const assessor = await canAssess(db, request.ctx.user);
    const data = await planMonitoring(db, request.ctx.user, plan, todayLocal());
    return sendPage(request, reply, {
      title: request.ctx.t('monitoring.pageTitle', { title: plan.title }),
      main: renderPlanMonitoring(request.ctx, data, {
        canAssess: assessor,
        canReport: canReport(request.ctx.user, plan),
      }),
      jsonUrl: `/api/v1/plans/${plan.id}/monitoring`,
      breadcrumbs: [
        { href: '/rencana-aksi', label: request.ctx.t('monitoring.plans') },
        { href: `/rencana-aksi/${plan.id}`, label: plan.title },
        { label: request.ctx.t('monitoring.title') },
      ],
    });
  });

  // Inception assessment (monitoring body)
  const inceptionPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    plan: PlanRow,
    values: Record<string, unknown> | null,
    errors: FormError[],
    status = 200,
  ) => {
    const commitments = await planCommitments(db, plan.id);
    const suggestions = await inceptionSuggestions(db, request.ctx.t, plan, todayLocal());
    const formValues =
      values ??
      inceptionFormValues(
        await findInception(db, plan.id),
        suggestions,
        commitments.map((c) => c.id),
        await listCommitmentAssessments(db, plan.id),
      );
    return sendPage(
      request,
      reply,
      {
        title: request.ctx.t('monitoring.inceptionFor', { title: plan.title }),
        main: renderInceptionForm(request.ctx, {
          planId: plan.id,
          planTitle: plan.title,
          action: monitoringUrls.inceptionForm(plan.id),
          values: formValues,
          errors,
          suggestions,
          commitments: commitments.map((c) => ({ id: c.id, ogpId: c.ogp_id, title: c.title })),
        }),
        breadcrumbs: [
          { href: monitoringUrls.planPage(plan.id), label: plan.title },
          { label: request.ctx.t('monitoring.inception') },
        ],
      },
      status,
    );
  };
  r.get('/monitoring/rencana/:id/awal', { schema: { params: planIdParam } }, async (request, reply) => {
    return inceptionPage(request, reply, await getPlanForAssessment(db, request.ctx.user, request.params.id), null, []);
  });
  r.post('/monitoring/rencana/:id/awal', { schema: { params: planIdParam } }, async (request, reply) => {
    const plan = await getPlanForAssessment(db, request.ctx.user, request.params.id);
    const raw = request.body as Record<string, unknown>;
    const parsed = parseForm(inceptionInput, inceptionFromForm(raw));
    if (!parsed.ok)
      return inceptionPage(request, reply, plan, raw, translateFieldErrors(request.ctx.t, parsed.errors), 422);
    try {
      await saveInception(db, request.ctx.user, plan, parsed.data);
    } catch (error) {
      return inceptionPage(request, reply, plan, raw, formErrorsOrThrow(request.ctx.t, error), 422);
    }
    return redirect(reply, monitoringUrls.planPage(plan.id));
  });

  // End-of-commitment assessment (monitoring body)
  const endPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    c: CommitmentRow,
    values: Record<string, unknown> | null,
    errors: FormError[],
    status = 200,
  ) => {
    const { saved, dueDate, existingFiles, endDate, beforeEnd, openedGovernmentRequired } =
      await endAssessmentFormState(db, c, todayLocal());
    return sendPage(
      request,
      reply,
      {
        title: request.ctx.t('monitoring.endFor', { ogpId: c.ogp_id }),
        main: renderEndForm(request.ctx, {
          ogpId: c.ogp_id,
          title: c.title,
          values: values ?? endFormValues(saved),
          errors,
          dueDate,
          values_: {
            accessInfo: c.value_access_info === 1,
            civicParticipation: c.value_civic_participation === 1,
            publicAccountability: c.value_public_accountability === 1,
          },
          existingFiles,
          endDate,
          beforeEnd,
          openedGovernmentRequired,
        }),
        breadcrumbs: [
          { href: monitoringUrls.planPage(c.plan_id), label: request.ctx.t('monitoring.title') },
          { label: c.ogp_id },
        ],
      },
      status,
    );
  };
  r.get('/monitoring/komitmen/:ogpId/akhir', { schema: { params: ogpIdParam } }, async (request, reply) => {
    return endPage(
      request,
      reply,
      await getCommitmentForAssessment(db, request.ctx.user, request.params.ogpId),
      null,
      [],
    );
  });
  r.post(
    '/monitoring/komitmen/:ogpId/akhir',
    { config: { multipartForm: true }, schema: { params: ogpIdParam } },
    async (request, reply) => {
      const c = await getCommitmentForAssessment(db, request.ctx.user, request.params.ogpId);
      const isMultipart = (request.headers['content-type'] ?? '').startsWith('multipart/form-data');
      const form = isMultipart
        ? await readMultipartForm(request, { maxFileBytes: END_FILE_MAX_BYTES })
        : { fields: (request.body ?? {}) as Record<string, string>, files: [], tooLarge: [] };
      const files = form.files.filter((f) => f.field === 'files');
      const parsed = parseForm(endAssessmentInput, endFromForm(form.fields));
      const fileErrors = await checkEndFiles(db, c.id, files, form.tooLarge);
      if (!parsed.ok || fileErrors.length)
        return endPage(
          request,
          reply,
          c,
          form.fields,
          translateFieldErrors(request.ctx.t, [...(parsed.ok ? [] : parsed.errors), ...fileErrors]),
          422,
        );
      try {
        await saveEndAssessment(db, mailer, request.ctx.user, c, parsed.data, files, config.dataDir, config.baseUrl);
      } catch (error) {
        return endPage(request, reply, c, form.fields, formErrorsOrThrow(request.ctx.t, error), 422);
      }
      return redirect(reply, `${monitoringUrls.planPage(c.plan_id)}#${c.ogp_id}`);
    },
  );

  // Self-assessment (government staff)
  const selfPage = (
    request: FastifyRequest,
    reply: FastifyReply,
    plan: PlanRow,
    values: Record<string, unknown>,
    errors: FormError[],
    status = 200,
  ) =>
    sendPage(
      request,
      reply,
      {
        title: request.ctx.t('monitoring.selfFor', { title: plan.title }),
        main: renderSelfForm(request.ctx, { planId: plan.id, planTitle: plan.title, values, errors }),
        breadcrumbs: [
          { href: monitoringUrls.planPage(plan.id), label: plan.title },
          { label: request.ctx.t('monitoring.selfAssessments') },
        ],
      },
      status,
    );
  r.get('/monitoring/rencana/:id/swa-penilaian', { schema: { params: planIdParam } }, async (request, reply) => {
    const plan = await getPlanForSelfAssessment(db, request.ctx.user, request.params.id);
    return selfPage(request, reply, plan, {}, []);
  });
  r.post('/monitoring/rencana/:id/swa-penilaian', { schema: { params: planIdParam } }, async (request, reply) => {
    const plan = await getPlanForSelfAssessment(db, request.ctx.user, request.params.id);
    const parsed = parseForm(selfAssessmentInput, request.body);
    if (!parsed.ok)
      return selfPage(
        request,
        reply,
        plan,
        request.body as Record<string, unknown>,
        translateFieldErrors(request.ctx.t, parsed.errors),
        422,
      );
    try {
      await createSelfAssessment(db, request.ctx.user, plan, parsed.data);
    } catch (error) {
      const body = request.body as Record<string, unknown>;
      return selfPage(request, reply, plan, body, formErrorsOrThrow(request.ctx.t, error), 422);
    }
    return redirect(reply, monitoringUrls.planPage(plan.id));
  });

  r.get('/monitoring/berkas/:id', { schema: { params: fileIdParam } }, async (request, reply) => {
    const file = await findVisibleEndFile(db, request.ctx.user, request.params.id);
    const data = await readDocument(config.dataDir, file.sha256);
    return reply
      .type(file.media_type)
      .header('content-disposition', attachmentHeader(file.file_name, file.media_type === 'application/pdf'))
      .header('x-content-type-options', 'nosniff')
      .send(data);
  });
}
