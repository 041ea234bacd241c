import type { RequestContext } from '../../views/page-context.js';
import { html, raw, type SafeHtml } from '../../views/html.js';
import { formatNumber } from '../../i18n/i18n.js';
import { periodLabel } from '../ingest/period.js';
import { renderChartSvg, renderChartTable, type ChartOptions } from '../../views/chart-svg.js';
import { datasetUrls } from '../dataset/dataset.urls.js';
import type { DatastoreField } from '../ingest/ingest.table.js';
import type { DatastoreMeta } from './datastore.repository.js';
import {
  AGGREGATES,
  CHART_MAX_CATEGORIES,
  PAGE_SIZES,
  type ExplorerData,
  type ExplorerState,
} from './datastore.explorer.js';
import { datastoreUrls } from './datastore.urls.js';

export const explorerUrl = (datasetName: string, resourceId: string) =>
  `/dataset/${encodeURIComponent(datasetName)}/resource/${encodeURIComponent(resourceId)}`;

const isNumeric = (f: DatastoreField) => f.type === 'int' || f.type === 'float';

/** The explorer's query string, with changes (paging keeps everything else). */
export function stateQuery(state: ExplorerState, change: Partial<ExplorerState> = {}): string {
  const s = { ...state, ...change };
  const qs = new URLSearchParams();
  if (s.q) qs.set('q', s.q);
  for (const [k, v] of Object.entries(s.filters)) if (v !== '') qs.append(`filter.${k}`, v);
  if (s.sort) {
    qs.set('sort', s.sort);
    qs.set('dir', s.dir);
  }
  if (s.size !== 25) qs.set('size', String(s.size));
  if (s.page > 1) qs.set('page', String(s.page));
  if (s.chart) {
    qs.set('chart', s.chart.type);
    qs.set('cat', s.chart.category);
    if (s.chart.value) qs.set('val', s.chart.value);
    qs.set('agg', s.chart.agg);
  }
  const out = qs.toString();
  return out ? `?${out}` : '';
}

/** Query string for a dump of the currently filtered rows. */
function dumpQuery(state: ExplorerState, extra: Record<string, string>): string {
  const qs = new URLSearchParams(extra);
  if (state.q) qs.set('q', state.q);
  for (const [k, v] of Object.entries(state.filters)) if (v !== '') qs.append(`filter.${k}`, v);
  if (state.sort) qs.set('sort', `${state.sort} ${state.dir}`);
  const out = qs.toString();
  return out ? `?${out}` : '';
}

function cell(ctx: RequestContext, f: { type: DatastoreField['type'] }, v: unknown): SafeHtml | string {
  if (v === null || v === undefined) return html`<span class="muted">—</span>`;
  if (typeof v === 'boolean') return ctx.t(v ? 'datastore.yes' : 'datastore.no');
  if (typeof v === 'number' && f.type !== 'int') return formatNumber(ctx.locale, v);
  if (typeof v === 'number') return String(v);
  // Periods are stored as sortable text (2024-Q1); readers see them as they are written.
  if (f.type === 'period') return periodLabel(ctx.locale, String(v));
  return String(v);
}

/** Links to every download of a resource; shown on the resource page and above the explorer. */
export function renderDownloads(
  ctx: RequestContext,
  meta: Pick<DatastoreMeta, 'resourceId' | 'datasetName' | 'originalFile'>,
  state?: ExplorerState,
): SafeHtml {
  const { t } = ctx;
  const id = meta.resourceId;
  const filtered = state && (state.q || Object.values(state.filters).some((v) => v !== ''));
  const unfiltered: ExplorerState = { q: '', filters: {}, sort: '', dir: 'asc', page: 1, size: 25, chart: null };
  const link = (format: string, label: string, extra: Record<string, string> = {}) => {
    const query = dumpQuery(filtered ? state! : unfiltered, format === 'csv' ? extra : { format, ...extra });
    return html`<li><a href="${datastoreUrls.dump(id, query)}" download>${label}</a></li>`;
  };
  const filteredNote = filtered ? html` <span class="muted">(${t('datastore.downloadFiltered')})</span>` : '';
  const original = meta.originalFile
    ? html`<li><a href="${datasetUrls.resourceFile(meta.datasetName, id)}">${t('datastore.downloadOriginal')}</a></li>`
    : '';
  const apiLink = html`<a href="/api/3/action/datastore_search?resource_id=${encodeURIComponent(id)}">datastore_search</a>`;
  return html`<section class="downloads" aria-labelledby="dl-${id}">
  <h2 id="dl-${id}">${t('datastore.downloads')}${filteredNote}</h2>
  <ul class="inline-list">
    ${link('csv', t('datastore.downloadCsv'))}
    ${link('csv', t('datastore.downloadCsvExcel'), { bom: 'true' })}
    ${link('xlsx', t('datastore.downloadXlsx'))}
    ${link('json', t('datastore.downloadJson'))}
    ${link('tsv', t('datastore.downloadTsv'))}
    ${original}
  </ul>
  <p class="hint">${t('datastore.downloadNote')} ${t('datastore.api', { url: '' })}${apiLink}</p>
</section>`;
}

