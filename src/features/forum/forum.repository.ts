import type { DbOrTrx } from '../../storage/database.js';

/** The forum's rules row; the example forum (`seed --demo`) keeps its own rules in row 2. */
export const FORUM_RULES_ID = 1;
export const EXAMPLE_FORUM_RULES_ID = 2;

export const getRulesRow = (db: DbOrTrx, id = FORUM_RULES_ID) =>
  db.selectFrom('forum_rules').selectAll().where('id', '=', id).executeTakeFirst();

/** `example` true: only example records; false: only real ones; absent: both (a lookup by id). */
interface ExampleFilter {
  example?: boolean;
}

/** Members with their organisation's name and slug (the public list and one member's JSON). */
const memberRows = (db: DbOrTrx) =>
  db
    .selectFrom('forum_members')
    .leftJoin('organizations', 'organizations.id', 'forum_members.organization_id')
    .selectAll('forum_members')
    .select(['organizations.name as organization_name', 'organizations.slug as organization_slug']);

export function listMemberRows(db: DbOrTrx, options: { includeFormer?: boolean } & ExampleFilter = {}) {
  let q = memberRows(db).orderBy('forum_members.sector').orderBy('forum_members.name');
  if (!options.includeFormer) q = q.where('forum_members.left_on', 'is', null);
  if (options.example !== undefined) q = q.where('forum_members.is_example', '=', options.example ? 1 : 0);
  return q.execute();
}

export const findMember = (db: DbOrTrx, id: string) =>
  db.selectFrom('forum_members').selectAll().where('id', '=', id).executeTakeFirst();

export const findMemberRow = (db: DbOrTrx, id: string) =>
  memberRows(db).where('forum_members.id', '=', id).executeTakeFirst();

export function listMeetingRows(db: DbOrTrx, options: { planId?: string } & ExampleFilter = {}) {
  let q = db.selectFrom('forum_meetings').selectAll().orderBy('meeting_date', 'desc').orderBy('created_at', 'desc');
  if (options.planId) q = q.where('plan_id', '=', options.planId);
  if (options.example !== undefined) q = q.where('is_example', '=', options.example ? 1 : 0);
  return q.execute();
}

export const listMeetingTitles = (db: DbOrTrx, ids: string[]) =>
  ids.length
    ? db.selectFrom('forum_meetings').select(['id', 'title', 'meeting_date']).where('id', 'in', ids).execute()
    : Promise.resolve([]);
/** Real (not example) forum members and meetings: `seed --demo` refuses to mix into an instance with any. */
export async function countRealForumRecords(db: DbOrTrx): Promise<{ members: number; meetings: number }> {
  const count = async (table: 'forum_members' | 'forum_meetings') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('is_example', '=', 0)
          .executeTakeFirst()
      )?.n ?? 0,
    );
  return { members: await count('forum_members'), meetings: await count('forum_meetings') };
}

/** Whether the example forum has anything to show (the forum page then links to it). */
export async function hasExampleForum(db: DbOrTrx): Promise<boolean> {
  return !!(await db.selectFrom('forum_members').select('id').where('is_example', '=', 1).executeTakeFirst());
}

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
