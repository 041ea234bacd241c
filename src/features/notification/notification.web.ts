import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendPage, redirect } from '../../http/render.js';
import { requireUser } from '../../http/guards.js';
import { parseForm } from '../../http/forms.js';
import { AppError } from '../../errors.js';
import { safeNext } from '../../urls.js';
import {
  countUnread,
  emailSettings,
  follow,
  listFollows,
  listNotifications,
  markRead,
  setEmailSettings,
  unfollow,
} from './notification.service.js';
import { followSchemas } from './notification.schema.js';
import { renderNotifications, NOTIFICATIONS_PATH } from './notification.view.js';
import { FOLLOW_PATH } from './follow.view.js';

export async function notificationWeb(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = app.deps.db;
  const { followForm } = followSchemas(app.deps.followables);

  r.get(NOTIFICATIONS_PATH, async (request, reply) => {
    const user = requireUser(request.ctx);
    const [rows, unread, mail, follows] = await Promise.all([
      listNotifications(db, user.id),
      countUnread(db, user.id),
      emailSettings(db, user.id),
      listFollows(db, app.deps.followables, user.id),
    ]);
    return sendPage(request, reply, {
      title: request.ctx.t('notification.title'),
      main: renderNotifications(request.ctx, rows, unread, mail, follows),
      jsonUrl: '/api/v1/me/notifications',
    });
  });

  r.post(
    `${NOTIFICATIONS_PATH}/baca`,
    { schema: { body: z.object({ id: z.string().max(64).optional() }).passthrough() } },
    async (request, reply) => {
      const user = requireUser(request.ctx);
      await markRead(db, user.id, request.body.id ? [request.body.id] : undefined);
      return redirect(reply, NOTIFICATIONS_PATH);
    },
  );

  r.post(
    `${NOTIFICATIONS_PATH}/pengaturan`,
    {
      schema: {
        body: z.object({ emailEnabled: z.string().optional(), emailDigest: z.string().optional() }).passthrough(),
      },
    },
    async (request, reply) => {
      const user = requireUser(request.ctx);
      await setEmailSettings(db, user.id, {
        emailEnabled: request.body.emailEnabled === '1',
        emailDigest: request.body.emailDigest === '1',
      });
      return redirect(reply, NOTIFICATIONS_PATH);
    },
  );

  r.post(FOLLOW_PATH, async (request, reply) => {
    const user = requireUser(request.ctx);
    const parsed = parseForm(followForm, request.body);
    if (!parsed.ok) throw new AppError('VALIDATION_FAILED', 400, { fields: parsed.errors });
    const { entityType, entityId, action, next } = parsed.data;
    if (action === 'follow') await follow(db, app.deps.followables, user.id, entityType, entityId);
    else await unfollow(db, user.id, entityType, entityId);
    return redirect(reply, safeNext(next, NOTIFICATIONS_PATH));
  });
}
