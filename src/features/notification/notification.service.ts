import type { Db, DbOrTrx } from '../../storage/database.js';
import type { Mailer } from '../mail/mail.service.js';
import { AppError } from '../../errors.js';
import { newId, nowIso } from '../../ids.js';
import { translator, type Locale } from '../../i18n/i18n.js';
import { describeFollows, followableExists, type Followables } from './followable.js';

export interface NotificationContent {
  title: string;
  body: string;
  /** Site-relative link to what changed (e.g. `/komitmen/IDMDN0001`). */
  url: string;
  /** The site's base URL, so e-mails carry an absolute link (pass `app.deps.config.baseUrl`). */
  baseUrl?: string;
}

export interface FollowersNotice extends NotificationContent {
  entityType: string;
  entityId: string;
  /** The person who made the change hears nothing about it. */
  excludeUserId?: string | null;
  /** Followers of these too (e.g. the plan a changed commitment belongs to); each person is told once. */
  alsoFollowersOf?: Array<{ entityType: string; entityId: string }>;
}

interface Recipient {
  id: string;
  email: string;
  locale: string;
  email_enabled: number | null;
}

async function deliver(db: Db, mailer: Mailer, users: Recipient[], content: NotificationContent): Promise<number> {
  if (!users.length) return 0;
  const createdAt = nowIso();
  await db
    .insertInto('notifications')
    .values(
      users.map((u) => ({
        id: newId(),
        user_id: u.id,
        title: content.title.slice(0, 300),
        body: content.body,
        url: content.url.slice(0, 500),
        created_at: createdAt,
        read_at: null,
      })),
    )
    .execute();
  const link =
    content.url.startsWith('/') && content.baseUrl ? content.baseUrl.replace(/\/$/, '') + content.url : content.url;
  for (const u of users) {
    if (u.email_enabled === 0) continue;
    const t = translator((u.locale === 'en' ? 'en' : 'id') as Locale);
    await mailer.send({
      to: u.email,
      subject: content.title,
      text: `${content.body}\n\n${link}\n\n--\n${t('notification.mailFooter')}`,
    });
  }
  return users.length;
}

function recipients(db: DbOrTrx) {
  return db
    .selectFrom('users')
    .leftJoin('notification_settings', 'notification_settings.user_id', 'users.id')
    .select(['users.id', 'users.email', 'users.locale', 'notification_settings.email_enabled'])
    .where('users.disabled', '=', 0);
}

/**
 * Tells everyone who follows the entity about a change: in-app always, by e-mail unless they
 * turned it off. Call it after the change's transaction has committed. Returns how many were told.
 */
export async function notifyFollowers(db: Db, mailer: Mailer, notice: FollowersNotice): Promise<number> {
  const targets = [{ entityType: notice.entityType, entityId: notice.entityId }, ...(notice.alsoFollowersOf ?? [])];
  let q = recipients(db).where('users.id', 'in', (eb) =>
    eb
      .selectFrom('follows')
      .select('follows.user_id')
      .where((w) =>
        w.or(
          targets.map((x) =>
            w.and([w('follows.entity_type', '=', x.entityType), w('follows.entity_id', '=', x.entityId)]),
          ),
        ),
      ),
  );
  if (notice.excludeUserId) q = q.where('users.id', '!=', notice.excludeUserId);
  return deliver(db, mailer, await q.execute(), notice);
}

/** One notification to one user (e.g. "your idea got a response"). */
export async function notifyUser(db: Db, mailer: Mailer, userId: string, content: NotificationContent): Promise<void> {
  await deliver(db, mailer, await recipients(db).where('users.id', '=', userId).execute(), content);
}

export async function follow(
  db: DbOrTrx,
  followables: Followables,
  userId: string,
  entityType: string,
  entityId: string,
): Promise<void> {
  if (!followables[entityType]) throw new AppError('FOLLOW_TYPE_UNKNOWN', 400, { entityType }, { type: entityType });
  if (!(await followableExists(db, followables, entityType, entityId)))
    throw new AppError('FOLLOW_TARGET_NOT_FOUND', 404, { entityType, entityId });
  await db
    .insertInto('follows')
    .values({ id: newId(), user_id: userId, entity_type: entityType, entity_id: entityId, created_at: nowIso() })
    .onConflict((oc) => oc.columns(['user_id', 'entity_type', 'entity_id']).doNothing())
    .execute();
}

export async function unfollow(db: DbOrTrx, userId: string, entityType: string, entityId: string): Promise<void> {
  await db
    .deleteFrom('follows')
    .where('user_id', '=', userId)
    .where('entity_type', '=', entityType)
    .where('entity_id', '=', entityId)
    .execute();
}

export async function isFollowing(
  db: DbOrTrx,
  userId: string | null | undefined,
  entityType: string,
  entityId: string,
): Promise<boolean> {
  if (!userId) return false;
  const row = await db
    .selectFrom('follows')
    .select('id')
    .where('user_id', '=', userId)
    .where('entity_type', '=', entityType)
    .where('entity_id', '=', entityId)
    .executeTakeFirst();
  return !!row;
}

/** What the user follows, newest first, each with its name and page (null when it no longer exists). */
export async function listFollows(db: DbOrTrx, followables: Followables, userId: string) {
  const rows = await db
    .selectFrom('follows')
    .select(['entity_type', 'entity_id', 'created_at'])
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .execute();
  const described = await describeFollows(db, followables, rows);
  return rows.map((r) => ({ ...r, target: described.get(`${r.entity_type}/${r.entity_id}`) ?? null }));
}

export function listNotifications(db: DbOrTrx, userId: string, options: { unreadOnly?: boolean; limit?: number } = {}) {
  let q = db
    .selectFrom('notifications')
    .select(['id', 'title', 'body', 'url', 'created_at', 'read_at'])
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(options.limit ?? 100);
  if (options.unreadOnly) q = q.where('read_at', 'is', null);
  return q.execute();
}

export async function countUnread(db: DbOrTrx, userId: string): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Marks the user's notifications read: the given ones, or all. Returns how many changed. */
export async function markRead(db: DbOrTrx, userId: string, ids?: string[]): Promise<number> {
  let q = db
    .updateTable('notifications')
    .set({ read_at: nowIso() })
    .where('user_id', '=', userId)
    .where('read_at', 'is', null);
  if (ids) {
    if (!ids.length) return 0;
    q = q.where('id', 'in', ids);
  }
  const result = await q.executeTakeFirst();
  return Number(result.numUpdatedRows ?? 0);
}

export async function emailEnabled(db: DbOrTrx, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('notification_settings')
    .select('email_enabled')
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row ? row.email_enabled === 1 : true;
}

export async function setEmailEnabled(db: DbOrTrx, userId: string, enabled: boolean): Promise<void> {
  const values = { user_id: userId, email_enabled: enabled ? 1 : 0, updated_at: nowIso() };
  await db
    .insertInto('notification_settings')
    .values(values)
    .onConflict((oc) =>
      oc.column('user_id').doUpdateSet({ email_enabled: values.email_enabled, updated_at: values.updated_at }),
    )
    .execute();
}
