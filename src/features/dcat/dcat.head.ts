import type { FastifyInstance } from 'fastify';
import { html, jsonScript, type SafeHtml } from '../../views/html.js';
import { datasetPageHeadExtras } from '../dataset/dataset.hooks.js';
import type { DatasetTable } from '../dataset/dataset.table.js';
import type { CkanPackage } from '../ckan/ckan.package.js';
import { schemaOrgDataset } from './schemaorg.js';

/**
 * The dataset page's <head> gets DCAT alternates, the datapackage link and schema.org JSON-LD.
 * Head extras are rendered synchronously, so the page's package dict is read from the search
 * index just before the page's handler runs (a hook on GET /dataset/{name}) and kept briefly.
 */
const CACHE_LIMIT = 200;
const packages = new Map<string, CkanPackage>();
let siteBase = '';

function remember(pkg: CkanPackage): void {
  packages.delete(pkg.id);
  packages.set(pkg.id, pkg);
  if (packages.size > CACHE_LIMIT) packages.delete(packages.keys().next().value!);
}

export function datasetHead(dataset: DatasetTable): SafeHtml {
  if (dataset.state !== 'published' || Number(dataset.private) !== 0) return html``;
  const base = siteBase;
  const page = `${base}/dataset/${encodeURIComponent(dataset.name)}`;
  const cached = packages.get(dataset.id);
  const pkg = cached && cached.name === dataset.name ? cached : null;
  return html`<link rel="alternate" type="application/ld+json" href="${page}.jsonld" title="DCAT (JSON-LD)">
<link rel="alternate" type="text/turtle" href="${page}.ttl" title="DCAT (Turtle)">
<link rel="describedby" type="application/json" href="${page}/datapackage.json" title="Frictionless Data Package">
<script type="application/ld+json">${jsonScript(schemaOrgDataset(base, dataset, pkg))}</script>`;
}

const DATASET_PAGE = /^\/dataset\/([^/?.#]+)\/?(?:\?|$)/;

/** Registered without encapsulation so its hook sees the dataset page's requests. */
export async function dcatHeadPlugin(app: FastifyInstance): Promise<void> {
  siteBase = app.deps.config.baseUrl.replace(/\/$/, '');
  if (!datasetPageHeadExtras.includes(datasetHead)) datasetPageHeadExtras.push(datasetHead);
  // Callback style: for every other request this is one regex test, with no promise.
  app.addHook('onRequest', (request, _reply, done) => {
    const m = request.method === 'GET' ? DATASET_PAGE.exec(request.url) : null;
    if (!m) return done();
    let name: string;
    try { name = decodeURIComponent(m[1]!); } catch { return done(); }
    app.deps.db.selectFrom('catalog_entries').select('package_json').where('name', '=', name).executeTakeFirst()
      .then((row) => { if (row) remember(JSON.parse(row.package_json) as CkanPackage); done(); }, done);
  });
}
(dcatHeadPlugin as unknown as Record<symbol, boolean>)[Symbol.for('skip-override')] = true;
