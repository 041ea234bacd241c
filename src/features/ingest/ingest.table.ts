export const FIELD_TYPES = ['text', 'int', 'float', 'bool', 'date'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export interface DatastoreField {
  id: string;
  label: string;
  type: FieldType;
}

/**
 * The data of a resource lives in a physical table `table_name` with `_id` (row number, primary
 * key) then one column per field: int → bigint, float → double precision, bool → integer 0/1,
 * date → varchar(10) yyyy-mm-dd, text → text.
 */
export interface DatastoreTableTable {
  resource_id: string;
  table_name: string;
  /** JSON array of DatastoreField. */
  fields_json: string;
  row_count: number;
  wilayah_column: string | null;
  /** JSON QualityReport (see datastore/quality-report.ts). */
  quality_json: string;
  created_at: string;
}

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
