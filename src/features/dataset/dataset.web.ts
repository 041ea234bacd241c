import { listCorrections } from '../correction/correction.service.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sendPage, redirect } from '../../http/render.js';
import { hasRole, isAdmin, organizationsFor } from '../../actor/actor.js';
import { requireUser } from '../../http/guards.js';
import { fieldErrorsOf, parseForm, translateFieldErrors } from '../../http/forms.js';
import { AppError, type FieldError } from '../../errors.js';
import type { FormError } from '../../views/layout.js';
import { html } from '../../views/html.js';
import { sendFile } from '../../http/send-file.js';
import * as service from './dataset.service.js';
import { reviewDataset, withdrawDataset } from './dataset-review.service.js';
import * as repo from './dataset.repository.js';
import { canProduce, canSeeUnpublished, datasetCapabilities } from './dataset.policy.js';
import { datasetCreateInput, datasetUpdateInput, nameParam, versionParam } from './dataset.schema.js';
import { datasetConflictFields, editValues } from './dataset-edit-values.js';
import { withVersion } from '../../views/conflict.view.js';
import { editVersionOf, sendConflict } from '../../http/edit-conflict.js';
import { isEditConflict } from '../../storage/versioned-update.js';
import { loadDatasetDetail } from './dataset-detail.service.js';
import { renderDatasetPage, renderVersionPage } from './dataset.view.js';
import { renderDatasetForm, type FormValues } from './dataset-form.view.js';
import { renderMyDatasets, renderReviewPage, renderReviewQueue } from './review.view.js';
import { datasetUrls } from './dataset.urls.js';
import { getVersion } from './dataset-version.service.js';
import type { DatasetRow } from './dataset.repository.js';
import { discardStagedChange } from './resources/revision-staging.service.js';
import { loadUnderWay, stagedChangesOf } from './resources/staged-changes.js';
import { resourceParam } from './dataset.schema.js';
import { originalIsPrivate } from '../privacy/private-originals.js';
import { reviewPrivacyPanel } from '../privacy/privacy-panels.js';
import { openOriginal } from '../ingest/stored-upload.js';

function formValues(body: unknown): FormValues {
  const out: FormValues = {};
  for (const [k, v] of Object.entries((body ?? {}) as Record<string, unknown>))
    out[k] = Array.isArray(v) ? v.map(String).join(',') : String(v ?? '');
  return out;
}

