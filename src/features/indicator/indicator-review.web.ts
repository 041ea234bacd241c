import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { redirect, sendPage } from '../../http/render.js';
import { actorOf } from '../../actor/actor.js';
import { requireUser } from '../../http/guards.js';
import { AppError } from '../../errors.js';
import type { Db } from '../../storage/database.js';
import { html } from '../../views/html.js';
import type { FormError } from '../../views/layout.js';
import type { ReviewQueueExtra } from '../dataset/dataset.hooks.js';
import { canManageCatalogue } from './indicator.policy.js';
import { getIndicator } from './indicator.service.js';
import { codeParam, valuesQuery } from './indicator.schema.js';
import { indicatorUrls, nameOf } from './indicator.presenter.js';
import { readMultipart } from './indicator.api.js';
import { importOptions, readImportFile } from './indicator-import.js';
import { readImportRows } from './indicator-values.service.js';
import { getSubmission, listSubmissions, resubmit, reviewSubmission } from './indicator-review.service.js';
import { publicHistory } from './indicator-value-history.js';
import { renderHistory, renderQueue, renderSubmission, reviewUrls } from './indicator-review.view.js';
import { formErrors } from './indicator-manage.web.js';
import { listWilayah } from '../wilayah/wilayah.repository.js';

export const idParam = z.object({ id: z.string().min(1).max(36) });

/** Area names for a submission's rows and warnings. */
export async function areaNames(db: Db): Promise<Map<string, string>> {
  return new Map((await listWilayah(db)).map((w) => [w.kode, w.nama]));
}

/** Comment boxes are named `comment.<field>`; empty ones are not comments. */
export const commentsFrom = (body: Record<string, unknown>) =>
  Object.entries(body)
    .filter(([k, v]) => k.startsWith('comment.') && typeof v === 'string' && v.trim() !== '')
    .map(([k, v]) => ({ field: k.slice('comment.'.length).slice(0, 200), comment: String(v).trim().slice(0, 5000) }));

/** The dataset review queue points the walidata at the indicator values waiting too. */
export const indicatorQueueLink: ReviewQueueExtra = (ctx) =>
  html`<p><a href="${reviewUrls.queue()}">${ctx.t('isub.queue.link')}</a></p>`;

export async function indicatorReviewWeb(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps;

  r.get('/indikator/periksa', async (request, reply) => {
    requireUser(request.ctx);
    const user = request.ctx.user;
    // The walidata sees what waits for a decision; a produsen follows its own submissions.
    const rows = await listSubmissions(db, user, canManageCatalogue(user) ? { state: 'submitted' } : {});
    return sendPage(request, reply, {
      title: request.ctx.t('isub.queue.title'),
      main: renderQueue(request.ctx, rows),
      jsonUrl: `${reviewUrls.apiSubmissions()}?state=submitted`,
    });
  });

  async function page(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    errors: FormError[] = [],
    values: Record<string, string> = {},
  ) {
    requireUser(request.ctx);
    const d = await getSubmission(db, request.ctx.user, id);
    const name = nameOf(d.indicator, request.ctx.locale);
    return sendPage(
      request,
      reply,
      {
        title: request.ctx.t('isub.title', { name }),
        jsonUrl: reviewUrls.apiSubmission(id),
        main: renderSubmission(request.ctx, d, await areaNames(db), errors, values),
        breadcrumbs: [{ href: reviewUrls.queue(), label: request.ctx.t('isub.queue.title') }, { label: name }],
      },
      errors.length ? 422 : 200,
    );
  }

  r.get('/indikator/pengajuan/:id', { schema: { params: idParam } }, async (request, reply) =>
    page(request, reply, request.params.id),
  );

  r.post('/indikator/pengajuan/:id/keputusan', { schema: { params: idParam } }, async (request, reply) => {
    requireUser(request.ctx);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const decision = body['decision'] === 'approve' ? 'approve' : 'return';
    const comments = commentsFrom(body);
    try {
      const seen = typeof body['seen'] === 'string' ? body['seen'] : undefined;
      await reviewSubmission(
        db,
        request.ctx.user,
        actorOf(request.ctx.user, 'anonymous'),
        request.params.id,
        decision,
        comments,
        seen,
      );
    } catch (error) {
      if (!(error instanceof AppError) || ![409, 422].includes(error.status)) throw error;
      const values = Object.fromEntries(comments.map((c) => [`comment.${c.field}`, c.comment]));
      const errors = formErrors(request.ctx, error, 'comment-general').map((e) => ({ ...e, field: 'comment-general' }));
      return page(request, reply, request.params.id, errors, values);
    }
    return redirect(reply, reviewUrls.queue());
  });

  r.post(
    '/indikator/pengajuan/:id/ajukan-ulang',
    { config: { multipartForm: true }, schema: { params: idParam } },
    async (request, reply) => {
      requireUser(request.ctx);
      const { fields, file } = await readMultipart(request);
      try {
        const d = await getSubmission(db, request.ctx.user, request.params.id);
        const opts = importOptions(fields);
        const read = file && file.body.length ? await readImportFile(file.filename, file.body) : null;
        const rows = read
          ? await readImportRows(db, d.indicator, d.submission.source_id, read, opts.numberFormat)
          : null;
        await resubmit(
          db,
          request.ctx.user,
          actorOf(request.ctx.user, 'anonymous'),
          request.params.id,
          fields['note'] ?? '',
          rows,
        );
      } catch (error) {
        if (!(error instanceof AppError) || ![409, 422].includes(error.status)) throw error;
        return page(request, reply, request.params.id, formErrors(request.ctx, error, 'note'), fields);
      }
      return redirect(reply, reviewUrls.submission(request.params.id));
    },
  );

  const historySchema = { schema: { params: codeParam, querystring: valuesQuery } };
  r.get('/indikator/:code/riwayat', historySchema, async (request, reply) => {
    const indicator = await getIndicator(db, request.params.code);
    const rows = await publicHistory(db, indicator, request.query);
    const given = Object.entries(request.query).filter(([, v]) => !!v) as Array<[string, string]>;
    const q = new URLSearchParams(given).toString();
    const name = nameOf(indicator, request.ctx.locale);
    return sendPage(request, reply, {
      title: request.ctx.t('ihist.title', { name }),
      main: renderHistory(request.ctx, indicator, rows, q !== ''),
      jsonUrl: reviewUrls.apiHistory(indicator.code, q ? `?${q}` : ''),
      breadcrumbs: [
        { href: indicatorUrls.index(), label: request.ctx.t('indicator.title') },
        { href: indicatorUrls.page(indicator.code), label: name },
        { label: request.ctx.t('ihist.link') },
      ],
    });
  });
}
