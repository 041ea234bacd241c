import type { RequestContext } from '../../views/page-context.js';
import { html, raw, type SafeHtml } from '../../views/html.js';
import { formatNumber } from '../../i18n/i18n.js';
import { HATCH, hatchPattern, parseGeometry, renderMapSvg, type MapFeature } from '../../views/map-svg.js';
import type { IndicatorRow } from './indicator.service.js';
import { isPeopleCount, type PublicValue } from './indicator-publish.service.js';
import type { SourceRow } from './indicator.repository.js';
import { indicatorUrls, nameOf } from './indicator.presenter.js';
import { fmtValue, officialBadge, exampleBadge } from './indicator.view.js';

/** ColorBrewer YlGnBu: sequential and safe for the common colour-vision deficiencies. */
export const PALETTE = ['#ffffcc', '#a1dab4', '#41b6c4', '#2c7fb8', '#253494'];
export const NO_DATA = '#d9d9d9';

export interface ClassBreak {
  min: number;
  max: number;
  colour: string;
}

/** Up to five classes holding about the same number of areas each (quantiles). */
export function classBreaks(values: number[]): ClassBreak[] {
  const sorted = [...new Set(values)].sort((a, b) => a - b);
  if (!sorted.length) return [];
  const k = Math.min(PALETTE.length, sorted.length);
  const palette = Array.from(
    { length: k },
    (_, i) => PALETTE[k === 1 ? 2 : Math.round((i * (PALETTE.length - 1)) / (k - 1))]!,
  );
  const out: ClassBreak[] = [];
  for (let i = 0; i < k; i++) {
    const lo = sorted[Math.floor((i * sorted.length) / k)]!;
    const hi = sorted[Math.floor(((i + 1) * sorted.length) / k) - 1]!;
    out.push({ min: lo, max: hi, colour: palette[i] ?? PALETTE[i]! });
  }
  return out;
}

export const colourFor = (breaks: ClassBreak[], v: number | null) =>
  v === null ? NO_DATA : ((breaks.find((b) => v <= b.max) ?? breaks[breaks.length - 1])?.colour ?? NO_DATA);

export interface MapPageModel {
  indicator: IndicatorRow;
  level: 'kelurahan' | 'kecamatan';
  levels: Array<'kelurahan' | 'kecamatan'>;
  period: string | null;
  periods: string[];
  source: SourceRow | null;
  sources: SourceRow[];
  values: PublicValue[];
  geometries: Array<{ kode: string; nama: string; tingkat: string; geometry: string | null }>;
  threshold: number;
}

const hatchSwatch = raw(
  `<svg width="18" height="14" aria-hidden="true" focusable="false">${hatchPattern('legend-hatch')}` +
    '<rect width="18" height="14" fill="url(#legend-hatch)" stroke="#4a5360"/></svg>',
);
const swatch = (colour: string) =>
  raw(
    `<svg width="18" height="14" aria-hidden="true" focusable="false"><rect width="18" height="14" fill="${colour}" stroke="#4a5360"/></svg>`,
  );

/** Ranks areas by value, 1 = best in the indicator's better direction; hidden values are not ranked. */
export function rankOf(indicator: IndicatorRow, values: PublicValue[]): Map<string, number> {
  const ranked = values
    .filter((v) => v.value !== null)
    .sort((a, b) => (indicator.better_direction === 'lower' ? a.value! - b.value! : b.value! - a.value!));
  const ranks = new Map<string, number>();
  ranked.forEach((v, i) => {
    const prev = ranked[i - 1];
    ranks.set(v.row.wilayah_kode, prev && prev.value === v.value ? ranks.get(prev.row.wilayah_kode)! : i + 1);
  });
  return ranks;
}

