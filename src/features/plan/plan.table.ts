import type { Generated } from 'kysely';

export const PLAN_STATUSES = ['draft', 'co-creation', 'submitted', 'implementation', 'closed'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

/** The jurisdiction's OGP Local membership (a single row, id = 1). */
export interface OgpProfileTable {
  id: number;
  jurisdiction_name: string;
  /** ISO dates (YYYY-MM-DD). */
  joined_on: string | null;
  launched_on: string | null;
  term_end_date: string | null;
  contact_name: string;
  contact_title: string;
  contact_organization_id: string | null;
  monitoring_organization_id: string | null;
  forum_name: string;
  forum_description: string;
  updated_at: string;
}

export interface PlanTable {
  id: string;
  title: string;
  /** The jurisdiction's action plan number (1 for the first plan). */
  plan_number: number;
  status: PlanStatus;
  period_start: string;
  period_end: string;
  /** End of the administration's term; defaults to the profile's. */
  term_end_date: string | null;
  /** Ideas received inside this window must all have a reasoned response before submission. */
  cocreation_start: string | null;
  cocreation_end: string | null;
  submitted_on: string | null;
  /** JSON array of organization ids. */
  lead_organization_ids: string;
  foreword: string;
  strategic_vision: string;
  engagement: string;
  /** Date non-government stakeholders endorsed the plan (required before submission). */
  endorsed_on: string | null;
  endorsement_note: string;
  /** Why the plan was closed before its period ended (required then, shown publicly). */
  early_closure_reason: string | null;
  is_example: number;
  /** English versions of the text fields: JSON `{"en": {title, foreword, …}}` (i18n/content-language.ts). */
  translations: Generated<string>;
  created_at: string;
  updated_at: string;
  /** Edit version, bumped by every save (storage/versioned-update.ts). */
  edit_version: Generated<number>;
}

/** This feature's tables in the schema Kysely sees (storage/schema.ts). */
declare module '../../storage/schema.js' {
  interface Database {
    ogp_profile: OgpProfileTable;
    plans: PlanTable;
  }
}
