import type { Generated } from 'kysely';
export const FORUM_SECTORS = ['government', 'civil_society', 'academia', 'private', 'citizen'] as const;
export type ForumSector = (typeof FORUM_SECTORS)[number];

/** The forum's public rules (a single row, id = 1). */
export interface ForumRulesTable {
  id: number;
  body: string;
  updated_at: string;
}

export interface ForumMemberTable {
  id: string;
  /** Members sit on the forum in a public capacity; their names are published as OGP requires. */
  name: string;
  sector: ForumSector;
  organization_id: string | null;
  /** Free-text affiliation when the organisation is not in the register. */
  affiliation: string;
  role_title: string;
  /** How the member was selected (open call, nomination by a CSO network, ex officio, …). */
  selection_method: string;
  joined_on: string;
  left_on: string | null;
  is_example: number;
  created_at: string;
  updated_at: string;
  /** Edit version, bumped by every save (storage/versioned-update.ts). */
  edit_version: Generated<number>;
}

export interface ForumMeetingTable {
  id: string;
  plan_id: string | null;
  title: string;
  /** YYYY-MM-DD (local date in Kota Madiun). */
  meeting_date: string;
  location: string;
  agenda: string;
  attendance_government: number | null;
  attendance_civil_society: number | null;
  attendance_academia: number | null;
  attendance_private: number | null;
  attendance_citizen: number | null;
  minutes: string;
  decisions: string;
  is_example: number;
  created_at: string;
  updated_at: string;
  /** Edit version, bumped by every save (storage/versioned-update.ts). */
  edit_version: Generated<number>;
}

export interface ForumDocumentTable {
  id: string;
  meeting_id: string;
  title: string;
  kind: 'file' | 'link';
  url: string | null;
  file_name: string | null;
  media_type: string | null;
  size_bytes: number | null;
  sha256: string | null;
  /** Set by the server when the document is published and never edited: the proof of "shared in advance". */
  published_at: string;
  published_by: string | null;
}

/** This feature's tables in the schema Kysely sees (storage/schema.ts). */
declare module '../../storage/schema.js' {
  interface Database {
    forum_rules: ForumRulesTable;
    forum_members: ForumMemberTable;
    forum_meetings: ForumMeetingTable;
    forum_documents: ForumDocumentTable;
  }
}
