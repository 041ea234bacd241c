import type { Db } from '../../storage/database.js';
import { hasRole, type CurrentUser } from '../../actor/actor.js';
import { AppError } from '../../errors.js';
import { findDatastoreMeta, type DatastoreMeta } from './datastore.repository.js';
import {
  parseSearchParams,
  type DatastoreSearch,
  type ParseOptions,
  type RawSearchParams,
} from './datastore.params.js';
import { executeSearch, type SearchOutcome } from './datastore.search.js';

/** What a read needs from the request: who asks (a RequestContext fits). */
type Reader = { user: CurrentUser | null };

/** Whether this user may read a resource's data: everyone when published; otherwise its producers and the walidata. */
export function canReadDatastore(ctx: Reader | null, meta: DatastoreMeta): boolean {
  if (meta.isPublic) return true;
  const user = ctx?.user ?? null;
  return hasRole(user, ['walidata']) || hasRole(user, ['produsen'], meta.organizationId);
}

/**
 * The datastore of one resource, if the reader may see it. Machine APIs pass `null` for the
 * context: they only ever see published, non-private datasets.
 */
export async function getDatastore(db: Db, ctx: Reader | null, resourceId: string): Promise<DatastoreMeta> {
  const meta = resourceId ? await findDatastoreMeta(db, resourceId) : null;
  if (!meta || !canReadDatastore(ctx, meta))
    throw new AppError('DATASTORE_NOT_FOUND', 404, { resource_id: resourceId.slice(0, 100) });
  return meta;
}

export interface DatastoreSearchRun {
  meta: DatastoreMeta;
  search: DatastoreSearch;
  outcome: SearchOutcome;
}

/** Parses, validates and runs one datastore search. */
export async function searchDatastore(
  db: Db,
  ctx: Reader | null,
  resourceId: string,
  raw: RawSearchParams,
  options: ParseOptions,
): Promise<DatastoreSearchRun> {
  const meta = await getDatastore(db, ctx, resourceId);
  const search = parseSearchParams({ ...raw, resource_id: resourceId }, meta.fields, options);
  const outcome = await executeSearch(db, meta, search);
  return { meta, search, outcome };
}

/**
 * Filters from a query string: `filters` as JSON (CKAN style) and/or `filter.<column>=value`,
 * repeated for OR (form style, what the explorer's GET form sends).
 */
export function filtersFromQuery(query: Record<string, unknown>): Record<string, unknown> | undefined {
  let filters: Record<string, unknown> = {};
  const json = query['filters'];
  if (typeof json === 'string' && json.trim()) {
    try {
      const parsed = JSON.parse(json) as unknown;
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
      filters = { ...(parsed as Record<string, unknown>) };
    } catch {
      throw new AppError('DATASTORE_BAD_PARAM', 400, { param: 'filters' }, { param: 'filters' });
    }
  }
  for (const [key, value] of Object.entries(query)) {
    if (!key.startsWith('filter.')) continue;
    const values = (Array.isArray(value) ? value : [value]).map(String).filter((v) => v !== '');
    if (values.length) filters[key.slice('filter.'.length)] = values.length === 1 ? values[0] : values;
  }
  return Object.keys(filters).length ? filters : undefined;
}
