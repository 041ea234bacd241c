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
