/** The job row of one load of a resource's file (state, progress, error), which its page shows (resource-load.ts `runIngestJob`). */
export type IngestJobState = 'queued' | 'running' | 'done' | 'failed';

/** Whether a job in this state has still to finish (pages showing it refresh themselves). */
export const jobRunning = (state: IngestJobState | undefined): boolean => state === 'queued' || state === 'running';

export interface IngestJobTable {
  id: string;
  resource_id: string;
  state: IngestJobState;
  /** 0..1 */
  progress: number;
  rows_loaded: number;
  error_code: string | null;
  error_json: string | null;
  created_at: string;
  updated_at: string;
}

/** This feature's tables in the schema Kysely sees (storage/schema.ts). */
declare module '../../../storage/schema.js' {
  interface Database {
    ingest_jobs: IngestJobTable;
  }
}
