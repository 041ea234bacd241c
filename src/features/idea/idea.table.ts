import type { Generated } from 'kysely';

export const IDEA_CHANNELS = ['online', 'anonymous', 'offline'] as const;
export type IdeaChannel = (typeof IDEA_CHANNELS)[number];
export const IDEA_MODERATION = ['pending', 'approved', 'rejected'] as const;
export type IdeaModeration = (typeof IDEA_MODERATION)[number];
export const RESPONSE_KINDS = ['adopted', 'merged', 'not_adopted'] as const;
export type ResponseKind = (typeof RESPONSE_KINDS)[number];

export interface IdeaTable {
  id: string;
  plan_id: string;
  title: string;
  body: string;
  theme: string;
  wilayah_kode: string | null;
  channel: IdeaChannel;
  /** Where an offline idea was raised (Musrenbang, workshop, announcement…). */
  source_label: string;
  author_user_id: string | null;
  recorded_by: string | null;
  moderation: IdeaModeration;
  moderated_by: string | null;
  moderated_at: string | null;
  received_on: string;
  response_kind: ResponseKind | null;
  response_reason: string | null;
  responder_name: string | null;
  responder_title: string | null;
  /** The responder's organisation, from the account's grant for the plan (null for old free-text answers). */
  responder_organization_id: Generated<string | null>;
  /** 1 when name and organisation come from the responding account; 0 for answers typed before that. */
  responder_from_account: Generated<number>;
  /** English version of the response: JSON `{"en": {"reason": …}}` (i18n/content-language.ts). */
  response_translations: Generated<string>;
  /** sha256 of an anonymous idea's tracking link token; the token itself is never stored. */
  tracking_token_hash: Generated<string | null>;
  responded_by: string | null;
  responded_at: string | null;
  created_at: string;
  updated_at: string;
}

/** The trail from citizen input to commitment. */
export interface IdeaCommitmentTable {
  idea_id: string;
  commitment_id: string;
  created_at: string;
}

/** This feature's tables in the schema Kysely sees (storage/schema.ts). */
declare module '../../storage/schema.js' {
  interface Database {
    ideas: IdeaTable;
    idea_commitments: IdeaCommitmentTable;
  }
}
