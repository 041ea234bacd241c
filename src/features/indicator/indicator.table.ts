import type { ColumnType, Generated } from 'kysely';
export const LEVELS = ['kota', 'kecamatan', 'kelurahan'] as const;
export type IndicatorLevel = (typeof LEVELS)[number];
export const DIRECTIONS = ['higher', 'lower', 'neutral'] as const;
export type Direction = (typeof DIRECTIONS)[number];
export const VALUE_STATUSES = ['provisional', 'final', 'revised'] as const;
export type ValueStatus = (typeof VALUE_STATUSES)[number];
export const AGGREGATIONS = ['sum', 'count', 'avg', 'min', 'max'] as const;
export type Aggregation = (typeof AGGREGATIONS)[number];
export const BREAKDOWN_DIMENSIONS = ['sex', 'age', 'education', 'other'] as const;
export type BreakdownDimension = (typeof BREAKDOWN_DIMENSIONS)[number];
export type ValueOrigin = 'form' | 'import' | 'derived' | 'seed' | 'api';

/** MS-Ind indicator metadata (Peraturan BPS 5/2020) plus what the portal needs to publish it. */
export interface IndicatorTable {
  id: string;
  code: string;
  name_id: string;
  name_en: string;
  concept: string;
  definition: string;
  interpretation: string;
  formula: string;
  unit: string;
  measure: string;
  classification: string;
  lowest_level: IndicatorLevel;
  better_direction: Direction;
  /** 1 when values are counts of people: small counts are suppressed. */
  counts_people: number;
  /** Why the author declares this indicator not a count of people ('' = protected, the default). */
  not_people_reason: ColumnType<string, string | undefined, string>;
  /** Code of the total indicator this one breaks down (by sex, age group…): protected together. */
  breakdown_of: string | null;
  breakdown_dimension: BreakdownDimension | null;
  decimals: number;
  /** JSON array of organisation ids. */
  producer_org_ids: string;
  /** JSON array of dataset ids (or slugs) behind the indicator. */
  dataset_ids: string;
  official_source_id: string | null;
  is_example: number;
  created_at: string;
  updated_at: string;
  /** Edit version, bumped by every save (storage/versioned-update.ts). */
  edit_version: Generated<number>;
}

export interface IndicatorSourceTable {
  id: string;
  indicator_id: string;
  organization_id: string | null;
  producer: string;
  method: string;
  citation: string;
  is_example: number;
  created_at: string;
  updated_at: string;
}

export interface IndicatorValueTable {
  id: string;
  indicator_id: string;
  source_id: string;
  wilayah_kode: string;
  /** `2024`, `2024-Q3` or `2024-07`. */
  period: string;
  value: number;
  status: ValueStatus;
  note: string;
  /** Where this very figure was published (a report, a release, a news item citing the producer). */
  citation: string;
  denominator: string;
  filters: string;
  missing_count: number | null;
  origin: ValueOrigin;
  derivation_id: string | null;
  is_example: number;
  created_at: string;
  updated_at: string;
}

export interface IndicatorValueHistoryTable {
  id: string;
  value_id: string;
  indicator_id: string;
  previous_value: number | null;
  new_value: number | null;
  previous_status: string | null;
  new_status: string;
  previous_note: string | null;
  origin: string;
  actor_label: string;
  changed_at: string;
  /** 1 once the number was suppressed: the public history shows the mark, never the number. */
  hidden: Generated<number>;
}

export interface IndicatorDerivationTable {
  id: string;
  indicator_id: string;
  source_id: string;
  dataset_id: string;
  resource_id: string;
  value_column: string;
  aggregation: Aggregation;
  wilayah_column: string;
  period_column: string | null;
  fixed_period: string | null;
  last_run_at: string | null;
  /** pending | ok | missing_column | error */
  last_status: string;
  last_message: string | null;
  created_at: string;
  /** When the walidata approved its first values (null: its runs are proposals for review). */
  approved_at: string | null;
}

/** This feature's tables in the schema Kysely sees (storage/schema.ts). */
declare module '../../storage/schema.js' {
  interface Database {
    indicators: IndicatorTable;
    indicator_sources: IndicatorSourceTable;
    indicator_values: IndicatorValueTable;
    indicator_value_history: IndicatorValueHistoryTable;
    indicator_derivations: IndicatorDerivationTable;
  }
}
