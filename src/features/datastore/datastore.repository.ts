import { sql } from 'kysely';
import type { DbOrTrx } from '../../storage/database.js';
import type { DatastoreField } from '../ingest/ingest.table.js';
import { unresolvedFindings } from '../privacy/findings.js';

/** What the query engine needs to know about one resource's datastore table. */
export interface DatastoreMeta {
  resourceId: string;
  resourceName: string;
  datasetId: string;
  datasetName: string;
  datasetTitle: string;
  organizationId: string;
  /**
   * Published, not private, and without open personal-data findings: visible to everyone and to
   * the machine APIs. A table published before the detector existed gets its findings from
   * `terbuka privacy`; until they are resolved its data is withheld from the public.
   */
  isPublic: boolean;
  tableName: string;
  fields: DatastoreField[];
  rowCount: number;
  wilayahColumn: string | null;
  originalFile: string | null;
  format: string;
  url: string;
  urlType: string;
}

export async function findDatastoreMeta(db: DbOrTrx, resourceId: string): Promise<DatastoreMeta | null> {
  const row = await db
    .selectFrom('resources as r')
    .innerJoin('datasets as d', 'd.id', 'r.dataset_id')
    .leftJoin('datastore_tables as t', 't.resource_id', 'r.id')
    .select([
      'r.id as resource_id',
      'r.name as resource_name',
      'r.state as resource_state',
      'r.original_file',
      'r.format',
      'r.url',
      'r.url_type',
      'd.id as dataset_id',
      'd.name as dataset_name',
      'd.title as dataset_title',
      'd.organization_id',
      'd.state as dataset_state',
      'd.private',
      't.table_name',
      't.fields_json',
      't.row_count',
      't.wilayah_column',
      // The report (up to 500 issues) is only read back when it lists personal-data findings.
      sql<string | null>`case when t.quality_json like ${FINDINGS_MARK} then t.quality_json else null end`.as(
        'findings_report',
      ),
    ])
    .where('r.id', '=', resourceId)
    .executeTakeFirst();
  if (!row || !row.table_name || !row.fields_json) return null;
  return {
    resourceId: row.resource_id,
    resourceName: row.resource_name,
    datasetId: row.dataset_id,
    datasetName: row.dataset_name,
    datasetTitle: row.dataset_title,
    organizationId: row.organization_id,
    isPublic:
      row.dataset_state === 'published' &&
      Number(row.private) === 0 &&
      row.resource_state !== 'deleted' &&
      row.resource_state !== 'pending' &&
      !hasOpenFindings(row.findings_report),
    tableName: row.table_name,
    fields: JSON.parse(row.fields_json) as DatastoreField[],
    rowCount: Number(row.row_count ?? 0),
    wilayahColumn: row.wilayah_column ?? null,
    originalFile: row.original_file,
    format: row.format,
    url: row.url,
    urlType: row.url_type,
  };
}

/** What JSON.stringify writes for a report whose `personalData` list is not empty. */
const FINDINGS_MARK = '%"personalData":[{%';

function hasOpenFindings(report: string | null): boolean {
  return report !== null && unresolvedFindings(JSON.parse(report)).length > 0;
}
