import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { PlanPatch } from './plan.schema.js';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { notifyPlanTransition } from './plan.notify.js';
import { z } from 'zod';
import {
  getPlan,
  getProfile,
  createPlan,
  listPlansWithProgress,
  progressByKelurahan,
  progressByLead,
  transitionPlan,
  updatePlan,
  updateProfile,
} from './plan.service.js';
import { presentPlan, presentProfile, profileValues } from './plan.presenter.js';
import { ok, idParam, okSchema } from '../../http/envelope.js';
import { planInput, planJson, profileInput, profileJson, transitionInput } from './plan.schema.js';
import { conditionalWrite, setEtag } from '../../http/preconditions.js';
import { mergePatch, patchBody, putBody } from '../../http/representations.js';
import { listPlanCommitments } from '../commitment/commitment.repository.js';
import { presentCommitment } from '../commitment/commitment.presenter.js';
import { commitmentJson } from '../commitment/commitment.schema.js';

const TAG = ['action-plan'];
const groupJson = z.object({ key: z.string(), label: z.string(), commitments: z.number(), percent: z.number() });
const planDetailJson = planJson.extend({
  commitments: z.array(commitmentJson),
  progressByLead: z.array(groupJson).describe('Progress per lead institution (OPD)'),
  progressByKelurahan: z.array(groupJson).describe('Progress per kelurahan touched by commitments'),
});

export async function planApi(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = app.deps.db;

  const detail = async (id: string) => {
    const plan = await getPlan(db, id);
    const views = await listPlanCommitments(db, plan.id);
    return {
      ...(await presentPlan(db, plan, views)),
      commitments: views.map(presentCommitment),
      progressByLead: progressByLead(views),
      progressByKelurahan: await progressByKelurahan(db, views),
    };
  };

  r.get(
    '/api/v1/ogp-profile',
    {
      schema: {
        summary: "The jurisdiction's OGP Local membership (point of contact, term end, monitoring body, forum)",
        tags: TAG,
        response: { 200: okSchema(profileJson.nullable()) },
      },
    },
    async () => ok(await presentProfile(db, await getProfile(db))),
  );

  const profilePut = putBody(profileInput);
  r.put(
    '/api/v1/ogp-profile',
    {
      schema: {
        summary: 'Replace the OGP Local membership: every field is required (admin)',
        tags: TAG,
        body: profilePut,
        response: { 200: okSchema(profileJson.nullable()) },
        security: [{ bearer: [] }],
      },
    },
    async (request) => {
      await updateProfile(db, request.ctx.user, request.body);
      return ok(await presentProfile(db, await getProfile(db)));
    },
  );
  r.patch(
    '/api/v1/ogp-profile',
    {
      schema: {
        summary: 'Change some fields of the OGP Local membership (admin)',
        tags: TAG,
        body: patchBody(profileInput),
        response: { 200: okSchema(profileJson.nullable()) },
        security: [{ bearer: [] }],
      },
    },
    async (request) => {
      const current = await getProfile(db);
      await updateProfile(
        db,
        request.ctx.user,
        mergePatch(profilePut, current ? profileValues(current) : {}, request.body),
      );
      return ok(await presentProfile(db, await getProfile(db)));
    },
  );

  r.get(
    '/api/v1/plans',
    {
      schema: {
        summary: 'Action plans with their progress',
        tags: TAG,
        response: {
          200: z.object({ ok: z.literal(true), data: z.array(planJson), meta: z.object({ total: z.number() }) }),
        },
      },
    },
    async () => {
      const plans = await listPlansWithProgress(db);
      return ok(await Promise.all(plans.map((p) => presentPlan(db, p.plan, p.views))), { total: plans.length });
    },
  );

  r.get(
    '/api/v1/plans/:id',
    {
      schema: {
        summary: 'One action plan with its commitments, milestones and progress (per commitment, lead OPD, kelurahan)',
        tags: TAG,
        params: idParam,
        response: { 200: okSchema(planDetailJson) },
      },
    },
    async (request, reply) => {
      const data = await detail(request.params.id);
      setEtag(reply, data.version);
      return ok(data);
    },
  );

  r.post(
    '/api/v1/plans',
    {
      schema: {
        summary: 'Create an action plan (admin); it starts as a draft',
        tags: TAG,
        body: planInput,
        response: { 201: okSchema(planDetailJson) },
        security: [{ bearer: [] }],
      },
    },
    async (request, reply) => {
      const plan = await createPlan(db, request.ctx.user, request.body);
      return reply.code(201).send(ok(await detail(plan.id)));
    },
  );

  const savePlan = async (request: FastifyRequest, reply: FastifyReply, id: string, input: PlanPatch) => {
    await conditionalWrite(request, (expected) => updatePlan(db, request.ctx.user, id, input, expected));
    const data = await detail(id);
    setEtag(reply, data.version);
    return ok(data);
  };
  r.put(
    '/api/v1/plans/:id',
    {
      schema: {
        summary:
          "Replace an action plan's template fields: every field is required (admin or a lead institution's staff); If-Match: the ETag of the GET",
        tags: TAG,
        params: idParam,
        body: putBody(planInput),
        response: { 200: okSchema(planDetailJson) },
        security: [{ bearer: [] }],
      },
    },
    async (request, reply) => savePlan(request, reply, request.params.id, request.body),
  );
  r.patch(
    '/api/v1/plans/:id',
    {
      schema: {
        summary:
          "Change some of an action plan's template fields (admin or a lead institution's staff); If-Match: the ETag of the GET",
        tags: TAG,
        params: idParam,
        body: patchBody(planInput),
        response: { 200: okSchema(planDetailJson) },
        security: [{ bearer: [] }],
      },
    },
    async (request, reply) => savePlan(request, reply, request.params.id, request.body),
  );

  r.post(
    '/api/v1/plans/:id/transition',
    {
      schema: {
        summary:
          'Move the plan along draft → co-creation → submitted → implementation → closed ' +
          '(submission is refused while ideas lack a reasoned response, endorsement is missing or a commitment is invalid)',
        tags: TAG,
        params: idParam,
        body: transitionInput,
        response: { 200: okSchema(planDetailJson) },
        security: [{ bearer: [] }],
      },
    },
    async (request) => {
      const moved = await transitionPlan(db, request.ctx.user, request.params.id, request.body.to, request.body);
      await notifyPlanTransition(app.deps, request.ctx.user, moved);
      return ok(await detail(request.params.id));
    },
  );
}
