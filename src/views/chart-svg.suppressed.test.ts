import { describe, expect, it } from 'vitest';
import { renderChartSvg } from './chart-svg.js';

describe('charts show suppression', () => {
  const options = {
    type: 'bar' as const,
    title: 'Penempatan',
    description: 'per kelurahan',
    categories: ['Sogaten', 'Taman', 'Kejuron'],
    unit: 'orang',
    series: [{ name: 'Disnaker', values: [40, null, null], marks: [null as string | null, '<5', 'x'] }],
    idPrefix: 'c',
  };

  it('draws a hidden bar as a hatched bar labelled with its mark, never as a blank', () => {
    const svg = renderChartSvg(options);
    expect(svg).toContain('<pattern id="c-hatch"');
    expect(svg.match(/fill="url\(#c-hatch\)"/g)).toHaveLength(2);
    expect(svg).toContain('>&lt;5</text>');
    expect(svg).toContain('>x</text>');
    expect(svg).toContain('<title>Taman: &lt;5</title>');
  });

  it('draws hidden points of a line as labelled hollow markers', () => {
    const svg = renderChartSvg({
      ...options,
      type: 'line',
      categories: ['2022', '2023', '2024'],
      series: [{ name: 's', values: [40, null, 50], marks: [null, '<5', null] }],
    });
    expect(svg).toContain('class="suppressed"');
    expect(svg).toContain('>&lt;5</text>');
  });

  it('a watermark marks demo pictures', () => {
    expect(renderChartSvg({ ...options, watermark: 'CONTOH' })).toContain('>CONTOH</text>');
  });
});
