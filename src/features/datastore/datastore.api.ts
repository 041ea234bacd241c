import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { parseSearchParams } from './datastore.params.js';
import { filtersFromQuery, getDatastore, searchDatastore, type DatastoreSearchRun } from './datastore.service.js';
import { formatRecords } from './datastore.format.js';
import { dumpFileName, dumpStream, DUMP_CONTENT_TYPES } from './datastore.export.js';
import { dumpQuery, resourceIdParam, searchBody, searchQuery, searchResponse } from './datastore.schema.js';
import { datastoreUrls } from './datastore.urls.js';
import { ok } from '../../http/envelope.js';

function present(run: DatastoreSearchRun, nextQuery: (offset: number) => string) {
  const { search, outcome, meta } = run;
  const next =
    outcome.rows.length === search.limit && (outcome.total === null || search.offset + search.limit < outcome.total)
      ? nextQuery(search.offset + search.limit)
      : null;
  return ok(
    {
      resourceId: meta.resourceId,
      fields: outcome.fields.map((f) => ({
        id: f.id,
        label: f.label,
        type: f.type,
        ...(f.unit ? { unit: f.unit } : {}),
        ...(f.period ? { period: f.period } : {}),
      })),
      records: formatRecords(search.recordsFormat, outcome.rows, outcome.fields),
      total: outcome.total,
      limit: search.limit,
      offset: search.offset,
    },
    { next },
  );
}

export async function datastoreApi(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/datastore/:resourceId',
    {
      schema: {
        summary: 'Query the rows of a resource: filters, full-text q, sort, fields, distinct, limit/offset',
        tags: ['datastore'],
        params: resourceIdParam,
        querystring: searchQuery,
        response: { 200: searchResponse },
      },
    },
    async (request) => {
      const query = request.query as Record<string, unknown>;
      const raw = { ...query, filters: filtersFromQuery(query) };
      const run = await searchDatastore(app.deps.db, request.ctx, request.params.resourceId, raw, {
        limitPolicy: 'reject',
      });
      return present(run, (offset) => {
        const params = new URLSearchParams(
          Object.entries(query).flatMap(([k, v]) =>
            (Array.isArray(v) ? v : [v]).map((x) => [k, String(x)] as [string, string]),
          ),
        );
        params.set('offset', String(offset));
        return `${datastoreUrls.api(run.meta.resourceId)}?${params}`;
      });
    },
  );

  r.post(
    '/api/v1/datastore/:resourceId/search',
    {
      schema: {
        summary:
          'Query the rows of a resource with a JSON body (same parameters as the GET form; filters as an object)',
        tags: ['datastore'],
        params: resourceIdParam,
        body: searchBody,
        response: { 200: searchResponse },
      },
    },
    async (request) => {
      const run = await searchDatastore(
        app.deps.db,
        request.ctx,
        request.params.resourceId,
        request.body as Record<string, unknown>,
        { limitPolicy: 'reject' },
      );
      return present(run, () => datastoreUrls.apiSearch(run.meta.resourceId));
    },
  );

  r.get(
    '/datastore/dump/:resourceId',
    {
      schema: {
        summary: 'Download all rows (or the filtered rows) of a resource as CSV, TSV, JSON or XLSX',
        tags: ['datastore'],
        params: resourceIdParam,
        querystring: dumpQuery,
      },
    },
    async (request, reply) => {
      const query = request.query as Record<string, unknown>;
      const meta = await getDatastore(app.deps.db, request.ctx, request.params.resourceId);
      const selection = parseSearchParams(
        { ...query, filters: filtersFromQuery(query), limit: undefined, offset: undefined, fields: undefined },
        meta.fields,
        { limitPolicy: 'clamp' },
      );
      const format = request.query.format ?? 'csv';
      return reply
        .type(DUMP_CONTENT_TYPES[format])
        .header('content-disposition', `attachment; filename="${dumpFileName(meta, format)}"`)
        .header('cache-control', meta.isPublic ? 'public, max-age=300' : 'private, no-store')
        .send(dumpStream(app.deps.db, meta, selection, format, request.query.bom === 'true'));
    },
  );
}
