import type { RequestContext } from '../../views/page-context.js';
import { html, type SafeHtml } from '../../views/html.js';
import { formatDate, formatNumber } from '../../i18n/i18n.js';
import { datasetUrls } from '../dataset/dataset.urls.js';
import { FACET_FIELDS } from './catalog.table.js';
import { CATALOG_SORTS, catalogQueryString, type CatalogPage } from './catalog.service.js';
import { hasRole } from '../../actor/actor.js';

/** Links for producers and the walidata to their own pages (shown only to those roles). */
export function staffBox(ctx: RequestContext): SafeHtml {
  const { t, user } = ctx;
  const producer = hasRole(user, ['produsen']);
  const walidata = hasRole(user, ['walidata']);
  if (!producer && !walidata) return html``;
  return html`<nav class="notice staff-box" aria-labelledby="staff-box-title"><h2 id="staff-box-title">${t('catalog.staff.title')}</h2><ul>
  ${
    producer
      ? html`<li><a href="${datasetUrls.mine()}">${t('catalog.staff.mine')}</a></li>
  <li><a href="${datasetUrls.create()}">${t('catalog.staff.create')}</a></li>`
      : ''
  }
  ${walidata ? html`<li><a href="${datasetUrls.reviewQueue()}">${t('catalog.staff.review')}</a></li>` : ''}
</ul></nav>`;
}

const excerpt = (text: string, n = 220) => (text.length > n ? text.slice(0, n).replace(/\s+\S*$/, '') + '…' : text);

function facetList(ctx: RequestContext, page: CatalogPage): SafeHtml {
  const { t } = ctx;
  return html`${FACET_FIELDS.map((field) => {
    const items = page.facets[field] ?? [];
    if (!items.length) return '';
    const item = (i: (typeof items)[number]) => {
      const href = `/data${catalogQueryString(page.params, { toggle: [field, i.value] })}`;
      const current = i.selected ? html` aria-current="true" class="selected"` : '';
      const mark = i.selected
        ? html`<span aria-hidden="true">✓ </span><span class="sr-only">${t('catalog.remove')}: </span>`
        : '';
      const count = formatNumber(ctx.locale, i.count);
      return html`<li><a href="${href}"${current}>${mark}${i.label}</a> <span class="muted">(${count})</span></li>`;
    };
    return html`<section class="facet" aria-labelledby="facet-${field}">
  <h3 id="facet-${field}">${t(`catalog.facet.${field}`)}</h3>
  <ul>${items.map(item)}</ul>
</section>`;
  })}`;
}

/** The public catalogue: a GET search form, facet links, results, sorting and paging (no JavaScript needed). */
export function renderCatalog(ctx: RequestContext, page: CatalogPage): SafeHtml {
  const { t, locale } = ctx;
  const { params } = page;
  const hidden = FACET_FIELDS.flatMap((f) =>
    (params.filters[f] ?? []).map((v) => html`<input type="hidden" name="${f}" value="${v}">`),
  );
  const sortOption = (s: (typeof CATALOG_SORTS)[number]) =>
    html`<option value="${s}"${s === params.sort ? html` selected` : ''}>${t(`catalog.sort.${s}`)}</option>`;
  const modified = (d: CatalogPage['results'][number]) =>
    formatDate(locale, d.metadata_modified ? d.metadata_modified.slice(0, 19) + 'Z' : null);
  const formats = (d: CatalogPage['results'][number]) =>
    d.resources.length ? html` · ${[...new Set(d.resources.map((r) => r.format).filter(Boolean))].join(', ')}` : '';
  const ckanLink = html`<a href="/api/3/action/package_search">CKAN API</a>`;
  const dcatLinks = html`<a href="/catalog.jsonld">DCAT (JSON-LD)</a> · <a href="/catalog.ttl">DCAT (Turtle)</a>`;
  return html`<h1>${t('catalog.title')}</h1>
<p class="lead">${t('catalog.intro')}</p>
${staffBox(ctx)}
<form method="get" action="/data" role="search" class="search-form">
  <label for="catalog-q">${t('catalog.searchLabel')}</label>
  <input type="search" id="catalog-q" name="q" value="${params.q}">
  ${hidden}
  <label for="catalog-sort">${t('catalog.sort')}</label>
  <select id="catalog-sort" name="sort">${CATALOG_SORTS.map(sortOption)}</select>
  <button type="submit">${t('common.search')}</button>
</form>
<div class="cols catalog">
<aside aria-label="${t('catalog.facets')}">
  <h2>${t('catalog.facets')}</h2>
  ${facetList(ctx, page)}
</aside>
<section aria-labelledby="results-h">
  <h2 id="results-h" aria-live="polite">${t('catalog.count', { n: formatNumber(locale, page.count) })}</h2>
  ${
    page.results.length
      ? html`<ol class="results">${page.results.map(
          (d) => html`<li>
      <h3><a href="${datasetUrls.page(d.name)}">${d.title}</a></h3>
      <p class="muted">${d.organization.title} · ${t('catalog.modified')} ${modified(d)}${formats(d)}</p>
      ${d.notes ? html`<p>${excerpt(d.notes)}</p>` : ''}
    </li>`,
        )}</ol>`
      : html`<p>${t('catalog.none')}</p>`
  }
  ${
    page.pages > 1
      ? html`<nav aria-label="${t('catalog.pagination')}" class="pager"><ul>
    ${params.page > 1 ? html`<li><a rel="prev" href="/data${catalogQueryString(params, { page: params.page - 1 })}">${t('common.previous')}</a></li>` : ''}
    <li aria-current="page">${t('catalog.page', { page: params.page, pages: page.pages })}</li>
    ${params.page < page.pages ? html`<li><a rel="next" href="/data${catalogQueryString(params, { page: params.page + 1 })}">${t('common.next')}</a></li>` : ''}
  </ul></nav>`
      : ''
  }
  <p class="muted">${t('catalog.machines')} ${ckanLink} · ${dcatLinks}</p>
</section>
</div>`;
}
