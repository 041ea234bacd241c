import type { Db, DbOrTrx } from '../../storage/database.js';
import type { Mailer } from '../mail/mail.service.js';
import { AppError } from '../../errors.js';
import { newId, nowIso } from '../../ids.js';
import { translator, type Locale } from '../../i18n/i18n.js';
import { renderMessage, type MessageText, type StoredMessage } from './notification-message.js';
import { describeFollows, followableExists, type Followables } from './followable.js';

export interface NotificationContent {
  /** Message keys and params, rendered in each reader's language when read (notification-message.ts). */
  title: MessageText;
  body: MessageText;
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
  email_digest: number | null;
}

const localeOf = (u: Recipient): Locale => (u.locale === 'en' ? 'en' : 'id');

/**
 * Stores one notification per person (keys and params, plus the text in their language as it
 * read then) and mails those who did not turn e-mail off, in their language, with a footer that
 * says why they get it and where to change that.
 */
async function deliver(
  db: Db,
  mailer: Mailer,
  users: Array<Recipient & { reason: MessageText }>,
  content: NotificationContent,
): Promise<number> {
  if (!users.length) return 0;
  const createdAt = nowIso();
  const rendered = users.map((u) => {
    const locale = localeOf(u);
    const t = translator(locale);
    const message: StoredMessage = { title: content.title, body: content.body, reason: u.reason };
    return {
      user: u,
      t,
      title: renderMessage(t, locale, content.title),
      body: renderMessage(t, locale, content.body),
      reason: renderMessage(t, locale, u.reason),
      message,
    };
  });
  await db
    .insertInto('notifications')
    .values(
      rendered.map((r) => ({
        id: newId(),
        user_id: r.user.id,
        title: r.title.slice(0, 300),
        body: r.body,
        url: content.url.slice(0, 500),
        message: JSON.stringify(r.message),
        created_at: createdAt,
        read_at: null,
      })),
    )
    .execute();
  const base = content.baseUrl?.replace(/\/$/, '') ?? '';
  const link = content.url.startsWith('/') && base ? base + content.url : content.url;
  for (const r of rendered) {
    // Off, or gathered into the daily digest instead (notification-digest.ts).
    if (r.user.email_enabled === 0 || r.user.email_digest === 1) continue;
    const footer = r.t('notification.mailFooter', {
      reason: r.reason,
      settings: `${base}${NOTIFICATION_SETTINGS_PATH}`,
    });
    await mailer.send({ to: r.user.email, subject: r.title, text: `${r.body}\n\n${link}\n\n-- \n${footer}` });
  }
  return users.length;
}

/** Where a reader changes e-mail and follows (the notifications page's settings). */
export const NOTIFICATION_SETTINGS_PATH = '/notifikasi#pengaturan';

function recipients(db: DbOrTrx) {
  return db
    .selectFrom('users')
    .leftJoin('notification_settings', 'notification_settings.user_id', 'users.id')
    .select([
      'users.id',
      'users.email',
      'users.locale',
      'notification_settings.email_enabled',
      'notification_settings.email_digest',
    ])
    .where('users.disabled', '=', 0);
}

/**
 * Tells everyone who follows the entity about a change: in-app always, by e-mail unless they
 * turned it off. Call it after the change's transaction has committed. Returns how many were told.
 * Each person's reason names what they follow (the commitment itself, or its plan).
 */
export async function notifyFollowers(db: Db, mailer: Mailer, notice: FollowersNotice): Promise<number> {
  const targets = [{ entityType: notice.entityType, entityId: notice.entityId }, ...(notice.alsoFollowersOf ?? [])];
  const follows = () =>
    db
      .selectFrom('follows')
      .where((w) =>
        w.or(
          targets.map((x) =>
            w.and([w('follows.entity_type', '=', x.entityType), w('follows.entity_id', '=', x.entityId)]),
          ),
        ),
      );
  const matches = await follows().select(['follows.user_id', 'follows.entity_type', 'follows.entity_id']).execute();
  if (!matches.length) return 0;
  // The closest thing followed wins: the changed entity before the plan it belongs to.
  const followed = new Map<string, string>();
  for (const target of targets)
    for (const m of matches)
      if (m.entity_type === target.entityType && m.entity_id === target.entityId && !followed.has(m.user_id))
        followed.set(m.user_id, m.entity_type);
  // A subquery, not a list of ids: a much-followed plan stays one statement within parameter limits.
  let q = recipients(db).where('users.id', 'in', follows().select('follows.user_id'));
  if (notice.excludeUserId) q = q.where('users.id', '!=', notice.excludeUserId);
  const users = (await q.execute()).map((u) => ({
    ...u,
    reason: {
      key: 'notification.reason.follows',
      params: { what: { key: `follow.reason.${followed.get(u.id) ?? notice.entityType}` } },
    },
  }));
  return deliver(db, mailer, users, notice);
}

/** One notification to one user (e.g. "your idea got a response"), with why they get it. */
export async function notifyUser(
  db: Db,
  mailer: Mailer,
  userId: string,
  content: NotificationContent & { reason: MessageText },
): Promise<void> {
  const users = await recipients(db).where('users.id', '=', userId).execute();
  await deliver(
    db,
    mailer,
    users.map((u) => ({ ...u, reason: content.reason })),
    content,
  );
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
    .select(['id', 'title', 'body', 'url', 'message', 'created_at', 'read_at'])
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

export interface EmailSettings {
  emailEnabled: boolean;
  /** One digest a day instead of one mail per notification. */
  emailDigest: boolean;
}

export async function emailSettings(db: DbOrTrx, userId: string): Promise<EmailSettings> {
  const row = await db
    .selectFrom('notification_settings')
    .select(['email_enabled', 'email_digest'])
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return { emailEnabled: row ? row.email_enabled === 1 : true, emailDigest: row?.email_digest === 1 };
}

export async function setEmailSettings(db: DbOrTrx, userId: string, settings: EmailSettings): Promise<void> {
  const values = {
    user_id: userId,
    email_enabled: settings.emailEnabled ? 1 : 0,
    email_digest: settings.emailDigest ? 1 : 0,
    updated_at: nowIso(),
  };
  await db
    .insertInto('notification_settings')
    .values(values)
    .onConflict((oc) =>
      oc.column('user_id').doUpdateSet({
        email_enabled: values.email_enabled,
        email_digest: values.email_digest,
        updated_at: values.updated_at,
      }),
    )
    .execute();
}
