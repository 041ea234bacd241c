import type { Generated } from 'kysely';

export const MILESTONE_STATUSES = ['not_started', 'in_progress', 'complete'] as const;
export type MilestoneStatus = (typeof MILESTONE_STATUSES)[number];
export const INSTITUTION_ROLES = ['lead', 'supporting'] as const;
export type InstitutionRole = (typeof INSTITUTION_ROLES)[number];

export interface CommitmentTable {
  id: string;
  plan_id: string;
  /** OGP-style identifier, e.g. IDMDN0001. */
  ogp_id: string;
  number: number;
  title: string;
  problem: string;
  status_quo: string;
  description: string;
  how_solves: string;
  ogp_relevance: string;
  value_access_info: number;
  value_access_info_why: string;
  value_civic_participation: number;
  value_civic_participation_why: string;
  value_public_accountability: number;
  value_public_accountability_why: string;
  value_technology: number;
  value_technology_why: string;
  policy_area: string;
  sector: string;
  /** YYYY-MM */
  start_month: string;
  end_month: string;
  budget_amount: number | null;
  budget_source: string;
  rpjmd_links: string;
  /** JSON array of SDG goal numbers (1–17). */
  sdg_goals: string;
  /** JSON array of Kemendagri kelurahan codes. */
  kelurahan_codes: string;
  is_example: number;
  /** English versions of the text fields: JSON `{"en": {title, problem, …}}` (i18n/content-language.ts). */
  translations: Generated<string>;
  created_at: string;
  updated_at: string;
  /** Edit version, bumped by every save (storage/versioned-update.ts). */
  edit_version: Generated<number>;
}

export interface CommitmentInstitutionTable {
  commitment_id: string;
  organization_id: string;
  role: InstitutionRole;
}

export interface MilestoneTable {
  id: string;
  commitment_id: string;
  position: number;
  activity: string;
  deliverable: string;
  start_date: string | null;
  end_date: string | null;
  responsible_organization_id: string | null;
  weight: number;
  status: MilestoneStatus;
  /** 0–100; 100 when complete, 0 when not started. */
  progress_percent: number;
  completed_on: string | null;
  created_at: string;
  updated_at: string;
  /** Edit version, bumped by every save (storage/versioned-update.ts). */
  edit_version: Generated<number>;
}

export interface EvidenceTable {
  id: string;
  milestone_id: string;
  commitment_id: string;
  kind: 'file' | 'link';
  title: string;
  url: string | null;
  file_name: string | null;
  media_type: string | null;
  size_bytes: number | null;
  sha256: string | null;
  evidence_date: string;
  visibility: 'public' | 'internal';
  uploaded_by: string | null;
  uploader_organization_id: string | null;
  created_at: string;
}

/** This feature's tables in the schema Kysely sees (storage/schema.ts). */
declare module '../../storage/schema.js' {
  interface Database {
    commitments: CommitmentTable;
    commitment_institutions: CommitmentInstitutionTable;
    milestones: MilestoneTable;
    evidence: EvidenceTable;
  }
}
