import { AppError } from '../../errors.js';
import { searchDatastore } from '../datastore/datastore.service.js';
import { ckanFieldInfo, ckanType, formatRecords } from '../datastore/datastore.format.js';
import { notFound, validation } from './ckan.envelope.js';
import { str, type CkanParams } from './ckan.params.js';
import type { CkanEnv } from './ckan.catalog-actions.js';

const ECHOED = ['filters', 'q', 'sort', 'fields', 'distinct', 'plain', 'language'] as const;

function linkQuery(p: CkanParams, resourceId: string, offset: number | null): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(p)) {
    if (k === 'offset' || k === 'resource_id' || k === 'id' || v === undefined || v === null) continue;
    params.set(k, typeof v === 'object' ? JSON.stringify(v) : String(v));
  }
  if (offset !== null) params.set('offset', String(offset));
  params.set('resource_id', resourceId);
  return `/api/3/action/datastore_search?${params}`;
}

/**
 * CKAN's datastore_search: the request echoed back plus fields (with _id first), records, total and
 * _links. A limit above 32000 is lowered to 32000 as CKAN does (rows_max).
 */
export async function datastoreSearch(env: CkanEnv, p: CkanParams) {
  const resourceId = str(p, 'resource_id') ?? str(p, 'id');
  if (!resourceId) throw validation({ resource_id: ['Missing value'] });
  try {
    const { search, outcome } = await searchDatastore(env.db, null, resourceId, p, { limitPolicy: 'clamp' });
    const result: Record<string, unknown> = {
      include_total: search.includeTotal,
      limit: search.limit,
      records_format: search.recordsFormat,
      resource_id: resourceId,
      total_estimation_threshold: null,
    };
    for (const k of ECHOED) if (search.echo[k] !== undefined) result[k] = search.echo[k];
    if (search.offset) result['offset'] = search.offset;
    result['records'] = formatRecords(search.recordsFormat, outcome.rows, outcome.fields);
    result['fields'] = outcome.fields.map((f) =>
      f.id === '_id' ? { id: '_id', type: 'int' } : { id: f.id, type: ckanType(f.type), info: ckanFieldInfo(f) },
    );
    result['_links'] = {
      start: linkQuery(p, resourceId, null),
      next: linkQuery(p, resourceId, search.offset + search.limit),
    };
    if (outcome.total !== null) result['total'] = outcome.total;
    result['total_was_estimated'] = false;
    return result;
  } catch (error) {
    if (error instanceof AppError && error.code === 'DATASTORE_NOT_FOUND')
      throw notFound(`Not found: Resource "${resourceId}" was not found.`);
    throw error;
  }
}
