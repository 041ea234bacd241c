/** The database file store's tables (migration 2026_12_04_1100_create_stored_files). */
export interface StoredFileTable {
  key: string;
  /** Names the chunks; a file's row is written after all of them. */
  content_id: string;
  sha256: string;
  bytes: number;
  created_at: string;
}

export interface StoredFileChunkTable {
  content_id: string;
  seq: number;
  data: Buffer;
  created_at: string;
}

declare module '../storage/schema.js' {
  interface Database {
    stored_files: StoredFileTable;
    stored_file_chunks: StoredFileChunkTable;
  }
}
