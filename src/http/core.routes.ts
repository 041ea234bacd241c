import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { assets } from '../views/assets.js';
import { safeNext } from '../urls.js';
import { LANG_COOKIE, cookieOptions } from './cookies.js';
import { renderApiDocs } from './api-docs.view.js';
import { sendPage } from './render.js';

const byUrl = new Map([...assets.values()].map((a) => [a.url.slice('/static/'.length), a]));

/** Health, static files, the language switch and the API's own documentation. */
export async function registerCoreRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/healthz',
    {
      schema: {
        summary: 'Health check: the process is up and the database answers',
        tags: ['system'],
        response: { 200: z.object({ ok: z.literal(true), database: z.enum(['sqlite', 'postgres']) }) },
      },
    },
    async () => {
      await sql`select 1`.execute(app.deps.db);
      return { ok: true as const, database: app.deps.storage.dialect.name };
    },
  );

  r.get('/static/:file', { schema: { params: z.object({ file: z.string().max(200) }) } }, async (request, reply) => {
    const asset = byUrl.get(request.params.file);
    if (!asset) return reply.callNotFound();
    return reply.type(asset.type).header('cache-control', 'public, max-age=31536000, immutable').send(asset.body);
  });

  r.get(
    '/bahasa/:locale',
    {
      schema: {
        params: z.object({ locale: z.enum(['id', 'en']) }),
        querystring: z.object({ next: z.string().optional() }),
      },
    },
    async (request, reply) => {
      reply.setCookie(LANG_COOKIE, request.params.locale, {
        ...cookieOptions(app.deps.config, request, 60 * 60 * 24 * 365),
        httpOnly: false,
      });
      return reply.code(303).header('location', safeNext(request.query.next)).send();
    },
  );

  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  app.get('/api/docs', { schema: { hide: true } }, async (request, reply) =>
    sendPage(request, reply, {
      title: request.ctx.t('layout.apiDocs'),
      main: renderApiDocs(request.ctx, app.swagger() as never),
      jsonUrl: '/api/openapi.json',
    }),
  );
}
