// The shapes of a published table and its additive relations: a leaf module, so the checker,
// the structural ranges and the table builder can share them without importing each other.

export type Mark = 'primary' | 'secondary';

/** One cell of a published table: its published value, or the mark shown in its place. */
export type PublishedCell =
  | { key: string; value: number; mark?: undefined }
  | { key: string; mark: Mark; value?: undefined };

/**
 * total = sum(parts) + residual. The residual is 0 for a table that adds up; the protection passes
 * the real difference (e.g. unallocated people) so that its audit assumes an attacker who knows it.
 */
export interface Relation {
  total: string;
  parts: readonly string[];
  residual?: number;
}

export interface LinkedTable {
  cells: readonly PublishedCell[];
  relations: readonly Relation[];
  threshold: number;
}
