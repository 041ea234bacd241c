import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { msIndCsv, valuesCsv } from './indicator-export.js';
import type { IndicatorRow } from './indicator.service.js';
import type { PublicValue } from './indicator-publish.service.js';

const indicator = { code: 'neraca', unit: 'miliar rupiah', decimals: 1 } as IndicatorRow;
const value = (v: number | null, suppressed: PublicValue['suppressed'], note: string): PublicValue =>
  ({
    row: {
      wilayah_kode: '35.77',
      wilayah_nama: 'Kota Madiun',
      wilayah_tingkat: 'kota',
      period: '2024',
      status: 'final',
      denominator: '',
      filters: '',
      missing_count: null,
      note,
      citation: '',
      is_example: 0,
    },
    source: { producer: '=HYPERLINK("http://x","BPS")', method: '', citation: '', is_example: 0 },
    official: true,
    suppressed,
    value: v,
    mark: null,
  }) as unknown as PublicValue;

describe('indicator CSV exports', () => {
  it('neutralises a =HYPERLINK(...) cell and keeps -12.5 a number', () => {
    const csv = valuesCsv(
      indicator,
      [value(-12.5, null, '=HYPERLINK("http://x","klik")'), value(null, 'primary', '')],
      5,
    );
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const rows = parse(csv.slice(1), { columns: true }) as Array<Record<string, string>>;
    expect(rows[0]).toMatchObject({
      nilai: '-12.5',
      sumber: '\'=HYPERLINK("http://x","BPS")',
      catatan: '\'=HYPERLINK("http://x","klik")',
    });
    expect(csv).toContain(',-12.5,');
    expect(rows[1]!['nilai']).toBe('<5');
  });

  it('neutralises formula cells in the MS-Ind list', () => {
    const csv = msIndCsv([{ 'Kode Indikator': 'x', Definisi: '=HYPERLINK("http://x")', Catatan: '-12.5' }]);
    expect(parse(csv.slice(1), { columns: true })[0]).toEqual({
      'Kode Indikator': 'x',
      Definisi: '\'=HYPERLINK("http://x")',
      Catatan: "'-12.5",
    });
  });
});
