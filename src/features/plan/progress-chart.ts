import { escapeHtml } from '../../views/html.js';

export interface Bar {
  label: string;
  percent: number;
}

/**
 * A horizontal bar chart drawn on the server: one bar per item with its percentage written
 * next to it (so meaning never rests on colour or length alone), a <title> and a <desc>.
 * Pages always show the same numbers in a table beside it.
 */
export function progressChartSvg(bars: Bar[], title: string, description: string): string {
  const rowH = 28;
  const labelW = 190;
  const barW = 220;
  const width = labelW + barW + 64;
  const height = Math.max(1, bars.length) * rowH + 10;
  const id = `c${Math.abs(hash(title))}`;
  const rows = bars.map((b, i) => {
    const y = 5 + i * rowH;
    const w = Math.round((Math.max(0, Math.min(100, b.percent)) / 100) * barW);
    const label = b.label.length > 28 ? `${b.label.slice(0, 27)}…` : b.label;
    return (
      `<g><text x="${labelW - 8}" y="${y + 17}" text-anchor="end" font-size="13" fill="#1b1b1b">${escapeHtml(label)}</text>` +
      `<rect x="${labelW}" y="${y + 4}" width="${barW}" height="16" fill="#eef1f4" stroke="#8a949e"/>` +
      `<rect x="${labelW}" y="${y + 4}" width="${w}" height="16" fill="#1d6b3a"/>` +
      `<text x="${labelW + barW + 6}" y="${y + 17}" font-size="13" fill="#1b1b1b">${b.percent} %</text></g>`
    );
  });
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${id}-t ${id}-d">` +
    `<title id="${id}-t">${escapeHtml(title)}</title><desc id="${id}-d">${escapeHtml(description)}</desc>` +
    `${rows.join('')}</svg>`
  );
}

function hash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (h * 31 + s.charCodeAt(i)) | 0;
  return h;
}
