import type { RequestContext } from './page-context.js';
import { formatNumber, type Locale } from '../i18n/i18n.js';
import { escapeHtml, html, type SafeHtml } from './html.js';

export interface ChartSeries {
  name: string;
  values: (number | null)[];
  /**
   * Per value, the mark of a hidden (suppressed) figure ("<5", "x"): drawn as a hatched bar or a
   * hollow marker with the mark as its label, never as a gap that could pass for zero.
   */
  marks?: (string | null)[];
}

export interface ChartOptions {
  type: 'bar' | 'line';
  title: string;
  description: string;
  /** Labels along the horizontal axis, one per value in each series. */
  categories: string[];
  series: ChartSeries[];
  /** Unit of the values, shown as the vertical axis label and after each value. */
  unit?: string;
  /** Width of the viewBox (default 640); the height is fixed by the layout. */
  width?: number;
  /** Number formatting; defaults to Indonesian. */
  locale?: Locale;
  /** Prefix for element ids, so several charts can share a page. */
  idPrefix?: string;
  /** Caption for the category column in the table equivalent. */
  categoryLabel?: string;
  /** Demo content: this text ("CONTOH") is drawn across the picture. */
  watermark?: string;
}

// Colour-blind-safe palette (Okabe–Ito); series are also told apart by marker shape, dash pattern
// and the legend text, never by colour alone.
const COLOURS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000'];
const DASHES = ['', '6 3', '2 3', '8 3 2 3'];

function niceStep(range: number, target: number): number {
  const raw = range / Math.max(target, 1);
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const residual = raw / magnitude;
  const nice = residual > 5 ? 10 : residual > 2 ? 5 : residual > 1 ? 2 : 1;
  return nice * magnitude;
}

/** Round axis bounds and ticks that include zero (bars must start at zero to be honest). */
export function axisTicks(values: number[], withZero: boolean): { min: number; max: number; ticks: number[] } {
  let min = Math.min(...values, ...(withZero ? [0] : []));
  let max = Math.max(...values, ...(withZero ? [0] : []));
  if (!Number.isFinite(min) || !Number.isFinite(max)) return { min: 0, max: 1, ticks: [0, 1] };
  if (min === max) {
    const pad = min === 0 ? 1 : Math.abs(min) * 0.1;
    min -= min === 0 ? 0 : pad;
    max += pad;
  }
  const step = niceStep(max - min, 5);
  const lo = Math.floor(min / step) * step;
  const hi = Math.ceil(max / step) * step;
  const ticks: number[] = [];
  for (let v = lo; v <= hi + step / 2; v += step) ticks.push(Number(v.toPrecision(12)));
  return { min: lo, max: hi, ticks };
}

function fmt(locale: Locale, value: number): string {
  const abs = Math.abs(value);
  return formatNumber(locale, value, abs !== 0 && abs < 1 ? 2 : Number.isInteger(value) ? 0 : abs < 100 ? 2 : 1);
}

function truncate(label: string, max: number): string {
  return label.length > max ? label.slice(0, max - 1) + '…' : label;
}

function marker(shape: number, x: number, y: number, colour: string, title: string): string {
  const t = `<title>${escapeHtml(title)}</title>`;
  const X = x.toFixed(1),
    Y = y.toFixed(1);
  switch (shape % 3) {
    case 0:
      return `<circle cx="${X}" cy="${Y}" r="4" fill="${colour}">${t}</circle>`;
    case 1:
      return `<rect x="${(x - 4).toFixed(1)}" y="${(y - 4).toFixed(1)}" width="8" height="8" fill="${colour}">${t}</rect>`;
    default:
      return (
        `<path d="M${X} ${(y - 5).toFixed(1)}L${(x + 5).toFixed(1)}` +
        ` ${(y + 4).toFixed(1)}L${(x - 5).toFixed(1)} ${(y + 4).toFixed(1)}Z" fill="${colour}">${t}` +
        `</path>`
      );
  }
}

