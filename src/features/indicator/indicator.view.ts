import { protectionNote, type ProtectionInfo } from './disclosure/protection-note.view.js';
import type { RequestContext } from '../../views/page-context.js';
import { html, raw, type SafeHtml } from '../../views/html.js';
import { renderChartSvg, type ChartOptions } from '../../views/chart-svg.js';
import type { IndicatorRow } from './indicator.service.js';
import type { PublicValue } from './indicator-publish.service.js';
import { disagreements, isPeopleCount } from './indicator-publish.service.js';
import type { SourceRow } from './indicator.repository.js';
import { displayValue, indicatorUrls, msInd, nameOf } from './indicator.presenter.js';
import type { IndicatorDerivationTable } from './indicator.table.js';
import { formatDate } from '../../i18n/i18n.js';
import { datasetUrls } from '../dataset/dataset.urls.js';
import { lastVersionWith, sourceRemovalOf, type SourceRemoval } from './derivation-source.js';

export interface CatalogueItem {
  row: IndicatorRow;
  official: SourceRow | undefined;
  sourceCount: number;
  latest: PublicValue | undefined;
}

export const exampleBadge = (ctx: RequestContext, on: boolean | number) =>
  on ? html` <span class="badge example">${ctx.t('indicator.example')}</span>` : '';
export const officialBadge = (ctx: RequestContext, official: boolean) =>
  official
    ? html`<span class="badge ok">✓ ${ctx.t('indicator.official')}</span>`
    : html`<span class="badge">${ctx.t('indicator.alternative')}</span>`;

export function fmtValue(ctx: RequestContext, indicator: IndicatorRow, v: PublicValue, threshold: number): string {
  return displayValue(v, threshold, ctx.locale, indicator.decimals);
}

export function renderCatalogue(
  ctx: RequestContext,
  items: CatalogueItem[],
  threshold: number,
  canCreate: boolean,
): SafeHtml {
  const { t } = ctx;
  const exportLinks = html`<a href="/api/v1/indicators/ms-ind.csv">CSV</a>, <a href="/api/v1/indicators/ms-ind.json">JSON</a>`;
  const createLink = canCreate
    ? html` · <a class="button secondary" href="${indicatorUrls.create()}">${t('indicator.create')}</a>`
    : '';
  const nameCell = (it: CatalogueItem) =>
    html`<a href="${indicatorUrls.page(it.row.code)}">${nameOf(it.row, ctx.locale)}</a>${exampleBadge(ctx, it.row.is_example)}`;
  const otherSources = (it: CatalogueItem) =>
    it.sourceCount > 1
      ? html` <span class="muted">(+${it.sourceCount - 1} ${t('indicator.otherSources').toLowerCase()})</span>`
      : '';
  return html`<h1>${t('indicator.title')}</h1>
<p class="lead">${t('indicator.intro')}</p>
<p><a href="${indicatorUrls.compare()}">${t('indicator.compare.title')}</a> · ${t('indicator.msIndExport')}: ${exportLinks}${createLink}</p>
${
  items.length
    ? html`<div class="table-scroll" tabindex="0" role="region" aria-label="${t('indicator.tableRegion')}"><table>
<caption>${t('indicator.title')}</caption>
<thead><tr><th scope="col">${t('indicator.name')}</th><th scope="col">${t('indicator.unit')}</th><th scope="col">${t('indicator.level')}</th>
<th scope="col">${t('indicator.officialSource')}</th><th scope="col" class="num">${t('indicator.latest')}</th></tr></thead>
<tbody>${items.map(
        (it) => html`<tr>
<th scope="row">${nameCell(it)} <span class="muted">${it.row.code}</span></th>
<td>${it.row.unit}</td><td>${t(`indicator.level.${it.row.lowest_level}`)}</td>
<td>${it.official?.producer ?? '—'}${otherSources(it)}</td>
<td class="num">${it.latest ? html`${fmtValue(ctx, it.row, it.latest, threshold)} <span class="muted">(${it.latest.row.period})</span>` : '—'}</td></tr>`,
      )}</tbody>
</table></div>`
    : html`<p>${t('indicator.none')}</p>`
}`;
}

