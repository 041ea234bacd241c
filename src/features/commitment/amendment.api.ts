import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ok, okSchema, uuid } from '../../http/envelope.js';
import { ogpIdParam } from './commitment.schema.js';
import { getCommitment } from './commitment.service.js';
import { amendmentInput, decisionInput } from './amendment.schema.js';
import { amendmentJson } from './amendment.json.js';
import { approveAmendment, listAmendments, proposeAmendment, rejectAmendment } from './amendment.service.js';
import { presentAmendment } from './amendment.presenter.js';

const TAG = ['action-plan'];
const amendmentParams = ogpIdParam.extend({ id: uuid.describe('Amendment id (UUID)') });

/** Formal amendments of a submitted commitment: propose (lead staff, admin), approve or reject (point of contact). */
export async function amendmentApi(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const deps = app.deps;
  const one = async (ogpId: string, id: string) => {
    const c = await getCommitment(deps.db, ogpId);
    const found = (await listAmendments(deps.db, c.id)).find((a) => a.row.id === id)!;
    return presentAmendment(ogpId, found);
  };

  r.get(
    '/api/v1/commitments/:ogpId/amendments',
    {
      schema: {
        summary: "A commitment's formal amendments, newest first: what changed, why, approved when and by whom",
        tags: TAG,
        params: ogpIdParam,
        response: { 200: okSchema(z.array(amendmentJson)) },
      },
    },
    async (request) => {
      const c = await getCommitment(deps.db, request.params.ogpId);
      return ok((await listAmendments(deps.db, c.id)).map((a) => presentAmendment(c.ogp_id, a)));
    },
  );

  r.post(
    '/api/v1/commitments/:ogpId/amendments',
    {
      schema: {
        summary:
          'Propose an amendment of a submitted commitment (core fields, milestones) with a justification ' +
          '(staff of its lead institution, or admin); it takes effect when the point of contact approves it',
        tags: TAG,
        params: ogpIdParam,
        body: amendmentInput,
        response: { 201: okSchema(amendmentJson) },
        security: [{ bearer: [] }],
      },
    },
    async (request, reply) => {
      const row = await proposeAmendment(deps, request.ctx.user, request.params.ogpId, request.body);
      return reply.code(201).send(ok(await one(request.params.ogpId, row.id)));
    },
  );

  r.post(
    '/api/v1/commitments/:ogpId/amendments/:id/approve',
    {
      schema: {
        summary: 'Approve an amendment (point of contact or admin): its changes become a new version of the commitment',
        tags: TAG,
        params: amendmentParams,
        body: decisionInput.optional(),
        response: { 200: okSchema(amendmentJson) },
        security: [{ bearer: [] }],
      },
    },
    async (request) => {
      const { ogpId, id } = request.params;
      await approveAmendment(deps, request.ctx.user, ogpId, id, request.body?.note ?? '');
      return ok(await one(ogpId, id));
    },
  );

  r.post(
    '/api/v1/commitments/:ogpId/amendments/:id/reject',
    {
      schema: {
        summary: 'Reject an amendment with a reason (point of contact or admin); the commitment stays as it was',
        tags: TAG,
        params: amendmentParams,
        body: decisionInput,
        response: { 200: okSchema(amendmentJson) },
        security: [{ bearer: [] }],
      },
    },
    async (request) => {
      const { ogpId, id } = request.params;
      await rejectAmendment(deps, request.ctx.user, ogpId, id, request.body.note);
      return ok(await one(ogpId, id));
    },
  );
}
