import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AppError } from '../../errors.js';
import type { Db } from '../../storage/database.js';
import { ckanDate } from '../ckan/ckan.dates.js';
import { findPublicDatasetId, pagePublicDatasetIds } from '../catalog/catalog.repository.js';
import { datasetIri, datasetNode, loadPublic } from './dcat.mapping.js';
import { buildDataPackage } from './datapackage.js';
import { iri, lit, langLit, node, toJsonLd, toTurtle, type RdfNode } from './rdf.js';

export const CATALOG_PAGE_SIZE = 100;
const TYPES = { jsonld: 'application/ld+json; charset=utf-8', ttl: 'text/turtle; charset=utf-8' } as const;
type Format = keyof typeof TYPES;

const catalogQuery = z.object({
  page: z
    .string()
    .regex(/^\d{1,6}$/)
    .optional()
    .describe('Page number (100 datasets a page), from 1'),
  modified_since: z.string().max(40).optional().describe('Only datasets modified at or after this ISO 8601 date-time'),
});
const nameParam = z.object({ name: z.string().min(1).max(100) });

async function publicIdByName(db: Db, name: string): Promise<string> {
  const id = await findPublicDatasetId(db, name);
  if (!id) throw new AppError('NOT_FOUND', 404);
  return id;
}

function serialise(nodes: RdfNode[], format: Format): string {
  return format === 'ttl' ? toTurtle(nodes) : JSON.stringify(toJsonLd(nodes));
}

/** DCAT catalogue and dataset documents (JSON-LD and Turtle) and the Frictionless datapackage.json. */
export async function dcatWeb(app: FastifyInstance): Promise<void> {
  const base = app.deps.config.baseUrl.replace(/\/$/, '');
  const db = app.deps.db;
  const r = app.withTypeProvider<ZodTypeProvider>();

  for (const format of ['jsonld', 'ttl'] as const) {
    r.get(
      `/catalog.${format}`,
      {
        schema: {
          summary: `DCAT catalogue as ${format === 'ttl' ? 'Turtle' : 'JSON-LD'}, 100 datasets a page with Hydra paging (first/last/next/totalItems)`,
          tags: ['dcat'],
          querystring: catalogQuery,
        },
      },
      async (request, reply) => {
        const page = Number(request.query.page ?? '1');
        if (page < 1)
          throw new AppError('VALIDATION_FAILED', 400, { fields: [{ field: 'page', message: 'validation.invalid' }] });
        let since: string | null = null;
        if (request.query.modified_since) {
          since = ckanDate(request.query.modified_since);
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
          if (request.query.modified_since) qs.set('modified_since', request.query.modified_since);
          qs.set('page', String(n));
          return `${base}/catalog.${format}?${qs}`;
        };
        const catalog = node(
          ['dcat:Catalog'],
          [
            ['dct:title', langLit(app.deps.config.siteName, 'id')],
            ['dct:description', langLit('Katalog Satu Data Kelurahan Kota Madiun', 'id')],
            ['foaf:homepage', iri(`${base}/data`)],
            ['dct:language', iri('http://id.loc.gov/vocabulary/iso639-1/id')],
            ...items.map(
              (i) => ['dcat:dataset', iri(datasetIri(base, i.pkg.name))] as [string, ReturnType<typeof iri>],
            ),
          ],
          `${base}/catalog`,
        );
        const paging = node(
          ['hydra:PagedCollection'],
          [
            ['hydra:totalItems', lit(total, 'xsd:integer')],
            ['hydra:itemsPerPage', lit(CATALOG_PAGE_SIZE, 'xsd:integer')],
            ['hydra:first', iri(pageUrl(1))],
            ['hydra:firstPage', iri(pageUrl(1))],
            ['hydra:last', iri(pageUrl(last))],
            ['hydra:lastPage', iri(pageUrl(last))],
            ...(page < last
              ? ([
                  ['hydra:next', iri(pageUrl(page + 1))],
                  ['hydra:nextPage', iri(pageUrl(page + 1))],
                ] as [string, ReturnType<typeof iri>][])
              : []),
            ...(page > 1
              ? ([
                  ['hydra:previous', iri(pageUrl(page - 1))],
                  ['hydra:previousPage', iri(pageUrl(page - 1))],
                ] as [string, ReturnType<typeof iri>][])
              : []),
          ],
          pageUrl(page),
        );
        return reply
          .type(TYPES[format])
          .header('cache-control', 'public, max-age=300')
          .send(serialise([catalog, paging, ...items.map((i) => datasetNode(base, i.pkg, i.row))], format));
      },
    );

    r.get(
      `/dataset/:name.${format}`,
      {
        schema: {
          summary: `One published dataset as DCAT ${format === 'ttl' ? 'Turtle' : 'JSON-LD'}`,
          tags: ['dcat'],
          params: nameParam,
        },
      },
      async (request, reply) => {
        const [item] = await loadPublic(db, [await publicIdByName(db, request.params.name)]);
        if (!item) throw new AppError('NOT_FOUND', 404);
        return reply.type(TYPES[format]).send(serialise([datasetNode(base, item.pkg, item.row)], format));
      },
    );
  }

  r.get(
    '/dataset/:name/datapackage.json',
    {
      schema: {
        summary: 'One published dataset as a Frictionless Data Package (v2) with Table Schemas',
        tags: ['dcat'],
        params: nameParam,
      },
    },
    async (request, reply) => {
      const [item] = await loadPublic(db, [await publicIdByName(db, request.params.name)]);
      if (!item) throw new AppError('NOT_FOUND', 404);
      return reply
        .type('application/json; charset=utf-8')
        .send(JSON.stringify(await buildDataPackage(db, base, item.pkg, item.row), null, 2));
    },
  );
}
