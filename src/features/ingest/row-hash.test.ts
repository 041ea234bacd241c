import { describe, expect, it } from 'vitest';
import { bytesHash, cellsHash, viewOf } from './row-hash.js';

/** The hash of `line` read from the middle of a bigger buffer, as the byte path reads it. */
function lineHash(line: string, offset: number): number {
  const bytes = Buffer.concat([Buffer.alloc(offset, 120), Buffer.from(line, 'utf8'), Buffer.from('\nrest')]);
  const start = offset;
  return bytesHash(viewOf(bytes), start, start + Buffer.byteLength(line));
}

describe('row hashes for duplicate detection', () => {
  it('gives a line and its cells the same hash, wherever the line lies in the buffer', () => {
    for (const cells of [
      ['1', '35.77.01.1001', 'Warung Bu Sri', '2024-01-05'],
      ['Café Nüsantara', '—', ''],
      ['', '', ''],
      ['a'],
    ]) {
      const expected = cellsHash(cells, cells.length, ',');
      for (let offset = 0; offset < 8; offset++) expect(lineHash(cells.join(','), offset)).toBe(expected);
      expect(cellsHash(cells, cells.length, ';')).toBe(lineHash(cells.join(';'), 3));
    }
  });

  it('tells rows apart that differ in one byte, in the order of cells or in where a cell ends', () => {
    const seen = new Set<number>();
    const rows = [
      ['a', 'b'],
      ['b', 'a'],
      ['ab', ''],
      ['', 'ab'],
      ['a', 'c'],
      ['a,b', ''],
      ['a', 'b,'],
      ['a', 'b', ''],
    ];
    for (const r of rows) seen.add(cellsHash(r, r.length, ','));
    expect(seen.size).toBe(rows.length);
  });

  it('does not confuse cells that hold the delimiter with the cells it would separate', () => {
    expect(cellsHash(['a,b', 'c'], 2, ',')).not.toBe(cellsHash(['a', 'b,c'], 2, ','));
  });

  it('hashes only the first `width` cells (trailing empty cells of a wider row)', () => {
    expect(cellsHash(['1', 'x', '', ''], 2, ',')).toBe(cellsHash(['1', 'x'], 2, ','));
  });

  it('has no collisions among 200,000 similar rows', () => {
    const seen = new Set<number>();
    for (let i = 0; i < 200_000; i++) seen.add(cellsHash([String(i), `Usaha ${i % 1000}`, '2024-01-01'], 3, ','));
    expect(seen.size).toBe(200_000);
  });
});