function filterForm(ctx: RequestContext, meta: DatastoreMeta, state: ExplorerState, url: string): SafeHtml {
  const { t } = ctx;
  const fields = meta.fields;
  const filterField = (f: DatastoreField) => {
    const inputmode = f.type === 'int' || f.type === 'float' ? raw(' inputmode="decimal"') : '';
    const label = html`<label for="ds-f-${f.id}">${f.label || f.id}</label>`;
    return html`<div class="field">${label}<input id="ds-f-${f.id}" name="filter.${f.id}" value="${state.filters[f.id] ?? ''}"${inputmode}></div>`;
  };
  const selected = (on: boolean) => (on ? raw(' selected') : '');
  const hiddenInput = (name: string, value: string) => html`<input type="hidden" name="${name}" value="${value}">`;
  const chartInputs = state.chart
    ? [
        hiddenInput('chart', state.chart.type),
        hiddenInput('cat', state.chart.category),
        hiddenInput('val', state.chart.value),
        hiddenInput('agg', state.chart.agg),
      ]
    : '';
  return html`<form method="get" action="${url}" class="explorer-form">
  <div class="field"><label for="ds-q">${t('datastore.search')}</label><input type="search" id="ds-q" name="q" value="${state.q}"></div>
  <fieldset><legend>${t('datastore.filters')}</legend><p class="hint">${t('datastore.filterHint')}</p>
    <div class="filter-grid">${fields.map(filterField)}</div>
  </fieldset>
  <div class="field"><label for="ds-sort">${t('datastore.sort')}</label>
    <select id="ds-sort" name="sort"><option value="">_id</option>
${fields.map((f) => html`<option value="${f.id}"${selected(state.sort === f.id)}>${f.label || f.id}</option>`)}</select>
    <label for="ds-dir" class="sr-only">${t('datastore.direction')}</label>
    <select id="ds-dir" name="dir"><option value="asc">${t('datastore.sortAsc')}</option>
<option value="desc"${selected(state.dir === 'desc')}>${t('datastore.sortDesc')}</option></select></div>
  <div class="field"><label for="ds-size">${t('datastore.perPage')}</label>
    <select id="ds-size" name="size">${PAGE_SIZES.map((n) => html`<option value="${n}"${selected(state.size === n)}>${n}</option>`)}</select></div>
  ${chartInputs}
  <button type="submit">${t('datastore.apply')}</button> <a href="${url}">${t('datastore.reset')}</a>
</form>`;
}

