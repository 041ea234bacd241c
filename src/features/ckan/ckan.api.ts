import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { CkanError, registerCkanErrors, sendCkanSuccess } from './ckan.envelope.js';
import {
  groupList,
  groupShow,
  licenseList,
  organizationList,
  organizationShow,
  packageList,
  packageSearch,
  packageShow,
  resourceShow,
  statusShow,
  tagList,
  type CkanEnv,
} from './ckan.catalog-actions.js';
import { datastoreSearch } from './ckan.datastore-action.js';
import type { CkanParams } from './ckan.params.js';

type Action = (env: CkanEnv, p: CkanParams) => unknown;

const ACTIONS: Record<string, { summary: string; run: Action }> = {
  status_show: {
    summary: 'CKAN: site status and the CKAN version this API is compatible with (2.10)',
    run: (env) => statusShow(env),
  },
  // CKAN clients (ckanapi, harvesters) call it as a ping before anything else.
  site_read: { summary: 'CKAN: a ping; answers true while the site is up', run: () => true },
  package_search: {
    summary: 'CKAN: search datasets (q, fq, fq_list, sort, rows, start, facet.field, facet.limit, facet.mincount)',
    run: packageSearch,
  },
  package_show: { summary: 'CKAN: one dataset (id or name) as a full package dict', run: packageShow },
  package_list: { summary: 'CKAN: names of all public datasets (limit, offset)', run: packageList },
  organization_list: { summary: 'CKAN: organisations (all_fields, sort, limit, offset)', run: organizationList },
  organization_show: { summary: 'CKAN: one organisation (id or name; include_datasets)', run: organizationShow },
  group_list: { summary: 'CKAN: topic groups (all_fields, sort, limit, offset)', run: groupList },
  group_show: { summary: 'CKAN: one topic group (id or name; include_datasets)', run: groupShow },
  tag_list: { summary: 'CKAN: tags in use (query, all_fields)', run: tagList },
  license_list: { summary: 'CKAN: licences datasets may carry', run: () => licenseList() },
  resource_show: { summary: 'CKAN: one resource by id', run: resourceShow },
  help_show: { summary: 'CKAN: what an action does (name)', run: (_env, p) => helpText(String(p['name'] ?? '')) },
  datastore_search: {
    summary:
      'CKAN DataStore: query a resource (filters, q, fields, sort, limit ≤ 32000, offset, distinct, include_total, records_format)',
    run: datastoreSearch,
  },
};

function helpText(name: string): string {
  const action = ACTIONS[name];
  if (!action) throw new CkanError(404, 'Not Found Error', { message: `Action name not known: ${name.slice(0, 100)}` });
  return action.summary;
}

/** Actions that change data exist in CKAN; here they are refused the way CKAN refuses an anonymous caller. */
const WRITE_ACTIONS =
  /^(package|resource|organization|group|datastore|tag|user|member|dataset_purge|bulk)_\w*(create|update|patch|delete|purge|upsert|revise)\w*$/;

function paramsOf(request: FastifyRequest): CkanParams {
  const query = (request.query ?? {}) as Record<string, unknown>;
  const body = request.body;
  return body && typeof body === 'object' && !Array.isArray(body)
    ? { ...query, ...(body as Record<string, unknown>) }
    : { ...query };
}

const anyParams = z.looseObject({});
const actionParam = z.object({ action: z.string().max(100) });

/**
 * The CKAN-compatible Action API (read side) under /api/3/action and /api/action, with CKAN's
 * own envelope and error shapes, for harvesters and tools such as ckanapi.
 */
export async function ckanApi(app: FastifyInstance): Promise<void> {
  const baseUrl = app.deps.config.baseUrl;
  const env: CkanEnv = { db: app.deps.db, baseUrl, siteTitle: app.deps.config.siteName };
  registerCkanErrors(app, baseUrl);
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/3',
    {
      schema: { summary: 'CKAN: API version', tags: ['ckan'], response: { 200: z.object({ version: z.literal(3) }) } },
    },
    async () => ({ version: 3 as const }),
  );

  for (const prefix of ['/api/3/action', '/api/action']) {
    for (const [name, action] of Object.entries(ACTIONS)) {
      const schema = {
        summary: action.summary,
        tags: ['ckan'],
        querystring: anyParams,
        ...(prefix === '/api/action' ? { hide: true } : {}),
      };
      const handler = async (request: FastifyRequest, reply: import('fastify').FastifyReply) =>
        sendCkanSuccess(reply, baseUrl, name, await action.run(env, paramsOf(request)));
      // Read-only and the same for every caller: harvesters' repeated calls come from the page cache.
      r.get(`${prefix}/${name}`, { schema, config: { pageCache: true } }, handler);
      r.post(`${prefix}/${name}`, { schema: { ...schema, body: z.unknown().optional() } }, handler);
    }
    const unknown = async (request: FastifyRequest<{ Params: { action: string } }>) => {
      const action = request.params.action;
      if (WRITE_ACTIONS.test(action))
        throw new CkanError(403, 'Authorization Error', {
          message: `Access denied: ${action} is not available on this portal's public API`,
        });
      throw new CkanError(400, 'Bad request', { message: `Bad request - Action name not known: ${action}` });
    };
    r.get(`${prefix}/:action`, { schema: { hide: true, params: actionParam } }, unknown);
    r.post(`${prefix}/:action`, { schema: { hide: true, params: actionParam } }, unknown);
  }
}
