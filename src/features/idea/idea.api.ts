import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../errors.js';
import { ok, idParam, okSchema } from '../../http/envelope.js';
import { getPlan } from '../plan/plan.service.js';
import { leadIdsOf } from '../plan/plan.repository.js';
import { canManagePlan, isStaff, requireSignedIn } from '../plan/plan.access.js';
import { commitmentsOfIdeas, findIdea, listIdeaRows } from './idea.repository.js';
import { ideaInput, ideaJson, ideaQuery, moderationInput, responseInput } from './idea.schema.js';
import { getVisibleIdea, moderateIdea, respondToIdea, submitIdea } from './idea.service.js';
import { presentIdea } from './idea.presenter.js';
import type { Translate } from '../../i18n/i18n.js';

const TAG = ['action-plan'];

export async function ideaApi(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const deps = app.deps;
  const one = async (t: Translate, id: string) => {
    const idea = (await findIdea(deps.db, id))!;
    return presentIdea(t, idea, (await commitmentsOfIdeas(deps.db, [id])).get(id));
  };

  r.get(
    '/api/v1/ideas',
    {
      schema: {
        summary:
          'Ideas from citizens and meetings, with their reasoned responses (moderation=pending|rejected for plan staff)',
        tags: TAG,
        querystring: ideaQuery,
        response: {
          200: z.object({ ok: z.literal(true), data: z.array(ideaJson), meta: z.object({ total: z.number() }) }),
        },
      },
    },
    async (request) => {
      const { plan, theme, moderation } = request.query;
      if (plan) await getPlan(deps.db, plan);
      if (moderation && moderation !== 'approved') {
        const user = requireSignedIn(request.ctx.user);
        if (plan ? !canManagePlan(user, leadIdsOf(await getPlan(deps.db, plan))) : !isStaff(user))
          throw new AppError('FORBIDDEN', 403);
      }
      const rows = await listIdeaRows(deps.db, { planId: plan, theme, moderation: moderation ?? 'approved' });
      const links = await commitmentsOfIdeas(
        deps.db,
        rows.map((i) => i.id),
      );
      return ok(
        rows.map((i) => presentIdea(request.ctx.t, i, links.get(i.id))),
        { total: rows.length },
      );
    },
  );

  r.get(
    '/api/v1/ideas/:id',
    {
      schema: {
        summary: 'One idea with its reasoned response and the commitments it led to',
        tags: TAG,
        params: idParam,
        response: { 200: okSchema(ideaJson) },
      },
    },
    async (request) => {
      await getVisibleIdea(deps.db, request.ctx.user, request.params.id);
      return ok(await one(request.ctx.t, request.params.id));
    },
  );

  r.post(
    '/api/v1/ideas',
    {
      config: { rateLimit: { max: 60, timeWindow: '1 hour' } },
      schema: {
        summary:
          'Submit an idea: signed-in citizens are published at once, anonymous ideas wait for moderation; ' +
          'plan staff record offline ideas with sourceLabel and receivedOn',
        tags: TAG,
        body: ideaInput,
        response: { 201: okSchema(ideaJson) },
      },
    },
    async (request, reply) => {
      const row = await submitIdea(deps.db, request.ctx.user, request.body);
      return reply.code(201).send(ok(await one(request.ctx.t, row.id)));
    },
  );

  r.post(
    '/api/v1/ideas/:id/moderation',
    {
      schema: {
        summary: 'Approve or reject an anonymous idea (plan staff)',
        tags: TAG,
        params: idParam,
        body: moderationInput,
        response: { 200: okSchema(ideaJson) },
        security: [{ bearer: [] }],
      },
    },
    async (request) => {
      await moderateIdea(deps.db, request.ctx.user, request.params.id, request.body.decision);
      return ok(await one(request.ctx.t, request.params.id));
    },
  );

  r.post(
    '/api/v1/ideas/:id/response',
    {
      schema: {
        summary:
          'Give the reasoned response (adopted / merged into commitments / not adopted, with the reason) as a named official; the author is notified',
        tags: TAG,
        params: idParam,
        body: responseInput,
        response: { 200: okSchema(ideaJson) },
        security: [{ bearer: [] }],
      },
    },
    async (request) => {
      await respondToIdea(deps, request.ctx.user, request.params.id, request.body);
      return ok(await one(request.ctx.t, request.params.id));
    },
  );
}