function metadataList(
  ctx: RequestContext,
  indicator: IndicatorRow,
  sources: SourceRow[],
  orgs: Map<string, string>,
): SafeHtml {
  const record = msInd(indicator, sources, orgs);
  return html`<dl class="meta">${Object.entries(record)
    .filter(([, v]) => v !== '')
    .map(([k, v]) => html`<dt>${k}</dt><dd>${v}</dd>`)}</dl>`;
}

export function sourcesSection(ctx: RequestContext, indicator: IndicatorRow, sources: SourceRow[]): SafeHtml {
  const { t } = ctx;
  const ordered = [...sources].sort(
    (a, b) => Number(b.id === indicator.official_source_id) - Number(a.id === indicator.official_source_id),
  );
  return html`<section aria-labelledby="src-h"><h2 id="src-h">${t('indicator.sources')}</h2>
<p>${t('indicator.officialExplain')}</p>
<ul class="plain sources">${ordered.map(
    (s) => html`<li class="card${s.id === indicator.official_source_id ? ' official' : ''}">
<h3>${s.producer} ${officialBadge(ctx, s.id === indicator.official_source_id)}${exampleBadge(ctx, s.is_example)}</h3>
<dl class="meta"><dt>${t('indicator.method')}</dt><dd>${s.method}</dd>
${s.citation ? html`<dt>${t('indicator.citation')}</dt><dd>${s.citation}</dd>` : ''}
${s.organization_name ? html`<dt>${t('indicator.producer')}</dt><dd>${s.organization_name}</dd>` : ''}</dl>
</li>`,
  )}</ul></section>`;
}

function disagreementSection(
  ctx: RequestContext,
  indicator: IndicatorRow,
  values: PublicValue[],
  threshold: number,
): SafeHtml {
  const { t } = ctx;
  const groups = disagreements(values);
  if (!groups.length) return html``;
  return html`<section aria-labelledby="dis-h"><h2 id="dis-h">${t('indicator.disagree')}</h2><p>${t('indicator.disagreeIntro')}</p>
<div class="table-scroll" tabindex="0" role="region" aria-label="${t('indicator.tableRegion')}"><table><caption>${t('indicator.disagree')}</caption>
<thead><tr><th scope="col">${t('indicator.wilayah')}</th><th scope="col">${t('indicator.period')}</th><th scope="col">${t('indicator.source')}</th>
<th scope="col" class="num">${t('indicator.value')} (${indicator.unit})</th><th scope="col">${t('indicator.method')}</th>
<th scope="col">${t('indicator.note')}</th></tr></thead>
<tbody>${groups.map((g) =>
    g.values.map(
      (v, i) => html`<tr>
${i === 0 ? html`<th scope="rowgroup" rowspan="${g.values.length}">${g.wilayahNama}</th><td rowspan="${g.values.length}">${g.period}</td>` : ''}
<td>${v.source.producer} ${officialBadge(ctx, v.official)}</td><td class="num">${fmtValue(ctx, indicator, v, threshold)}</td>
<td>${v.source.method}</td><td>${v.suppressed ? '' : v.row.note}</td></tr>`,
    ),
  )}</tbody>
</table></div></section>`;
}

