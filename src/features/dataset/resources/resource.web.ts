import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sendPage, redirect } from '../../../http/render.js';
import { translateFieldErrors, parseForm } from '../../../http/forms.js';
import { AppError, type FieldError } from '../../../errors.js';
import { html } from '../../../views/html.js';
import { getDataset } from '../dataset.service.js';
import { canProduce, canSeeUnpublished, EDITABLE_STATES, canStage } from '../dataset.policy.js';
import { jobErrorMessage } from '../dataset.presenter.js';
import { loadDatasetDetail, stagedResourceView, type ResourceView } from '../dataset-detail.service.js';
import { loadUnderWay, stagedChangesOf } from './staged-changes.js';
import { stagePendingData } from './revision-staging.service.js';
import { datasetUrls } from '../dataset.urls.js';
import { linkInput } from '../dataset.schema.js';
import { sendFile } from '../../../http/send-file.js';
import { findResourceOf, type DatasetRow } from '../dataset.repository.js';
import { originalIsPrivate } from '../../privacy/private-originals.js';
import { resourcePrivacyPanel } from '../../privacy/privacy-panels.js';
import { addLinkResource, datasetForUpload, deleteResource, uploadResource } from './resource.service.js';
import { readUploadForm } from '../../ingest/multipart.js';
import { openOriginal, type StoredUpload } from '../../ingest/stored-upload.js';
import { renderNewResource, renderResourcePage, type ResourceStaging } from './resource.view.js';
import { jobRunning } from './ingest-job.table.js';
import { loadFailed, retryResourceLoad } from './resource-retry.js';
import { canRetryLoad } from '../dataset.policy.js';

type Params = { name: string; id: string };

/** Ingest problems are shown on the form, next to the file field. */
function asFileError(error: unknown): FieldError | null {
  if (error instanceof AppError && (error.code.startsWith('INGEST_') || error.code === 'UNSUPPORTED_MEDIA_TYPE')) {
    return { field: 'file', message: `error.${error.code}`, params: error.params };
  }
  return null;
}

