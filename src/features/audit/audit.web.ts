import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ok } from '../../http/envelope.js';
import { buildAtomFeed, tagUri } from '../feed/atom.js';
import { type AuditCheckpoint, checkpointFolder, readCheckpoints } from './audit-checkpoints.js';
import { checkpointsResponse } from './audit.schema.js';

const ATOM = 'application/atom+xml; charset=utf-8';
const FEED_LIMIT = 200;
export const CHECKPOINTS_FEED = '/audit/checkpoints.atom';
export const CHECKPOINTS_JSON = '/api/v1/audit/checkpoints';

/**
 * The signed checkpoints, newest first, read from the files in the data folder (not from the
 * database, which an attacker could rewrite). Anyone may mirror them; `audit verify` with a
 * mirrored copy shows whether the log was truncated or rebuilt since.
 */
function latestCheckpoints(app: FastifyInstance): AuditCheckpoint[] {
  return readCheckpoints(checkpointFolder(app.deps.db))
    .filter((c) => c.count >= 0)
    .map(({ count, headHash, keyedFrom, at, signature }) => ({ count, headHash, keyedFrom, at, signature }))
    .reverse()
    .slice(0, FEED_LIMIT);
}

/** The public feed of audit checkpoints (Atom) and its JSON twin. */
export async function auditWeb(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { baseUrl } = app.deps.config;

  r.get(CHECKPOINTS_FEED, async (request, reply) => {
    const t = request.ctx.t;
    const xml = buildAtomFeed({
      id: tagUri(new URL(baseUrl).host, 'audit/checkpoints'),
      title: t('audit.checkpoints.title'),
      subtitle: t('audit.checkpoints.subtitle'),
      selfUrl: baseUrl + CHECKPOINTS_FEED,
      alternateUrl: baseUrl + CHECKPOINTS_JSON,
      updated: new Date(0).toISOString(),
      author: 'Terbuka',
      language: request.ctx.locale,
      entries: latestCheckpoints(app).map((c) => ({
        id: tagUri(new URL(baseUrl).host, `audit/checkpoint/${c.count}/${c.at}`),
        title: t('audit.checkpoints.entry', { count: c.count, hash: c.headHash.slice(0, 16) }),
        updated: c.at,
        link: `${baseUrl}${CHECKPOINTS_JSON}#${encodeURIComponent(c.at)}`,
        // The whole signed statement, so a reader of the feed alone can keep a verifiable copy.
        summary: JSON.stringify(c),
      })),
    });
    return reply.type(ATOM).header('cache-control', 'public, max-age=60').send(xml);
  });

  r.get(
    CHECKPOINTS_JSON,
    {
      schema: {
        summary: 'Signed checkpoints of the audit log head (newest first)',
        tags: ['audit'],
        response: { 200: checkpointsResponse },
      },
    },
    async (_request, reply) => {
      reply.header('cache-control', 'public, max-age=60');
      return ok(latestCheckpoints(app));
    },
  );
}
