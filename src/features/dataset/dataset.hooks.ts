import type { SafeHtml } from '../../views/html.js';
import type { RequestContext } from '../../views/page-context.js';
import type { DatasetTable } from './dataset.table.js';
import type { ResourceTable } from './resources/resource.table.js';

/**
 * Extension points of the dataset pages, for other features. The composition root lists them
 * (src/app/registrations.ts) and hands them to the routes as `app.deps.datasetExtras`.
 */

/** Tags for the public dataset page's <head> (DCAT alternates, schema.org JSON-LD); awaited by the page. */
export type DatasetHeadExtra = (dataset: DatasetTable, ctx: RequestContext) => Promise<SafeHtml>;

/**
 * Another answer for `GET /dataset/{name or id}` than the HTML page (DCAT for an RDF Accept header,
 * a redirect from a public dataset's id to its name); null lets the page render as usual.
 */
export type DatasetPageNegotiation = (
  nameOrId: string,
  accept: string | undefined,
) => Promise<{ type: string; body: string } | { redirect: string } | null>;

/** Rendered under a resource on the dataset page (only for the current, published data). */
export type ResourceSectionExtra = (resource: ResourceTable, dataset: DatasetTable) => SafeHtml;

/** Shown on the walidata's review queue (`/data/periksa`): other things waiting for review. */
export type ReviewQueueExtra = (ctx: RequestContext) => SafeHtml;

export interface DatasetPageExtras {
  datasetHead: readonly DatasetHeadExtra[];
  negotiation: readonly DatasetPageNegotiation[];
  resourceSections: readonly ResourceSectionExtra[];
  reviewQueue: readonly ReviewQueueExtra[];
}

declare module '../../http/deps.js' {
  interface AppDeps {
    datasetExtras: DatasetPageExtras;
  }
}
