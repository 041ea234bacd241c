import type { Selectable } from 'kysely';
import type { ForumDocumentTable, ForumMeetingTable } from './forum.table.js';
import { FORUM_SECTORS } from './forum.table.js';
import type { listMemberRows } from './forum.repository.js';
import { sharedAdvance, meetingSharedInAdvance } from './forum.advance.js';
import { forumMeetingPath, type getForum, type getMeeting } from './forum.service.js';
import { presentCorrection } from '../correction/correction.presenter.js';

type MemberRow = Awaited<ReturnType<typeof listMemberRows>>[number];
type MeetingRow = Selectable<ForumMeetingTable>;
type DocumentRow = Selectable<ForumDocumentTable>;
type MeetingData = Awaited<ReturnType<typeof getMeeting>>;

export const forumDocumentFilePath = (id: string) => `/forum/dokumen/${encodeURIComponent(id)}/berkas`;

export function presentMember(m: MemberRow) {
  return {
    id: m.id,
    name: m.name,
    sector: m.sector,
    organization:
      m.organization_id && m.organization_name ? { id: m.organization_id, name: m.organization_name } : null,
    affiliation: m.affiliation,
    roleTitle: m.role_title,
    selectionMethod: m.selection_method,
    joinedOn: m.joined_on,
    leftOn: m.left_on,
    isExample: m.is_example === 1,
    version: m.edit_version,
  };
}

/** A member in the shape its form and PUT body take (the edit form, PATCH's base). */
export function memberValues(m: Omit<MemberRow, 'organization_slug' | 'organization_name'>) {
  return {
    name: m.name,
    sector: m.sector,
    organizationId: m.organization_id,
    affiliation: m.affiliation,
    roleTitle: m.role_title,
    selectionMethod: m.selection_method,
    joinedOn: m.joined_on,
    leftOn: m.left_on,
  };
}

export function attendanceOf(m: MeetingRow) {
  const counts = {
    government: m.attendance_government,
    civil_society: m.attendance_civil_society,
    academia: m.attendance_academia,
    private: m.attendance_private,
    citizen: m.attendance_citizen,
  };
  return { ...counts, total: FORUM_SECTORS.reduce((s, k) => s + (counts[k] ?? 0), 0) };
}

/** `advanceDate`: the meeting's original date (before any correction), which "shared in advance" is judged against. */
export function presentDocument(advanceDate: string, d: DocumentRow) {
  const advance = sharedAdvance(advanceDate, d.published_at);
  return {
    id: d.id,
    title: d.title,
    kind: d.kind,
    url: d.kind === 'link' ? (d.url ?? '') : forumDocumentFilePath(d.id),
    fileName: d.file_name,
    mediaType: d.media_type,
    sizeBytes: d.size_bytes,
    sha256: d.sha256,
    publishedAt: d.published_at,
    daysBeforeMeeting: advance.daysBefore,
    sharedInAdvance: advance.daysBefore >= 1,
  };
}

/** A meeting in the shape its form and PUT body take (the edit form, PATCH's base, the conflict diff). */
export function meetingValues(m: MeetingRow) {
  return {
    title: m.title,
    meetingDate: m.meeting_date,
    planId: m.plan_id,
    location: m.location,
    agenda: m.agenda,
    attendanceGovernment: m.attendance_government,
    attendanceCivilSociety: m.attendance_civil_society,
    attendanceAcademia: m.attendance_academia,
    attendancePrivate: m.attendance_private,
    attendanceCitizen: m.attendance_citizen,
    minutes: m.minutes,
    decisions: m.decisions,
  };
}

export function presentMeeting({ meeting, documents, corrections, advanceDate }: MeetingData) {
  return {
    id: meeting.id,
    version: meeting.edit_version,
    planId: meeting.plan_id,
    title: meeting.title,
    meetingDate: meeting.meeting_date,
    location: meeting.location,
    agenda: meeting.agenda,
    attendance: attendanceOf(meeting),
    minutes: meeting.minutes,
    decisions: meeting.decisions,
    sharedInAdvance: meetingSharedInAdvance(
      advanceDate,
      documents.map((d) => d.published_at),
    ),
    advanceJudgedAgainst: advanceDate,
    dateCorrections: corrections.map((c) => presentCorrection(c, 'meetingDate')),
    documents: documents.map((d) => presentDocument(advanceDate, d)),
    isExample: meeting.is_example === 1,
    url: forumMeetingPath(meeting.id),
  };
}

/** The forum (real, or the example forum) as its JSON twin. */
export function presentForum(forum: Awaited<ReturnType<typeof getForum>>) {
  return {
    isExample: forum.example,
    rules: forum.rules?.body ?? '',
    rulesUpdatedAt: forum.rules?.updated_at ?? null,
    members: forum.members.map(presentMember),
    membersBySector: forum.bySector,
    multiStakeholder: forum.multiStakeholder,
    meetings: forum.meetings.map((m) => presentMeeting(m)),
  };
}
