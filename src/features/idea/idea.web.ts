import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendPage, redirect } from '../../http/render.js';
import { AppError } from '../../errors.js';
import { parseForm, handleForm } from '../../http/forms.js';
import type { FormError } from '../../views/layout.js';
import { idParam } from '../../http/envelope.js';
import { getPlan } from '../plan/plan.service.js';
import { leadIdsOf, listPlanRows } from '../plan/plan.repository.js';
import { canManagePlan, requirePlanManager, requireSignedIn } from '../plan/plan.access.js';
import { planUrls } from '../plan/plan.urls.js';
import { commitmentsOfIdeas, listIdeaRows, responderOrganizations } from './idea.repository.js';
import { findUserById } from '../account/account.repository.js';
import { listCommitmentChoices } from '../commitment/commitment.repository.js';
import { findWilayah, listKelurahanChoices } from '../wilayah/wilayah.repository.js';
import { kelurahanChoice } from '../wilayah/kelurahan.choices.js';
import { IDEA_THEMES, ideaInput, moderationInput, responseInput, trackingParam } from './idea.schema.js';
import {
  acceptsIdeas,
  getTrackedIdea,
  getVisibleIdea,
  moderateIdea,
  respondToIdea,
  responderOrganizationOf,
  submitIdea,
} from './idea.service.js';
import { ideaTrackingPath } from './idea.presenter.js';
import { renderTrackingPage } from './idea-tracking.view.js';
import { parseTranslations } from '../../i18n/content-language.js';
import { findOrganizationById } from '../organization/organization.repository.js';
import {
  renderIdeaPage,
  renderIdeasPage,
  renderModerationQueue,
  renderRecordForm,
  renderResponseForm,
} from './idea.view.js';

const IDEA_SPEC = { nullables: ['wilayahKode', 'email'] };
const listQuery = z.object({
  rencana: z.string().max(36).optional(),
  tema: z.string().max(40).optional(),
});
const uuidRe = /^[0-9a-f-]{36}$/i;

