import type { Db } from '../../storage/database.js';
import type { Mailer } from '../mail/mail.service.js';
import { AppError } from '../../errors.js';
import { newId, nowIso } from '../../ids.js';
import { actorOf, type CurrentUser } from '../../actor/actor.js';
import { requireForumManager, requireForumRulesEditor } from './forum.policy.js';
import { recordAudit } from '../audit/audit.service.js';
import { notifyFollowers } from '../notification/notification.service.js';
import { FORUM_SECTORS, type ForumDocumentTable, type ForumSector } from './forum.table.js';
import {
  EXAMPLE_FORUM_RULES_ID,
  FORUM_RULES_ID,
  findDocument,
  findMeeting,
  findMember,
  findMemberRow,
  getRulesRow,
  listDocumentRows,
  listMeetingRows,
  listMemberRows,
} from './forum.repository.js';
import type { MeetingInput, MemberInput } from './forum.schema.js';
import type { Selectable } from 'kysely';
import { knownOrganizationIds } from '../organization/organization.repository.js';
import {
  correctionsOf,
  listCorrections,
  originalValueOf,
  recordDateCorrection,
  requireCorrectionReason,
  type DateCorrection,
} from '../correction/correction.service.js';
import { updateVersioned } from '../../storage/versioned-update.js';

/** A meeting with documents or minutes has its date locked: "shared in advance" depends on it. */
export const meetingDateLocked = (meeting: { minutes: string }, documentCount: number) =>
  meeting.minutes.trim() !== '' || documentCount > 0;

/** The correction record's entity type and field for a meeting's date. */
const MEETING_DATE = { entityType: 'forum_meeting', field: 'meeting_date' } as const;

type MeetingRow = NonNullable<Awaited<ReturnType<typeof findMeeting>>>;

/** A meeting with what its public claims need: documents, date corrections, and the date "in advance" is judged against. */
function withAdvanceDate(meeting: MeetingRow, documents: Selectable<ForumDocumentTable>[], all: DateCorrection[]) {
  const corrections = correctionsOf(all, meeting.id);
  const advanceDate = originalValueOf(corrections, meeting.id, MEETING_DATE.field, meeting.meeting_date) ?? '';
  return { meeting, documents, corrections, advanceDate };
}

export const forumMeetingPath = (id: string) => `/forum/pertemuan/${encodeURIComponent(id)}`;

/**
 * The real forum, or (`example: true`) the example forum that `seed --demo` fills: the two never
 * mix, so example members and meetings are never counted in the real forum's figures or checks.
 */
export async function getForum(db: Db, options: { example?: boolean } = {}) {
  const example = options.example ?? false;
  const [rules, members, meetings] = await Promise.all([
    getRulesRow(db, example ? EXAMPLE_FORUM_RULES_ID : FORUM_RULES_ID),
    listMemberRows(db, { example }),
    listMeetingRows(db, { example }),
  ]);
  const ids = meetings.map((m) => m.id);
  const documents = await listDocumentRows(db, ids);
  const corrections = await listCorrections(db, MEETING_DATE.entityType, ids);
  const bySector = Object.fromEntries(
    FORUM_SECTORS.map((s) => [s, members.filter((m) => m.sector === s).length]),
  ) as Record<ForumSector, number>;
  return {
    example,
    rules,
    members,
    bySector,
    multiStakeholder: isMultiStakeholder(bySector),
    meetings: meetings.map((m) =>
      withAdvanceDate(
        m,
        documents.filter((d) => d.meeting_id === m.id),
        corrections,
      ),
    ),
  };
}

/** Government plus at least one non-government sector. */
export function isMultiStakeholder(bySector: Record<ForumSector, number>): boolean {
  return bySector.government > 0 && FORUM_SECTORS.some((s) => s !== 'government' && bySector[s] > 0);
}

export async function getMeeting(db: Db, id: string) {
  const meeting = await findMeeting(db, id);
  if (!meeting) throw new AppError('FORUM_MEETING_NOT_FOUND', 404, { id });
  return withAdvanceDate(
    meeting,
    await listDocumentRows(db, [id]),
    await listCorrections(db, MEETING_DATE.entityType, [id]),
  );
}

export async function setRules(db: Db, user: CurrentUser | null, body: string): Promise<void> {
  const actor = actorOf(requireForumRulesEditor(user), 'anonymous');
  await db.transaction().execute(async (trx) => {
    const before = await getRulesRow(trx);
    const row = { id: 1, body, updated_at: nowIso() };
    if (before)
      await trx.updateTable('forum_rules').set({ body, updated_at: row.updated_at }).where('id', '=', 1).execute();
    else await trx.insertInto('forum_rules').values(row).execute();
    await recordAudit(trx, actor, {
      action: 'forum.rules.update',
      entityType: 'forum_rules',
      entityId: '1',
      before: before?.body ?? null,
      after: body,
    });
  });
}

