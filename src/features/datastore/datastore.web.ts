import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AppError } from '../../errors.js';
import { sendPage } from '../../http/render.js';
import { html, type SafeHtml } from '../../views/html.js';
import { translator } from '../../i18n/i18n.js';
import { datasetUrls } from '../dataset/dataset.urls.js';
import type { DatasetTable } from '../dataset/dataset.table.js';
import { getDatastore } from './datastore.service.js';
import { explorerState, exploreDatastore } from './datastore.explorer.js';
import { explorerUrl, renderExplorer, stateQuery } from './datastore.view.js';
import { datastoreUrls } from './datastore.urls.js';
import { originalIsPrivate } from '../privacy/private-originals.js';
import { hasRole } from '../../actor/actor.js';
import type { ResourceTable } from '../dataset/resources/resource.table.js';

const params = z.object({ name: z.string().min(1).max(100), resourceId: z.string().min(1).max(100) });

/**
 * Under each published resource that has table data: a link to explore it and the downloads.
 * (Resource sections render synchronously and get no request context, so both languages show.)
 */
export function resourceSection(resource: ResourceTable, dataset: DatasetTable): SafeHtml {
  if (Number(resource.datastore_active) !== 1) return html``;
  const id = translator('id');
  const en = translator('en');
  const dump = (q: string) => datastoreUrls.dump(resource.id, q);
  return html`<div class="resource-extras">
  <p><a class="button" href="${explorerUrl(dataset.name, resource.id)}">${id('datastore.explorer')}</a> <span lang="en"
class="muted">${en('datastore.explorer')}</span></p>
  <p>${id('datastore.downloads')} / <span lang="en">${en('datastore.downloads')}</span>:
    <a href="${dump('')}" download>CSV</a> · <a href="${dump('?bom=true')}" download>CSV (Excel, BOM)</a> · <a
href="${dump('?format=xlsx')}" download>XLSX</a> · <a href="${dump('?format=json')}" download>JSON</a> · <a href="${dump('?format=tsv')}" download>TSV</a>
</p>
</div>`;
}

export async function datastoreWeb(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/dataset/:name/resource/:resourceId', { schema: { hide: true, params } }, async (request, reply) => {
    let meta = await getDatastore(app.deps.db, request.ctx, request.params.resourceId);
    if (meta.datasetName !== request.params.name)
      throw new AppError('DATASTORE_NOT_FOUND', 404, { resource_id: request.params.resourceId });
    const state = explorerState(request.query as Record<string, unknown>, meta);
    // No link to an original that held personal data for visitors (the file route refuses it anyway).
    const staff =
      hasRole(request.ctx.user, ['walidata']) || hasRole(request.ctx.user, ['produsen'], meta.organizationId);
    if (meta.originalFile && !staff && (await originalIsPrivate(app.deps.db, meta.originalFile)))
      meta = { ...meta, originalFile: null };
    const data = await exploreDatastore(app.deps.db, meta, state);
    const { t } = request.ctx;
    const qs = new URLSearchParams();
    if (state.q) qs.set('q', state.q);
    if (Object.keys(state.filters).length) qs.set('filters', JSON.stringify(state.filters));
    if (state.sort) qs.set('sort', `${state.sort} ${state.dir}`);
    qs.set('limit', String(state.size));
    qs.set('offset', String((state.page - 1) * state.size));
    return sendPage(request, reply, {
      title: `${meta.resourceName} · ${t('datastore.explorer')}`,
      main: renderExplorer(request.ctx, meta, data),
      jsonUrl: `${datastoreUrls.api(meta.resourceId)}?${qs}`,
      breadcrumbs: [
        { href: '/data', label: t('catalog.title') },
        { href: datasetUrls.page(meta.datasetName), label: meta.datasetTitle },
        { href: datasetUrls.resource(meta.datasetName, meta.resourceId), label: meta.resourceName },
        { label: t('datastore.explorer') },
      ],
      head:
        state.page > 1 || Object.keys(state.filters).length || state.q
          ? html`<link rel="canonical" href="${explorerUrl(meta.datasetName, meta.resourceId)}${stateQuery({ ...state, page: 1, filters: {}, q: '' })}">`
          : undefined,
    });
  });
}
