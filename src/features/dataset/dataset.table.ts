export const DATASET_STATES = ['draft', 'submitted', 'returned', 'published', 'withdrawn', 'superseded'] as const;
export type DatasetState = (typeof DATASET_STATES)[number];

export const UPDATE_FREQUENCIES = [
  'daily',
  'weekly',
  'monthly',
  'quarterly',
  'semiannual',
  'annual',
  'irregular',
  'once',
] as const;
export type UpdateFrequency = (typeof UPDATE_FREQUENCIES)[number];

export interface DatasetTable {
  id: string;
  /** URL slug, unique. */
  name: string;
  title: string;
  notes: string;
  organization_id: string;
  license_id: string;
  contact_name: string;
  contact_email: string;
  update_frequency: UpdateFrequency;
  /** ISO yyyy-mm-dd. */
  temporal_start: string | null;
  temporal_end: string | null;
  /** JSON text array of wilayah codes. */
  spatial_codes: string;
  source: string;
  method: string;
  /** Satu Data data standard (Perpres 39/2019). */
  concept: string;
  definition: string;
  classification: string;
  measure: string;
  unit: string;
  /** Indicator metadata (MS-Ind). */
  indicator_formula: string;
  indicator_interpretation: string;
  state: DatasetState;
  /** Latest published version number (0 = never published). */
  version: number;
  /** Edit version, bumped by every save (storage/versioned-update.ts); not the published version. */
  edit_version: number;
  next_release_date: string | null;
  created_at: string;
  metadata_modified: string;
  published_at: string | null;
  creator_user_id: string | null;
  private: number;
  superseded_by: string | null;
  /**
   * The next version being prepared for a published dataset (JSON RevisionData: metadata columns,
   * tags, group ids); the live columns above stay as published until the walidata approves it.
   */
  revision_json: string | null;
  /** Workflow state of that revision: draft, submitted, returned (null = none). */
  revision_state: RevisionState | null;
}

export const REVISION_STATES = ['draft', 'submitted', 'returned'] as const;
export type RevisionState = (typeof REVISION_STATES)[number];

export interface DatasetTagTable {
  dataset_id: string;
  name: string;
}

export interface GroupTable {
  id: string;
  name: string;
  title: string;
  description: string;
}

export interface DatasetGroupTable {
  dataset_id: string;
  group_id: string;
}

/** Snapshot of a published version: metadata (DatasetTable row + tags + groups) and resource list. */
export interface DatasetVersionTable {
  dataset_id: string;
  version: number;
  metadata_json: string;
  resources_json: string;
  published_at: string;
  published_by: string | null;
}

/** A walidata comment on one field (`title`, `unit`, … or `resource:<id>`, or `general`). */
export interface DatasetReviewTable {
  id: string;
  dataset_id: string;
  /** The version being prepared when the comment was made (dataset.version + 1). */
  version: number;
  field: string;
  comment: string;
  author: string | null;
  created_at: string;
  resolved: number;
}

/** This feature's tables in the schema Kysely sees (storage/schema.ts). */
declare module '../../storage/schema.js' {
  interface Database {
    datasets: DatasetTable;
    dataset_tags: DatasetTagTable;
    groups: GroupTable;
    dataset_groups: DatasetGroupTable;
    dataset_versions: DatasetVersionTable;
    dataset_reviews: DatasetReviewTable;
  }
}