function dataTable(ctx: RequestContext, meta: DatastoreMeta, data: ExplorerData, url: string): SafeHtml {
  const { t, locale } = ctx;
  const { outcome, state } = data;
  const total = outcome.total ?? 0;
  const from = total ? (state.page - 1) * state.size + 1 : 0;
  const to = Math.min(total, state.page * state.size);
  const pages = Math.max(1, Math.ceil(total / state.size));
  const fields = outcome.fields;
  const numClass = (f: DatastoreField) => (isNumeric(f) || f.id === '_id' ? raw(' class="num"') : '');
  const pageLink = (page: number, label: string, rel = '') =>
    html`<li><a${rel ? html` rel="${rel}"` : ''} href="${url}${stateQuery(state, { page })}">${label}</a></li>`;
  const pageOf = t('datastore.page', { page: formatNumber(locale, state.page), pages: formatNumber(locale, pages) });
  const caption = t('datastore.tableCaption', {
    name: meta.resourceName,
    from: formatNumber(locale, from),
    to: formatNumber(locale, to),
    total: formatNumber(locale, total),
  });
  return html`<section aria-labelledby="ds-table-h"><h2 id="ds-table-h">${t('datastore.table')}</h2>
  ${
    outcome.rows.length
      ? html`<div class="table-scroll" role="region" aria-labelledby="ds-table-h" tabindex="0"><table class="data">
    <caption>${caption}</caption>
    <thead><tr>${fields.map((f) => html`<th scope="col"${numClass(f)}>${f.label || f.id}</th>`)}</tr></thead>
    <tbody>${outcome.rows.map((row) => html`<tr>${fields.map((f) => html`<td${numClass(f)}>${cell(ctx, f, row[f.id])}</td>`)}</tr>`)}</tbody>
  </table></div>`
      : html`<p>${t('datastore.noRows')}</p>`
  }
  ${
    pages > 1
      ? html`<nav class="pager" aria-label="${t('datastore.pagination')}"><ul class="inline-list">
    ${state.page > 1 ? html`${pageLink(1, t('datastore.first'))}${pageLink(state.page - 1, t('common.previous'), 'prev')}` : ''}
    <li aria-current="page">${pageOf}</li>
    ${state.page < pages ? html`${pageLink(state.page + 1, t('common.next'), 'next')}${pageLink(pages, t('datastore.last'))}` : ''}
  </ul></nav>`
      : ''
  }
</section>`;
}

function summaries(ctx: RequestContext, data: ExplorerData): SafeHtml {
  const { t, locale } = ctx;
  const n = (v: number | string | null, f: DatastoreField) =>
    v === null
      ? '—'
      : typeof v === 'number'
        ? formatNumber(locale, v, f.type === 'int' && Number.isInteger(v) ? 0 : 2)
        : v;
  const topValue = (f: DatastoreField, value: string) =>
    f.type === 'bool' ? t(value === 'true' ? 'datastore.yes' : 'datastore.no') : value;
  return html`<section aria-labelledby="ds-sum-h"><h2 id="ds-sum-h">${t('datastore.summaries')}</h2>
  <p class="hint">${t('datastore.summaryNote')}</p>
  <div class="table-scroll" role="region" aria-labelledby="ds-sum-h" tabindex="0"><table class="data">
    <thead><tr><th scope="col">${t('datastore.column')}</th><th scope="col">${t('datastore.type')}</th>
<th scope="col" class="num">${t('datastore.count')}</th><th scope="col" class="num">${t('datastore.missing')}</th>
<th scope="col" class="num">${t('datastore.min')}</th><th scope="col" class="num">${t('datastore.max')}</th>
<th scope="col" class="num">${t('datastore.mean')}</th><th scope="col">${t('datastore.top')}</th></tr></thead>
    <tbody>${data.summaries.map(
      (s) => html`<tr><th scope="row">${s.field.label || s.field.id}</th><td>${t(`datastore.type.${s.field.type}`)}</td>
      <td class="num">${formatNumber(locale, s.count)}</td><td class="num">${formatNumber(locale, s.missing)}</td>
      <td class="num">${n(s.min, s.field)}</td><td class="num">${n(s.max, s.field)}</td>
      <td class="num">${s.mean === null ? '—' : formatNumber(locale, s.mean, 2)}</td>
      <td>${s.top.map((x, i) => html`${i ? ', ' : ''}${topValue(s.field, x.value)} (${formatNumber(locale, x.count)})`)}</td></tr>`,
    )}</tbody>
  </table></div>
</section>`;
}