export async function ideaWeb(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const deps = app.deps;
  const { db } = deps;
  const kelurahan = async () => (await listKelurahanChoices(db)).map(kelurahanChoice);
  const plans = () => listPlanRows(db);

  const indexPage = async (
    request: FastifyRequest,
    filter: { plan?: string; theme?: string },
    values: Record<string, unknown>,
    errors: FormError[],
  ) => {
    const all = await plans();
    const open = all.filter(acceptsIdeas);
    const ideas = await listIdeaRows(db, { planId: filter.plan, theme: filter.theme, moderation: 'approved' });
    const { t } = request.ctx;
    return {
      title: t('idea.title'),
      jsonUrl: planUrls.ideasJson(filter.plan),
      main: renderIdeasPage(request.ctx, {
        ideas,
        links: await commitmentsOfIdeas(
          db,
          ideas.map((i) => i.id),
        ),
        kelurahan: await kelurahan(),
        allPlans: all.map((p) => ({ value: p.id, label: p.title })),
        openPlans: open.map((p) => ({ value: p.id, label: p.title })),
        filter,
        values: { planId: open[0]?.id, ...values },
        errors,
        staff: all.some((p) => canManagePlan(request.ctx.user, leadIdsOf(p))),
      }),
    };
  };

  r.get('/ide', { schema: { querystring: listQuery } }, async (request, reply) => {
    const plan = request.query.rencana && uuidRe.test(request.query.rencana) ? request.query.rencana : undefined;
    const theme = (IDEA_THEMES as readonly string[]).includes(request.query.tema ?? '')
      ? request.query.tema
      : undefined;
    return sendPage(request, reply, await indexPage(request, { plan, theme }, {}, []));
  });

  r.post('/ide', { config: { rateLimit: { max: 60, timeWindow: '1 hour' } } }, async (request, reply) => {
    return handleForm(request, reply, {
      schema: ideaInput,
      spec: IDEA_SPEC,
      run: async (data) => {
        const idea = await submitIdea(
          db,
          request.ctx.user,
          { ...data, sourceLabel: undefined, receivedOn: undefined },
          { mail: { mailer: deps.mailer, baseUrl: deps.config.baseUrl, locale: request.ctx.locale } },
        );
        // An anonymous sender lands on their private tracking page: the link is its own address.
        return idea.trackingToken ? `${ideaTrackingPath(idea.trackingToken)}?baru=1` : planUrls.idea(idea.id);
      },
      render: (values, errors) => indexPage(request, {}, values, errors),
    });
  });

  r.get('/ide/moderasi', async (request, reply) => {
    const user = requireSignedIn(request.ctx.user);
    const managed = (await plans()).filter((p) => canManagePlan(user, leadIdsOf(p)));
    if (!managed.length) throw new AppError('FORBIDDEN', 403);
    const pending = (await listIdeaRows(db, { moderation: 'pending' })).filter((i) =>
      managed.some((p) => p.id === i.plan_id),
    );
    return sendPage(request, reply, {
      title: request.ctx.t('idea.moderation.title'),
      main: renderModerationQueue(request.ctx, pending),
    });
  });

  const recordPage = async (request: FastifyRequest, values: Record<string, unknown>, errors: FormError[]) => {
    const user = requireSignedIn(request.ctx.user);
    const managed = (await plans()).filter((p) => canManagePlan(user, leadIdsOf(p)));
    if (!managed.length) throw new AppError('FORBIDDEN', 403);
    return {
      title: request.ctx.t('idea.record'),
      main: renderRecordForm(request.ctx, {
        values,
        errors,
        plans: managed.map((p) => ({ value: p.id, label: p.title })),
        kelurahan: await kelurahan(),
      }),
    };
  };

  r.get('/ide/catat', { schema: { querystring: listQuery } }, async (request, reply) =>
    sendPage(request, reply, await recordPage(request, { planId: request.query.rencana }, [])),
  );

  r.post('/ide/catat', async (request, reply) => {
    await recordPage(request, {}, []);
    return handleForm(request, reply, {
      schema: ideaInput.extend({ sourceLabel: z.string().min(3).max(300), receivedOn: z.iso.date() }),
      spec: IDEA_SPEC,
      run: async (data) => planUrls.idea((await submitIdea(db, request.ctx.user, data)).id),
      render: (values, errors) => recordPage(request, values, errors),
    });
  });

  r.get(
    '/ide/lacak/:token',
    { schema: { params: trackingParam, querystring: z.object({ baru: z.string().max(2).optional() }) } },
    async (request, reply) => {
      const idea = await getTrackedIdea(db, request.params.token);
      const plan = await getPlan(db, idea.plan_id);
      // A private page: never cached by a shared cache, never indexed.
      reply.header('cache-control', 'private, no-store').header('x-robots-tag', 'noindex');
      return sendPage(request, reply, {
        title: request.ctx.t('idea.track.title'),
        jsonUrl: `/api/v1/ideas/track/${encodeURIComponent(request.params.token)}`,
        main: renderTrackingPage(request.ctx, {
          idea,
          planTitle: plan.title,
          link: deps.config.baseUrl.replace(/\/$/, '') + ideaTrackingPath(request.params.token),
          fresh: request.query.baru === '1',
          responderOrganization:
            (await responderOrganizations(db, [idea])).get(idea.responder_organization_id ?? '') ?? null,
        }),
      });
    },
  );

  r.get('/ide/:id', { schema: { params: idParam } }, async (request, reply) => {
    const idea = await getVisibleIdea(db, request.ctx.user, request.params.id);
    const plan = await getPlan(db, idea.plan_id);
    const kel = idea.wilayah_kode ? await findWilayah(db, idea.wilayah_kode) : undefined;
    const { t } = request.ctx;
    return sendPage(request, reply, {
      title: idea.title,
      jsonUrl: planUrls.ideaJson(idea.id),
      breadcrumbs: [{ href: planUrls.ideas(), label: t('idea.title') }, { label: idea.title }],
      main: renderIdeaPage(request.ctx, {
        idea,
        planTitle: plan.title,
        links: (await commitmentsOfIdeas(db, [idea.id])).get(idea.id) ?? [],
        kelurahan: kel?.nama ?? null,
        manage: canManagePlan(request.ctx.user, leadIdsOf(plan)),
        responderOrganization:
          (await responderOrganizations(db, [idea])).get(idea.responder_organization_id ?? '') ?? null,
      }),
    });
  });

  r.post('/ide/:id/moderasi', { schema: { params: idParam } }, async (request, reply) => {
    const parsed = parseForm(moderationInput, request.body);
    if (!parsed.ok) throw new AppError('VALIDATION_FAILED', 422, { fields: parsed.errors });
    const idea = await moderateIdea(db, request.ctx.user, request.params.id, parsed.data.decision);
    return redirect(reply, idea.moderation === 'approved' ? planUrls.idea(idea.id) : planUrls.ideaModeration());
  });

  const responsePage = async (
    request: FastifyRequest,
    id: string,
    values: Record<string, unknown> | null,
    errors: FormError[],
  ) => {
    const idea = await getVisibleIdea(db, request.ctx.user, id);
    const plan = await getPlan(db, idea.plan_id);
    const user = requirePlanManager(request.ctx.user, leadIdsOf(plan));
    const commitments = await listCommitmentChoices(db, plan.id);
    const links = (await commitmentsOfIdeas(db, [idea.id])).get(idea.id) ?? [];
    const current = values ?? {
      kind: idea.response_kind ?? '',
      reason: idea.response_reason ?? '',
      translations: { en: parseTranslations(idea.response_translations).en ?? {} },
      commitmentOgpIds: links.map((l) => l.ogp_id),
      // The position this official gave on this answer, else the one on their account.
      responderTitle:
        (idea.responded_by === user.id ? idea.responder_title : null) ||
        ((await findUserById(db, user.id))?.position ?? ''),
    };
    const orgId = responderOrganizationOf(user, leadIdsOf(plan));
    const org = orgId ? await findOrganizationById(db, orgId) : undefined;
    return {
      title: request.ctx.t('idea.giveResponse'),
      main: renderResponseForm(request.ctx, {
        idea,
        values: current,
        errors,
        commitments: commitments.map((c) => ({ value: c.ogp_id, label: `${c.ogp_id} ${c.title}` })),
        responder: { name: user.name, organization: org?.name ?? null },
      }),
    };
  };

  r.get('/ide/:id/tanggapan', { schema: { params: idParam } }, async (request, reply) =>
    sendPage(request, reply, await responsePage(request, request.params.id, null, [])),
  );

  r.post('/ide/:id/tanggapan', { schema: { params: idParam } }, async (request, reply) => {
    await responsePage(request, request.params.id, {}, []);
    return handleForm(request, reply, {
      schema: responseInput,
      spec: { arrays: ['commitmentOgpIds'] },
      run: async (data) => {
        await respondToIdea(deps, request.ctx.user, request.params.id, data);
        return planUrls.idea(request.params.id);
      },
      render: (values, errors) => responsePage(request, request.params.id, values, errors),
    });
  });
}
