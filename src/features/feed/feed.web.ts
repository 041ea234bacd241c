import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { commitmentFeed, planFeed } from './feed.service.js';
import { OGP_ID_PATTERN } from '../commitment/commitment.schema.js';

const planParam = z.object({
  id: z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'monitoring.badId'),
});
const ogpParam = z.object({ ogpId: z.string().regex(OGP_ID_PATTERN, 'monitoring.badOgpId') });
const ATOM = 'application/atom+xml; charset=utf-8';

/** Atom feeds of changes: per plan and per commitment (versions and public evidence). */
export async function feedWeb(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db, config } = app.deps;

  r.get('/rencana-aksi/:id/feed.atom', { schema: { params: planParam } }, async (request, reply) => {
    const xml = await planFeed(db, request.ctx.t, config.baseUrl, request.ctx.locale, request.params.id);
    return reply.type(ATOM).header('cache-control', 'public, max-age=300').send(xml);
  });

  r.get('/komitmen/:ogpId/feed.atom', { schema: { params: ogpParam } }, async (request, reply) => {
    const xml = await commitmentFeed(db, request.ctx.t, config.baseUrl, request.ctx.locale, request.params.ogpId);
    return reply.type(ATOM).header('cache-control', 'public, max-age=300').send(xml);
  });
}
