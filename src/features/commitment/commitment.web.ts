import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sendPage, redirect } from '../../http/render.js';
import { parseForm, translateFieldErrors, handleForm, fieldErrorsOf, formInput } from '../../http/forms.js';
import { AppError, type FieldError } from '../../errors.js';
import type { FormError } from '../../views/layout.js';
import { html } from '../../views/html.js';
import { idParam } from '../../http/envelope.js';
import { getPlan, planWindow } from '../plan/plan.service.js';
import { leadIdsOf } from '../plan/plan.repository.js';
import { canEditCommitment, requirePlanManager } from '../plan/plan.access.js';
import { planUrls } from '../plan/plan.urls.js';
import { listVersions } from '../history/history.service.js';
import { COMMITMENT_FIELDS, renderHistory, historyFieldLabels } from '../history/history.view.js';
import { kelurahanCodesIn, snapshotFormatter } from '../history/history.format.js';
import { feedLinkTags } from '../feed/feed.links.js';
import { isFollowing } from '../notification/notification.service.js';
import { renderFollowButton } from '../notification/follow.view.js';
import {
  commitmentInput,
  evidenceFileFields,
  evidenceLinkInput,
  milestoneInput,
  ogpIdParam,
} from './commitment.schema.js';
import { commitmentAsInput, createCommitment, getEditableCommitment, updateCommitment } from './commitment.service.js';
import {
  createMilestone,
  getMilestone,
  milestoneAsInput,
  requireMilestoneReporter,
  updateMilestone,
} from './milestone.service.js';
import { addEvidenceFile, addEvidenceLink } from './evidence.service.js';
import { readEvidenceUpload } from './evidence.upload.js';
import { commitmentDocument } from './commitment.api.js';
import { commitmentProblems } from './commitment.rules.js';
import { contentTitle, localText, parseTranslations } from '../../i18n/content-language.js';
import { amendmentsSection } from './amendment.section.js';
import {
  findCommitmentById,
  listMilestoneEvidence,
  listOrganizations,
  leadOrganizationOf,
} from './commitment.repository.js';
import { canReportMilestone } from './commitment.policy.js';
import { listIdeaChoices } from '../idea/idea.repository.js';
import { listKelurahanChoices, listWilayahNames } from '../wilayah/wilayah.repository.js';
import { kelurahanChoice } from '../wilayah/kelurahan.choices.js';
import { organizationChoice } from '../organization/organization.choices.js';
import { awaitsSubmission } from '../plan/plan.lifecycle.js';
import { parseJsonArray } from './commitment.presenter.js';
import { renderCommitmentPage } from './commitment.view.js';
import {
  commitmentConflictFields,
  milestoneConflictFields,
  renderCommitmentForm,
  renderEvidenceForms,
  renderMilestoneForm,
} from './commitment.forms.view.js';
import { withVersion } from '../../views/conflict.view.js';
import { editVersionOf, sendConflict } from '../../http/edit-conflict.js';
import { isEditConflict } from '../../storage/versioned-update.js';

const COMMITMENT_SPEC = {
  arrays: ['supportingOrganizationIds', 'sdgGoals', 'kelurahanCodes', 'ideaIds'],
  booleans: ['valueAccessInfo', 'valueCivicParticipation', 'valuePublicAccountability', 'valueTechnology'],
  numbers: ['budgetAmount'],
  nullables: ['budgetAmount'],
};
const MILESTONE_SPEC = { numbers: ['weight', 'progressPercent'], nullables: ['completedOn'] };
const MILESTONE_PROGRESS_KEYS = ['status', 'progressPercent', 'completedOn'];

export const HISTORY_LABELS = (t: (k: string) => string): Record<string, string> =>
  Object.fromEntries(COMMITMENT_FIELDS.map((k) => [k, t(`commitment.history.${k}`)]));

