import type { RequestContext } from '../../views/page-context.js';
import { html, raw, type SafeHtml } from '../../views/html.js';
import { renderChartSvg } from '../../views/chart-svg.js';
import type { IndicatorRow } from './indicator.service.js';
import type { PublicValue } from './indicator-publish.service.js';
import { displayValue, indicatorUrls, nameOf } from './indicator.presenter.js';
import { exampleBadge } from './indicator.view.js';

export interface CompareRow {
  indicator: IndicatorRow;
  period: string;
  cells: Array<PublicValue | null>;
}

export interface CompareModel {
  all: Array<{ kode: string; nama: string; kecamatan: string | null }>;
  chosen: Array<{ kode: string; nama: string }>;
  rows: CompareRow[];
  threshold: number;
  error: boolean;
}

export function renderCompare(ctx: RequestContext, m: CompareModel): SafeHtml {
  const { t, locale } = ctx;
  const chosen = new Set(m.chosen.map((c) => c.kode));
  return html`<h1>${t('indicator.compare.title')}</h1>
<p class="lead">${t('indicator.compare.intro')}</p>
${
  m.error
    ? html`<div class="error-summary" role="alert" tabindex="-1" aria-labelledby="cmp-err"><h2 id="cmp-err">${t('form.errorSummary')}</h2><ul>
<li><a href="#kode-fieldset">${t('indicator.compare.tooFew')}</a></li></ul></div>`
    : ''
}
<form method="get" action="${indicatorUrls.compare()}" class="compare-form">
<fieldset id="kode-fieldset"><legend>${t('indicator.compare.choose')}</legend>
<ul class="plain checks">${m.all.map(
    (w) => html`<li>
<input type="checkbox" name="kode" value="${w.kode}" id="k-${w.kode}"${raw(chosen.has(w.kode) ? ' checked' : '')}> <label
for="k-${w.kode}" class="inline-label">${w.nama}${w.kecamatan ? html` <span class="muted">(${w.kecamatan})</span>` : ''}</label>
</li>`,
  )}</ul>
</fieldset><button type="submit" name="go" value="1">${t('indicator.compare.submit')}</button></form>
${
  m.chosen.length >= 2 && !m.error
    ? html`<section aria-labelledby="cmp-h"><h2 id="cmp-h">${t('indicator.compare.table')}</h2>
<div class="table-scroll" tabindex="0" role="region" aria-label="${t('indicator.tableRegion')}"><table><caption>${t('indicator.compare.table')}</caption>
<thead><tr><th scope="col">${t('indicator.name')}</th>
<th scope="col">${t('indicator.period')}</th>${m.chosen.map((c) => html`<th scope="col" class="num">${c.nama}</th>`)}</tr></thead>
<tbody>${m.rows.map(
        (r) => html`<tr><th scope="row">
<a href="${indicatorUrls.page(r.indicator.code)}">${nameOf(r.indicator, locale)}</a> <span class="muted">(${r.indicator.unit})</span>${exampleBadge(
          ctx,
          r.cells.some((c) => c?.row.is_example === 1),
        )}<span class="trend-text">${t('indicator.source')}: ${r.cells.find((c) => c)?.source.producer ?? '—'}</span></th><td>${r.period}</td>
${r.cells.map((c) => html`<td class="num">${c ? displayValue(c, m.threshold, locale, r.indicator.decimals) : '—'}</td>`)}</tr>`,
      )}</tbody></table></div>
<p class="muted">${t('indicator.suppressionNote', { n: m.threshold })}</p>
${m.rows.map(
  (r, i) =>
    html`<figure class="chart">${raw(
      renderChartSvg({
        type: 'bar',
        idPrefix: `cmp-${i}`,
        locale,
        unit: r.indicator.unit,
        categories: m.chosen.map((c) => c.nama),
        title: `${nameOf(r.indicator, locale)} · ${r.period}`,
        description: t('indicator.chartDescBar', { name: nameOf(r.indicator, locale), period: r.period }),
        series: [{ name: nameOf(r.indicator, locale), values: r.cells.map((c) => c?.value ?? null) }],
      }),
    )}</figure>`,
)}
</section>`
    : ''
}`;
}
