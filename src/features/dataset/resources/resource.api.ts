import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../../errors.js';
import { ok } from '../../../http/envelope.js';
import { readUploadForm } from '../../ingest/multipart.js';
import { stagedResourceView, loadDatasetDetail, type ResourceView } from '../dataset-detail.service.js';
import { canSeeUnpublished } from '../dataset.policy.js';
import { presentJob, presentResource } from '../dataset.presenter.js';
import {
  linkInput,
  nameParam,
  pendingResponse,
  resourceParam,
  resourceResponse,
  stagedRemovalResponse,
} from '../dataset.schema.js';
import * as service from '../dataset.service.js';
import { addLinkResource, datasetForUpload, deleteResource, uploadResource } from './resource.service.js';
import { retryResourceLoad } from './resource-retry.js';
import { stagePendingData } from './revision-staging.service.js';
import { stagedChangesOf } from './staged-changes.js';

const TAGS = ['datasets'];

/** The upload form's optional fields, as the resource service takes them. */
const uploadOptions = (fields: Record<string, string | undefined>) => ({
  name: fields['name'],
  description: fields['description'],
  sheet: fields['sheet'],
  wilayahColumn: fields['wilayahColumn'],
});

/** A dataset's resources in the JSON API: upload, replace, stage new data, read, retry a load, remove. */
export async function resourceApi(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db, storage, config } = app.deps;

  r.post(
    '/api/v1/datasets/:name/resources',
    {
      config: { multipartForm: true },
      schema: {
        summary:
          'Add a resource: multipart upload (field `file`: CSV, TSV, XLSX or JSON; optional `name`, `description`, ' +
          '`sheet`, `wilayahColumn`) ingested into the datastore, or JSON `{name, url, format}` to register a link. ' +
          'On a published dataset the new resource is staged in the revision (202, `staged: "new"`): hidden from the ' +
          'public until the walidata approves the revision. The API waits for the whole load (web uploads load in the ' +
          'background).',
        tags: TAGS,
        params: nameParam,
        response: { 201: resourceResponse, 202: resourceResponse },
      },
    },
    async (request, reply) => {
      const name = (request.params as { name: string }).name;
      let resourceId: string;
      let staged = false;
      if (request.isMultipart()) {
        const { upload, fields } = await readUploadForm(request, config);
        if (!upload) throw new AppError('INGEST_NO_FILE', 422);
        const result = await uploadResource(storage, request.ctx.user, name, upload, uploadOptions(fields));
        resourceId = result.resource.id;
        staged = !!result.staged;
      } else {
        const parsed = linkInput.safeParse(request.body);
        if (!parsed.success)
          throw new AppError('VALIDATION_FAILED', 400, {
            fields: parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: 'validation.invalid' })),
          });
        const res = await addLinkResource(storage, request.ctx.user, name, parsed.data);
        resourceId = res.id;
        staged = res.state === 'pending';
      }
      return reply.code(staged ? 202 : 201).send(await resourceJson(request, name, resourceId));
    },
  );

  r.put(
    '/api/v1/datasets/:name/resources/:id',
    {
      config: { multipartForm: true },
      schema: {
        summary:
          'Replace the data of an uploaded resource (multipart `file`); a failed import keeps the previous data. On a ' +
          'published dataset the new data is staged (202, as `/pending`); the API waits for the load.',
        tags: TAGS,
        params: resourceParam,
        response: { 200: resourceResponse, 202: resourceResponse },
      },
    },
    async (request, reply) => {
      const { upload, fields } = await readUploadForm(request, config);
      if (!upload) throw new AppError('INGEST_NO_FILE', 422);
      const result = await uploadResource(
        storage,
        request.ctx.user,
        request.params.name,
        upload,
        uploadOptions(fields),
        request.params.id,
      );
      // A new upload tried again is a new hidden row: answer with that one.
      return reply
        .code(result.staged ? 202 : 200)
        .send(await resourceJson(request, request.params.name, result.resource.id));
    },
  );

  r.post(
    '/api/v1/datasets/:name/resources/:id/pending',
    {
      config: { multipartForm: true },
      schema: {
        summary:
          'New data for a resource of a published dataset (multipart `file`): loaded and checked now (the API waits for ' +
          'the whole load; web uploads load in the background), made live only when the walidata approves the revision',
        tags: TAGS,
        params: resourceParam,
        response: { 202: pendingResponse },
      },
    },
    async (request, reply) => {
      const { upload, fields } = await readUploadForm(request, config);
      if (!upload) throw new AppError('INGEST_NO_FILE', 422);
      const d = await datasetForUpload(storage, request.ctx.user, request.params.name, upload);
      const { report, resourceId } = await stagePendingData(storage, request.ctx.user, d, request.params.id, upload, {
        sheet: fields['sheet'],
        wilayahColumn: fields['wilayahColumn'],
      });
      if (!report) throw new AppError('INGEST_FAILED', 500);
      return reply
        .code(202)
        .send(ok({ resourceId, rowsLoaded: report.rowsLoaded, quality: report as unknown as Record<string, unknown> }));
    },
  );

  r.get(
    '/api/v1/datasets/:name/resources/:id',
    {
      schema: {
        summary: 'One resource with its fields, ingest status and data-quality report',
        tags: TAGS,
        params: resourceParam,
        response: { 200: resourceResponse },
      },
    },
    async (request) => resourceJson(request, request.params.name, request.params.id),
  );

  r.post(
    '/api/v1/datasets/:name/resources/:id/retry',
    {
      schema: {
        summary:
          "Run a failed load of a draft's resource again from its stored original (its process died: " +
          '`INGEST_INTERRUPTED`, or the file could not be read); the API waits for the load. Producers and the walidata.',
        tags: TAGS,
        params: resourceParam,
        response: { 200: resourceResponse },
      },
    },
    async (request) => {
      await retryResourceLoad(storage, request.ctx.user, request.params.name, request.params.id).catch(
        (error: unknown) => {
          // A load that fails again is shown on the resource (ingest.state failed) like any failed load.
          if (error instanceof AppError && error.code.startsWith('INGEST_')) return;
          throw error;
        },
      );
      return resourceJson(request, request.params.name, request.params.id);
    },
  );

  r.delete(
    '/api/v1/datasets/:name/resources/:id',
    {
      schema: {
        summary:
          'Remove a resource (earlier versions keep their copy). On a published dataset the removal is staged in the ' +
          'revision (202) and the resource stays public until the walidata approves it; removing a staged new resource ' +
          'discards it.',
        tags: TAGS,
        params: resourceParam,
        response: { 202: stagedRemovalResponse, 204: z.null().describe('Removed (a dataset not yet published)') },
      },
    },
    async (request, reply) => {
      const outcome = await deleteResource(storage, request.ctx.user, request.params.name, request.params.id);
      if (outcome === 'deleted') return reply.code(204).send(null);
      return reply.code(202).send(
        ok({
          resourceId: request.params.id,
          staged: outcome === 'staged' ? ('removal' as const) : ('discarded' as const),
        }),
      );
    },
  );

  async function resourceJson(request: FastifyRequest, name: string, id: string) {
    const d = await service.getDataset(db, request.ctx.user, name);
    const internal = canSeeUnpublished(request.ctx.user, d);
    const full = await loadDatasetDetail(db, d);
    const staged = internal && d.state === 'published' ? await stagedChangesOf(db, d) : null;
    const v: ResourceView | null =
      full.resources.find((x) => x.row.id === id) ?? (staged ? await stagedResourceView(db, d, id, staged) : null);
    if (!v) throw new AppError('RESOURCE_NOT_FOUND', 404);
    // The quality report names rows and values: for the producers and the walidata only.
    const data = presentResource(request.ctx.t, v, internal);
    if (!staged) return ok(data);
    const load = staged.loads.filter((l) => l.resourceId === id).at(-1);
    return ok({
      ...data,
      ...(staged.newResources.some((x) => x.resourceId === id)
        ? { staged: 'new' as const }
        : staged.removals.some((x) => x.resourceId === id)
          ? { staged: 'removal' as const }
          : {}),
      ...(load
        ? {
            stagedLoad: {
              id: load.id,
              fileName: load.fileName,
              ingest: load.job ? presentJob(request.ctx.t, load.job) : null,
            },
          }
        : {}),
    });
  }
}
