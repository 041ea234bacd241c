import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ok, idParam, okSchema } from '../../http/envelope.js';
import { ogpIdParam } from '../commitment/commitment.schema.js';
import { getCommitment } from '../commitment/commitment.service.js';
import { getMilestone } from '../commitment/milestone.service.js';
import { listVersions, presentVersions } from './history.service.js';
import { COMMITMENT_FIELDS, MILESTONE_FIELDS } from './history.view.js';

const TAGS = ['action-plan'];
const versionJson = z.object({
  version: z.number().int().describe('1 for the first version'),
  actor: z.string().describe('Display name of who made the change (never an e-mail address)'),
  createdAt: z.string(),
  changes: z
    .array(z.object({ field: z.string(), before: z.unknown(), after: z.unknown() }))
    .describe('Public fields that changed against the previous version (all filled fields for version 1)'),
});

/** Version history of commitments and milestones as JSON (the twin of the history on the commitment page). */
export async function historyApi(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps;

  r.get(
    '/api/v1/commitments/:ogpId/history',
    {
      schema: {
        summary: 'Version history of a commitment, newest first, each version with its changed fields (old → new)',
        tags: TAGS,
        params: ogpIdParam,
        response: { 200: okSchema(z.array(versionJson)) },
      },
    },
    async (request) => {
      const c = await getCommitment(db, request.params.ogpId);
      return ok(presentVersions(await listVersions(db, 'commitment', c.id), COMMITMENT_FIELDS));
    },
  );

  r.get(
    '/api/v1/milestones/:id/history',
    {
      schema: {
        summary: 'Version history of a milestone (status, progress, dates, evidence), newest first',
        tags: TAGS,
        params: idParam,
        response: { 200: okSchema(z.array(versionJson)) },
      },
    },
    async (request) => {
      const m = await getMilestone(db, request.params.id);
      return ok(presentVersions(await listVersions(db, 'milestone', m.id), MILESTONE_FIELDS));
    },
  );
}
