import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AppError } from '../../errors.js';
import { ckanDate } from '../ckan/ckan.dates.js';
import { pagePublicDatasetIds } from '../catalog/catalog.repository.js';
import { catalogNode, datasetIri, datasetNode, loadPublic } from './dcat.mapping.js';
import { buildDataPackage } from './datapackage.js';
import { contentType, loadPublicItem, serialise } from './dcat.documents.js';
import { RDF_FORMATS, negotiateRdf, type RdfFormat } from './dcat.negotiation.js';
import { iri, lit, node, type Term } from './rdf.js';

export const CATALOG_PAGE_SIZE = 100;

const catalogQuery = z.object({
  page: z
    .string()
    .regex(/^\d{1,6}$/)
    .optional()
    .describe('Page number (100 datasets a page), from 1'),
  modified_since: z.string().max(40).optional().describe('Only datasets modified at or after this ISO 8601 date-time'),
});
const nameParam = z.object({ name: z.string().min(1).max(100).describe('Dataset name or id') });
const FORMATS = Object.keys(RDF_FORMATS) as RdfFormat[];

/**
 * DCAT catalogue and dataset documents (Turtle, JSON-LD, RDF/XML, one graph each) and the
 * Frictionless datapackage.json, at the addresses ckanext-dcat uses.
 */
export async function dcatWeb(app: FastifyInstance): Promise<void> {
  const base = app.deps.config.baseUrl.replace(/\/$/, '');
  const siteName = app.deps.config.siteName;
  const db = app.deps.db;
  const r = app.withTypeProvider<ZodTypeProvider>();

  async function catalogPage(format: RdfFormat, query: z.infer<typeof catalogQuery>, self: string): Promise<string> {
    const page = Number(query.page ?? '1');
    if (page < 1)
      throw new AppError('VALIDATION_FAILED', 400, { fields: [{ field: 'page', message: 'validation.invalid' }] });
    let since: string | null = null;
    if (query.modified_since) {
      since = ckanDate(query.modified_since);
      if (!since)
        throw new AppError('VALIDATION_FAILED', 400, {
          fields: [{ field: 'modified_since', message: 'validation.date' }],
        });
    }
    const { ids, total } = await pagePublicDatasetIds(db, {
      since,
      limit: CATALOG_PAGE_SIZE,
      offset: (page - 1) * CATALOG_PAGE_SIZE,
    });
    const last = Math.max(1, Math.ceil(total / CATALOG_PAGE_SIZE));
    const items = await loadPublic(db, ids);
    const pageUrl = (n: number) => {
      const qs = new URLSearchParams();
      if (query.modified_since) qs.set('modified_since', query.modified_since);
      qs.set('page', String(n));
      return `${base}${self}?${qs}`;
    };
    const link = (p: string, n: number): [string, Term][] => [
      [`hydra:${p}`, iri(pageUrl(n))],
      [`hydra:${p}Page`, iri(pageUrl(n))],
    ];
    const paging = node(
      ['hydra:PagedCollection'],
      [
        ['hydra:totalItems', lit(total, 'xsd:integer')],
        ['hydra:itemsPerPage', lit(CATALOG_PAGE_SIZE, 'xsd:integer')],
        ...link('first', 1),
        ...link('last', last),
        ...(page < last ? link('next', page + 1) : []),
        ...(page > 1 ? link('previous', page - 1) : []),
      ],
      pageUrl(page),
    );
    const catalog = catalogNode(
      base,
      siteName,
      items.map((i) => datasetIri(base, i.pkg.name)),
    );
    return serialise([catalog, paging, ...items.map((i) => datasetNode(base, i))], format);
  }

  r.get(
    '/catalog',
    {
      schema: {
        summary:
          'The DCAT catalogue by content negotiation (Accept: text/turtle, application/ld+json or application/rdf+xml); ' +
          'anything else is sent to the HTML catalogue (303)',
        tags: ['dcat'],
        querystring: catalogQuery,
      },
    },
    async (request, reply) => {
      reply.header('vary', 'accept');
      const format = negotiateRdf(request.headers.accept);
      if (!format) return reply.redirect('/data', 303);
      return reply
        .type(contentType(format))
        .header('cache-control', 'public, max-age=300')
        .send(await catalogPage(format, request.query, '/catalog'));
    },
  );

  for (const format of FORMATS) {
    const title = RDF_FORMATS[format].title;
    r.get(
      `/catalog.${format}`,
      {
        schema: {
          summary: `DCAT-AP catalogue as ${title}, 100 datasets a page with Hydra paging (first/last/next/totalItems)`,
          tags: ['dcat'],
          querystring: catalogQuery,
        },
      },
      async (request, reply) =>
        reply
          .type(contentType(format))
          .header('cache-control', 'public, max-age=300')
          .send(await catalogPage(format, request.query, `/catalog.${format}`)),
    );

    r.get(
      `/dataset/:name.${format}`,
      {
        schema: {
          summary: `One published dataset as DCAT-AP ${title} (by name or id)`,
          tags: ['dcat'],
          params: nameParam,
        },
      },
      async (request, reply) => {
        const item = await loadPublicItem(db, request.params.name);
        if (!item) throw new AppError('NOT_FOUND', 404);
        return reply.type(contentType(format)).send(await serialise([datasetNode(base, item)], format));
      },
    );
  }

  r.get(
    '/dataset/:name/datapackage.json',
    {
      schema: {
        summary: 'One published dataset as a Frictionless Data Package (v2) with Table Schemas (by name or id)',
        tags: ['dcat'],
        params: nameParam,
      },
    },
    async (request, reply) => {
      const item = await loadPublicItem(db, request.params.name);
      if (!item) throw new AppError('NOT_FOUND', 404);
      return reply
        .type('application/json; charset=utf-8')
        .send(JSON.stringify(await buildDataPackage(db, base, item.pkg, item.row), null, 2));
    },
  );
}
