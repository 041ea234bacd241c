import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sendPage, redirect } from '../../http/render.js';
import { formErrorsOrThrow, parseForm, translateFieldErrors } from '../../http/forms.js';
import type { FormError } from '../../views/layout.js';
import { isFollowing } from '../notification/notification.service.js';
import { renderFollowButton } from '../notification/follow.view.js';
import {
  createMeeting,
  createMember,
  forumMeetingPath,
  getDocument,
  getForum,
  getMeeting,
  getMember,
  meetingDateLocked,
  setRules,
  updateMeeting,
  updateMember,
} from './forum.service.js';
import { findMember, getRulesRow, hasExampleForum } from './forum.repository.js';
import { idParam } from '../../http/envelope.js';
import { meetingInput, memberInput, rulesInput } from './forum.schema.js';
import { renderForum, renderMeeting } from './forum.view.js';
import {
  meetingConflictFields,
  memberConflictFields,
  renderDocumentForm,
  renderMeetingForm,
  renderMemberForm,
  renderRulesForm,
} from './forum.forms.view.js';
import { canEditForumRules, canManageForum, requireForumManager, requireForumRulesEditor } from './forum.policy.js';
import { meetingValues, memberValues } from './forum.presenter.js';
import { withVersion } from '../../views/conflict.view.js';
import { editVersionOf, sendConflict } from '../../http/edit-conflict.js';
import { isEditConflict } from '../../storage/versioned-update.js';
import { meetingForm, memberForm, publishDocumentFromRequest } from './forum.forms.js';
import { attachmentHeader } from '../../files/content-disposition.js';
import { readDocument } from '../../files/file-layouts.js';
import type { Db } from '../../storage/database.js';
import { listOrganizationOptions } from '../organization/organization.repository.js';
import { organizationChoice } from '../organization/organization.choices.js';
import { findPlan, listPlanRows } from '../plan/plan.repository.js';

const orgChoices = async (db: Db) => (await listOrganizationOptions(db)).map(organizationChoice);
// Example plans stay in the list (titled "[Contoh] …") so an example meeting can be edited; the service
// refuses a real meeting on an example plan, and the reverse, with a message on the field.
const planChoices = async (db: Db) => (await listPlanRows(db)).map((p) => ({ value: p.id, label: p.title }));

