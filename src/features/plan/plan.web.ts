import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sendPage, redirect } from '../../http/render.js';
import { isAdmin } from '../../actor/actor.js';
import { AppError } from '../../errors.js';
import { idParam } from '../../http/envelope.js';
import { planInput, profileInput, transitionInput } from './plan.schema.js';
import { renderClosureRefused } from './plan-lifecycle.view.js';
import { SUBMISSION_DATE } from './plan.lifecycle.js';
import { listCorrections } from '../correction/correction.service.js';
import {
  createPlan,
  getPlan,
  getProfile,
  listPlansWithProgress,
  planAsInput,
  planProgress,
  progressByKelurahan,
  progressByLead,
  submissionProblems,
  transitionPlan,
  updatePlan,
  updateProfile,
} from './plan.service.js';
import { leadIdsOf } from './plan.repository.js';
import { canManagePlan, requireAdmin, requirePlanManager } from './plan.access.js';
import { presentProfile } from './plan.presenter.js';
import { renderPlanPage, renderPlansIndex } from './plan.view.js';
import { planConflictFields, renderPlanForm, renderProfileForm } from './plan.forms.view.js';
import { profileValues } from './plan.presenter.js';
import { withVersion } from '../../views/conflict.view.js';
import { handleForm, fieldErrorsOf, parseForm, translateFieldErrors } from '../../http/forms.js';
import { localText, parseTranslations } from '../../i18n/content-language.js';
import { planUrls } from './plan.urls.js';
import { findOrganizations, listOrganizations, listPlanCommitments } from '../commitment/commitment.repository.js';
import { organizationChoice } from '../organization/organization.choices.js';
import { awaitsSubmission } from './plan.lifecycle.js';
import { linkedSummary } from '../../views/layout.js';
import { problemHref } from './plan.view.js';
import { html } from '../../views/html.js';
import { notifyPlanTransition } from './plan.notify.js';
import { feedLinkTags } from '../feed/feed.links.js';
import { isFollowing } from '../notification/notification.service.js';
import { renderFollowButton } from '../notification/follow.view.js';
import { isScheduleViewer } from '../monitoring/monitoring.policy.js';
import { countApprovedIdeas } from '../idea/idea.repository.js';

const PLAN_SPEC = {
  arrays: ['leadOrganizationIds'],
  nullables: ['termEndDate', 'cocreationStart', 'cocreationEnd', 'submittedOn', 'endorsedOn'],
};
const PROFILE_SPEC = {
  nullables: ['joinedOn', 'launchedOn', 'termEndDate', 'contactOrganizationId', 'monitoringOrganizationId'],
};

