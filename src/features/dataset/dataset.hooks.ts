import type { SafeHtml } from '../../views/html.js';
import type { RequestContext } from '../../http/context.js';
import type { DatasetTable } from './dataset.table.js';
import type { ResourceTable } from './resources/resource.table.js';

/**
 * Extension points of the public dataset page, for other features (schema.org JSON-LD and DCAT
 * links in <head>; the data explorer under each resource). Register by pushing a function.
 */
export const datasetPageHeadExtras: Array<(dataset: DatasetTable) => SafeHtml> = [];

/** Rendered under a resource on the dataset page (only for the current, published data). */
export const resourceSectionExtras: Array<(resource: ResourceTable, dataset: DatasetTable) => SafeHtml> = [];

/** Shown on the walidata's review queue (`/data/periksa`): other things waiting for review. */
export const reviewQueueExtras: Array<(ctx: RequestContext) => SafeHtml> = [];
