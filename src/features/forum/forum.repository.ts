import type { DbOrTrx } from '../../storage/database.js';

export const getRulesRow = (db: DbOrTrx) =>
  db.selectFrom('forum_rules').selectAll().where('id', '=', 1).executeTakeFirst();

export function listMemberRows(db: DbOrTrx, options: { includeFormer?: boolean } = {}) {
  let q = db
    .selectFrom('forum_members')
    .leftJoin('organizations', 'organizations.id', 'forum_members.organization_id')
    .selectAll('forum_members')
    .select(['organizations.name as organization_name', 'organizations.slug as organization_slug'])
    .orderBy('forum_members.sector')
    .orderBy('forum_members.name');
  if (!options.includeFormer) q = q.where('forum_members.left_on', 'is', null);
  return q.execute();
}

export const findMember = (db: DbOrTrx, id: string) =>
  db.selectFrom('forum_members').selectAll().where('id', '=', id).executeTakeFirst();

export function listMeetingRows(db: DbOrTrx, options: { planId?: string } = {}) {
  let q = db.selectFrom('forum_meetings').selectAll().orderBy('meeting_date', 'desc').orderBy('created_at', 'desc');
  if (options.planId) q = q.where('plan_id', '=', options.planId);
  return q.execute();
}

export const listMeetingTitles = (db: DbOrTrx, ids: string[]) =>
  ids.length
    ? db.selectFrom('forum_meetings').select(['id', 'title', 'meeting_date']).where('id', 'in', ids).execute()
    : Promise.resolve([]);

export const findMeeting = (db: DbOrTrx, id: string) =>
  db.selectFrom('forum_meetings').selectAll().where('id', '=', id).executeTakeFirst();

export function listDocumentRows(db: DbOrTrx, meetingIds: string[]) {
  if (!meetingIds.length) return Promise.resolve([]);
  return db
    .selectFrom('forum_documents')
    .selectAll()
    .where('meeting_id', 'in', meetingIds)
    .orderBy('published_at')
    .execute();
}

export const findDocument = (db: DbOrTrx, id: string) =>
  db.selectFrom('forum_documents').selectAll().where('id', '=', id).executeTakeFirst();
