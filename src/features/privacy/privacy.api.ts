import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { nameParam, resourceParam } from '../dataset/dataset.schema.js';
import { privacyResponse, resolveInput } from './privacy.schema.js';
import { presentPrivacy, privacyState } from './privacy-state.js';
import { resolveFinding, restrictDataset } from './privacy.service.js';
import { registerPrivacySettings } from './privacy.settings.js';
import { ok } from '../../http/envelope.js';

const TAGS = ['datasets'];

export async function privacyApi(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db, storage, config } = app.deps;

  r.get(
    '/api/v1/datasets/:name/privacy',
    {
      schema: {
        summary:
          'Producers and walidata: personal-data and small-count findings of the tables the next approval publishes',
        tags: TAGS,
        params: nameParam,
        response: { 200: privacyResponse },
      },
    },
    async (request) => ok(presentPrivacy(await privacyState(db, request.ctx.user, request.params.name))),
  );

  r.post(
    '/api/v1/datasets/:name/resources/:id/privacy',
    {
      schema: {
        summary:
          'Resolve a finding: the producer drops or masks the column; the walidata overrides a false positive (`reason`, `confirm: true`; audited)',
        tags: TAGS,
        params: resourceParam,
        body: resolveInput,
        response: { 200: privacyResponse },
      },
    },
    async (request) => {
      await resolveFinding(storage, request.ctx.user, request.params.name, request.params.id, request.body);
      return ok(presentPrivacy(await privacyState(db, request.ctx.user, request.params.name)));
    },
  );

  r.post(
    '/api/v1/datasets/:name/privacy/restrict',
    {
      schema: {
        summary: 'Producer: restrict the dataset (private, not public); for a published one, in its next version',
        tags: TAGS,
        params: nameParam,
        response: { 200: privacyResponse },
      },
    },
    async (request) => {
      await restrictDataset(storage, request.ctx.user, request.params.name);
      return ok(presentPrivacy(await privacyState(db, request.ctx.user, request.params.name)));
    },
  );
}
