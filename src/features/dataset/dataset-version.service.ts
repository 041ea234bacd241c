import type { DbOrTrx } from '../../storage/database.js';
import { AppError } from '../../errors.js';
import * as repo from './dataset.repository.js';
import type { DatasetRow } from './dataset.repository.js';
import type { DatastoreField } from '../ingest/ingest.table.js';
import type { ResourceTable } from './resources/resource.table.js';

export interface VersionResource {
  id: string;
  name: string;
  description: string;
  format: string;
  urlType: string;
  url: string;
  size: number | null;
  hash: string | null;
  originalFile: string | null;
  sheet: string | null;
  fields: DatastoreField[];
  rowCount: number | null;
}

export interface VersionSnapshot {
  metadata: DatasetRow & { tags: string[]; groups: string[]; organization: { id: string; slug: string; name: string } };
  resources: VersionResource[];
}

/** What a published version looks like, kept so it stays readable and downloadable later. */
export async function versionSnapshot(db: DbOrTrx, datasetId: string): Promise<VersionSnapshot> {
  const d = (await repo.findDatasetById(db, datasetId))!;
  const [tags, groups, org, resources] = await Promise.all([
    repo.tagsOf(db, d.id),
    repo.groupsOf(db, d.id),
    repo.organizationOf(db, d.organization_id),
    repo.resourcesOf(db, d.id),
  ]);
  const stores = await repo.datastoreOf(
    db,
    resources.map((r) => r.id),
  );
  return {
    metadata: { ...d, tags, groups, organization: { id: org.id, slug: org.slug, name: org.name } },
    resources: resources.map((r: ResourceTable) => {
      const s = stores.find((x) => x.resource_id === r.id);
      return {
        id: r.id,
        name: r.name,
        description: r.description,
        format: r.format,
        urlType: r.url_type,
        url: r.url,
        size: r.size === null ? null : Number(r.size),
        hash: r.hash,
        originalFile: r.original_file,
        sheet: r.sheet,
        fields: s ? (JSON.parse(s.fields_json) as DatastoreField[]) : [],
        rowCount: s ? Number(s.row_count) : null,
      };
    }),
  };
}

export type PublishedVersion = VersionSnapshot & { version: number; publishedAt: string };

export async function getVersion(db: DbOrTrx, d: DatasetRow, version: number): Promise<PublishedVersion> {
  const row = await repo.findVersion(db, d.id, version);
  if (!row) throw new AppError('DATASET_VERSION_NOT_FOUND', 404);
  return {
    metadata: JSON.parse(row.metadata_json),
    resources: JSON.parse(row.resources_json),
    version: row.version,
    publishedAt: row.published_at,
  };
}
