import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser } from '../../http/guards.js';
import {
  countUnread,
  emailSettings,
  follow,
  isFollowing,
  listFollows,
  listNotifications,
  markRead,
  setEmailSettings,
  unfollow,
} from './notification.service.js';
import { presentNotification } from './notification.presenter.js';
import {
  followJson,
  followSchemas,
  markReadBody,
  notificationsQuery,
  notificationsResponse,
  settingsBody,
} from './notification.schema.js';
import { putBody } from '../../http/representations.js';
import { ok, okSchema } from '../../http/envelope.js';

const TAGS = ['action-plan'];

export async function notificationApi(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = app.deps.db;
  const { followBody } = followSchemas(app.deps.followables);

  r.get(
    '/api/v1/me/notifications',
    {
      schema: {
        summary: 'My notifications (newest first) with the unread count',
        tags: TAGS,
        security: [{ bearer: [] }],
        querystring: notificationsQuery,
        response: { 200: notificationsResponse },
      },
    },
    async (request) => {
      const user = requireUser(request.ctx);
      const [rows, unread, mail] = await Promise.all([
        listNotifications(db, user.id, { unreadOnly: request.query.unread === 'true' }),
        countUnread(db, user.id),
        emailSettings(db, user.id),
      ]);
      const { t, locale } = request.ctx;
      return ok(
        rows.map((n) => presentNotification(t, locale, n)),
        { unread, ...mail },
      );
    },
  );

  r.post(
    '/api/v1/me/notifications/read',
    {
      schema: {
        summary: 'Mark my notifications read (the given ids, or all)',
        tags: TAGS,
        security: [{ bearer: [] }],
        body: markReadBody,
        response: { 200: okSchema(z.object({ marked: z.number(), unread: z.number() })) },
      },
    },
    async (request) => {
      const user = requireUser(request.ctx);
      const marked = await markRead(db, user.id, request.body?.ids);
      return ok({ marked, unread: await countUnread(db, user.id) });
    },
  );

  r.put(
    '/api/v1/me/notification-settings',
    {
      schema: {
        summary: 'Turn notification e-mails on or off (on by default), one per notification or one digest a day',
        tags: TAGS,
        security: [{ bearer: [] }],
        body: putBody(settingsBody),
        response: { 200: okSchema(settingsBody) },
      },
    },
    async (request) => {
      const user = requireUser(request.ctx);
      await setEmailSettings(db, user.id, request.body);
      return ok(await emailSettings(db, user.id));
    },
  );

  r.get(
    '/api/v1/me/follows',
    {
      schema: {
        summary: 'What I follow',
        tags: TAGS,
        security: [{ bearer: [] }],
        response: { 200: okSchema(z.array(followJson)) },
      },
    },
    async (request) => {
      const user = requireUser(request.ctx);
      const rows = await listFollows(db, app.deps.followables, user.id);
      return ok(
        rows.map((f) => ({
          entityType: f.entity_type,
          entityId: f.entity_id,
          label: f.target?.label ?? null,
          url: f.target?.url ?? null,
          createdAt: f.created_at,
        })),
      );
    },
  );

  r.post(
    '/api/v1/follows',
    {
      schema: {
        summary:
          'Follow (or with follow:false, unfollow) a plan, commitment or forum meeting to be notified of changes',
        tags: TAGS,
        security: [{ bearer: [] }],
        body: followBody,
        response: { 200: okSchema(z.object({ entityType: z.string(), entityId: z.string(), following: z.boolean() })) },
      },
    },
    async (request) => {
      const user = requireUser(request.ctx);
      const { entityType, entityId } = request.body;
      if (request.body.follow) await follow(db, app.deps.followables, user.id, entityType, entityId);
      else await unfollow(db, user.id, entityType, entityId);
      return ok({ entityType, entityId, following: await isFollowing(db, user.id, entityType, entityId) });
    },
  );
}