export async function planWeb(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = app.deps.db;
  const orgChoices = async () => (await listOrganizations(db)).map(organizationChoice);

  r.get('/rencana-aksi', async (request, reply) => {
    const { t } = request.ctx;
    const [profile, plans] = await Promise.all([getProfile(db), listPlansWithProgress(db)]);
    return sendPage(request, reply, {
      title: t('plan.index.title'),
      main: renderPlansIndex(request.ctx, await presentProfile(db, profile), plans, isAdmin(request.ctx.user)),
      jsonUrl: planUrls.plansJson(),
    });
  });

  r.get('/rencana-aksi/baru', async (request, reply) => {
    requireAdmin(request.ctx.user);
    const { t } = request.ctx;
    return sendPage(request, reply, {
      title: t('plan.new'),
      main: renderPlanForm(request.ctx, {
        action: planUrls.planNew(),
        heading: t('plan.new'),
        values: {},
        errors: [],
        orgs: await orgChoices(),
      }),
    });
  });

  r.post('/rencana-aksi/baru', async (request, reply) => {
    requireAdmin(request.ctx.user);
    const { t } = request.ctx;
    return handleForm(request, reply, {
      schema: planInput,
      spec: PLAN_SPEC,
      run: async (data) => planUrls.plan((await createPlan(db, request.ctx.user, data)).id),
      render: async (values, errors) => ({
        title: t('plan.new'),
        main: renderPlanForm(request.ctx, {
          action: planUrls.planNew(),
          heading: t('plan.new'),
          values,
          errors,
          orgs: await orgChoices(),
        }),
      }),
    });
  });

  r.get('/rencana-aksi/profil/ubah', async (request, reply) => {
    requireAdmin(request.ctx.user);
    const p = await getProfile(db);
    const values = p ? profileValues(p) : {};
    return sendPage(request, reply, {
      title: request.ctx.t('plan.profile.edit'),
      main: renderProfileForm(request.ctx, {
        action: planUrls.profileEdit(),
        values,
        errors: [],
        orgs: await orgChoices(),
      }),
    });
  });

  r.post('/rencana-aksi/profil/ubah', async (request, reply) => {
    requireAdmin(request.ctx.user);
    return handleForm(request, reply, {
      schema: profileInput,
      spec: PROFILE_SPEC,
      run: async (data) => {
        await updateProfile(db, request.ctx.user, data);
        return planUrls.plans();
      },
      render: async (values, errors) => ({
        title: request.ctx.t('plan.profile.edit'),
        main: renderProfileForm(request.ctx, {
          action: planUrls.profileEdit(),
          values,
          errors,
          orgs: await orgChoices(),
        }),
      }),
    });
  });

  r.get('/rencana-aksi/:id', { schema: { params: idParam } }, async (request, reply) => {
    const { t } = request.ctx;
    const plan = await getPlan(db, request.params.id);
    const views = await listPlanCommitments(db, plan.id);
    const manage = canManagePlan(request.ctx.user, leadIdsOf(plan));
    const orgs = await findOrganizations(db, leadIdsOf(plan));
    const ideaCount = await countApprovedIdeas(db, plan.id);
    const problems = manage && awaitsSubmission(plan.status) ? await submissionProblems(db, plan, views) : null;
    const following = await isFollowing(db, request.ctx.user?.id, 'plan', plan.id);
    const title = localText(request.ctx.locale, plan.title, parseTranslations(plan.translations), 'title').text;
    return sendPage(request, reply, {
      title,
      head: feedLinkTags(t, { planId: plan.id }),
      jsonUrl: planUrls.planJson(plan.id),
      breadcrumbs: [{ href: planUrls.plans(), label: t('plan.index.title') }, { label: title }],
      main: renderPlanPage(request.ctx, {
        plan,
        views,
        manage,
        problems,
        ideaCount,
        follow: renderFollowButton(request.ctx, 'plan', plan.id, following),
        staffDashboard: isScheduleViewer(request.ctx.user),
        corrections: await listCorrections(db, SUBMISSION_DATE.entityType, [plan.id]),
        leads: leadIdsOf(plan)
          .map((id) => orgs.get(id))
          .filter((o) => !!o)
          .map((o) => o!),
        progress: planProgress(views),
        byLead: progressByLead(views),
        byKelurahan: await progressByKelurahan(db, views),
      }),
    });
  });

  r.get('/rencana-aksi/:id/ubah', { schema: { params: idParam } }, async (request, reply) => {
    const plan = await getPlan(db, request.params.id);
    requirePlanManager(request.ctx.user, leadIdsOf(plan));
    const { t } = request.ctx;
    return sendPage(request, reply, {
      title: t('plan.edit'),
      main: renderPlanForm(request.ctx, {
        action: planUrls.planEdit(plan.id),
        heading: t('plan.editTitle', { title: plan.title }),
        values: withVersion(planAsInput(plan), plan.edit_version),
        errors: [],
        orgs: await orgChoices(),
      }),
    });
  });

  r.post('/rencana-aksi/:id/ubah', { schema: { params: idParam } }, async (request, reply) => {
    const plan = await getPlan(db, request.params.id);
    requirePlanManager(request.ctx.user, leadIdsOf(plan));
    const { t } = request.ctx;
    return handleForm(request, reply, {
      schema: planInput,
      spec: PLAN_SPEC,
      run: async (data, expectedVersion) => {
        await updatePlan(db, request.ctx.user, plan.id, data, expectedVersion);
        return planUrls.plan(plan.id);
      },
      conflict: async () => {
        const now = await getPlan(db, plan.id);
        return {
          title: now.title,
          fields: planConflictFields(request.ctx, await orgChoices()),
          theirs: planAsInput(now),
        };
      },
      render: async (values, errors) => ({
        title: t('plan.edit'),
        main: renderPlanForm(request.ctx, {
          action: planUrls.planEdit(plan.id),
          heading: t('plan.editTitle', { title: plan.title }),
          values,
          errors,
          orgs: await orgChoices(),
        }),
      }),
    });
  });

  r.post('/rencana-aksi/:id/status', { schema: { params: idParam } }, async (request, reply) => {
    const { t } = request.ctx;
    const parsed = parseForm(transitionInput, request.body);
    if (!parsed.ok) throw new AppError('VALIDATION_FAILED', 422, { fields: parsed.errors });
    try {
      const moved = await transitionPlan(db, request.ctx.user, request.params.id, parsed.data.to, parsed.data);
      await notifyPlanTransition(app.deps, request.ctx.user, moved);
      return redirect(reply, planUrls.plan(request.params.id));
    } catch (e) {
      if (e instanceof AppError && e.code === 'PLAN_EARLY_CLOSURE_REASON') {
        const plan = await getPlan(db, request.params.id);
        const errors = translateFieldErrors(t, fieldErrorsOf(e) ?? []);
        const main = renderClosureRefused(request.ctx, plan, errors, parsed.data.earlyClosureReason ?? '');
        return sendPage(request, reply, { title: t('plan.closure.title', { title: plan.title }), main }, 422);
      }
      if (!(e instanceof AppError) || e.code !== 'PLAN_NOT_READY') throw e;
      const plan = await getPlan(db, request.params.id);
      const problems = await submissionProblems(db, plan);
      const errors = translateFieldErrors(t, fieldErrorsOf(e) ?? []);
      return sendPage(
        request,
        reply,
        {
          title: t('plan.readiness.blocked'),
          breadcrumbs: [
            { href: planUrls.plans(), label: t('plan.index.title') },
            { href: planUrls.plan(plan.id), label: plan.title },
            { label: t('plan.readiness.blocked') },
          ],
          main: html`<h1>${t('plan.readiness.blocked')}</h1>
${linkedSummary(
  request.ctx,
  t('plan.readiness.title', { n: errors.length }),
  problems.map((p) => ({
    href: problemHref(p, plan),
    message: (p.kind === 'commitment' ? `${p.ref}: ` : '') + t(p.message, p.params),
  })),
)}
<p><a href="${planUrls.plan(plan.id)}">${t('plan.backToPlan')}</a></p>`,
        },
        422,
      );
    }
  });
}