async function checkOrganization(db: Db, organizationId: string | null | undefined): Promise<void> {
  if (!organizationId) return;
  if (!(await knownOrganizationIds(db, [organizationId])).size)
    throw new AppError('VALIDATION_FAILED', 422, {
      fields: [{ field: 'organizationId', message: 'forum.unknownOrganization' }],
    });
}

const memberRow = (input: MemberInput) => ({
  name: input.name,
  sector: input.sector,
  organization_id: input.organizationId ?? null,
  affiliation: input.affiliation,
  role_title: input.roleTitle,
  selection_method: input.selectionMethod,
  joined_on: input.joinedOn,
  left_on: input.leftOn ?? null,
});

export async function createMember(db: Db, user: CurrentUser | null, input: MemberInput): Promise<string> {
  const actor = actorOf(requireForumManager(user), 'anonymous');
  await checkOrganization(db, input.organizationId);
  const id = newId();
  const now = nowIso();
  await db.transaction().execute(async (trx) => {
    const row = { id, ...memberRow(input), is_example: 0, created_at: now, updated_at: now };
    await trx.insertInto('forum_members').values(row).execute();
    await recordAudit(trx, actor, {
      action: 'forum.member.create',
      entityType: 'forum_member',
      entityId: id,
      after: row,
    });
  });
  return id;
}

/** One member (current or former, real or example) with their organisation's name; 404 when unknown. */
export async function getMember(db: Db, id: string) {
  const member = await findMemberRow(db, id);
  if (!member) throw new AppError('FORUM_MEMBER_NOT_FOUND', 404, { id });
  return member;
}

export async function updateMember(
  db: Db,
  user: CurrentUser | null,
  id: string,
  input: MemberInput,
  /** The edit version the editor loaded; a save over a newer one is an EditConflict. */
  expectedVersion?: number,
): Promise<void> {
  const actor = actorOf(requireForumManager(user), 'anonymous');
  const before = await findMember(db, id);
  if (!before) throw new AppError('FORUM_MEMBER_NOT_FOUND', 404, { id });
  await checkOrganization(db, input.organizationId);
  await db.transaction().execute(async (trx) => {
    const after = { ...memberRow(input), updated_at: nowIso() };
    await updateVersioned(trx, 'forum_members', id, expectedVersion, after);
    await recordAudit(trx, actor, {
      action: 'forum.member.update',
      entityType: 'forum_member',
      entityId: id,
      before,
      after,
    });
  });
}

/** The meeting's plan exists and is as real as the meeting: example meetings only on example plans and back. */
async function checkPlan(db: Db, planId: string | null | undefined, meetingIsExample = false): Promise<void> {
  if (!planId) return;
  const plan = await db.selectFrom('plans').select(['id', 'is_example']).where('id', '=', planId).executeTakeFirst();
  if (!plan)
    throw new AppError('VALIDATION_FAILED', 422, { fields: [{ field: 'planId', message: 'forum.unknownPlan' }] });
  // A real meeting would otherwise count towards an example plan (and the example's towards a real one).
  if (plan.is_example !== (meetingIsExample ? 1 : 0))
    throw new AppError('VALIDATION_FAILED', 422, { fields: [{ field: 'planId', message: 'forum.examplePlan' }] });
}

const meetingRow = (input: MeetingInput) => ({
  plan_id: input.planId ?? null,
  title: input.title,
  meeting_date: input.meetingDate,
  location: input.location,
  agenda: input.agenda,
  attendance_government: input.attendanceGovernment ?? null,
  attendance_civil_society: input.attendanceCivilSociety ?? null,
  attendance_academia: input.attendanceAcademia ?? null,
  attendance_private: input.attendancePrivate ?? null,
  attendance_citizen: input.attendanceCitizen ?? null,
  minutes: input.minutes,
  decisions: input.decisions,
});

export async function createMeeting(db: Db, user: CurrentUser | null, input: MeetingInput): Promise<string> {
  const actor = actorOf(requireForumManager(user), 'anonymous');
  await checkPlan(db, input.planId);
  const id = newId();
  const now = nowIso();
  await db.transaction().execute(async (trx) => {
    const row = { id, ...meetingRow(input), is_example: 0, created_at: now, updated_at: now };
    await trx.insertInto('forum_meetings').values(row).execute();
    await recordAudit(trx, actor, {
      action: 'forum.meeting.create',
      entityType: 'forum_meeting',
      entityId: id,
      after: row,
    });
  });
  return id;
}

