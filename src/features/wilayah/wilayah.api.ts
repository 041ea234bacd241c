import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { getWilayahNow, searchWilayah } from './wilayah.service.js';
import { whenReady } from '../../storage/compiled-query.js';
import { presentWilayah, wilayahDocument } from './wilayah.presenter.js';
import { kodeParam, wilayahDetailResponse, wilayahListResponse, wilayahQuery } from './wilayah.schema.js';
import { ok } from '../../http/envelope.js';

export async function wilayahApi(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/wilayah',
    {
      schema: {
        summary: 'List areas (kota, kecamatan, kelurahan), filterable by level and parent',
        tags: ['wilayah'],
        querystring: wilayahQuery,
        response: { 200: wilayahListResponse },
      },
    },
    async (request) => {
      const rows = await searchWilayah(app.deps.db, { tingkat: request.query.level, induk: request.query.parent });
      return ok(rows.map(presentWilayah), { total: rows.length });
    },
  );

  r.get(
    '/api/v1/wilayah/:kode',
    {
      schema: {
        summary: 'One area with its GeoJSON boundary',
        tags: ['wilayah'],
        params: kodeParam,
        response: { 200: wilayahDetailResponse },
      },
    },
    (request, reply) =>
      // Synchronous on SQLite (no promise on the API's hottest path); a pre-serialised JSON string.
      whenReady(getWilayahNow(app.deps.db, request.params.kode), (row) =>
        reply.type('application/json; charset=utf-8').send(wilayahDocument(row) as never),
      ) as never,
  );
}