function chartSection(ctx: RequestContext, meta: DatastoreMeta, data: ExplorerData, url: string): SafeHtml {
  const { t } = ctx;
  const numeric = meta.fields.filter(isNumeric);
  const categorical = meta.fields.filter((f) => !isNumeric(f) && f.type !== 'bool');
  const c = data.state.chart;
  if (!c || !categorical.length)
    return html`<section aria-labelledby="ds-chart-h"><h2 id="ds-chart-h">${t('datastore.chart')}</h2><p>${t('datastore.chartNone')}</p></section>`;
  const label = (id: string) => meta.fields.find((f) => f.id === id)?.label || id;
  const hiddenQ = data.state.q ? html`<input type="hidden" name="q" value="${data.state.q}">` : '';
  const hiddenFilters = Object.entries(data.state.filters).map(
    ([k, v]) => html`<input type="hidden" name="filter.${k}" value="${v}">`,
  );
  const hidden = html`${hiddenQ}${hiddenFilters}`;
  const selected = (on: boolean) => (on ? raw(' selected') : '');
  const fieldOption = (f: DatastoreField, current: string) =>
    html`<option value="${f.id}"${selected(current === f.id)}>${f.label || f.id}</option>`;
  const aggregates = AGGREGATES.filter((a) => numeric.length || a === 'count');
  const form = html`<form method="get" action="${url}#ds-chart-h" class="explorer-form">${hidden}
    <div class="field"><label for="ds-chart">${t('datastore.chartType')}</label><select id="ds-chart" name="chart">
<option value="bar">${t('datastore.chartBar')}</option>
<option value="line"${selected(c.type === 'line')}>${t('datastore.chartLine')}</option></select></div>
    <div class="field"><label for="ds-cat">${t('datastore.chartCategory')}</label><select id="ds-cat" name="cat">
${categorical.map((f) => fieldOption(f, c.category))}</select></div>
    ${
      numeric.length
        ? html`<div class="field"><label for="ds-val">${t('datastore.chartValue')}</label><select id="ds-val" name="val">
${numeric.map((f) => fieldOption(f, c.value))}</select></div>`
        : ''
    }
    <div class="field"><label for="ds-agg">${t('datastore.chartAgg')}</label><select id="ds-agg" name="agg">
${aggregates.map((a) => html`<option value="${a}"${selected(c.agg === a)}>${t(`datastore.agg.${a}`)}</option>`)}</select></div>
    <button type="submit">${t('datastore.chartDraw')}</button></form>`;
  if (!data.chart)
    return html`<section aria-labelledby="ds-chart-h"><h2 id="ds-chart-h">${t('datastore.chart')}</h2>${form}<p>${t('datastore.chartNone')}</p></section>`;
  const aggLabel = t(`datastore.agg.${c.agg}`);
  const valueLabel = c.agg === 'count' ? t('datastore.agg.count') : label(c.value);
  const options: ChartOptions = {
    type: c.type,
    title: t('datastore.chartTitle', { agg: aggLabel, value: valueLabel, category: label(c.category) }),
    description: t('datastore.chartDesc', {
      type: t(c.type === 'bar' ? 'datastore.chartBar' : 'datastore.chartLine'),
      agg: aggLabel,
      value: valueLabel,
      category: label(c.category),
      n: data.chart.categories.length,
    }),
    // A period axis is in calendar order (the stored text sorts so); its ticks read as written.
    categories: meta.fields.some((f) => f.id === c.category && f.type === 'period')
      ? data.chart.categories.map((k) => periodLabel(ctx.locale, k))
      : data.chart.categories,
    series: [{ name: `${aggLabel} ${valueLabel}`, values: data.chart.values }],
    locale: ctx.locale,
    idPrefix: `ds-chart-${meta.resourceId.slice(0, 8)}`,
    categoryLabel: label(c.category),
  };
  return html`<section aria-labelledby="ds-chart-h"><h2 id="ds-chart-h">${t('datastore.chart')}</h2>${form}
  ${data.chart.truncated ? html`<p class="hint">${t('datastore.chartTruncated', { n: CHART_MAX_CATEGORIES })}</p>` : ''}
  <div class="cols"><figure class="chart">${raw(renderChartSvg(options))}</figure><div class="table-scroll">${renderChartTable(ctx, options)}</div></div>
</section>`;
}

/** The resource explorer: filters, search, sort, paging, summaries and a chart, all plain GET forms. */
export function renderExplorer(ctx: RequestContext, meta: DatastoreMeta, data: ExplorerData): SafeHtml {
  const { t, locale } = ctx;
  const url = explorerUrl(meta.datasetName, meta.resourceId);
  const rows = t('datastore.rows', { n: formatNumber(locale, meta.rowCount) });
  return html`<h1>${meta.resourceName}</h1>
<p class="lead"><a href="${datasetUrls.page(meta.datasetName)}">${meta.datasetTitle}</a> · ${rows}</p>
${renderDownloads(ctx, meta, data.state)}
<h2>${t('datastore.explorer')}</h2>
${filterForm(ctx, meta, data.state, url)}
${dataTable(ctx, meta, data, url)}
${chartSection(ctx, meta, data, url)}
${summaries(ctx, data)}`;
}
