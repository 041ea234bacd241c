/** An original file never served to the public (see the 2026_12_02_2100 migration). */
export interface PrivateOriginalTable {
  /** Path relative to the data folder, as `resources.original_file` holds it. */
  original_file: string;
  resource_id: string;
  created_at: string;
}
