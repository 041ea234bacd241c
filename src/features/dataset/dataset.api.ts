import { listCorrections } from '../correction/correction.service.js';
import { presentCorrection } from '../correction/correction.presenter.js';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AppError } from '../../errors.js';
import * as service from './dataset.service.js';
import { reviewDataset, withdrawDataset } from './dataset-review.service.js';
import { canSeeUnpublished, datasetCapabilities } from './dataset.policy.js';
import {
  presentDatasetDetail,
  presentDatasetSummary,
  presentJob,
  presentResource,
  presentStagedChanges,
} from './dataset.presenter.js';
import { listDetails, loadDatasetDetail, stagedResourceView, type ResourceView } from './dataset-detail.service.js';
import {
  datasetCreateInput,
  datasetListQuery,
  datasetListResponse,
  datasetResponse,
  datasetUpdateInput,
  linkInput,
  nameParam,
  resourceParam,
  resourceResponse,
  reviewInput,
  stagedRemovalResponse,
  versionParam,
  withdrawInput,
} from './dataset.schema.js';
import { getVersion } from './dataset-version.service.js';
import { pendingRevision } from './revision.js';
import { addLinkResource, datasetForUpload, deleteResource, uploadResource } from './resources/resource.service.js';
import { retryResourceLoad } from './resources/resource-retry.js';
import { readUploadForm } from '../ingest/multipart.js';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { discardStagedChange, stagePendingData } from './resources/revision-staging.service.js';
import { stagedChangesOf } from './resources/staged-changes.js';
import { pendingResponse } from './dataset.schema.js';
import { conditionalPatch, conditionalWrite, setEtag } from '../../http/preconditions.js';
import { patchBody, putBody } from '../../http/representations.js';
import { editValues } from './dataset-edit-values.js';
import { ok } from '../../http/envelope.js';

const TAGS = ['datasets'];

