import type { DbOrTrx } from '../../storage/database.js';
import type { DatasetTable } from './dataset.table.js';

/**
 * The revision of a published dataset: what its next version will publish, kept as JSON in
 * `datasets.revision_json` beside the live columns. This module only reads and writes it and
 * imports no service, so everything that stages, approves or checks a revision can use it.
 */

/** The metadata columns a revision carries (the live row keeps the published ones meanwhile). */
export const REVISION_COLUMNS = [
  'title',
  'notes',
  'license_id',
  'contact_name',
  'contact_email',
  'update_frequency',
  'next_release_date',
  'temporal_start',
  'temporal_end',
  'spatial_codes',
  'source',
  'method',
  'concept',
  'definition',
  'classification',
  'measure',
  'unit',
  'indicator_formula',
  'indicator_interpretation',
  'private',
] as const;
export type RevisionColumns = Pick<DatasetTable, (typeof REVISION_COLUMNS)[number]>;

/** New data for a live resource: loaded into the hidden row `pendingId`, swapped in on approval. */
export interface PendingData {
  resourceId: string;
  pendingId: string;
  fileName: string;
}

export interface StagedResource {
  /** Id of the hidden row; the resource keeps it once published. */
  resourceId: string;
  kind: 'upload' | 'link';
  name: string;
  fileName: string | null;
  url: string | null;
}

export interface StagedRemoval {
  resourceId: string;
  name: string;
}

/** A revision of a published dataset: the metadata columns, tags and group ids of the next version. */
export interface RevisionData {
  columns: RevisionColumns;
  tags: string[];
  groupIds: string[];
  /** New data for published resources, loaded but not live (resources/revision-staging.service.ts). */
  pendingData?: PendingData[];
  /** New uploaded or linked resources, hidden until approval (resources/revision-staging.service.ts). */
  newResources?: StagedResource[];
  /** Live resources to remove when the revision is approved. */
  removals?: StagedRemoval[];
  /** A passed release date moved without new data: the reason, recorded as a public correction on approval. */
  releaseDateCorrection?: { reason: string; actorId: string | null; actorLabel: string };
}

export function parseRevision(d: Pick<DatasetTable, 'revision_json'>): RevisionData | null {
  return d.revision_json ? (JSON.parse(d.revision_json) as RevisionData) : null;
}

/** The revision a published dataset is preparing (a dataset not yet published has none). */
export function pendingRevision(d: Pick<DatasetTable, 'state' | 'revision_json'>): RevisionData | null {
  return d.state === 'published' ? parseRevision(d) : null;
}

/** Stores a published dataset's revision; it stays 'returned' if the walidata returned it, else 'draft'. */
export async function saveRevision(
  trx: DbOrTrx,
  current: Pick<DatasetTable, 'id' | 'revision_state'>,
  revision: RevisionData,
): Promise<string> {
  const revisionState = current.revision_state === 'returned' ? 'returned' : 'draft';
  await trx
    .updateTable('datasets')
    .set({ revision_json: JSON.stringify(revision), revision_state: revisionState })
    .where('id', '=', current.id)
    .execute();
  return revisionState;
}