export function valuesTable(
  ctx: RequestContext,
  indicator: IndicatorRow,
  values: PublicValue[],
  threshold: number,
  caption: string,
): SafeHtml {
  const { t } = ctx;
  const citation = (v: PublicValue) =>
    v.row.citation ? html`<br><span class="muted">${ctx.t('indicator.citation')}: ${v.row.citation}</span>` : '';
  return html`<div class="table-scroll" tabindex="0" role="region" aria-label="${t('indicator.tableRegion')}"><table><caption>${caption}</caption>
<thead><tr><th scope="col">${t('indicator.wilayah')}</th><th scope="col">${t('indicator.period')}</th>
<th scope="col" class="num">${t('indicator.value')} (${indicator.unit})</th><th scope="col">${t('indicator.source')}</th>
<th scope="col">${t('indicator.status')}</th><th scope="col">${t('indicator.denominator')}</th><th scope="col">${t('indicator.filters')}</th>
<th scope="col" class="num">${t('indicator.missing')}</th><th scope="col">${t('indicator.note')}</th></tr></thead>
<tbody>${values.map(
    (v) => html`<tr>
<th scope="row">${v.row.wilayah_nama} <span class="muted">${v.row.wilayah_kode}</span></th><td>${v.row.period}</td>
<td class="num">${fmtValue(ctx, indicator, v, threshold)}${exampleBadge(ctx, v.row.is_example)}</td>
<td>${v.source.producer} ${officialBadge(ctx, v.official)}</td><td>${t(`indicator.status.${v.row.status}`)}</td>
<td>${v.row.denominator || '—'}</td><td>${v.row.filters || '—'}</td><td class="num">${v.row.missing_count ?? '—'}</td>
<td>${v.suppressed ? '' : v.row.note}${citation(v)}</td></tr>`,
  )}</tbody>
</table></div>`;
}

export interface IndicatorPageModel {
  indicator: IndicatorRow;
  sources: SourceRow[];
  values: PublicValue[];
  derivations: IndicatorDerivationTable[];
  chart: ChartOptions | null;
  orgs: Map<string, string>;
  threshold: number;
  canManage: boolean;
  baseUrl: string;
  protection?: ProtectionInfo;
}

/** Why derived values are no longer updated, since when, and where their source data can still be read. */
function sourceRemovedNotice(ctx: RequestContext, r: SourceRemoval): SafeHtml {
  const { t, locale } = ctx;
  const last = lastVersionWith(r);
  const message = t(`indicator.sourceRemoved.${r.reason}`, {
    resource: r.resourceName,
    dataset: r.datasetTitle,
    version: r.version,
    date: formatDate(locale, r.at),
  });
  const lastVersionLink =
    r.datasetName && last > 0
      ? html`<p><a href="${datasetUrls.version(r.datasetName, last)}">${t('indicator.sourceRemoved.lastVersion', { n: last, dataset: r.datasetTitle })}</a></p>`
      : '';
  return html`<div class="notice warn" role="status"><p>${message}</p>
${lastVersionLink}</div>`;
}

export function derivationWarnings(ctx: RequestContext, derivations: IndicatorDerivationTable[]): SafeHtml {
  return html`${derivations.map((d) => {
    const removal = sourceRemovalOf(d);
    if (removal) return sourceRemovedNotice(ctx, removal);
    if (d.last_status !== 'missing_column' && d.last_status !== 'error') return '';
    const message =
      d.last_status === 'missing_column'
        ? ctx.t('indicator.warningMissingColumn', { columns: d.last_message ?? '' })
        : ctx.t('indicator.warningDatastore');
    return html`<div class="notice warn" role="status"><p>${message}</p></div>`;
  })}`;
}

