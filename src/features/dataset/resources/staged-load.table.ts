/** A file being loaded for a published dataset's next version (see revision-staging.service.ts). */
export interface StagedLoadTable {
  /** Same id as its ingest_jobs row (state, progress, error). */
  id: string;
  dataset_id: string;
  /** The hidden resource row (state 'pending') the file is loaded into. */
  pending_id: string;
  /** The live resource this is new data for; null for a new resource. */
  resource_id: string | null;
  file_name: string;
  created_by: string | null;
  created_at: string;
}

/** This feature's tables in the schema Kysely sees (storage/schema.ts). */
declare module '../../../storage/schema.js' {
  interface Database {
    staged_loads: StagedLoadTable;
  }
}
