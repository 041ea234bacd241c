import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sendPage, redirect } from '../../http/render.js';
import { formErrorsOf, formInput, parseForm, translateFieldErrors } from '../../http/forms.js';
import { planUrls } from '../plan/plan.urls.js';
import { getPlan } from '../plan/plan.service.js';
import { ogpIdParam } from './commitment.schema.js';
import { commitmentAsInput, getCommitment, getEditableCommitment } from './commitment.service.js';
import { listOrganizations } from './commitment.repository.js';
import { amendmentInput, decisionInput } from './amendment.schema.js';
import { approveAmendment, proposeAmendment, rejectAmendment } from './amendment.service.js';
import { amendmentUrls } from './amendment.rules.js';
import { amendmentsSection } from './amendment.section.js';
import { amendmentFormValues, amendmentFromForm, renderAmendmentForm } from './amendment.form.js';
import { uuid } from '../../http/envelope.js';
import type { FormError } from '../../views/layout.js';

const amendmentParams = ogpIdParam.extend({ id: uuid });

/** The amendment pages: the public list with the point of contact's decisions, and the proposal form. */
export async function amendmentWeb(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const deps = app.deps;
  const { db } = deps;
  const milestonesOf = (commitmentId: string) =>
    db.selectFrom('milestones').selectAll().where('commitment_id', '=', commitmentId).orderBy('position').execute();

  r.get('/komitmen/:ogpId/amandemen', { schema: { params: ogpIdParam } }, async (request, reply) => {
    const { ctx } = request;
    const c = await getCommitment(db, request.params.ogpId);
    const plan = await getPlan(db, c.plan_id);
    return sendPage(request, reply, {
      title: `${c.ogp_id} · ${ctx.t('amendment.title')}`,
      jsonUrl: amendmentUrls.json(c.ogp_id),
      breadcrumbs: [
        { href: planUrls.plan(plan.id), label: plan.title },
        { href: planUrls.commitment(c.ogp_id), label: c.ogp_id },
        { label: ctx.t('amendment.title') },
      ],
      main: await amendmentsSection(db, ctx, c, plan),
    });
  });

  const formPage = async (ogpId: string, values: Record<string, unknown>, errors: FormError[]) => {
    const c = await getCommitment(db, ogpId);
    const orgs = (await listOrganizations(db)).map((o) => ({ value: o.id, label: o.name }));
    return { c, milestones: await milestonesOf(c.id), orgs, values, errors };
  };
  const sendForm = async (
    request: Parameters<typeof sendPage>[0],
    reply: Parameters<typeof sendPage>[1],
    d: Awaited<ReturnType<typeof formPage>>,
    status = 200,
  ) =>
    sendPage(
      request,
      reply,
      {
        title: request.ctx.t('amendment.proposeTitle', { ogpId: d.c.ogp_id }),
        breadcrumbs: [
          { href: planUrls.commitment(d.c.ogp_id), label: d.c.ogp_id },
          { label: request.ctx.t('amendment.propose') },
        ],
        main: renderAmendmentForm(request.ctx, {
          ogpId: d.c.ogp_id,
          values: d.values,
          errors: d.errors,
          milestones: d.milestones,
          orgs: d.orgs,
        }),
      },
      status,
    );

  r.get('/komitmen/:ogpId/amandemen/baru', { schema: { params: ogpIdParam } }, async (request, reply) => {
    const { commitment: c } = await getEditableCommitment(db, request.ctx.user, request.params.ogpId);
    const values = amendmentFormValues(await commitmentAsInput(db, c), await milestonesOf(c.id));
    return sendForm(request, reply, await formPage(c.ogp_id, values, []));
  });

  r.post('/komitmen/:ogpId/amandemen/baru', { schema: { params: ogpIdParam } }, async (request, reply) => {
    const { commitment: c } = await getEditableCommitment(db, request.ctx.user, request.params.ogpId);
    const body = formInput(request.body);
    const parsed = parseForm(amendmentInput, amendmentFromForm(body, await milestonesOf(c.id)));
    let errors: FormError[];
    let status = 422;
    if (parsed.ok) {
      try {
        await proposeAmendment(deps, request.ctx.user, c.ogp_id, parsed.data);
        return redirect(reply, `${amendmentUrls.list(c.ogp_id)}#amandemen`);
      } catch (e) {
        ({ errors, status } = formErrorsOf(request.ctx, e, 'justification'));
      }
    } else errors = translateFieldErrors(request.ctx.t, parsed.errors);
    return sendForm(request, reply, await formPage(c.ogp_id, body, errors), status);
  });

  for (const [path, decide] of [
    ['setujui', approveAmendment],
    ['tolak', rejectAmendment],
  ] as const) {
    r.post(
      `/komitmen/:ogpId/amandemen/:id/${path}`,
      { schema: { params: amendmentParams } },
      async (request, reply) => {
        const parsed = parseForm(decisionInput, formInput(request.body));
        const note = parsed.ok ? parsed.data.note : '';
        await decide(deps, request.ctx.user, request.params.ogpId, request.params.id, note);
        return redirect(reply, planUrls.commitment(request.params.ogpId) + '#amandemen');
      },
    );
  }
}
