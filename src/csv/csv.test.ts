import { describe, expect, it } from 'vitest';
import { csvCell, csvLine, neutralise, toCsv } from './csv.js';

describe('the formula-neutralising rule (OWASP CSV injection)', () => {
  it('prefixes an apostrophe to text starting with = + - @, a tab or a carriage return', () => {
    expect(
      ['=HYPERLINK("http://x","klik")', '+62 351', '-1', '-12.5', '@SUM(A1)', '\tx', '\rx'].map(neutralise),
    ).toEqual(['\'=HYPERLINK("http://x","klik")', "'+62 351", "'-1", "'-12.5", "'@SUM(A1)", "'\tx", "'\rx"]);
  });

  it('leaves other text alone, even with a formula character later on', () => {
    expect(['Kota Madiun', 'a=b', ' =x', '12-5', "'=sudah"].map(neutralise)).toEqual([
      'Kota Madiun',
      'a=b',
      ' =x',
      '12-5',
      "'=sudah",
    ]);
  });

  it('writes numbers as numbers: a negative number is never neutralised', () => {
    expect([-12.5, -5, 0, 1e21].map((n) => csvCell(n))).toEqual(['-12.5', '-5', '0', '1e+21']);
  });

  it('is applied to header and cells alike, in CSV and TSV (no output is exempt)', () => {
    expect(csvLine(['=a', -1, '-1'])).toBe("'=a,-1,'-1\r\n");
    expect(csvLine(['=a', -1, '-1'], { delimiter: '\t' })).toBe("'=a\t-1\t'-1\r\n");
  });
});

describe('CSV and TSV cells', () => {
  it('quotes commas, quotes and line breaks in CSV; turns them into spaces in TSV', () => {
    expect(csvCell('a, "b"')).toBe('"a, ""b"""');
    expect(csvCell('baris\r\nbaru')).toBe('"baris\r\nbaru"');
    expect(csvCell('a\tb\nc', { delimiter: '\t' })).toBe('a b c');
    expect(csvCell('=1', { delimiter: '\t' })).toBe("'=1");
  });

  it('writes nothing for null, true/false for booleans', () => {
    expect([null, undefined, true, false].map((v) => csvCell(v))).toEqual(['', '', 'true', 'false']);
  });

  it('ends every line with CRLF and can start the file with a BOM', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          [1, 'x'],
          [null, '@y'],
        ],
      ),
    ).toBe("a,b\r\n1,x\r\n,'@y\r\n");
    expect(toCsv(['a'], [], { bom: true })).toBe('\uFEFFa\r\n');
  });
});
