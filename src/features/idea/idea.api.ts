import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../errors.js';
import { ok, idParam, okSchema } from '../../http/envelope.js';
import { getPlan } from '../plan/plan.service.js';
import { leadIdsOf } from '../plan/plan.repository.js';
import { canManagePlan, isStaff, requireSignedIn } from '../plan/plan.access.js';
import { commitmentsOfIdeas, findIdea, listIdeaRows, responderOrganizations } from './idea.repository.js';
import {
  ideaInput,
  ideaJson,
  ideaQuery,
  ideaSubmittedJson,
  ideaTrackingJson,
  moderationInput,
  responseInput,
  trackingParam,
} from './idea.schema.js';
import { getTrackedIdea, getVisibleIdea, moderateIdea, respondToIdea, submitIdea } from './idea.service.js';
import { ideaTrackingPath, presentIdea, presentTrackedIdea } from './idea.presenter.js';
import type { Translate } from '../../i18n/i18n.js';

const TAG = ['action-plan'];

export async function ideaApi(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const deps = app.deps;
  const one = async (t: Translate, id: string) => {
    const idea = (await findIdea(deps.db, id))!;
    const orgs = await responderOrganizations(deps.db, [idea]);
    return presentIdea(t, idea, (await commitmentsOfIdeas(deps.db, [id])).get(id), orgs);
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
      const orgs = await responderOrganizations(deps.db, rows);
      return ok(
        rows.map((i) => presentIdea(request.ctx.t, i, links.get(i.id), orgs)),
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
          'Submit an idea: signed-in citizens are published at once, anonymous ideas wait for moderation ' +
          'and get a private trackingUrl (shown only in this answer, mailed once to `email` if given); ' +
          'plan staff record offline ideas with sourceLabel and receivedOn',
        tags: TAG,
        body: ideaInput,
        response: { 201: okSchema(ideaSubmittedJson) },
      },
    },
    async (request, reply) => {
      const row = await submitIdea(deps.db, request.ctx.user, request.body, {
        mail: { mailer: deps.mailer, baseUrl: deps.config.baseUrl, locale: request.ctx.locale },
      });
      const trackingUrl = row.trackingToken
        ? deps.config.baseUrl.replace(/\/$/, '') + ideaTrackingPath(row.trackingToken)
        : null;
      return reply.code(201).send(ok({ ...(await one(request.ctx.t, row.id)), trackingUrl }));
    },
  );

  r.get(
    '/api/v1/ideas/track/:token',
    {
      schema: {
        summary:
          'An anonymous idea through its private tracking link: moderation status and the response, nothing about who sent or moderated it',
        tags: TAG,
        params: trackingParam,
        response: { 200: okSchema(ideaTrackingJson) },
      },
    },
    async (request, reply) => {
      const idea = await getTrackedIdea(deps.db, request.params.token);
      const plan = await getPlan(deps.db, idea.plan_id);
      const links = (await commitmentsOfIdeas(deps.db, [idea.id])).get(idea.id) ?? [];
      reply.header('cache-control', 'private, no-store');
      const orgs = await responderOrganizations(deps.db, [idea]);
      return ok(presentTrackedIdea(request.ctx.t, idea, plan.title, links, orgs));
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
          'Give the reasoned response (adopted / merged into commitments / not adopted, with the reason and its English version) ' +
          'signed with your account (your name and organisation; your position in responderTitle); the author is notified',
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
