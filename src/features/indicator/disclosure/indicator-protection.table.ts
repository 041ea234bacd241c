/** Stored protection of a linked group for one year and threshold (see protection-store.ts). */
export interface IndicatorProtectionTable {
  /** The group's total indicator code (codes never change). */
  root_code: string;
  year: string;
  threshold: number;
  /** SHA-256 of the data version the hidden cells were computed for. */
  version: string;
  /** JSON object: cell key → 'primary' | 'secondary'. */
  hidden_json: string;
  computed_at: string;
}

/** This feature's tables in the schema Kysely sees (storage/schema.ts). */
declare module '../../../storage/schema.js' {
  interface Database {
    indicator_protection: IndicatorProtectionTable;
  }
}
