import type { EarlyResults, OpenedGovernment, Potential } from '../../rubric/irm-scales.js';

/** The monitoring body's inception assessment of a submitted plan (one per plan). */
export interface InceptionAssessmentTable {
  id: string;
  plan_id: string;
  forum_exists: number;
  forum_exists_note: string;
  cso_meeting: number;
  cso_meeting_note: string;
  info_shared: number;
  info_shared_note: string;
  page_updated: number;
  page_updated_note: string;
  endorsement: number;
  endorsement_note: string;
  summary: string;
  /** The due date in force when first published (null before, and for rows older than the column). */
  due_on: string | null;
  /** JSON list of the checks ticked "met" against the platform's records, with the monitor's confirmation. */
  confirmed_contradictions: string;
  published: number;
  submitted_by: string | null;
  submitted_at: string;
  published_at: string | null;
  updated_at: string;
}

/** The inception assessment of one commitment (IRM scales). */
export interface CommitmentAssessmentTable {
  id: string;
  commitment_id: string;
  verifiable: number;
  lens_access_info: number;
  lens_civic_participation: number;
  lens_public_accountability: number;
  /** Counts only on top of one of the three other lenses. */
  lens_technology: number;
  potential: Potential;
  note: string;
  submitted_by: string | null;
  updated_at: string;
}

export interface EndAssessmentTable {
  id: string;
  commitment_id: string;
  /** IRM completion scale (no_evidence … complete). */
  completion: string;
  /** "Did it open government" per value; null when the value was not part of the commitment. */
  og_access_info: OpenedGovernment | null;
  og_civic_participation: OpenedGovernment | null;
  og_public_accountability: OpenedGovernment | null;
  /** The IRM's current early-results rating; null on reviews filed before the indicator was added. */
  early_results: EarlyResults | null;
  /** Why the review was filed before the commitment's end date ('' when it was not). */
  before_end_reason: string;
  /** The due date in force when first published (null before, and for rows older than the column). */
  due_on: string | null;
  lessons: string;
  published: number;
  submitted_by: string | null;
  submitted_at: string;
  published_at: string | null;
  updated_at: string;
}

export interface EndAssessmentFileTable {
  id: string;
  assessment_id: string;
  file_name: string;
  media_type: string;
  size_bytes: number;
  sha256: string;
  created_at: string;
}

/** A periodic self-assessment report published by the government (staff). */
export interface SelfAssessmentTable {
  id: string;
  plan_id: string;
  period_start: string;
  period_end: string;
  title: string;
  body: string;
  created_by: string | null;
  published_at: string;
  updated_at: string;
}

/** This feature's tables in the schema Kysely sees (storage/schema.ts). */
declare module '../../storage/schema.js' {
  interface Database {
    inception_assessments: InceptionAssessmentTable;
    commitment_assessments: CommitmentAssessmentTable;
    end_assessments: EndAssessmentTable;
    end_assessment_files: EndAssessmentFileTable;
    self_assessments: SelfAssessmentTable;
  }
}
