/**
 * A correction of a date that a public "on time" claim depends on (a meeting date, an evidence
 * date, an assessment due date, a dataset's release date). The claim keeps being judged against
 * the first correction's `original_value`; the row is never edited or deleted.
 */
export interface DateCorrectionTable {
  id: string;
  /** forum_meeting, evidence, assessment_due, dataset … */
  entity_type: string;
  entity_id: string;
  /** The column corrected, e.g. meeting_date. */
  field: string;
  original_value: string | null;
  new_value: string | null;
  reason: string;
  actor_id: string | null;
  /** The role the person acted in (shown publicly instead of their name). */
  actor_role: string;
  actor_organization_id: string | null;
  created_at: string;
}

/** This feature's tables in the schema Kysely sees (storage/schema.ts). */
declare module '../../storage/schema.js' {
  interface Database {
    date_corrections: DateCorrectionTable;
  }
}
