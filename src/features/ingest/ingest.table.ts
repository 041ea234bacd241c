import type { PeriodKind } from './period.js';

export const FIELD_TYPES = ['text', 'int', 'float', 'bool', 'date', 'period'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export interface DatastoreField {
  id: string;
  label: string;
  type: FieldType;
  /** The unit of a number column read from its cells (`IDR` for Rp 9.000.000); absent otherwise. */
  unit?: string;
  /**
   * For a `period` column: the granularity of its values (stored as sortable text `2024`,
   * `2024-01`, `2024-Q1`, `2024-S1`), or `mixed` when they differ.
   */
  period?: PeriodKind | 'mixed';
}