export function renderIndicatorPage(ctx: RequestContext, m: IndicatorPageModel): SafeHtml {
  const { t } = ctx;
  const { indicator } = m;
  const code = indicator.code;
  const hasExample = indicator.is_example === 1 || m.values.some((v) => v.row.is_example === 1);
  const name = nameOf(indicator, ctx.locale);
  const embedCode =
    `<iframe src="${m.baseUrl}${indicatorUrls.embed(code)}" title="${name}"` +
    ' width="100%" height="560" loading="lazy"></iframe>';
  const chartSvg = m.chart ? raw(renderChartSvg({ ...m.chart, idPrefix: 'ind-chart' })) : '';
  const chartSection = m.chart
    ? html`<section aria-labelledby="trend-h"><h2 id="trend-h">${t('indicator.trend')}</h2><figure class="chart">${chartSvg}</figure></section>`
    : html`<p>${t('indicator.noValues')}</p>`;
  const csvLink = html`<a href="${indicatorUrls.valuesJson(code)}.csv">${t('indicator.csv')}</a>`;
  const jsonStatLink = html`<a href="${indicatorUrls.valuesJson(code)}.jsonstat">${t('indicator.jsonStat')}</a>`;
  const jsonLink = html`<a href="${indicatorUrls.json(code)}">${t('indicator.json')}</a>`;
  const svgLink = html`<a href="${indicatorUrls.svg(code)}">${t('indicator.svg')}</a>`;
  const pngLink = html`<a href="${indicatorUrls.png(code)}">${t('indicator.png')}</a>`;
  const embedLink = html`<a href="${indicatorUrls.embed(code)}">${t('indicator.embed')}</a>`;
  return html`<h1>${nameOf(indicator, ctx.locale)}${exampleBadge(ctx, indicator.is_example)}</h1>
<p class="lead">${indicator.definition}</p>
${m.protection ? protectionNote(ctx, indicator, m.protection, m.threshold) : ''}
${derivationWarnings(ctx, m.derivations)}
${hasExample ? html`<p class="notice">${t('indicator.exampleNote')}</p>` : ''}
${m.canManage ? html`<p class="no-print"><a class="button secondary" href="${indicatorUrls.manage(code)}">${t('indicator.manage')}</a></p>` : ''}
${chartSection}
${sourcesSection(ctx, indicator, m.sources)}
${disagreementSection(ctx, indicator, m.values, m.threshold)}
${
  m.values.length
    ? html`<section aria-labelledby="val-h"><h2 id="val-h">${t('indicator.values')}</h2>${valuesTable(ctx, indicator, m.values, m.threshold, name)}
${isSuppressible(indicator) ? html`<p class="muted">${t('indicator.suppressionNote', { n: m.threshold })}</p>` : ''}</section>`
    : ''
}
<section aria-labelledby="meta-h"><h2 id="meta-h">${t('indicator.metadata')}</h2>${metadataList(ctx, indicator, m.sources, m.orgs)}</section>
<section aria-labelledby="dl-h" class="no-print"><h2 id="dl-h">${t('indicator.downloads')}</h2>
<ul><li><a href="${indicatorUrls.map(code)}">${t('indicator.mapLink')}</a></li>
<li><a href="${indicatorUrls.page(code)}/riwayat">${t('ihist.link')}</a></li>
<li>${csvLink} · ${jsonStatLink} · ${jsonLink}</li>
<li>${svgLink} · ${pngLink} · ${embedLink}</li></ul>
<label for="embed-code">${t('indicator.embedHelp')}</label><textarea id="embed-code" rows="3" readonly>${embedCode}</textarea></section>`;
}

export const isSuppressible = isPeopleCount;

/** Open Graph and Twitter card tags so a pasted link shows the chart. */
export function openGraphTags(
  indicator: IndicatorRow,
  locale: 'id' | 'en',
  baseUrl: string,
  siteName: string,
): SafeHtml {
  const title = nameOf(indicator, locale);
  const description = indicator.definition || title;
  return html`<meta property="og:type" content="website">
<meta property="og:site_name" content="${siteName}">
<meta property="og:title" content="${title}">
<meta property="og:description" content="${description}">
<meta property="og:url" content="${baseUrl}${indicatorUrls.page(indicator.code)}">
<meta property="og:image" content="${baseUrl}${indicatorUrls.png(indicator.code)}">
<meta property="og:image:type" content="image/png">
<meta property="og:image:alt" content="${title}">
<meta name="twitter:card" content="summary_large_image">`;
}