export async function datasetWeb(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps;

  async function formMain(request: FastifyRequest, d: DatasetRow | undefined, values: FormValues, errors: FormError[]) {
    const user = requireUser(request.ctx);
    const orgIds = isAdmin(user) ? null : organizationsFor(user, ['produsen']);
    const [organizations, groups, reviews] = await Promise.all([
      repo.organizationChoices(db, orgIds),
      repo.listGroups(db),
      d ? repo.reviewsOf(db, d.id) : Promise.resolve([]),
    ]);
    return renderDatasetForm(request.ctx, {
      action: d ? datasetUrls.edit(d.name) : datasetUrls.create(),
      values,
      errors,
      creating: !d,
      organizations,
      groups,
      reviews,
    });
  }

  async function formPage(
    request: FastifyRequest,
    reply: FastifyReply,
    o: { d?: DatasetRow; values: FormValues; errors: FieldError[] },
  ) {
    const { t } = request.ctx;
    return sendPage(
      request,
      reply,
      {
        title: o.d ? t('dataset.form.editTitle', { title: o.d.title }) : t('dataset.form.createTitle'),
        main: await formMain(request, o.d, o.values, translateFieldErrors(t, o.errors)),
        breadcrumbs: [
          { href: datasetUrls.mine(), label: t('dataset.mine.title') },
          { label: o.d ? o.d.title : t('dataset.form.createTitle') },
        ],
      },
      o.errors.length ? 422 : 200,
    );
  }

  r.get('/data/saya', async (request, reply) => {
    const user = requireUser(request.ctx);
    const { rows } = await service.myDatasets(db, user);
    const canCreate = isAdmin(user) || organizationsFor(user, ['produsen']).length > 0;
    return sendPage(request, reply, {
      title: request.ctx.t('dataset.mine.title'),
      main: renderMyDatasets(request.ctx, rows, canCreate),
      jsonUrl: `${datasetUrls.apiList()}?mine=true`,
    });
  });

  r.get('/data/baru', async (request, reply) => {
    const user = requireUser(request.ctx);
    if (!isAdmin(user) && organizationsFor(user, ['produsen']).length === 0) throw new AppError('FORBIDDEN', 403);
    return formPage(request, reply, { values: { licenseId: 'cc-by-4.0', updateFrequency: 'annual' }, errors: [] });
  });

  r.post('/data/baru', async (request, reply) => {
    requireUser(request.ctx);
    const values = formValues(request.body);
    const parsed = parseForm(datasetCreateInput, request.body);
    if (!parsed.ok) return formPage(request, reply, { values, errors: parsed.errors });
    try {
      const d = await service.createDataset(db, request.ctx.user, parsed.data);
      return redirect(reply, datasetUrls.page(d.name));
    } catch (error) {
      const fields = fieldErrorsOf(error);
      if (fields) return formPage(request, reply, { values, errors: fields });
      throw error;
    }
  });

  r.get('/dataset/:name', { schema: { params: nameParam }, config: { pageCache: true } }, async (request, reply) => {
    reply.header('vary', 'accept');
    for (const negotiate of app.deps.datasetExtras.negotiation) {
      const answer = await negotiate(request.params.name, request.headers.accept);
      if (answer && 'redirect' in answer) return reply.redirect(answer.redirect, 301);
      if (answer) return reply.type(answer.type).send(answer.body);
    }
    const user = request.ctx.user;
    const d = await service.getDataset(db, user, request.params.name);
    const internal = canSeeUnpublished(user, d);
    const { t } = request.ctx;
    // Visitors see the last published version while a revision is being prepared.
    const v = await service.versionShownInstead(db, user, d);
    if (v) {
      return sendPage(request, reply, {
        title: v.metadata.title,
        main: renderVersionPage(request.ctx, d, v, d.version),
        jsonUrl: datasetUrls.apiVersion(d.name, d.version),
      });
    }
    const detail = await loadDatasetDetail(db, d);
    const revision = internal ? await service.revisedDataset(db, d) : null;
    const staged = internal && d.state === 'published' ? await stagedChangesOf(db, d) : null;
    const loading = staged?.loads.some((l) => loadUnderWay(l.job));
    const headExtras = await Promise.all(app.deps.datasetExtras.datasetHead.map((extra) => extra(d, request.ctx)));
    // The same matrix as the JSON twin's `capabilities`.
    const can = datasetCapabilities(user, d, {
      hasResources: detail.resources.length > 0,
      hasRevision: revision !== null,
    });
    return sendPage(request, reply, {
      title: d.title,
      description: d.notes.slice(0, 300),
      main: renderDatasetPage(
        request.ctx,
        detail,
        {
          releaseDateCorrections: await listCorrections(db, 'dataset', [d.id]),
          canEdit: can.edit,
          canAddResource: can.addResource,
          canSubmit: can.submit,
          canReview: can.review,
          canWithdraw: can.withdraw,
          internal,
          revision: revision
            ? {
                state: d.revision_state ?? 'draft',
                meta: { ...revision.row, tags: revision.tags, groups: revision.groups },
              }
            : null,
          staged,
          canStage: can.stage,
        },
        app.deps.datasetExtras.resourceSections,
      ),
      jsonUrl: datasetUrls.api(d.name),
      head: html`${headExtras}${loading ? html`<meta http-equiv="refresh" content="2">` : ''}`,
      breadcrumbs: [
        { href: internal ? datasetUrls.mine() : '/', label: internal ? t('dataset.mine.title') : t('nav.home') },
        { label: d.title },
      ],
    });
  });

  r.get('/dataset/:name/ubah', { schema: { params: nameParam } }, async (request, reply) => {
    const d = await service.getDataset(db, request.ctx.user, request.params.name);
    if (!canProduce(request.ctx.user, d.organization_id)) throw new AppError('FORBIDDEN', 403);
    const values = withVersion(await editValues(db, d), d.edit_version) as FormValues;
    return formPage(request, reply, { d, values, errors: [] });
  });

  r.post('/dataset/:name/ubah', { schema: { params: nameParam } }, async (request, reply) => {
    const d = await service.getDataset(db, request.ctx.user, request.params.name);
    const values = formValues(request.body);
    const parsed = parseForm(datasetUpdateInput, request.body);
    if (!parsed.ok) return formPage(request, reply, { d, values, errors: parsed.errors });
    try {
      await service.updateDataset(db, request.ctx.user, d.name, parsed.data, editVersionOf(request.body));
    } catch (error) {
      if (isEditConflict(error)) {
        const now = await service.getDataset(db, request.ctx.user, d.name);
        return sendConflict(request, reply, error, {
          title: now.title,
          fields: datasetConflictFields(request.ctx),
          theirs: await editValues(db, now),
          form: async (merged, errors) => await formMain(request, now, merged as FormValues, errors),
        });
      }
      const fields = fieldErrorsOf(error);
      if (fields) return formPage(request, reply, { d, values, errors: fields });
      throw error;
    }
    return redirect(reply, datasetUrls.page(d.name));
  });

  r.post('/dataset/:name/ajukan', { schema: { params: nameParam } }, async (request, reply) => {
    await service.submitDataset(db, request.ctx.user, request.params.name);
    return redirect(reply, datasetUrls.page(request.params.name));
  });

  r.post('/dataset/:name/tarik', { schema: { params: nameParam } }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, string>;
    if (!body['reason']?.trim())
      throw new AppError('VALIDATION_FAILED', 422, { fields: [{ field: 'reason', message: 'validation.required' }] });
    await withdrawDataset(
      db,
      request.ctx.user,
      request.params.name,
      body['reason'].trim(),
      body['supersededBy']?.trim() || undefined,
    );
    return redirect(reply, datasetUrls.page(request.params.name));
  });

  r.post('/dataset/:name/perubahan/:id/batal', { schema: { params: resourceParam } }, async (request, reply) => {
    await discardStagedChange(
      app.deps.storage,
      request.ctx.user,
      await service.getDataset(db, request.ctx.user, request.params.name),
      request.params.id,
    );
    return redirect(reply, datasetUrls.page(request.params.name));
  });

  r.get('/data/periksa', async (request, reply) => {
    const { rows } = await service.reviewQueue(db, request.ctx.user);
    return sendPage(request, reply, {
      title: request.ctx.t('dataset.queue.title'),
      main: renderReviewQueue(request.ctx, rows, app.deps.datasetExtras.reviewQueue),
      jsonUrl: `${datasetUrls.apiList()}?state=submitted`,
    });
  });

  async function reviewPage(
    request: FastifyRequest,
    reply: FastifyReply,
    name: string,
    errors: FieldError[],
    values: Record<string, string>,
  ) {
    if (!hasRole(request.ctx.user, ['walidata']))
      throw new AppError(request.ctx.user ? 'FORBIDDEN' : 'UNAUTHENTICATED', request.ctx.user ? 403 : 401);
    const d = await service.getDataset(db, request.ctx.user, name);
    const live = await loadDatasetDetail(db, d);
    // A published dataset's revision is checked as it would be published.
    const revision = await service.revisedDataset(db, d);
    const detail = revision ? { ...live, dataset: revision.row, tags: revision.tags, groups: revision.groups } : live;
    const { t } = request.ctx;
    const staged = d.state === 'published' ? await stagedChangesOf(db, d) : null;
    return sendPage(
      request,
      reply,
      {
        title: t('dataset.review.title', { title: d.title }),
        main: renderReviewPage(
          request.ctx,
          detail,
          translateFieldErrors(t, errors),
          values,
          staged,
          await reviewPrivacyPanel(request.ctx, db, d),
        ),
        breadcrumbs: [{ href: datasetUrls.reviewQueue(), label: t('dataset.queue.title') }, { label: d.title }],
      },
      errors.length ? 422 : 200,
    );
  }

  r.get('/data/periksa/:name', { schema: { params: nameParam } }, async (request, reply) =>
    reviewPage(request, reply, request.params.name, [], {}),
  );

  r.post('/data/periksa/:name', { schema: { params: nameParam } }, async (request, reply) => {
    const body = formValues(request.body);
    const decision = body['decision'] === 'approve' ? 'approve' : 'return';
    const comments = Object.entries(body)
      .filter(([k, v]) => k.startsWith('comment.') && v.trim() !== '')
      .map(([k, v]) => ({ field: k.slice('comment.'.length), comment: v.trim().slice(0, 5000) }));
    try {
      await reviewDataset(db, request.ctx.user, request.params.name, decision, comments);
    } catch (error) {
      const fields = fieldErrorsOf(error);
      if (fields)
        return reviewPage(
          request,
          reply,
          request.params.name,
          fields.map((f) => ({ ...f, field: 'comment-general' })),
          body,
        );
      // The publication gate: the page again, its summary pointing at the privacy warning.
      if (error instanceof AppError && error.code === 'PRIVACY_UNRESOLVED')
        return reviewPage(
          request,
          reply,
          request.params.name,
          [{ field: 'privacy', message: 'error.PRIVACY_UNRESOLVED', params: error.params }],
          body,
        );
      throw error;
    }
    return redirect(reply, decision === 'approve' ? datasetUrls.page(request.params.name) : datasetUrls.reviewQueue());
  });

  r.get('/dataset/:name/versi/:version', { schema: { params: versionParam } }, async (request, reply) => {
    const d = await service.getDataset(db, request.ctx.user, request.params.name);
    const v = await getVersion(db, d, request.params.version);
    return sendPage(request, reply, {
      title: `${v.metadata.title} · ${request.ctx.t('dataset.versionN', { n: v.version })}`,
      main: renderVersionPage(request.ctx, d, v, d.version),
      jsonUrl: datasetUrls.apiVersion(d.name, v.version),
      breadcrumbs: [
        { href: datasetUrls.page(d.name), label: d.title },
        { label: request.ctx.t('dataset.versionN', { n: v.version }) },
      ],
    });
  });

  r.get('/dataset/:name/versi/:version/berkas/:id', async (request, reply) => {
    const p = request.params as { name: string; version: string; id: string };
    const d = await service.getDataset(db, request.ctx.user, p.name);
    const v = await getVersion(db, d, Number(p.version) || 0);
    const res = v.resources.find((x) => x.id === p.id);
    if (!res?.originalFile) throw new AppError('RESOURCE_NOT_FOUND', 404);
    if (!canSeeUnpublished(request.ctx.user, d) && (await originalIsPrivate(db, res.originalFile)))
      throw new AppError('RESOURCE_NOT_FOUND', 404);
    // The store opens only keys inside it (a key with `..` names nothing).
    const content = await openOriginal(app.deps.config, { original_file: res.originalFile });
    if (!content) throw new AppError('RESOURCE_NOT_FOUND', 404);
    return sendFile(reply, content, res.name, res.format);
  });
}
