export const AMENDMENT_STATUSES = ['proposed', 'approved', 'rejected'] as const;
export type AmendmentStatus = (typeof AMENDMENT_STATUSES)[number];

/**
 * A formal amendment of a submitted commitment (OGP: changes to ambition, milestones, dates or
 * lead after submission are proposed with a justification and approved by the point of contact).
 * `changes_json` holds the `AmendmentChanges` (what changes, from what to what); the row is never
 * deleted, so rejected proposals stay on the record too.
 */
export interface CommitmentAmendmentTable {
  id: string;
  commitment_id: string;
  /** 1, 2, … per commitment. */
  number: number;
  status: AmendmentStatus;
  justification: string;
  changes_json: string;
  proposed_by: string | null;
  proposed_at: string;
  decided_by: string | null;
  decided_at: string | null;
  decision_note: string;
  /** The commitment's history version the approval produced. */
  history_version: number | null;
}

/** This feature's tables in the schema Kysely sees (storage/schema.ts). */
declare module '../../storage/schema.js' {
  interface Database {
    commitment_amendments: CommitmentAmendmentTable;
  }
}
