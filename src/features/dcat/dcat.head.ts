import { html, jsonScript, type SafeHtml } from '../../views/html.js';
import type { Db } from '../../storage/database.js';
import type { DatasetHeadExtra, DatasetPageNegotiation } from '../dataset/dataset.hooks.js';
import { datasetUrls } from '../dataset/dataset.urls.js';
import type { CkanPackage } from '../ckan/ckan.package.js';
import { datasetNode, spatialCodes } from './dcat.mapping.js';
import { contentType, findPublicDataset, loadPublicItem, serialise } from './dcat.documents.js';
import { RDF_FORMATS, negotiateRdf, type RdfFormat } from './dcat.negotiation.js';
import { schemaOrgDataset } from './schemaorg.js';

const FORMATS = Object.keys(RDF_FORMATS) as RdfFormat[];

/** <link rel="alternate"> to each RDF syntax of a document whose address, less the extension, is `stem`. */
export function rdfAlternates(stem: string): SafeHtml {
  return html`${FORMATS.map(
    (f) =>
      html`<link rel="alternate" type="${RDF_FORMATS[f].type}" href="${stem}.${f}" title="DCAT-AP (${RDF_FORMATS[f].title})">
`,
  )}`;
}

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
    const codes = spatialCodes(dataset);
    const places = new Map(
      codes.length
        ? (await db.selectFrom('wilayah').select(['kode', 'nama']).where('kode', 'in', codes).execute()).map((w) => [
            w.kode,
            w.nama,
          ])
        : [],
    );
    const page = `${base}${datasetUrls.page(dataset.name)}`;
    return html`${rdfAlternates(page)}<link rel="alternate" type="application/json" href="${page}/datapackage.json" title="Frictionless Data Package">
<link rel="describedby" type="application/json" href="${page}/datapackage.json" title="Frictionless Data Package">
<script type="application/ld+json">${jsonScript(schemaOrgDataset(base, dataset, pkg, places))}</script>`;
  };
}

/**
 * `GET /dataset/{name or id}`: DCAT in the syntax the Accept header prefers, and a public dataset's
 * id redirects to its name (CKAN accepts both in the URL).
 */
export function dcatDatasetNegotiation(db: Db, baseUrl: string): DatasetPageNegotiation {
  const base = baseUrl.replace(/\/$/, '');
  return async (nameOrId, accept) => {
    const format = negotiateRdf(accept);
    if (format) {
      const item = await loadPublicItem(db, nameOrId);
      return item ? { type: contentType(format), body: await serialise([datasetNode(base, item)], format) } : null;
    }
    const found = await findPublicDataset(db, nameOrId);
    return found && found.name !== nameOrId ? { redirect: datasetUrls.page(found.name) } : null;
  };
}
