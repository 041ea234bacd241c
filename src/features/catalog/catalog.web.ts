import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sendPage } from '../../http/render.js';
import { browseCatalog, catalogParamsFrom, catalogQueryString } from './catalog.service.js';
import { catalogQuery } from './catalog.schema.js';
import { renderCatalog } from './catalog.view.js';
import { rdfAlternates } from '../dcat/dcat.head.js';

export async function catalogWeb(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const catalogStem = `${app.deps.config.baseUrl.replace(/\/$/, '')}/catalog`;
  r.get(
    '/data',
    { schema: { hide: true, querystring: catalogQuery }, config: { pageCache: true } },
    async (request, reply) => {
      const params = catalogParamsFrom(request.query as Record<string, unknown>);
      const page = await browseCatalog(app.deps.db, params);
      const { t } = request.ctx;
      return sendPage(request, reply, {
        title: params.q ? t('catalog.titleFor', { q: params.q }) : t('catalog.title'),
        description: t('catalog.intro'),
        main: renderCatalog(request.ctx, page),
        jsonUrl: `/api/v1/catalog${catalogQueryString(params)}`,
        // The whole catalogue in DCAT-AP, whatever the filters (harvesters page it with Hydra).
        head: rdfAlternates(catalogStem),
        breadcrumbs: [{ href: '/', label: t('nav.home') }, { label: t('catalog.title') }],
      });
    },
  );
}
