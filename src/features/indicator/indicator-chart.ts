import { Resvg } from '@resvg/resvg-js';
import type { Locale, Translate } from '../../i18n/i18n.js';
import { formatNumber } from '../../i18n/i18n.js';
import { escapeHtml } from '../../views/html.js';
import { renderChartSvg, type ChartOptions } from '../../views/chart-svg.js';
import type { IndicatorRow } from './indicator.service.js';
import type { PublicValue } from './indicator-publish.service.js';
import { nameOf } from './indicator.presenter.js';
import { levelDepth } from './period.js';

/** Yearly series show missing years as gaps rather than joining 2019 straight to 2021. */
function fillYearGaps(periods: string[]): string[] {
  if (periods.length < 2 || !periods.every((p) => /^\d{4}$/.test(p))) return periods;
  const out: string[] = [];
  for (let y = Number(periods[0]); y <= Number(periods[periods.length - 1]); y++) out.push(String(y));
  return out;
}

/**
 * The one chart of an indicator, shared by its page, the embed, the SVG/PNG URLs and the Open
 * Graph image: over time (one line per source) for the top-most area with values when it has
 * more than one period; otherwise the areas of the lowest level side by side for the latest period.
 */
export function indicatorChart(
  indicator: IndicatorRow,
  values: PublicValue[],
  t: Translate,
  locale: Locale,
): ChartOptions | null {
  if (!values.length) return null;
  const name = nameOf(indicator, locale);
  const top = [...values].sort(
    (a, b) =>
      levelDepth(a.row.wilayah_tingkat) - levelDepth(b.row.wilayah_tingkat) ||
      a.row.wilayah_kode.localeCompare(b.row.wilayah_kode),
  )[0]!;
  const atTop = values.filter((v) => v.row.wilayah_kode === top.row.wilayah_kode);
  const periods = fillYearGaps([...new Set(atTop.map((v) => v.row.period))].sort());
  const title = t('indicator.chartTitle', { name, unit: indicator.unit });
  if (periods.length > 1 || new Set(values.map((v) => v.row.wilayah_kode)).size === 1) {
    const sources = [...new Map(atTop.map((v) => [v.source.id, v])).values()].sort(
      (a, b) => Number(b.official) - Number(a.official),
    );
    return {
      type: periods.length > 1 ? 'line' : 'bar',
      title,
      unit: indicator.unit,
      locale,
      categories: periods,
      categoryLabel: t('indicator.period'),
      description: t('indicator.chartDescLine', { name, wilayah: top.row.wilayah_nama }),
      series: sources.map((s) => ({
        name: `${s.source.producer}${s.official ? ` (${t('indicator.official')})` : ''}`,
        values: periods.map((p) => atTop.find((v) => v.source.id === s.source.id && v.row.period === p)?.value ?? null),
        marks: periods.map((p) => atTop.find((v) => v.source.id === s.source.id && v.row.period === p)?.mark ?? null),
      })),
      watermark: exampleMark(indicator, values, t),
    };
  }
  const deepest = Math.max(...values.map((v) => levelDepth(v.row.wilayah_tingkat)));
  const latest = [
    ...new Set(values.filter((v) => levelDepth(v.row.wilayah_tingkat) === deepest).map((v) => v.row.period)),
  ]
    .sort()
    .pop()!;
  const cells = values
    .filter(
      (v) =>
        levelDepth(v.row.wilayah_tingkat) === deepest &&
        v.row.period === latest &&
        (v.official || !values.some((o) => o.official)),
    )
    .sort((a, b) => a.row.wilayah_nama.localeCompare(b.row.wilayah_nama));
  return {
    type: 'bar',
    title: `${title} · ${latest}`,
    unit: indicator.unit,
    locale,
    categoryLabel: t('indicator.wilayah'),
    description: t('indicator.chartDescBar', { name, period: latest }),
    categories: cells.map((c) => c.row.wilayah_nama),
    series: [
      { name: cells[0]?.source.producer ?? '', values: cells.map((c) => c.value), marks: cells.map((c) => c.mark) },
    ],
    watermark: exampleMark(indicator, values, t),
  };
}