/**
 * Updates a meeting (agenda, attendance, minutes, decisions) and tells its followers. Once the
 * meeting has documents or minutes its date is locked: moving it would change what "shared in
 * advance" says, so a new date needs a reason and is recorded as a public correction.
 */
export async function updateMeeting(
  db: Db,
  mailer: Mailer,
  user: CurrentUser | null,
  id: string,
  input: MeetingInput,
  baseUrl?: string,
  /** The edit version the editor loaded; a save over a newer one is an EditConflict. */
  expectedVersion?: number,
): Promise<void> {
  const actor = actorOf(requireForumManager(user), 'anonymous');
  const before = await findMeeting(db, id);
  if (!before) throw new AppError('FORUM_MEETING_NOT_FOUND', 404, { id });
  await checkPlan(db, input.planId, before.is_example === 1);
  const moved = input.meetingDate !== before.meeting_date;
  const locked = moved && meetingDateLocked(before, (await listDocumentRows(db, [id])).length);
  const reason = locked ? requireCorrectionReason(input.dateCorrectionReason) : null;
  await db.transaction().execute(async (trx) => {
    const after = { ...meetingRow(input), updated_at: nowIso() };
    await updateVersioned(trx, 'forum_meetings', id, expectedVersion, after);
    if (reason)
      await recordDateCorrection(trx, actor, ['forum'], {
        ...MEETING_DATE,
        entityId: id,
        originalValue: before.meeting_date,
        newValue: input.meetingDate,
        reason,
      });
    await recordAudit(trx, actor, {
      action: 'forum.meeting.update',
      entityType: 'forum_meeting',
      entityId: id,
      before,
      after,
    });
  });
  await notifyFollowers(db, mailer, {
    entityType: 'forum_meeting',
    entityId: id,
    title: { key: 'notification.plain', params: { text: input.title } },
    body: { key: 'forum.notify.updated', params: { title: input.title, date: input.meetingDate } },
    url: forumMeetingPath(id),
    excludeUserId: actor.id,
    baseUrl,
  });
}

export type NewDocument =
  | { kind: 'link'; title: string; url: string }
  | { kind: 'file'; title: string; fileName: string; mediaType: string; sizeBytes: number; sha256: string };

/** Publishes a document for a meeting; the server's clock sets published_at, which cannot be edited later. */
export async function addDocument(
  db: Db,
  mailer: Mailer,
  user: CurrentUser | null,
  meetingId: string,
  doc: NewDocument,
  baseUrl?: string,
): Promise<Selectable<ForumDocumentTable>> {
  const actor = actorOf(requireForumManager(user), 'anonymous');
  const meeting = await findMeeting(db, meetingId);
  if (!meeting) throw new AppError('FORUM_MEETING_NOT_FOUND', 404, { id: meetingId });
  const id = newId();
  const row: Selectable<ForumDocumentTable> = {
    id,
    meeting_id: meetingId,
    title: doc.title,
    kind: doc.kind,
    url: doc.kind === 'link' ? doc.url : null,
    file_name: doc.kind === 'file' ? doc.fileName : null,
    media_type: doc.kind === 'file' ? doc.mediaType : null,
    size_bytes: doc.kind === 'file' ? doc.sizeBytes : null,
    sha256: doc.kind === 'file' ? doc.sha256 : null,
    published_at: nowIso(),
    published_by: actor.id,
  };
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('forum_documents').values(row).execute();
    await trx.updateTable('forum_meetings').set({ updated_at: row.published_at }).where('id', '=', meetingId).execute();
    await recordAudit(trx, actor, {
      action: 'forum.document.publish',
      entityType: 'forum_meeting',
      entityId: meetingId,
      after: row,
    });
  });
  await notifyFollowers(db, mailer, {
    entityType: 'forum_meeting',
    entityId: meetingId,
    title: { key: 'notification.plain', params: { text: meeting.title } },
    body: { key: 'forum.notify.document', params: { title: doc.title } },
    url: forumMeetingPath(meetingId),
    excludeUserId: actor.id,
    baseUrl,
  });
  return row;
}

export async function getDocument(db: Db, id: string) {
  const doc = await findDocument(db, id);
  if (!doc) throw new AppError('FORUM_DOCUMENT_NOT_FOUND', 404, { id });
  return doc;
}