/**
 * A bar or line chart drawn on the server as accessible SVG: role="img" named by its <title> and
 * <desc>, labelled axes, and every bar or point carrying its own <title> with the category, series
 * and value. Pair it with renderChartTable() for the same numbers as a table.
 */
export function renderChartSvg(options: ChartOptions): string {
  const locale = options.locale ?? 'id';
  const id = options.idPrefix ?? 'chart';
  const width = options.width ?? 640;
  const categories = options.categories;
  const series = options.series.length ? options.series : [{ name: '', values: [] }];
  const legendRows = series.length > 1 ? Math.ceil(series.length / 3) : 0;
  const longest = Math.max(0, ...categories.map((c) => c.length));
  const rotate = categories.length > 8 || longest * 7 > (width - 80) / Math.max(categories.length, 1);
  const labelMax = rotate ? 18 : 24;
  const bottom = rotate ? 24 + Math.min(longest, labelMax) * 5.2 : 40;
  const margin = { top: 20 + legendRows * 20, right: 16, bottom, left: 72 };
  const height = Math.round(margin.top + 260 + margin.bottom);
  const plotW = width - margin.left - margin.right;
  const plotH = 260;
  const values = series.flatMap((s) => s.values.filter((v): v is number => v !== null && Number.isFinite(v)));
  const { min, max, ticks } = axisTicks(values.length ? values : [0], options.type === 'bar');
  const y = (v: number) => margin.top + plotH - ((v - min) / (max - min || 1)) * plotH;
  const band = plotW / Math.max(categories.length, 1);
  const cx = (i: number) => margin.left + band * i + band / 2;
  const unit = options.unit ? ` ${options.unit}` : '';
  const parts: string[] = [];

  // Grid and vertical axis.
  for (const tick of ticks) {
    const ty = y(tick).toFixed(1);
    parts.push(
      `<line x1="${margin.left}" x2="${width - margin.right}" y1="${ty}" y2="${ty}" stroke="#d0d0d0" stroke-width="1"/>`,
    );
    parts.push(
      `<text x="${margin.left - 6}" y="${ty}" dy="0.32em" text-anchor="end" font-size="11" fill="#333">${escapeHtml(fmt(locale, tick))}</text>`,
    );
  }
  parts.push(
    `<line x1="${margin.left}" x2="${margin.left}" y1="${margin.top}" y2="${margin.top + plotH}" stroke="#333"/>`,
  );
  const baseY = y(options.type === 'bar' ? Math.max(min, Math.min(0, max)) : min).toFixed(1);
  parts.push(`<line x1="${margin.left}" x2="${width - margin.right}" y1="${baseY}" y2="${baseY}" stroke="#333"/>`);
  if (options.unit) {
    parts.push(
      `<text transform="translate(14 ${margin.top + plotH / 2}) rotate(-90)" text-anchor="middle"` +
        ` font-size="12" fill="#333">${escapeHtml(options.unit)}</text>`,
    );
  }

  // Category labels.
  const axisY = margin.top + plotH + 14;
  const every = Math.ceil(categories.length / Math.max(1, Math.floor(plotW / 14)));
  categories.forEach((c, i) => {
    if (i % every !== 0) return;
    const label = escapeHtml(truncate(c, labelMax));
    parts.push(
      rotate
        ? `<text transform="translate(${cx(i).toFixed(1)} ${axisY}) rotate(-45)" text-anchor="end"` +
            ` font-size="11" fill="#333">${label}<title>${escapeHtml(c)}</title></text>`
        : `<text x="${cx(i).toFixed(1)}" y="${axisY}" dy="0.6em" text-anchor="middle" font-size="11"` +
            ` fill="#333">${label}<title>${escapeHtml(c)}</title></text>`,
    );
  });

  // Data.
  const describe = (s: ChartSeries, i: number, v: number) =>
    `${categories[i] ?? ''}${s.name && series.length > 1 ? ` · ${s.name}` : ''}: ${fmt(locale, v)}${unit}`;
  if (options.type === 'bar') {
    const groupW = band * 0.8;
    const barW = groupW / series.length;
    series.forEach((s, si) => {
      const colour = COLOURS[si % COLOURS.length]!;
      s.values.forEach((v, i) => {
        const mark = s.marks?.[i];
        if (v === null && mark && i < categories.length) {
          const x = margin.left + band * i + band * 0.1 + barW * si;
          const h = Math.min(plotH * 0.12, 32);
          parts.push(
            hatchedBar(
              id,
              x,
              Number(baseY) - h,
              Math.max(barW - 1, 1),
              h,
              colour,
              mark,
              `${categories[i] ?? ''}${s.name && series.length > 1 ? ` · ${s.name}` : ''}: ${mark}`,
            ),
          );
          return;
        }
        if (v === null || !Number.isFinite(v) || i >= categories.length) return;
        const x = margin.left + band * i + band * 0.1 + barW * si;
        const top = Math.min(y(v), Number(baseY));
        const h = Math.max(Math.abs(y(v) - Number(baseY)), 0.5);
        parts.push(
          `<rect x="${x.toFixed(1)}" y="${top.toFixed(1)}"` +
            ` width="${Math.max(barW - 1, 1).toFixed(1)}" height="${h.toFixed(1)}" fill="${colour}">` +
            `<title>${escapeHtml(describe(s, i, v))}</title></rect>`,
        );
      });
    });
  } else {
    series.forEach((s, si) => {
      const colour = COLOURS[si % COLOURS.length]!;
      const dash = DASHES[si % DASHES.length]!;
      let d = '';
      let pen = false;
      s.values.forEach((v, i) => {
        if (v === null || !Number.isFinite(v) || i >= categories.length) {
          pen = false;
          return;
        }
        d += `${pen ? 'L' : 'M'}${cx(i).toFixed(1)} ${y(v).toFixed(1)}`;
        pen = true;
      });
      if (d)
        parts.push(
          `<path d="${d}" fill="none" stroke="${colour}" stroke-width="2"${dash ? ` stroke-dasharray="${dash}"` : ''}/>`,
        );
      s.values.forEach((v, i) => {
        const mark = s.marks?.[i];
        if (v === null && mark && i < categories.length) {
          parts.push(
            hiddenPoint(
              cx(i),
              Number(baseY),
              colour,
              mark,
              `${categories[i] ?? ''}${s.name && series.length > 1 ? ` · ${s.name}` : ''}: ${mark}`,
            ),
          );
          return;
        }
        if (v === null || !Number.isFinite(v) || i >= categories.length) return;
        parts.push(marker(si, cx(i), y(v), colour, describe(s, i, v)));
      });
    });
  }

  // Legend (only when there is more than one series).
  if (series.length > 1) {
    const colW = (width - margin.left) / 3;
    series.forEach((s, si) => {
      const lx = margin.left + (si % 3) * colW;
      const ly = 14 + Math.floor(si / 3) * 20;
      const colour = COLOURS[si % COLOURS.length]!;
      const dash = DASHES[si % DASHES.length];
      const swatch =
        options.type === 'bar'
          ? `<rect x="${lx}" y="${ly - 9}" width="12" height="12" fill="${colour}"/>`
          : `<line x1="${lx}" x2="${lx + 18}" y1="${ly - 3}" y2="${ly - 3}" stroke="${colour}"` +
            ` stroke-width="2"${dash ? ` stroke-dasharray="${dash}"` : ''}/>${marker(si, lx + 9, ly - 3, colour, s.name)}`;
      parts.push(
        `<g>${swatch}<text x="${lx + 24}" y="${ly}" font-size="12" fill="#222">${escapeHtml(truncate(s.name, 30))}</text></g>`,
      );
    });
  }

  if (options.watermark) parts.push(watermark(width, height, options.watermark));
  const defs = series.some((s) => s.marks?.some(Boolean)) ? hatchDefs(id) : '';
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="100%"` +
    ` role="img" aria-labelledby="${id}-title ${id}-desc" font-family="system-ui, sans-serif">` +
    `<title id="${id}-title">${escapeHtml(options.title)}</title>` +
    `<desc id="${id}-desc">${escapeHtml(options.description)}</desc>${defs}${parts.join('')}</svg>`
  );
}

/** The same numbers as a table with a caption and scoped headers: the chart's text equivalent. */
export function renderChartTable(ctx: RequestContext, options: ChartOptions): SafeHtml {
  const locale = options.locale ?? ctx.locale;
  const unit = options.unit ? ` (${options.unit})` : '';
  const series = options.series;
  return html`<table class="data chart-table">
  <caption>${options.title}</caption>
  <thead><tr><th scope="col">${options.categoryLabel ?? ''}</th>${series.map((s) => html`<th scope="col" class="num">${s.name}${unit}</th>`)}</tr></thead>
  <tbody>${options.categories.map(
    (c, i) =>
      html`<tr><th scope="row">${c}</th>${series.map((s) => {
        const v = s.values[i];
        const mark = s.marks?.[i];
        if ((v === null || v === undefined) && mark) return html`<td class="num suppressed">${mark}</td>`;
        return html`<td class="num">${v === null || v === undefined || !Number.isFinite(v) ? '—' : formatNumber(locale, v)}</td>`;
      })}</tr>`,
  )}</tbody>
</table>`;
}

/** Diagonal hatching for hidden values (a pattern, so it survives resvg's PNG rendering). */
function hatchDefs(id: string): string {
  return (
    `<defs><pattern id="${id}-hatch" patternUnits="userSpaceOnUse" width="6" height="6"` +
    ` patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffffff"/><line x1="0"` +
    ` y1="0" x2="0" y2="6" stroke="#555555" stroke-width="2.5"/></pattern></defs>`
  );
}

