/** An original file never served to the public (see the 2026_12_02_2100 migration). */
export interface PrivateOriginalTable {
  /** Path relative to the data folder, as `resources.original_file` holds it. */
  original_file: string;
  resource_id: string;
  created_at: string;
}

/** This feature's tables in the schema Kysely sees (storage/schema.ts). */
declare module '../../storage/schema.js' {
  interface Database {
    private_originals: PrivateOriginalTable;
  }
}
