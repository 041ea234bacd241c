import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../actor/actor.js';
import { requireRole } from '../../http/guards.js';
import { setAccountDisabled } from '../account/account.service.js';
import { PAGE_SIZE } from './admin.layout.js';
import {
  countAudit,
  countOutbox,
  countUsers,
  grantsOf,
  listAuditPage,
  listOutboxPage,
  searchUsers,
} from './admin.repository.js';
import { adminGrantRole, adminRevokeRole, getUserDetail } from './admin.service.js';
import { presentAdminUser, presentAudit, presentOutbox } from './admin.presenter.js';
import { ok, shortIdParam } from '../../http/envelope.js';
import { putBody } from '../../http/representations.js';
import {
  adminUserListResponse,
  adminUserResponse,
  auditListResponse,
  auditQuery,
  grantBody,
  grantParam,
  outboxListResponse,
  pageQuery,
  statusBody,
  userListQuery,
} from './admin.schema.js';

const TAGS = ['admin'];
const security = [{ bearer: [] }];

/** JSON twins of the admin pages (admin session or admin API token). */
export async function adminApi(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db, storage } = app.deps;
  const userJson = async (id: string) => {
    const { user, grants } = await getUserDetail(db, id);
    return presentAdminUser(user, grants);
  };

  r.get(
    '/api/v1/admin/users',
    {
      schema: {
        summary: 'Users with their roles, newest first; search by name or e-mail',
        tags: TAGS,
        security,
        querystring: userListQuery,
        response: { 200: adminUserListResponse },
      },
    },
    async (request) => {
      requireRole(request.ctx, ['admin']);
      const page = request.query.page ?? 1;
      const q = request.query.q || undefined;
      const users = await searchUsers(db, storage.dialect, { q, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
      const grants = await grantsOf(
        db,
        users.map((u) => u.id),
      );
      return ok(
        users.map((u) => presentAdminUser(u, grants)),
        { total: await countUsers(db, storage.dialect, { q }), page, pageSize: PAGE_SIZE },
      );
    },
  );

  r.get(
    '/api/v1/admin/users/:id',
    {
      schema: {
        summary: 'One user with roles and status',
        tags: TAGS,
        security,
        params: shortIdParam,
        response: { 200: adminUserResponse },
      },
    },
    async (request) => {
      requireRole(request.ctx, ['admin']);
      return ok(await userJson(request.params.id));
    },
  );

  r.post(
    '/api/v1/admin/users/:id/roles',
    {
      schema: {
        summary: 'Grant a role, optionally for an organisation (audited)',
        tags: TAGS,
        security,
        params: shortIdParam,
        body: grantBody,
        response: { 200: adminUserResponse },
      },
    },
    async (request) => {
      requireRole(request.ctx, ['admin']);
      await adminGrantRole(
        db,
        actorOf(request.ctx.user, 'anonymous'),
        request.params.id,
        request.body.role,
        request.body.organizationId ?? null,
      );
      return ok(await userJson(request.params.id));
    },
  );

  r.delete(
    '/api/v1/admin/users/:id/roles/:grantId',
    {
      schema: {
        summary: 'Revoke a role grant (audited; the last admin cannot be revoked)',
        tags: TAGS,
        security,
        params: grantParam,
        response: { 200: adminUserResponse },
      },
    },
    async (request) => {
      requireRole(request.ctx, ['admin']);
      await adminRevokeRole(db, actorOf(request.ctx.user, 'anonymous'), request.params.id, request.params.grantId);
      return ok(await userJson(request.params.id));
    },
  );

  r.put(
    '/api/v1/admin/users/:id/status',
    {
      schema: {
        summary: 'Disable or re-enable an account (audited)',
        tags: TAGS,
        security,
        params: shortIdParam,
        body: putBody(statusBody),
        response: { 200: adminUserResponse },
      },
    },
    async (request) => {
      requireRole(request.ctx, ['admin']);
      await setAccountDisabled(db, actorOf(request.ctx.user, 'anonymous'), request.params.id, request.body.disabled);
      return ok(await userJson(request.params.id));
    },
  );

  r.get(
    '/api/v1/admin/outbox',
    {
      schema: {
        summary: 'Mails the portal has written, newest first (password reset links land here without SMTP)',
        tags: TAGS,
        security,
        querystring: pageQuery,
        response: { 200: outboxListResponse },
      },
    },
    async (request) => {
      requireRole(request.ctx, ['admin']);
      const page = request.query.page ?? 1;
      const rows = await listOutboxPage(db, PAGE_SIZE, (page - 1) * PAGE_SIZE);
      return ok(rows.map(presentOutbox), { total: await countOutbox(db), page, pageSize: PAGE_SIZE });
    },
  );

  r.get(
    '/api/v1/admin/audit',
    {
      schema: {
        summary: 'The hash-chained audit log, newest first, filterable by entity type',
        tags: TAGS,
        security,
        querystring: auditQuery,
        response: { 200: auditListResponse },
      },
    },
    async (request) => {
      requireRole(request.ctx, ['admin']);
      const page = request.query.page ?? 1;
      const entity = request.query.entity || undefined;
      const rows = await listAuditPage(db, { entityType: entity, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
      return ok(rows.map(presentAudit), { total: await countAudit(db, entity), page, pageSize: PAGE_SIZE });
    },
  );
}
