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

/** This feature's tables in the schema Kysely sees (storage/schema.ts). */
declare module '../../storage/schema.js' {
  interface Database {
    datastore_tables: DatastoreTableTable;
  }
}
