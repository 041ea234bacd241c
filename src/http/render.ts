import type { FastifyReply, FastifyRequest } from 'fastify';
import { renderPage, type PageOptions } from '../views/layout.js';

/** Sends a full server-rendered page (a route that set its own cache-control, e.g. a private link's page, keeps it). */
export function sendPage(
  request: FastifyRequest,
  reply: FastifyReply,
  options: PageOptions,
  status = 200,
): FastifyReply {
  return reply
    .code(status)
    .type('text/html; charset=utf-8')
    .header('cache-control', reply.getHeader('cache-control') ?? (request.ctx.user ? 'private, no-store' : 'no-cache'))
    .send(
      renderPage(request.ctx, { name: request.server.deps.config.siteName, nav: request.server.deps.nav }, options),
    );
}

/** Post/redirect/get: a 303 so the browser follows with GET. */
export function redirect(reply: FastifyReply, to: string): FastifyReply {
  return reply.code(303).header('location', to).send();
}
