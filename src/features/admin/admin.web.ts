import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { redirect, sendPage } from '../../http/render.js';
import { actorOf } from '../../actor/actor.js';
import { requireRole } from '../../http/guards.js';
import { parseForm, translateFieldErrors, formErrorsOf } from '../../http/forms.js';
import type { FormError } from '../../views/layout.js';
import { urls } from '../../urls.js';
import { setAccountDisabled, unlockAccount } from '../account/account.service.js';
import { listOrganizationOptions } from '../organization/organization.repository.js';
import { adminCrumbs, PAGE_SIZE } from './admin.layout.js';
import {
  auditEntityTypes,
  countAudit,
  countOutbox,
  countUsers,
  dashboardCounts,
  grantsOf,
  listAuditPage,
  listOutboxPage,
  searchUsers,
} from './admin.repository.js';
import { adminGrantRole, adminRevokeRole, getUserDetail } from './admin.service.js';
import { presentAdminUser, presentAudit, presentOutbox } from './admin.presenter.js';
import { shortIdParam } from '../../http/envelope.js';
import { auditQuery, grantBody, grantParam, pageQuery, userListQuery } from './admin.schema.js';
import { renderDashboard, renderUserDetail, renderUserList } from './admin.view.js';
import { renderAudit, renderOutbox } from './admin-log.view.js';

const NOTICES = ['peran', 'cabut', 'status'] as const;
const grantForm = grantBody.extend({
  organizationId: z
    .string()
    .max(64)
    .optional()
    .transform((v) => v || null),
});

/** The admin area: dashboard, users and roles, outbox, audit log. Admins only. */
export async function adminWeb(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db, storage } = app.deps;
  const admin = (request: FastifyRequest) => requireRole(request.ctx, ['admin']);

  r.get('/admin', async (request, reply) => {
    admin(request);
    return sendPage(request, reply, {
      title: request.ctx.t('admin.title'),
      main: renderDashboard(request.ctx, await dashboardCounts(db)),
    });
  });

  r.get('/admin/pengguna', { schema: { querystring: userListQuery } }, async (request, reply) => {
    admin(request);
    const { t } = request.ctx;
    const page = request.query.page ?? 1;
    const q = request.query.q || undefined;
    const users = await searchUsers(db, storage.dialect, { q, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
    const grants = await grantsOf(
      db,
      users.map((u) => u.id),
    );
    return sendPage(request, reply, {
      title: t('admin.users.title'),
      main: renderUserList(
        request.ctx,
        users.map((u) => presentAdminUser(u, grants)),
        q,
        page,
        await countUsers(db, storage.dialect, { q }),
      ),
      jsonUrl: '/api/v1/admin/users',
      breadcrumbs: adminCrumbs(request.ctx, { label: t('admin.users.title') }),
    });
  });

  const userPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    errors: FormError[] = [],
    status = 200,
    notice?: string,
  ) => {
    const me = admin(request);
    const { user, grants } = await getUserDetail(db, id);
    const { t } = request.ctx;
    return sendPage(
      request,
      reply,
      {
        title: user.name,
        main: renderUserDetail(request.ctx, presentAdminUser(user, grants), {
          organizations: await listOrganizationOptions(db),
          errors,
          notice,
          isSelf: me.id === id,
        }),
        jsonUrl: `/api/v1/admin/users/${encodeURIComponent(id)}`,
        breadcrumbs: adminCrumbs(
          request.ctx,
          { href: urls.adminUsers(), label: t('admin.users.title') },
          { label: user.name },
        ),
      },
      status,
    );
  };

  r.get(
    '/admin/pengguna/:id',
    { schema: { params: shortIdParam, querystring: z.object({ disimpan: z.enum(NOTICES).optional() }) } },
    async (request, reply) => {
      const saved = request.query.disimpan;
      return userPage(
        request,
        reply,
        request.params.id,
        [],
        200,
        saved ? request.ctx.t(`admin.saved.${saved}`) : undefined,
      );
    },
  );

  r.post('/admin/pengguna/:id/peran', { schema: { params: shortIdParam } }, async (request, reply) => {
    admin(request);
    const { id } = request.params;
    const form = parseForm(grantForm, request.body);
    if (!form.ok) return userPage(request, reply, id, translateFieldErrors(request.ctx.t, form.errors), 422);
    try {
      await adminGrantRole(db, actorOf(request.ctx.user, 'anonymous'), id, form.data.role, form.data.organizationId);
    } catch (error) {
      const { status, errors } = formErrorsOf(request.ctx, error, 'role');
      return userPage(request, reply, id, errors, status);
    }
    return redirect(reply, `${urls.adminUser(id)}?disimpan=peran`);
  });

  r.post('/admin/pengguna/:id/peran/:grantId/cabut', { schema: { params: grantParam } }, async (request, reply) => {
    admin(request);
    const { id, grantId } = request.params;
    try {
      await adminRevokeRole(db, actorOf(request.ctx.user, 'anonymous'), id, grantId);
    } catch (error) {
      const { status, errors } = formErrorsOf(request.ctx, error, 'role');
      return userPage(request, reply, id, errors, status);
    }
    return redirect(reply, `${urls.adminUser(id)}?disimpan=cabut`);
  });

  r.post('/admin/pengguna/:id/status', { schema: { params: shortIdParam } }, async (request, reply) => {
    admin(request);
    const { id } = request.params;
    const form = parseForm(z.object({ action: z.enum(['disable', 'enable', 'unlock']) }), request.body);
    if (!form.ok) return userPage(request, reply, id, translateFieldErrors(request.ctx.t, form.errors), 422);
    try {
      if (form.data.action === 'unlock') await unlockAccount(db, actorOf(request.ctx.user, 'anonymous'), id);
      else await setAccountDisabled(db, actorOf(request.ctx.user, 'anonymous'), id, form.data.action === 'disable');
    } catch (error) {
      const { status, errors } = formErrorsOf(request.ctx, error, 'role');
      return userPage(request, reply, id, errors, status);
    }
    return redirect(reply, `${urls.adminUser(id)}?disimpan=status`);
  });

  r.get('/admin/outbox', { schema: { querystring: pageQuery } }, async (request, reply) => {
    admin(request);
    const { t } = request.ctx;
    const page = request.query.page ?? 1;
    const mails = await listOutboxPage(db, PAGE_SIZE, (page - 1) * PAGE_SIZE);
    return sendPage(request, reply, {
      title: t('admin.outbox.title'),
      main: renderOutbox(request.ctx, mails.map(presentOutbox), page, await countOutbox(db)),
      jsonUrl: '/api/v1/admin/outbox',
      breadcrumbs: adminCrumbs(request.ctx, { label: t('admin.outbox.title') }),
    });
  });

  r.get('/admin/audit', { schema: { querystring: auditQuery } }, async (request, reply) => {
    admin(request);
    const { t } = request.ctx;
    const page = request.query.page ?? 1;
    const entity = request.query.entity || undefined;
    const entries = await listAuditPage(db, { entityType: entity, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
    return sendPage(request, reply, {
      title: t('admin.audit.title'),
      main: renderAudit(
        request.ctx,
        entries.map(presentAudit),
        await auditEntityTypes(db),
        entity,
        page,
        await countAudit(db, entity),
      ),
      jsonUrl: `/api/v1/admin/audit${entity ? `?entity=${encodeURIComponent(entity)}` : ''}`,
      breadcrumbs: adminCrumbs(request.ctx, { label: t('admin.audit.title') }),
    });
  });
}