export async function commitmentWeb(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const deps = app.deps;
  const { db } = deps;
  const orgChoices = async () => (await listOrganizations(db)).map(organizationChoice);
  const kelurahanChoices = async () => (await listKelurahanChoices(db)).map(kelurahanChoice);
  const ideaChoices = async (planId: string) =>
    (await listIdeaChoices(db, planId)).map((i) => ({ value: i.id, label: i.title }));
  const commitmentForm = async (
    request: FastifyRequest,
    planId: string,
    action: string,
    heading: string,
    values: Record<string, unknown>,
    errors: FormError[],
  ) => ({
    title: heading,
    main: renderCommitmentForm(request.ctx, {
      action,
      heading,
      values,
      errors,
      orgs: await orgChoices(),
      kelurahan: await kelurahanChoices(),
      ideas: await ideaChoices(planId),
    }),
  });

  r.get('/rencana-aksi/:id/komitmen/baru', { schema: { params: idParam } }, async (request, reply) => {
    const plan = await getPlan(db, request.params.id);
    requirePlanManager(request.ctx.user, leadIdsOf(plan));
    const heading = request.ctx.t('commitment.new', { plan: plan.title });
    return sendPage(
      request,
      reply,
      await commitmentForm(request, plan.id, planUrls.commitmentNew(plan.id), heading, {}, []),
    );
  });

  r.post('/rencana-aksi/:id/komitmen/baru', { schema: { params: idParam } }, async (request, reply) => {
    const plan = await getPlan(db, request.params.id);
    requirePlanManager(request.ctx.user, leadIdsOf(plan));
    const heading = request.ctx.t('commitment.new', { plan: plan.title });
    return handleForm(request, reply, {
      schema: commitmentInput,
      spec: COMMITMENT_SPEC,
      run: async (data) => planUrls.commitment((await createCommitment(deps, request.ctx.user, plan.id, data)).ogp_id),
      render: (values, errors) =>
        commitmentForm(request, plan.id, planUrls.commitmentNew(plan.id), heading, values, errors),
    });
  });

  r.get('/komitmen/:ogpId', { schema: { params: ogpIdParam } }, async (request, reply) => {
    const { ctx } = request;
    const { view, ideas } = await commitmentDocument(deps, ctx.t, ctx.user, request.params.ogpId);
    const plan = await getPlan(db, view.row.plan_id);
    const codes = parseJsonArray<string>(view.row.kelurahan_codes);
    const kelurahan = await listWilayahNames(db, codes);
    // A closed plan is read-only (the service refuses every write): offer no edit or report links.
    const open = plan.status !== 'closed';
    const canEdit = open && canEditCommitment(ctx.user, view.lead?.id ?? null);
    const problems =
      canEdit && awaitsSubmission(plan.status)
        ? commitmentProblems(view.row, view.milestones, await planWindow(db, plan), !!view.lead)
        : null;
    const following = await isFollowing(db, ctx.user?.id, 'commitment', view.row.id);
    const versions = await listVersions(db, 'commitment', view.row.id);
    const milestoneVersions = await Promise.all(
      view.milestones.map(async (m) => [m, await listVersions(db, 'milestone', m.id)] as const),
    );
    const histCodes = kelurahanCodesIn(versions.map((v) => v.snapshot));
    const names = await listWilayahNames(db, histCodes);
    const format = snapshotFormatter(ctx.t, ctx.locale, new Map(names.map((k) => [k.kode, k.nama])));
    const milestoneLabels = historyFieldLabels(ctx.t, 'milestone');
    const tr = parseTranslations(view.row.translations);
    return sendPage(request, reply, {
      title: `${view.row.ogp_id} ${localText(ctx.locale, view.row.title, tr, 'title').text}`,
      head: feedLinkTags(ctx.t, { ogpId: view.row.ogp_id }),
      description: localText(ctx.locale, view.row.description, tr, 'description').text.slice(0, 200),
      jsonUrl: planUrls.commitmentJson(view.row.ogp_id),
      breadcrumbs: [
        { href: planUrls.plans(), label: ctx.t('plan.index.title') },
        {
          href: planUrls.plan(plan.id),
          label: localText(ctx.locale, plan.title, parseTranslations(plan.translations), 'title').text,
        },
        { label: view.row.ogp_id },
      ],
      main: renderCommitmentPage(ctx, {
        view,
        plan,
        ideas,
        kelurahan,
        canEdit,
        problems,
        canReport: (orgId) => open && canReportMilestone(ctx.user, orgId, view.lead?.id ?? null),
        follow: renderFollowButton(ctx, 'commitment', view.row.id, following),
        history: renderHistory(ctx, versions, HISTORY_LABELS(ctx.t), { format }),
        amendments: await amendmentsSection(db, ctx, view.row, plan),
        milestoneHistory: new Map(
          milestoneVersions.map(([m, mv]) => [
            m.id,
            renderHistory(ctx, mv, milestoneLabels, {
              format,
              id: `riwayat-${m.id}`,
              level: 4,
              title: ctx.t('history.milestoneHistory', { activity: m.activity }),
            }),
          ]),
        ),
      }),
    });
  });

  const editPage = async (
    request: FastifyRequest,
    ogpId: string,
    values: Record<string, unknown> | null,
    errors: FormError[],
  ) => {
    const { commitment: c } = await getEditableCommitment(db, request.ctx.user, ogpId);
    return commitmentForm(
      request,
      c.plan_id,
      planUrls.commitmentEdit(ogpId),
      request.ctx.t('commitment.editTitle', { id: ogpId }),
      values ?? withVersion(await commitmentAsInput(db, c), c.edit_version),
      errors,
    );
  };

  r.get('/komitmen/:ogpId/ubah', { schema: { params: ogpIdParam } }, async (request, reply) =>
    sendPage(request, reply, await editPage(request, request.params.ogpId, null, [])),
  );

  r.post('/komitmen/:ogpId/ubah', { schema: { params: ogpIdParam } }, async (request, reply) => {
    await getEditableCommitment(db, request.ctx.user, request.params.ogpId);
    return handleForm(request, reply, {
      schema: commitmentInput,
      spec: COMMITMENT_SPEC,
      run: async (data, expectedVersion) => {
        await updateCommitment(deps, request.ctx.user, request.params.ogpId, data, expectedVersion);
        return planUrls.commitment(request.params.ogpId);
      },
      render: (values, errors) => editPage(request, request.params.ogpId, values, errors),
      conflict: async () => {
        const { commitment: now } = await getEditableCommitment(db, request.ctx.user, request.params.ogpId);
        const choices = {
          orgs: await orgChoices(),
          kelurahan: await kelurahanChoices(),
          ideas: await ideaChoices(now.plan_id),
        };
        return {
          title: `${now.ogp_id} ${now.title}`,
          fields: commitmentConflictFields(request.ctx, choices),
          theirs: await commitmentAsInput(db, now),
        };
      },
    });
  });

  r.get('/komitmen/:ogpId/tonggak/baru', { schema: { params: ogpIdParam } }, async (request, reply) => {
    const { commitment: c } = await getEditableCommitment(db, request.ctx.user, request.params.ogpId);
    const heading = request.ctx.t('commitment.newMilestone', { id: c.ogp_id });
    const form = renderMilestoneForm(request.ctx, {
      action: planUrls.milestoneNew(c.ogp_id),
      heading,
      values: { weight: '1' },
      errors: [],
      orgs: await orgChoices(),
      progressOnly: false,
    });
    return sendPage(request, reply, {
      title: heading,
      main: html`<h1>${c.ogp_id} ${contentTitle(request.ctx, c)}</h1>${form}`,
    });
  });

  r.post('/komitmen/:ogpId/tonggak/baru', { schema: { params: ogpIdParam } }, async (request, reply) => {
    const { commitment: c } = await getEditableCommitment(db, request.ctx.user, request.params.ogpId);
    const heading = request.ctx.t('commitment.newMilestone', { id: c.ogp_id });
    return handleForm(request, reply, {
      schema: milestoneInput,
      spec: MILESTONE_SPEC,
      run: async (data) => {
        const m = await createMilestone(deps, request.ctx.user, c.ogp_id, data);
        return `${planUrls.commitment(c.ogp_id)}#milestone-${m.id}`;
      },
      render: async (values, errors) => {
        const form = renderMilestoneForm(request.ctx, {
          action: planUrls.milestoneNew(c.ogp_id),
          heading,
          values,
          errors,
          orgs: await orgChoices(),
          progressOnly: false,
        });
        return {
          title: heading,
          main: html`<h1>${c.ogp_id} ${contentTitle(request.ctx, c)}</h1>${form}`,
        };
      },
    });
  });

  /** The milestone page: its form (full for editors, progress only for the responsible organisation) and the evidence forms. */
  const milestonePage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    o: {
      values?: Record<string, unknown>;
      errors?: FormError[];
      evidenceValues?: Record<string, unknown>;
      evidenceErrors?: FormError[];
      status?: number;
    },
  ) => {
    const m = await getMilestone(db, id);
    const user = await requireMilestoneReporter(deps, request.ctx.user, m);
    const c = (await findCommitmentById(db, m.commitment_id))!;
    const progressOnly = !canEditCommitment(user, await leadOrganizationOf(db, c.id));
    const evidence = await listMilestoneEvidence(db, id);
    const { t } = request.ctx;
    const milestoneForm = renderMilestoneForm(request.ctx, {
      action: planUrls.milestoneEdit(id),
      heading: t('commitment.editMilestone'),
      values: o.values ?? withVersion(milestoneAsInput(m), m.edit_version),
      errors: o.errors ?? [],
      orgs: await orgChoices(),
      progressOnly,
    });
    const evidenceForms = renderEvidenceForms(request.ctx, {
      milestoneId: id,
      evidence,
      errors: o.evidenceErrors ?? [],
      values: o.evidenceValues ?? {},
      maxMb: Math.round(deps.config.evidenceMaxBytes / 1024 / 1024),
    });
    return sendPage(
      request,
      reply,
      {
        title: t('commitment.milestoneTitle', { activity: m.activity }),
        breadcrumbs: [
          { href: planUrls.plans(), label: t('plan.index.title') },
          { href: planUrls.commitment(c.ogp_id), label: c.ogp_id },
          { label: m.activity },
        ],
        main: html`<h1>${m.activity}</h1><p><a href="${planUrls.commitment(c.ogp_id)}">${c.ogp_id} ${contentTitle(request.ctx, c)}</a></p>
${milestoneForm}
${evidenceForms}`,
      },
      o.status ?? 200,
    );
  };

  r.get('/tonggak/:id/ubah', { schema: { params: idParam } }, async (request, reply) =>
    milestonePage(request, reply, request.params.id, {}),
  );

  r.post('/tonggak/:id/ubah', { schema: { params: idParam } }, async (request, reply) => {
    const m = await getMilestone(db, request.params.id);
    const user = await requireMilestoneReporter(deps, request.ctx.user, m);
    const progressOnly = !canEditCommitment(user, await leadOrganizationOf(db, m.commitment_id));
    const values = formInput(request.body, MILESTONE_SPEC);
    const schema = progressOnly
      ? milestoneInput.pick({ status: true, progressPercent: true, completedOn: true })
      : milestoneInput;
    const parsed = parseForm(
      schema,
      progressOnly
        ? Object.fromEntries(Object.entries(values).filter(([k]) => MILESTONE_PROGRESS_KEYS.includes(k)))
        : values,
    );
    let errors: FieldError[];
    if (parsed.ok) {
      try {
        await updateMilestone(deps, request.ctx.user, m.id, parsed.data, editVersionOf(request.body));
        const c = (await findCommitmentById(db, m.commitment_id))!;
        return redirect(reply, `${planUrls.commitment(c.ogp_id)}#milestone-${m.id}`);
      } catch (e) {
        if (isEditConflict(e)) {
          const now = await getMilestone(db, m.id);
          const orgs = await orgChoices();
          const form = (merged: Record<string, unknown>, conflictErrors: FormError[]) =>
            renderMilestoneForm(request.ctx, {
              action: planUrls.milestoneEdit(m.id),
              heading: request.ctx.t('commitment.editMilestone'),
              values: merged,
              errors: conflictErrors,
              orgs,
              progressOnly,
            });
          const fields = milestoneConflictFields(request.ctx, orgs).filter(
            (f) => !progressOnly || MILESTONE_PROGRESS_KEYS.includes(f.name),
          );
          return sendConflict(request, reply, e, {
            title: now.activity,
            fields,
            theirs: milestoneAsInput(now),
            yours: values,
            form,
          });
        }
        const fields = fieldErrorsOf(e);
        if (!fields) throw e;
        errors = fields;
      }
    } else errors = parsed.errors;
    return milestonePage(request, reply, m.id, {
      values: { ...milestoneAsInput(m), ...values },
      errors: translateFieldErrors(request.ctx.t, errors),
      status: 422,
    });
  });

  r.post(
    '/tonggak/:id/bukti',
    { config: { multipartForm: true }, schema: { params: idParam } },
    async (request, reply) => {
      const m = await getMilestone(db, request.params.id);
      await requireMilestoneReporter(deps, request.ctx.user, m);
      const upload = await readEvidenceUpload(request, deps.config.evidenceMaxBytes);
      const parsed = parseForm(evidenceFileFields, upload.fields);
      let errors: FieldError[] = parsed.ok ? [] : parsed.errors;
      if (!upload.content || !upload.fileName) errors.push({ field: 'file', message: 'validation.required' });
      if (parsed.ok && !errors.length) {
        try {
          await addEvidenceFile(deps, request.ctx.user, m.id, {
            ...parsed.data,
            fileName: upload.fileName!,
            content: upload.content!,
          });
          return redirect(reply, `${planUrls.milestoneEdit(m.id)}#bukti`);
        } catch (e) {
          if (e instanceof AppError && (e.code === 'EVIDENCE_TYPE_FORBIDDEN' || e.code === 'EVIDENCE_CONTENT_MISMATCH'))
            errors = [{ field: 'file', message: `error.${e.code}`, params: e.params }];
          else {
            const fields = fieldErrorsOf(e);
            if (!fields) throw e;
            errors = fields;
          }
        }
      }
      return milestonePage(request, reply, m.id, {
        evidenceValues: upload.fields,
        evidenceErrors: translateFieldErrors(request.ctx.t, errors),
        status: 422,
      });
    },
  );

  r.post('/tonggak/:id/tautan', { schema: { params: idParam } }, async (request, reply) => {
    const m = await getMilestone(db, request.params.id);
    await requireMilestoneReporter(deps, request.ctx.user, m);
    const raw = formInput(request.body);
    const values = {
      title: raw['link-title'],
      url: raw['link-url'],
      evidenceDate: raw['link-evidenceDate'],
      visibility: raw['link-visibility'],
    };
    const parsed = parseForm(evidenceLinkInput, values);
    let errors: FieldError[];
    if (parsed.ok) {
      try {
        await addEvidenceLink(deps, request.ctx.user, m.id, parsed.data);
        return redirect(reply, `${planUrls.milestoneEdit(m.id)}#bukti`);
      } catch (e) {
        const fields = fieldErrorsOf(e);
        if (!fields) throw e;
        errors = fields;
      }
    } else errors = parsed.errors;
    const prefixed = errors.map((e) => ({ ...e, field: `link-${e.field}` }));
    return milestonePage(request, reply, m.id, {
      evidenceValues: raw,
      evidenceErrors: translateFieldErrors(request.ctx.t, prefixed),
      status: 422,
    });
  });
}