export function renderMapPage(ctx: RequestContext, m: MapPageModel): SafeHtml {
  const { t, locale } = ctx;
  const { indicator } = m;
  const name = nameOf(indicator, locale);
  const link = (q: { periode?: string | null; tingkat?: string; sumber?: string | null }) => {
    const params = new URLSearchParams();
    const p = q.periode ?? m.period;
    const l = q.tingkat ?? m.level;
    const s = q.sumber ?? m.source?.id;
    if (p) params.set('periode', p);
    params.set('tingkat', l);
    if (s) params.set('sumber', s);
    return indicatorUrls.map(indicator.code, `?${params.toString()}`);
  };
  const byKode = new Map(m.values.map((v) => [v.row.wilayah_kode, v]));
  const breaks = classBreaks(m.values.filter((v) => v.value !== null).map((v) => v.value!));
  const levelName = t(`indicator.level.${m.level}`);
  const features: MapFeature[] = m.geometries
    .filter((g) => g.tingkat === m.level)
    .flatMap((g) => {
      const geometry = parseGeometry(g.geometry);
      if (!geometry) return [];
      const v = byKode.get(g.kode);
      const shown = v ? `${fmtValue(ctx, indicator, v, m.threshold)} ${indicator.unit}` : t('indicator.map.noData');
      return [
        {
          kode: g.kode,
          nama: g.nama,
          geometry,
          fill: v?.suppressed ? HATCH : colourFor(breaks, v?.value ?? null),
          href: `/wilayah/${g.kode}`,
          label: `${g.nama}: ${shown}`,
        },
      ];
    });
  const svg = m.period
    ? renderMapSvg({
        features,
        title: t('indicator.map.title', { name }),
        description: t('indicator.map.desc', { name, level: levelName.toLowerCase(), period: m.period }),
        idPrefix: 'choro',
      })
    : '';
  const ranks = rankOf(indicator, m.values);
  const rows = m.geometries.filter((g) => g.tingkat === m.level).sort((a, b) => a.nama.localeCompare(b.nama));
  const fmtN = (n: number) => formatNumber(locale, n, indicator.decimals || undefined);
  const direction = t(`indicator.direction.${indicator.better_direction}`);
  const levelChoice = (l: MapPageModel['level']) =>
    l === m.level
      ? html`<strong aria-current="page">${t(`indicator.level.${l}`)}</strong>`
      : html`<a href="${link({ tingkat: l })}">${t(`indicator.level.${l}`)}</a>`;
  const sourceChoice = (s: SourceRow) =>
    s.id === m.source?.id
      ? html`<strong aria-current="page">${s.producer}</strong>`
      : html`<a href="${link({ sumber: s.id })}">${s.producer}</a>`;
  const legendRange = (b: (typeof breaks)[number]) =>
    b.min === b.max ? fmtN(b.min) : `${fmtN(b.min)} – ${fmtN(b.max)}`;
  return html`<h1>${t('indicator.map.title', { name })}${exampleBadge(ctx, indicator.is_example)}</h1>
<p><a href="${indicatorUrls.page(indicator.code)}">${name}</a> · ${t('indicator.unit')}: ${indicator.unit} · ${direction}</p>
<nav aria-label="${t('indicator.map.level')}" class="filters"><span>${t('indicator.map.level')}:</span>
${m.levels.map(levelChoice)}</nav>
${
  m.periods.length
    ? html`<nav aria-label="${t('indicator.map.periods')}" class="filters"><span>${t('indicator.map.periods')}:</span>
${m.periods.map((p) => (p === m.period ? html`<strong aria-current="page">${p}</strong>` : html`<a href="${link({ periode: p })}">${p}</a>`))}</nav>`
    : ''
}
${
  m.sources.length > 1
    ? html`<nav aria-label="${t('indicator.map.sourceChoice')}" class="filters"><span>${t('indicator.map.sourceChoice')}:</span>
${m.sources.map(sourceChoice)}</nav>`
    : ''
}
${m.source ? html`<p>${t('indicator.source')}: ${m.source.producer} ${officialBadge(ctx, m.source.id === indicator.official_source_id)}</p>` : ''}
${
  m.values.length && svg
    ? html`<div class="cols"><figure class="map choropleth">${raw(svg)}</figure>
<section aria-labelledby="legend-h"><h2 id="legend-h">${t('indicator.map.legend')}</h2>
<ul class="plain legend">${breaks.map((b) => html`<li>${swatch(b.colour)} ${legendRange(b)} ${indicator.unit}</li>`)}
<li>${swatch(NO_DATA)} ${t('indicator.map.noData')}</li>
${isPeopleCount(indicator) ? html`<li>${hatchSwatch} ${t('disclosure.chart.hidden')} (&lt;${m.threshold} / x)</li>` : ''}</ul></section></div>`
    : html`<p>${t('indicator.map.none')}</p>`
}
${
  m.values.length
    ? html`<section aria-labelledby="tbl-h"><h2 id="tbl-h">${t('indicator.map.table')}</h2>
<div class="table-scroll" tabindex="0" role="region" aria-label="${t('indicator.tableRegion')}"><table>
<caption>${name} · ${levelName} · ${m.period ?? ''}</caption>
<thead><tr><th scope="col">${levelName}</th><th scope="col" class="num">${t('indicator.value')} (${indicator.unit})</th>
<th scope="col" class="num">${t('indicator.rank')}</th><th scope="col">${t('indicator.status')}</th>
<th scope="col">${t('indicator.denominator')}</th><th scope="col" class="num">${t('indicator.missing')}</th></tr></thead>
<tbody>${rows.map((g) => {
        const v = byKode.get(g.kode);
        return html`<tr><th scope="row"><a href="/wilayah/${g.kode}">${g.nama}</a></th>
<td class="num">${v ? fmtValue(ctx, indicator, v, m.threshold) : '—'}</td><td class="num">${ranks.get(g.kode) ?? '—'}</td>
<td>${v ? t(`indicator.status.${v.row.status}`) : ''}</td><td>${v?.row.denominator ?? ''}</td><td class="num">${v?.row.missing_count ?? ''}</td></tr>`;
      })}</tbody></table></div>
${isPeopleCount(indicator) ? html`<p class="muted">${t('indicator.suppressionNote', { n: m.threshold })}</p>` : ''}</section>`
    : ''
}`;
}
