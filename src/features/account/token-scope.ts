/**
 * What a personal API token may do, decided once for every request (the request context asks
 * `tokenPermits` as it resolves the token), never route by route:
 * - `read`: reads only — GET/HEAD, plus the few POST routes that only read (CKAN actions,
 *   datastore search with a JSON body);
 * - `datasets`: reads, and writes on the dataset family below (datasets, their resources and
 *   privacy settings, the datastore, the CKAN action API);
 * - `full`: everything its holder may do.
 */
export const TOKEN_SCOPES = ['read', 'datasets', 'full'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

export const DEFAULT_TOKEN_SCOPE: TokenScope = 'read';
/** A new token lives this many days unless its maker chooses otherwise, and never longer than the maximum. */
export const DEFAULT_TOKEN_DAYS = 90;
export const MAX_TOKEN_DAYS = 365;

/** Route patterns (as registered) of the dataset family: what a `datasets` token may write. */
const DATASET_FAMILY = [/^\/api\/v1\/datasets(\/|$)/, /^\/api\/v1\/datastore\//, /^\/api\/(3\/)?action\//];

/** POST routes that only read: any token may call them. */
const READ_ONLY_POSTS = [/^\/api\/v1\/datastore\/[^/]+\/search$/, /^\/api\/(3\/)?action\//];

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export const isTokenScope = (value: string): value is TokenScope => (TOKEN_SCOPES as readonly string[]).includes(value);

/**
 * May a token of this scope make this request? `route` is the matched route's pattern (e.g.
 * `/api/v1/datasets/:name`), or the empty string when no route matched.
 */
export function tokenPermits(scope: TokenScope, method: string, route: string): boolean {
  if (scope === 'full') return true;
  if (READ_METHODS.has(method)) return true;
  if (method === 'POST' && READ_ONLY_POSTS.some((p) => p.test(route))) return true;
  return scope === 'datasets' && DATASET_FAMILY.some((p) => p.test(route));
}
