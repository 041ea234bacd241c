export const SUBMISSION_STATES = ['submitted', 'returned', 'approved'] as const;
export type SubmissionState = (typeof SUBMISSION_STATES)[number];

/** Values a produsen proposed, waiting for the walidata's check (see indicator-review.service.ts). */
export interface IndicatorSubmissionTable {
  id: string;
  indicator_id: string;
  source_id: string;
  /** form | import | api | derived */
  origin: string;
  derivation_id: string | null;
  /** JSON array of ValueData (the proposed rows, already validated). */
  rows_json: string;
  /** 1 when the import may replace published values. */
  replace: number;
  /** JSON array of SumWarning. */
  warnings_json: string;
  /** The produsen's explanation (e.g. of a warning, or their answer to the walidata's comments). */
  note: string;
  /** JSON array of { field, comment } from the walidata's last return. */
  comments_json: string;
  state: SubmissionState;
  submitted_by: string | null;
  submitted_label: string;
  reviewed_by: string | null;
  reviewed_at: string | null;
  created_at: string;
  updated_at: string;
}

/** This feature's tables in the schema Kysely sees (storage/schema.ts). */
declare module '../../storage/schema.js' {
  interface Database {
    indicator_submissions: IndicatorSubmissionTable;
  }
}
