import { html, jsonScript } from '../../views/html.js';
import type { Db } from '../../storage/database.js';
import type { DatasetHeadExtra } from '../dataset/dataset.hooks.js';
import type { CkanPackage } from '../ckan/ckan.package.js';
import { schemaOrgDataset } from './schemaorg.js';

/**
 * The public dataset page's <head>: DCAT alternates, the datapackage link and schema.org JSON-LD
 * built from the dataset's package dict in the search index (read only for a public dataset).
 */
export function dcatDatasetHead(db: Db, baseUrl: string): DatasetHeadExtra {
  const base = baseUrl.replace(/\/$/, '');
  return async (dataset) => {
    if (dataset.state !== 'published' || Number(dataset.private) !== 0) return html``;
    const row = await db
      .selectFrom('catalog_entries')
      .select('package_json')
      .where('name', '=', dataset.name)
      .executeTakeFirst();
    const pkg = row ? (JSON.parse(row.package_json) as CkanPackage) : null;
    const page = `${base}/dataset/${encodeURIComponent(dataset.name)}`;
    return html`<link rel="alternate" type="application/ld+json" href="${page}.jsonld" title="DCAT (JSON-LD)">
<link rel="alternate" type="text/turtle" href="${page}.ttl" title="DCAT (Turtle)">
<link rel="describedby" type="application/json" href="${page}/datapackage.json" title="Frictionless Data Package">
<script type="application/ld+json">${jsonScript(schemaOrgDataset(base, dataset, pkg))}</script>`;
  };
}
