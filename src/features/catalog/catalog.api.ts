import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { browseCatalog, catalogParamsFrom } from './catalog.service.js';
import { catalogQuery, catalogResponse } from './catalog.schema.js';
import { ensureCatalogIndex } from './catalog.index.js';
import { datasetUrls } from '../dataset/dataset.urls.js';
import { ok } from '../../http/envelope.js';

export async function catalogApi(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  // The search index is derived data: rebuild it on startup if it has fallen out of step.
  app.addHook('onReady', async () => {
    try {
      if (await ensureCatalogIndex(app.deps.db)) app.log.info('catalogue search index rebuilt');
    } catch (error) {
      app.log.error({ err: error }, 'catalogue search index could not be rebuilt');
    }
  });

  r.get(
    '/api/v1/catalog',
    {
      schema: {
        summary:
          'Search the public dataset catalogue: full text, facets (organisation, group, tag, format, licence, wilayah), sorting, paging',
        tags: ['catalog'],
        querystring: catalogQuery,
        response: { 200: catalogResponse },
      },
    },
    async (request) => {
      const page = await browseCatalog(app.deps.db, catalogParamsFrom(request.query as Record<string, unknown>));
      return ok(
        page.results.map((d) => ({
          id: d.id,
          name: d.name,
          title: d.title,
          notes: d.notes,
          organization: { name: d.organization.name, title: d.organization.title },
          tags: d.tags.map((t) => t.name),
          groups: d.groups.map((g) => g.name),
          formats: [...new Set(d.resources.map((x) => x.format).filter(Boolean))],
          licenseId: d.license_id,
          metadataModified: d.metadata_modified,
          url: datasetUrls.page(d.name),
          apiUrl: datasetUrls.api(d.name),
        })),
        {
          total: page.count,
          page: page.params.page,
          pages: page.pages,
          facets: page.facets as Record<string, { value: string; label: string; count: number; selected: boolean }[]>,
        },
      );
    },
  );
}
