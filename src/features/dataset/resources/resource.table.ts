/** A resource of a dataset: an uploaded file (loaded into the datastore) or a registered link. */
export interface ResourceTable {
  id: string;
  dataset_id: string;
  name: string;
  description: string;
  format: string;
  /** 'upload' or '' (a registered link). */
  url_type: string;
  url: string;
  mimetype: string | null;
  size: number | null;
  hash: string | null;
  position: number;
  state: string;
  created_at: string;
  last_modified: string | null;
  metadata_modified: string;
  datastore_active: number;
  /** Path of the uploaded file, relative to config.dataDir. */
  original_file: string | null;
  sheet: string | null;
}

/** This feature's tables in the schema Kysely sees (storage/schema.ts). */
declare module '../../../storage/schema.js' {
  interface Database {
    resources: ResourceTable;
  }
}