/** Images of demo content carry a visible mark, so a shared picture cannot pass for real figures. */
function exampleMark(indicator: IndicatorRow, values: PublicValue[], t: Translate): string | undefined {
  const example = indicator.is_example === 1 || values.some((v) => v.row.is_example === 1 || v.source.is_example === 1);
  return example ? t('disclosure.chart.example') : undefined;
}

/**
 * A standalone SVG file (explicit size, white background, the title on top and the source below)
 * for the .svg URL and the PNG: shared on its own, the picture has to say what it shows and whose figures they are.
 */
export function standaloneSvg(options: ChartOptions, footer = ''): string {
  const inner = renderChartSvg({ ...options, width: 800 });
  const viewBox = /viewBox="0 0 (\d+) (\d+)"/.exec(inner);
  const [w, h] = viewBox ? [Number(viewBox[1]), Number(viewBox[2])] : [800, 400];
  const top = 56;
  const height = h + top + (footer ? 32 : 8);
  const nested = inner
    .replace('<svg xmlns="http://www.w3.org/2000/svg"', `<svg x="0" y="${top}" width="${w}" height="${h}"`)
    .replace(' width="100%"', '');
  const text = (y: number, size: number, fill: string, body: string, weight = 400) =>
    `<text x="16" y="${y}" font-size="${size}" font-weight="${weight}" font-family="DejaVu Sans, sans-serif" fill="${fill}">${escapeHtml(body)}</text>`;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${w} ${height}" width="${w}" height="${height}" role="img"` +
    ` aria-labelledby="chart-file-title"><title id="chart-file-title">${escapeHtml(options.title)}</title>` +
    `<rect width="${w}" height="${height}" fill="#ffffff"/>${text(34, 22, '#1b1f24', options.title, 700)}${nested}` +
    `${footer ? text(height - 12, 13, '#4a5360', footer) : ''}</svg>`
  );
}

/** PNG for Open Graph previews (WhatsApp, social media) and for people who cannot use SVG. */
export function chartPng(options: ChartOptions, footer = ''): Buffer {
  const resvg = new Resvg(standaloneSvg(options, footer), {
    fitTo: { mode: 'width', value: 1200 },
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
    background: '#ffffff',
  });
  return Buffer.from(resvg.render().asPng());
}

/** A placeholder image when an indicator has no values yet, so shared links still show something. */
export function emptyChartSvg(title: string, text: string): string {
  return (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 800 420" width="800" height="420" role="img" aria-labelledby="e-t">' +
    `<title id="e-t">${escapeHtml(title)}</title><rect width="800" height="420" fill="#ffffff"/>` +
    '<text x="400" y="200" text-anchor="middle" font-size="28" font-family="DejaVu Sans, sans-serif" fill="#1b1f24">' +
    `${escapeHtml(title)}</text>` +
    '<text x="400" y="250" text-anchor="middle" font-size="20" font-family="DejaVu Sans, sans-serif" fill="#4a5360">' +
    `${escapeHtml(text)}</text></svg>`
  );
}

export function svgToPng(svg: string): Buffer {
  return Buffer.from(
    new Resvg(svg, {
      fitTo: { mode: 'width', value: 1200 },
      font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
    })
      .render()
      .asPng(),
  );
}

/** A tiny trend line for tables (profile page), with its numbers in the accessible name. */
export function sparkline(
  values: Array<{ period: string; value: number | null }>,
  label: string,
  locale: Locale,
): string {
  const pts = values.filter((v): v is { period: string; value: number } => v.value !== null);
  if (pts.length < 2) return '';
  const w = 80,
    h = 20;
  const min = Math.min(...pts.map((p) => p.value)),
    max = Math.max(...pts.map((p) => p.value));
  const x = (i: number) => ((i / (pts.length - 1)) * (w - 4) + 2).toFixed(1);
  const y = (v: number) => (h - 2 - ((v - min) / (max - min || 1)) * (h - 4)).toFixed(1);
  const d = pts.map((p, i) => `${i ? 'L' : 'M'}${x(i)} ${y(p.value)}`).join('');
  const text = pts.map((p) => `${p.period} ${formatNumber(locale, p.value)}`).join(', ');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="spark" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" role="img"` +
    ` aria-label="${escapeHtml(`${label}: ${text}`)}"><path d="${d}" fill="none" stroke="#0072B2" stroke-width="1.5"/></svg>`
  );
}