export async function resourceWeb(app: FastifyInstance): Promise<void> {
  const { db, storage, config } = app.deps;

  async function editable(request: FastifyRequest, name: string): Promise<DatasetRow> {
    const d = await getDataset(db, request.ctx.user, name);
    if (!canProduce(request.ctx.user, d.organization_id))
      throw new AppError(request.ctx.user ? 'FORBIDDEN' : 'UNAUTHENTICATED', request.ctx.user ? 403 : 401);
    return d;
  }

  function newPage(
    request: FastifyRequest,
    reply: FastifyReply,
    d: DatasetRow,
    values: Record<string, string>,
    errors: FieldError[],
  ) {
    const { t } = request.ctx;
    return sendPage(
      request,
      reply,
      {
        title: t('resource.new.title', { title: d.title }),
        main: renderNewResource(request.ctx, d, values, translateFieldErrors(t, errors)),
        breadcrumbs: [{ href: datasetUrls.page(d.name), label: d.title }, { label: t('resource.new.short') }],
      },
      errors.length ? 422 : 200,
    );
  }

  async function resourcePage(request: FastifyRequest, reply: FastifyReply, p: Params, errors: FieldError[]) {
    const d = await getDataset(db, request.ctx.user, p.name);
    const internal = canSeeUnpublished(request.ctx.user, d);
    const detail = await loadDatasetDetail(db, d);
    // What is staged for the next version: producers and the walidata only (read once, for the view and the page).
    const staged = internal && d.state === 'published' ? await stagedChangesOf(db, d) : null;
    // A staged new resource (hidden until the walidata approves) only for its producers and the walidata.
    const v: ResourceView | null =
      detail.resources.find((x) => x.row.id === p.id) ??
      (staged ? await stagedResourceView(db, d, p.id, staged) : null);
    if (!v) throw new AppError('RESOURCE_NOT_FOUND', 404);
    if (!internal && d.state !== 'published') throw new AppError('RESOURCE_NOT_FOUND', 404);
    const { t } = request.ctx;
    const errorMessage = jobErrorMessage(t, v.job);
    const producer = canProduce(request.ctx.user, d.organization_id);
    let staging: ResourceStaging | null = null;
    let joining = false;
    if (staged) {
      // A staged new resource whose load is done but not yet in the revision: refresh until it is.
      joining = staged.loads.some((l) => l.pendingId === v.row.id && loadUnderWay(l.job));
      const load = staged.loads.filter((l) => l.resourceId === v.row.id).at(-1);
      const pending = staged.pendingData.find((x) => x.resourceId === v.row.id);
      const newUpload = staged.loads.find((l) => l.pendingId === v.row.id && !l.resourceId);
      staging = {
        isNew: staged.newResources.some((x) => x.resourceId === v.row.id),
        newUpload: newUpload ? { loadId: newUpload.id, failed: !loadUnderWay(newUpload.job) } : null,
        removal: staged.removals.some((x) => x.resourceId === v.row.id),
        pendingData: pending ? { fileName: pending.fileName, rows: pending.rows } : null,
        load: load
          ? { id: load.id, fileName: load.fileName, job: load.job, errorMessage: jobErrorMessage(t, load.job) }
          : null,
        canStage: producer && canStage(d),
      };
    }
    const running = jobRunning(v.job?.state) || loadUnderWay(staging?.load?.job) || joining;
    const privacy = internal ? await resourcePrivacyPanel(request.ctx, db, d, v.row.id, producer) : undefined;
    return sendPage(
      request,
      reply,
      {
        title: v.row.name,
        main: renderResourcePage(
          request.ctx,
          d,
          v,
          {
            canEdit: producer && EDITABLE_STATES.has(d.state),
            canRetry:
              canRetryLoad(request.ctx.user, d) &&
              EDITABLE_STATES.has(d.state) &&
              loadFailed(v.job) &&
              v.row.url_type === 'upload' &&
              !!v.row.original_file,
            internal,
            errors: translateFieldErrors(t, errors),
            errorMessage,
            staging,
            privacy,
          },
          app.deps.datasetExtras.resourceSections,
        ),
        jsonUrl: `${datasetUrls.apiResources(d.name)}/${v.row.id}`,
        head: running ? html`<meta http-equiv="refresh" content="2">` : undefined,
        breadcrumbs: [{ href: datasetUrls.page(d.name), label: d.title }, { label: v.row.name }],
      },
      errors.length ? 422 : 200,
    );
  }

  /**
   * A form with a file that loads in the background: `load` stores it and returns the resource
   * whose page shows the load; a missing or unreadable file goes back to the form (`showErrors`).
   */
  async function fromUploadForm(
    request: FastifyRequest,
    reply: FastifyReply,
    datasetName: string,
    showErrors: (fields: Record<string, string>, errors: FieldError[]) => unknown,
    load: (upload: StoredUpload, fields: Record<string, string>) => Promise<string>,
  ) {
    let fields: Record<string, string> = {};
    try {
      const form = await readUploadForm(request, config);
      fields = form.fields;
      if (!form.upload) return showErrors(fields, [{ field: 'file', message: 'error.INGEST_NO_FILE' }]);
      return redirect(reply, datasetUrls.resource(datasetName, await load(form.upload, fields)));
    } catch (error) {
      const fileError = asFileError(error);
      if (fileError) return showErrors(fields, [fileError]);
      throw error;
    }
  }

  app.get('/dataset/:name/sumber-daya/baru', async (request, reply) => {
    const d = await editable(request, (request.params as Params).name);
    return newPage(request, reply, d, {}, []);
  });

  app.post('/dataset/:name/sumber-daya/baru', { config: { multipartForm: true } }, async (request, reply) => {
    const d = await editable(request, (request.params as Params).name);
    if (!request.isMultipart()) {
      const body = (request.body ?? {}) as Record<string, string>;
      const parsed = parseForm(linkInput, {
        name: body['linkName'],
        url: body['url'],
        format: body['format'] ?? '',
        description: '',
      });
      if (!parsed.ok)
        return newPage(
          request,
          reply,
          d,
          body,
          parsed.errors.map((e) => ({ ...e, field: e.field === 'name' ? 'linkName' : e.field })),
        );
      const res = await addLinkResource(storage, request.ctx.user, d.name, parsed.data);
      // A link staged for a published dataset is listed on the dataset page with the other staged changes.
      return redirect(reply, res.state === 'pending' ? datasetUrls.page(d.name) : datasetUrls.resource(d.name, res.id));
    }
    return fromUploadForm(
      request,
      reply,
      d.name,
      (fields, errors) => newPage(request, reply, d, fields, errors),
      async (upload, fields) =>
        (
          await uploadResource(storage, request.ctx.user, d.name, upload, {
            name: fields['name'],
            description: fields['description'],
            sheet: fields['sheet'],
            wilayahColumn: fields['wilayahColumn'],
            background: true,
          })
        ).resource.id,
    );
  });

  app.get('/dataset/:name/sumber-daya/:id', async (request, reply) =>
    resourcePage(request, reply, request.params as Params, []),
  );

  app.post('/dataset/:name/sumber-daya/:id/ganti', { config: { multipartForm: true } }, async (request, reply) => {
    const p = request.params as Params;
    const d = await editable(request, p.name);
    return fromUploadForm(
      request,
      reply,
      d.name,
      (_fields, errors) => resourcePage(request, reply, p, errors),
      async (upload, fields) => {
        await uploadResource(
          storage,
          request.ctx.user,
          d.name,
          upload,
          { sheet: fields['sheet'], wilayahColumn: fields['wilayahColumn'], background: true },
          p.id,
        );
        return p.id;
      },
    );
  });

  // New data for a published dataset's resource (or another file for a staged new one, or a new
  // upload's failed load tried again), loaded in the background: the resource page shows its
  // progress, then its result or error. A file that cannot be read is refused on the page at once.
  app.post('/dataset/:name/sumber-daya/:id/data-baru', { config: { multipartForm: true } }, async (request, reply) => {
    const p = request.params as Params;
    return fromUploadForm(
      request,
      reply,
      p.name,
      (_fields, errors) => resourcePage(request, reply, p, errors),
      async (upload, fields) =>
        (
          await stagePendingData(
            storage,
            request.ctx.user,
            await datasetForUpload(storage, request.ctx.user, p.name, upload),
            p.id,
            upload,
            { sheet: fields['sheet'], wilayahColumn: fields['wilayahColumn'], background: true },
          )
        ).resourceId,
    );
  });

  app.post('/dataset/:name/sumber-daya/:id/ulang', async (request, reply) => {
    const p = request.params as Params;
    // Runs in the background like an upload; the page shows its progress, then the outcome.
    await retryResourceLoad(storage, request.ctx.user, p.name, p.id, { background: true });
    return redirect(reply, datasetUrls.resource(p.name, p.id));
  });

  app.post('/dataset/:name/sumber-daya/:id/hapus', async (request, reply) => {
    const p = request.params as Params;
    await deleteResource(storage, request.ctx.user, p.name, p.id);
    return redirect(reply, datasetUrls.page(p.name));
  });

  app.get('/dataset/:name/sumber-daya/:id/berkas', async (request, reply) => {
    const p = request.params as Params;
    const d = await getDataset(db, request.ctx.user, p.name);
    if (!canSeeUnpublished(request.ctx.user, d) && d.state !== 'published')
      throw new AppError('RESOURCE_NOT_FOUND', 404);
    const internal = canSeeUnpublished(request.ctx.user, d);
    const r = await findResourceOf(db, d.id, p.id);
    // Data waiting for the walidata's approval is not public, even to someone who has its id.
    if (!r || (!internal && r.state === 'pending')) throw new AppError('RESOURCE_NOT_FOUND', 404);
    // An original that held personal data or small counts stays with its producer and the walidata.
    if (!internal && (await originalIsPrivate(db, r.original_file))) throw new AppError('RESOURCE_NOT_FOUND', 404);
    const content = await openOriginal(config, r);
    if (!content) throw new AppError('RESOURCE_NOT_FOUND', 404);
    return sendFile(reply, content, r.name, r.format);
  });
}