/** A hidden bar: a short hatched bar with its outline and the mark above it. */
function hatchedBar(
  id: string,
  x: number,
  top: number,
  w: number,
  h: number,
  colour: string,
  mark: string,
  label: string,
): string {
  const cx = (x + w / 2).toFixed(1);
  return (
    `<g class="suppressed"><rect x="${x.toFixed(1)}" y="${top.toFixed(1)}"` +
    ` width="${w.toFixed(1)}" height="${h.toFixed(1)}" fill="url(#${id}-hatch)"` +
    ` stroke="${colour}" stroke-width="1.5"><title>${escapeHtml(label)}</title></rect>` +
    `<text x="${cx}" y="${(top - 4).toFixed(1)}" text-anchor="middle" font-size="12" font-weight="700" fill="#222">${escapeHtml(mark)}</text></g>`
  );
}

/** A hidden point of a line: a hollow marker on the axis labelled with the mark. */
function hiddenPoint(x: number, baseY: number, colour: string, mark: string, label: string): string {
  return (
    `<g class="suppressed"><circle cx="${x.toFixed(1)}" cy="${(baseY - 8).toFixed(1)}" r="5"` +
    ` fill="#ffffff" stroke="${colour}" stroke-width="2" stroke-dasharray="2 2">` +
    `<title>${escapeHtml(label)}</title></circle>` +
    `<text x="${x.toFixed(1)}" y="${(baseY - 18).toFixed(1)}" text-anchor="middle" font-size="12" font-weight="700" fill="#222">${escapeHtml(mark)}</text></g>`
  );
}

/** The demo mark across the whole picture, visible in the SVG and the PNG. */
function watermark(width: number, height: number, text: string): string {
  return (
    `<text x="${(width / 2).toFixed(0)}" y="${(height / 2).toFixed(0)}" text-anchor="middle"` +
    ` dominant-baseline="middle" font-size="${Math.round(height / 5)}" font-weight="700"` +
    ` fill="#D55E00" fill-opacity="0.28" transform="rotate(-20 ${(width / 2).toFixed(0)}` +
    ` ${(height / 2).toFixed(0)})">${escapeHtml(text)}</text>`
  );
}
