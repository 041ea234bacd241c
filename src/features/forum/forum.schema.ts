import { z } from 'zod';
import { uuid } from '../../http/envelope.js';
import { FORUM_SECTORS } from './forum.table.js';
import { correctionReasonField, dateCorrectionJson } from '../correction/correction.schema.js';

const isoDate = z.iso.date();
const count = z.number().int().min(0).max(100000).nullable().optional();
const longText = z.string().max(20000);

export const memberInput = z
  .object({
    name: z.string().trim().min(2).max(200),
    sector: z.enum(FORUM_SECTORS).describe('government, civil_society, academia, private or citizen'),
    organizationId: uuid.nullable().optional().describe('Organisation in the register, if any'),
    affiliation: z.string().max(300).default('').describe('Free-text affiliation'),
    roleTitle: z.string().max(200).default('').describe('Role in the forum, e.g. co-chair'),
    selectionMethod: z.string().trim().min(3).max(2000).describe('How the member was selected'),
    joinedOn: isoDate,
    leftOn: isoDate.nullable().optional(),
  })
  .refine((m) => !m.leftOn || m.leftOn >= m.joinedOn, { path: ['leftOn'], message: 'validation.dateOrder' });
export type MemberInput = z.infer<typeof memberInput>;

export const rulesInput = z.object({
  body: z.string().trim().min(10).max(50000).describe("The forum's public rules (plain text)"),
});

const meetingFields = {
  planId: uuid.nullable().optional().describe('The action plan this meeting is about'),
  title: z.string().trim().min(3).max(300),
  meetingDate: isoDate.describe('Local date of the meeting'),
  location: z.string().max(300).default(''),
  agenda: longText.default(''),
  attendanceGovernment: count,
  attendanceCivilSociety: count,
  attendanceAcademia: count,
  attendancePrivate: count,
  attendanceCitizen: count,
  minutes: longText.default(''),
  decisions: longText.default(''),
  dateCorrectionReason: correctionReasonField,
};
export const meetingInput = z.object(meetingFields);
export type MeetingInput = z.infer<typeof meetingInput>;

export const documentLinkInput = z.object({
  title: z.string().trim().min(3).max(300),
  url: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .describe('http(s) link to the document'),
});

const sectorCounts = z.object(
  Object.fromEntries(FORUM_SECTORS.map((s) => [s, z.number().nullable()])) as Record<
    (typeof FORUM_SECTORS)[number],
    z.ZodNullable<z.ZodNumber>
  >,
);

export const memberJson = z.object({
  id: z.string(),
  name: z.string(),
  sector: z.enum(FORUM_SECTORS),
  organization: z.object({ id: z.string(), name: z.string() }).nullable(),
  affiliation: z.string(),
  roleTitle: z.string(),
  selectionMethod: z.string(),
  joinedOn: z.string(),
  leftOn: z.string().nullable(),
  isExample: z.boolean(),
  version: z.number().int().describe('Edit version; the ETag of GET /api/v1/forum/members/{id}'),
});
export const documentJson = z.object({
  id: z.string(),
  title: z.string(),
  kind: z.enum(['file', 'link']),
  url: z.string(),
  fileName: z.string().nullable(),
  mediaType: z.string().nullable(),
  sizeBytes: z.number().nullable(),
  sha256: z.string().nullable(),
  publishedAt: z.string(),
  daysBeforeMeeting: z.number().describe('Days published before the meeting (negative: after it)'),
  sharedInAdvance: z.boolean(),
});
export const meetingJson = z.object({
  id: z.string(),
  version: z.number().int().describe('Edit version; the ETag of GET /api/v1/forum/meetings/{id}'),
  planId: z.string().nullable(),
  title: z.string(),
  meetingDate: z.string(),
  location: z.string(),
  agenda: z.string(),
  attendance: sectorCounts.extend({ total: z.number() }),
  minutes: z.string(),
  decisions: z.string(),
  sharedInAdvance: z
    .boolean()
    .describe('At least one document was published a day or more before the meeting (its original date)'),
  advanceJudgedAgainst: z
    .string()
    .describe('The date "shared in advance" is judged against: the original meeting date'),
  dateCorrections: z.array(dateCorrectionJson),
  documents: z.array(documentJson),
  isExample: z.boolean(),
  url: z.string(),
});
export const forumJson = z.object({
  isExample: z.boolean().describe('The example forum of `seed --demo` (true) or the real forum (false)'),
  rules: z.string(),
  rulesUpdatedAt: z.string().nullable(),
  members: z.array(memberJson),
  membersBySector: z.record(z.string(), z.number()),
  multiStakeholder: z.boolean().describe('Government and at least one non-government sector sit on the forum'),
  meetings: z.array(meetingJson),
});