export async function datasetApi(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db, storage, config } = app.deps;

  const detail = async (request: FastifyRequest, name: string) => {
    const d = await service.getDataset(db, request.ctx.user, name);
    const internal = canSeeUnpublished(request.ctx.user, d);
    const full = await loadDatasetDetail(db, d);
    // What the signed-in user may do (the same matrix as the dataset page's buttons).
    const capabilities = request.ctx.user
      ? {
          capabilities: datasetCapabilities(request.ctx.user, d, {
            hasResources: full.resources.length > 0,
            hasRevision: pendingRevision(d) !== null,
          }),
        }
      : {};
    const releaseDateCorrections = (await listCorrections(db, 'dataset', [d.id])).map((c) =>
      presentCorrection(c, 'nextReleaseDate'),
    );
    const data = {
      ...presentDatasetDetail(request.ctx.t, full, { internal }),
      editVersion: d.edit_version,
      ...capabilities,
      releaseDateCorrections,
    };
    // Visitors get the last published metadata while a revision is being prepared.
    const v = await service.versionShownInstead(db, request.ctx.user, d);
    if (v) {
      const published = presentDatasetSummary(
        { ...v.metadata, state: 'published' },
        v.metadata.organization,
        v.metadata.tags,
        v.metadata.groups,
      );
      const ids = new Set(v.resources.map((r) => r.id));
      return ok({ ...data, ...published, resources: data.resources.filter((r) => ids.has(r.id)) });
    }
    const revised = internal ? await service.revisedDataset(db, d) : null;
    const staged = internal ? presentStagedChanges(request.ctx.t, await stagedChangesOf(db, d)) : null;
    const stagedLoads = staged?.loads.length ? { stagedLoads: staged.loads } : {};
    if (revised && staged) {
      const metadata = presentDatasetSummary(revised.row, full.org, revised.tags, revised.groups);
      return ok({ ...data, ...stagedLoads, revision: { state: d.revision_state ?? 'draft', metadata, ...staged } });
    }
    return ok({ ...data, ...stagedLoads });
  };

  r.get(
    '/api/v1/datasets',
    {
      schema: {
        summary: "List datasets (published; `mine=true` for the caller's own in any state)",
        tags: TAGS,
        querystring: datasetListQuery,
        response: { 200: datasetListResponse },
      },
    },
    async (request) => {
      const q = request.query;
      const { rows, total } = await service.listForApi(db, request.ctx.user, q);
      const data = (await listDetails(db, rows)).map((x) => presentDatasetSummary(x.dataset, x.org, x.tags, x.groups));
      return ok(data, { total, limit: q.limit, offset: q.offset });
    },
  );

  r.post(
    '/api/v1/datasets',
    {
      schema: {
        summary: 'Create a dataset as a draft (produsen of the organisation)',
        tags: TAGS,
        body: datasetCreateInput,
        response: { 201: datasetResponse },
      },
    },
    async (request, reply) => {
      const d = await service.createDataset(db, request.ctx.user, request.body);
      return reply.code(201).send(await detail(request, d.name));
    },
  );

  r.get(
    '/api/v1/datasets/:name',
    {
      schema: {
        summary: 'One dataset with its Satu Data metadata, resources and versions',
        tags: TAGS,
        params: nameParam,
        response: { 200: datasetResponse },
      },
      config: { pageCache: true },
    },
    async (request, reply) => {
      const res = await detail(request, request.params.name);
      setEtag(reply, res.data.editVersion);
      return res;
    },
  );

  const saved = async (request: FastifyRequest, reply: FastifyReply, name: string) => {
    const res = await detail(request, name);
    setEtag(reply, res.data.editVersion);
    return res;
  };
  const put = putBody(datasetUpdateInput);
  r.put(
    '/api/v1/datasets/:name',
    {
      schema: {
        summary:
          'Replace the metadata: every field is required (on a published dataset it becomes the next version, ' +
          'for the walidata); If-Match: `editVersion` as the ETag of the GET',
        tags: TAGS,
        params: nameParam,
        body: put,
        response: { 200: datasetResponse },
      },
    },
    async (request, reply) => {
      const { name } = request.params;
      await conditionalWrite(request, (expected) =>
        service.updateDataset(db, request.ctx.user, name, request.body, expected),
      );
      return saved(request, reply, name);
    },
  );
  r.patch(
    '/api/v1/datasets/:name',
    {
      schema: {
        summary: 'Change some metadata fields; the others keep their values; If-Match: the ETag of the GET',
        tags: TAGS,
        params: nameParam,
        body: patchBody(datasetUpdateInput),
        response: { 200: datasetResponse },
      },
    },
    async (request, reply) => {
      const { name } = request.params;
      const load = async () => {
        const d = await service.getDataset(db, request.ctx.user, name);
        return { version: d.edit_version, values: await editValues(db, d) };
      };
      await conditionalPatch(request, put, load, (input, expected) =>
        service.updateDataset(db, request.ctx.user, name, input, expected),
      );
      return saved(request, reply, name);
    },
  );

  r.post(
    '/api/v1/datasets/:name/submit',
    {
      schema: {
        summary: 'Submit a draft or returned dataset to the walidata',
        tags: TAGS,
        params: nameParam,
        response: { 200: datasetResponse },
      },
    },
    async (request) => {
      await service.submitDataset(db, request.ctx.user, request.params.name);
      return detail(request, request.params.name);
    },
  );

  r.post(
    '/api/v1/datasets/:name/review',
    {
      schema: {
        summary: 'Walidata: return with comments per field, or approve (publishes a new version)',
        tags: TAGS,
        params: nameParam,
        body: reviewInput,
        response: { 200: datasetResponse },
      },
    },
    async (request) => {
      await reviewDataset(db, request.ctx.user, request.params.name, request.body.decision, request.body.comments);
      return detail(request, request.params.name);
    },
  );

  r.post(
    '/api/v1/datasets/:name/publish',
    {
      schema: {
        summary: 'Walidata: approve and publish a submitted dataset (same as review with decision=approve)',
        tags: TAGS,
        params: nameParam,
        response: { 200: datasetResponse },
      },
    },
    async (request) => {
      await reviewDataset(db, request.ctx.user, request.params.name, 'approve', []);
      return detail(request, request.params.name);
    },
  );

  r.post(
    '/api/v1/datasets/:name/withdraw',
    {
      schema: {
        summary: 'Walidata: withdraw a published dataset, or mark it superseded by another',
        tags: TAGS,
        params: nameParam,
        body: withdrawInput,
        response: { 200: datasetResponse },
      },
    },
    async (request) => {
      await withdrawDataset(
        db,
        request.ctx.user,
        request.params.name,
        request.body.reason,
        request.body.supersededBy || undefined,
      );
      return detail(request, request.params.name);
    },
  );

  r.get(
    '/api/v1/datasets/:name/versions/:version',
    {
      schema: {
        summary: 'A published version as it was: metadata and resource list',
        tags: TAGS,
        params: versionParam,
      },
    },
    async (request) => {
      const d = await service.getDataset(db, request.ctx.user, request.params.name);
      const v = await getVersion(db, d, request.params.version);
      return ok({
        version: v.version,
        publishedAt: v.publishedAt,
        metadata: presentDatasetSummary(v.metadata, v.metadata.organization, v.metadata.tags, v.metadata.groups),
        resources: v.resources.map(({ originalFile: _f, ...rest }) => rest),
      });
    },
  );

  r.delete(
    '/api/v1/datasets/:name/staged/:id',
    {
      schema: {
        summary:
          'Produsen: take back one change staged for the next version of a published dataset before submitting it. `id`: ' +
          'a staged new resource, a resource with staged new data or a staged removal, or a load (`stagedLoads[].id`) ' +
          'that failed or is still running',
        tags: TAGS,
        params: resourceParam,
        response: { 200: datasetResponse },
      },
    },
    async (request) => {
      await discardStagedChange(
        storage,
        request.ctx.user,
        await service.getDataset(db, request.ctx.user, request.params.name),
        request.params.id,
      );
      return detail(request, request.params.name);
    },
  );
}