export async function forumWeb(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db, mailer, config } = app.deps;
  const breadcrumbs = (request: FastifyRequest, label: string) => [
    { href: '/forum', label: request.ctx.t('forum.title') },
    { label },
  ];

  r.get('/forum', async (request, reply) => {
    const [forum, hasExample] = await Promise.all([getForum(db), hasExampleForum(db)]);
    const { user } = request.ctx;
    return sendPage(request, reply, {
      title: request.ctx.t('forum.title'),
      main: renderForum(request.ctx, forum, canManageForum(user), canEditForumRules(user), hasExample),
      jsonUrl: '/api/v1/forum',
    });
  });

  // The example forum of `seed --demo`, apart from the real one and read-only here.
  r.get('/forum/contoh', async (request, reply) => {
    const forum = await getForum(db, { example: true });
    return sendPage(request, reply, {
      title: request.ctx.t('forum.exampleTitle'),
      main: renderForum(request.ctx, forum, false, false, false),
      jsonUrl: '/api/v1/forum/example',
      breadcrumbs: breadcrumbs(request, request.ctx.t('forum.exampleTitle')),
    });
  });

  // Rules (admin); the routes check first so a refused user never sees the form, the services check again.
  const rulesPage = (
    request: FastifyRequest,
    reply: FastifyReply,
    values: Record<string, unknown>,
    errors: FormError[],
    status = 200,
  ) =>
    sendPage(
      request,
      reply,
      {
        title: request.ctx.t('forum.editRules'),
        main: renderRulesForm(request.ctx, { values, errors }),
        breadcrumbs: breadcrumbs(request, request.ctx.t('forum.editRules')),
      },
      status,
    );
  r.get('/forum/aturan', async (request, reply) => {
    requireForumRulesEditor(request.ctx.user);
    return rulesPage(request, reply, { body: (await getRulesRow(db))?.body ?? '' }, []);
  });
  r.post('/forum/aturan', async (request, reply) => {
    requireForumRulesEditor(request.ctx.user);
    const parsed = parseForm(rulesInput, request.body);
    if (!parsed.ok)
      return rulesPage(
        request,
        reply,
        request.body as Record<string, unknown>,
        translateFieldErrors(request.ctx.t, parsed.errors),
        422,
      );
    await setRules(db, request.ctx.user, parsed.data.body);
    return redirect(reply, '/forum');
  });

  // Members (forum secretariat or admin)
  const memberPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    action: string,
    editing: boolean,
    values: Record<string, unknown>,
    errors: FormError[],
    status = 200,
  ) =>
    sendPage(
      request,
      reply,
      {
        title: request.ctx.t(editing ? 'forum.editMember' : 'forum.addMember'),
        main: renderMemberForm(request.ctx, { action, values, errors, organizations: await orgChoices(db), editing }),
        breadcrumbs: breadcrumbs(request, request.ctx.t(editing ? 'forum.editMember' : 'forum.addMember')),
      },
      status,
    );
  r.get('/forum/anggota/baru', async (request, reply) => {
    requireForumManager(request.ctx.user);
    return memberPage(
      request,
      reply,
      '/forum/anggota/baru',
      false,
      { joinedOn: new Date().toISOString().slice(0, 10) },
      [],
    );
  });
  r.post('/forum/anggota/baru', async (request, reply) => {
    requireForumManager(request.ctx.user);
    const parsed = parseForm(memberInput, memberForm(request.body));
    if (!parsed.ok)
      return memberPage(
        request,
        reply,
        '/forum/anggota/baru',
        false,
        request.body as Record<string, unknown>,
        translateFieldErrors(request.ctx.t, parsed.errors),
        422,
      );
    try {
      await createMember(db, request.ctx.user, parsed.data);
    } catch (error) {
      return memberPage(
        request,
        reply,
        '/forum/anggota/baru',
        false,
        request.body as Record<string, unknown>,
        formErrorsOrThrow(request.ctx.t, error),
        422,
      );
    }
    return redirect(reply, '/forum');
  });
  r.get('/forum/anggota/:id/ubah', { schema: { params: idParam } }, async (request, reply) => {
    requireForumManager(request.ctx.user);
    const m = await findMember(db, request.params.id);
    if (!m) return reply.callNotFound();
    const values = withVersion(memberValues(m), m.edit_version);
    return memberPage(request, reply, `/forum/anggota/${m.id}/ubah`, true, values, []);
  });
  r.post('/forum/anggota/:id/ubah', { schema: { params: idParam } }, async (request, reply) => {
    requireForumManager(request.ctx.user);
    const action = `/forum/anggota/${request.params.id}/ubah`;
    const body = request.body as Record<string, unknown>;
    const values = memberForm(request.body);
    const parsed = parseForm(memberInput, values);
    if (!parsed.ok)
      return memberPage(request, reply, action, true, body, translateFieldErrors(request.ctx.t, parsed.errors), 422);
    try {
      await updateMember(db, request.ctx.user, request.params.id, parsed.data, editVersionOf(body));
    } catch (error) {
      if (isEditConflict(error)) {
        const member = await getMember(db, request.params.id);
        const organizations = await orgChoices(db);
        return sendConflict(request, reply, error, {
          title: member.name,
          fields: memberConflictFields(request.ctx, organizations),
          theirs: memberValues(member),
          yours: values,
          form: (merged, errors) =>
            renderMemberForm(request.ctx, { action, values: merged, errors, organizations, editing: true }),
        });
      }
      return memberPage(request, reply, action, true, body, formErrorsOrThrow(request.ctx.t, error), 422);
    }
    return redirect(reply, '/forum');
  });

  // Meetings (forum secretariat or admin)
  const meetingFormPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    action: string,
    editing: boolean,
    values: Record<string, unknown>,
    errors: FormError[],
    status = 200,
    dateLocked = false,
  ) =>
    sendPage(
      request,
      reply,
      {
        title: request.ctx.t(editing ? 'forum.editMeeting' : 'forum.addMeeting'),
        main: renderMeetingForm(request.ctx, {
          action,
          values,
          errors,
          plans: await planChoices(db),
          editing,
          dateLocked,
        }),
        breadcrumbs: breadcrumbs(request, request.ctx.t(editing ? 'forum.editMeeting' : 'forum.addMeeting')),
      },
      status,
    );
  r.get('/forum/pertemuan/baru', async (request, reply) => {
    requireForumManager(request.ctx.user);
    return meetingFormPage(request, reply, '/forum/pertemuan/baru', false, {}, []);
  });
  r.post('/forum/pertemuan/baru', async (request, reply) => {
    requireForumManager(request.ctx.user);
    const parsed = parseForm(meetingInput, meetingForm(request.body));
    if (!parsed.ok)
      return meetingFormPage(
        request,
        reply,
        '/forum/pertemuan/baru',
        false,
        request.body as Record<string, unknown>,
        translateFieldErrors(request.ctx.t, parsed.errors),
        422,
      );
    let id: string;
    try {
      id = await createMeeting(db, request.ctx.user, parsed.data);
    } catch (error) {
      return meetingFormPage(
        request,
        reply,
        '/forum/pertemuan/baru',
        false,
        request.body as Record<string, unknown>,
        formErrorsOrThrow(request.ctx.t, error),
        422,
      );
    }
    return redirect(reply, forumMeetingPath(id));
  });

  const meetingPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    docValues: Record<string, unknown> = {},
    docErrors: FormError[] = [],
    status = 200,
  ) => {
    const data = await getMeeting(db, id);
    const ctx = request.ctx;
    const plan = data.meeting.plan_id ? await findPlan(db, data.meeting.plan_id) : undefined;
    const follow = renderFollowButton(
      ctx,
      'forum_meeting',
      id,
      await isFollowing(db, ctx.user?.id, 'forum_meeting', id),
    );
    const canManage = canManageForum(ctx.user);
    return sendPage(
      request,
      reply,
      {
        title: data.meeting.title,
        main: renderMeeting(
          ctx,
          data,
          plan?.title ?? null,
          canManage,
          follow,
          canManage ? renderDocumentForm(ctx, id, docValues, docErrors) : null,
        ),
        jsonUrl: `/api/v1/forum/meetings/${id}`,
        breadcrumbs: breadcrumbs(request, data.meeting.title),
      },
      status,
    );
  };
  r.get('/forum/pertemuan/:id', { schema: { params: idParam } }, async (request, reply) =>
    meetingPage(request, reply, request.params.id),
  );

  r.get('/forum/pertemuan/:id/ubah', { schema: { params: idParam } }, async (request, reply) => {
    requireForumManager(request.ctx.user);
    const { meeting: m, documents } = await getMeeting(db, request.params.id);
    const values = withVersion(meetingValues(m), m.edit_version);
    const locked = meetingDateLocked(m, documents.length);
    return meetingFormPage(request, reply, `${forumMeetingPath(m.id)}/ubah`, true, values, [], 200, locked);
  });
  r.post('/forum/pertemuan/:id/ubah', { schema: { params: idParam } }, async (request, reply) => {
    requireForumManager(request.ctx.user);
    const action = `${forumMeetingPath(request.params.id)}/ubah`;
    const current = await getMeeting(db, request.params.id);
    const locked = meetingDateLocked(current.meeting, current.documents.length);
    const body = request.body as Record<string, unknown>;
    const parsed = parseForm(meetingInput, meetingForm(request.body));
    if (!parsed.ok)
      return meetingFormPage(
        request,
        reply,
        action,
        true,
        body,
        translateFieldErrors(request.ctx.t, parsed.errors),
        422,
        locked,
      );
    try {
      await updateMeeting(
        db,
        mailer,
        request.ctx.user,
        request.params.id,
        parsed.data,
        config.baseUrl,
        editVersionOf(body),
      );
    } catch (error) {
      if (isEditConflict(error)) {
        const { meeting } = await getMeeting(db, request.params.id);
        const plans = await planChoices(db);
        return sendConflict(request, reply, error, {
          title: meeting.title,
          fields: meetingConflictFields(request.ctx, plans),
          theirs: meetingValues(meeting),
          form: (values, errors) =>
            renderMeetingForm(request.ctx, { action, values, errors, plans, editing: true, dateLocked: locked }),
        });
      }
      return meetingFormPage(request, reply, action, true, body, formErrorsOrThrow(request.ctx.t, error), 422, locked);
    }
    return redirect(reply, forumMeetingPath(request.params.id));
  });

  r.post(
    '/forum/pertemuan/:id/dokumen',
    { config: { multipartForm: true }, schema: { params: idParam } },
    async (request, reply) => {
      requireForumManager(request.ctx.user);
      await getMeeting(db, request.params.id);
      const result = await publishDocumentFromRequest(
        request,
        db,
        mailer,
        request.ctx.user,
        request.params.id,
        config.dataDir,
        config.baseUrl,
      );
      if (!result.ok)
        return meetingPage(
          request,
          reply,
          request.params.id,
          result.values,
          translateFieldErrors(request.ctx.t, result.errors),
          422,
        );
      return redirect(reply, forumMeetingPath(request.params.id));
    },
  );

  r.get('/forum/dokumen/:id/berkas', { schema: { params: idParam } }, async (request, reply) => {
    const doc = await getDocument(db, request.params.id);
    if (doc.kind === 'link' || !doc.sha256) return redirect(reply, doc.url ?? '/forum');
    const data = await readDocument(config.dataDir, doc.sha256);
    return reply
      .type(doc.media_type ?? 'application/octet-stream')
      .header('content-disposition', attachmentHeader(doc.file_name ?? 'dokumen', doc.media_type === 'application/pdf'))
      .header('x-content-type-options', 'nosniff')
      .send(data);
  });
}
