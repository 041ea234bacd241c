import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { getWilayah, searchWilayah } from './wilayah.service.js';
import { presentWilayah, wilayahDocument } from './wilayah.presenter.js';
import { kodeParam, wilayahDetailResponse, wilayahListResponse, wilayahQuery } from './wilayah.schema.js';

export async function wilayahApi(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/wilayah', {
    schema: {
      summary: 'List areas (kota, kecamatan, kelurahan), filterable by level and parent',
      tags: ['wilayah'],
      querystring: wilayahQuery,
      response: { 200: wilayahListResponse },
    },
  }, async (request) => {
    const rows = await searchWilayah(app.deps.db, { tingkat: request.query.level, induk: request.query.parent });
    return { ok: true as const, data: rows.map(presentWilayah), meta: { total: rows.length } };
  });

  r.get('/api/v1/wilayah/:kode', {
    schema: {
      summary: 'One area with its GeoJSON boundary',
      tags: ['wilayah'],
      params: kodeParam,
      response: { 200: wilayahDetailResponse },
    },
  }, async (request, reply) => {
    const row = await getWilayah(app.deps.db, request.params.kode);
    return reply.type('application/json; charset=utf-8').send(wilayahDocument(row) as never); // pre-serialised JSON string
  });
}
