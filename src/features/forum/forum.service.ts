import type { Db } from '../../storage/database.js';
import type { Mailer } from '../mail/mail.service.js';
import { AppError } from '../../errors.js';
import { newId, nowIso } from '../../ids.js';
import type { Actor } from '../../actor/actor.js';
import { recordAudit } from '../audit/audit.service.js';
import { notifyFollowers } from '../notification/notification.service.js';
import { FORUM_SECTORS, type ForumDocumentTable, type ForumSector } from './forum.table.js';
import {
  findDocument,
  findMeeting,
  findMember,
  getRulesRow,
  listDocumentRows,
  listMeetingRows,
  listMemberRows,
} from './forum.repository.js';
import type { MeetingInput, MemberInput } from './forum.schema.js';
import type { Selectable } from 'kysely';
import { translator } from '../../i18n/i18n.js';
import { knownOrganizationIds } from '../organization/organization.repository.js';
import { updateVersioned } from '../../storage/versioned-update.js';

/** Notifications are stored as text in the site's default language. */
const tNotify = translator('id');

export const forumMeetingPath = (id: string) => `/forum/pertemuan/${encodeURIComponent(id)}`;

export async function getForum(db: Db) {
  const [rules, members, meetings] = await Promise.all([getRulesRow(db), listMemberRows(db), listMeetingRows(db)]);
  const documents = await listDocumentRows(
    db,
    meetings.map((m) => m.id),
  );
  const bySector = Object.fromEntries(
    FORUM_SECTORS.map((s) => [s, members.filter((m) => m.sector === s).length]),
  ) as Record<ForumSector, number>;
  return {
    rules,
    members,
    bySector,
    multiStakeholder: isMultiStakeholder(bySector),
    meetings: meetings.map((m) => ({ meeting: m, documents: documents.filter((d) => d.meeting_id === m.id) })),
  };
}

/** Government plus at least one non-government sector. */
export function isMultiStakeholder(bySector: Record<ForumSector, number>): boolean {
  return bySector.government > 0 && FORUM_SECTORS.some((s) => s !== 'government' && bySector[s] > 0);
}

export async function getMeeting(db: Db, id: string) {
  const meeting = await findMeeting(db, id);
  if (!meeting) throw new AppError('FORUM_MEETING_NOT_FOUND', 404, { id });
  return { meeting, documents: await listDocumentRows(db, [id]) };
}

export async function setRules(db: Db, actor: Actor, body: string): Promise<void> {
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

export async function createMember(db: Db, actor: Actor, input: MemberInput): Promise<string> {
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

export async function updateMember(db: Db, actor: Actor, id: string, input: MemberInput): Promise<void> {
  const before = await findMember(db, id);
  if (!before) throw new AppError('FORUM_MEMBER_NOT_FOUND', 404, { id });
  await checkOrganization(db, input.organizationId);
  await db.transaction().execute(async (trx) => {
    const after = { ...memberRow(input), updated_at: nowIso() };
    await trx.updateTable('forum_members').set(after).where('id', '=', id).execute();
    await recordAudit(trx, actor, {
      action: 'forum.member.update',
      entityType: 'forum_member',
      entityId: id,
      before,
      after,
    });
  });
}

async function checkPlan(db: Db, planId: string | null | undefined): Promise<void> {
  if (!planId) return;
  const plan = await db.selectFrom('plans').select('id').where('id', '=', planId).executeTakeFirst();
  if (!plan)
    throw new AppError('VALIDATION_FAILED', 422, { fields: [{ field: 'planId', message: 'forum.unknownPlan' }] });
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

export async function createMeeting(db: Db, actor: Actor, input: MeetingInput): Promise<string> {
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

/** Updates a meeting (agenda, attendance, minutes, decisions) and tells its followers. */
export async function updateMeeting(
  db: Db,
  mailer: Mailer,
  actor: Actor,
  id: string,
  input: MeetingInput,
  baseUrl?: string,
  /** The edit version the editor loaded; a save over a newer one is an EditConflict. */
  expectedVersion?: number,
): Promise<void> {
  const before = await findMeeting(db, id);
  if (!before) throw new AppError('FORUM_MEETING_NOT_FOUND', 404, { id });
  await checkPlan(db, input.planId);
  await db.transaction().execute(async (trx) => {
    const after = { ...meetingRow(input), updated_at: nowIso() };
    await updateVersioned(trx, 'forum_meetings', id, expectedVersion, after);
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
    title: input.title,
    body: tNotify('forum.notify.updated', { title: input.title, date: input.meetingDate }),
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
  actor: Actor,
  meetingId: string,
  doc: NewDocument,
  baseUrl?: string,
): Promise<Selectable<ForumDocumentTable>> {
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
    title: meeting.title,
    body: tNotify('forum.notify.document', { title: doc.title }),
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
