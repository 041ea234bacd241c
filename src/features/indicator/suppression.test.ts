import { describe, expect, it } from 'vitest';
import { suppressCells, type Cell } from './suppression.js';
import { isPeriod, levelAllowed, parentKode } from './period.js';

const cell = (wilayahKode: string, value: number, groupKey = 'g'): Cell => ({ wilayahKode, value, groupKey });

describe('statistical disclosure control', () => {
  it('hides counts below the threshold but not zero or counts at the threshold', () => {
    const hidden = suppressCells([cell('35.77.01.1001', 3), cell('35.77.01.1002', 0), cell('35.77.01.1003', 5)], 5);
    expect([...hidden.entries()]).toEqual([[0, 'primary']]);
  });

  it('hides the next smallest sibling when exactly one child of a published total is hidden', () => {
    const cells = [
      cell('35.77.01', 140),
      cell('35.77.01.1001', 3),
      cell('35.77.01.1002', 40),
      cell('35.77.01.1003', 97),
    ];
    const hidden = suppressCells(cells, 5);
    expect(hidden.get(1)).toBe('primary');
    expect(hidden.get(2)).toBe('secondary');
    expect(hidden.has(0)).toBe(false);
    expect(hidden.has(3)).toBe(false);
  });

  it('hides the total when the only child is hidden', () => {
    const hidden = suppressCells([cell('35.77.01', 3), cell('35.77.01.1001', 3)], 5);
    expect(hidden.size).toBe(2);
    const lone = suppressCells([cell('35.77', 300), cell('35.77.01', 3)], 5);
    expect(lone.get(0)).toBe('secondary');
  });

  it('cascades: a kecamatan hidden to protect its kelurahan is protected in the city family too', () => {
    const cells = [
      cell('35.77', 1000),
      cell('35.77.01', 200),
      cell('35.77.02', 300),
      cell('35.77.03', 500),
      cell('35.77.01.1001', 2),
      cell('35.77.01.1002', 198),
      cell('35.77.02.1001', 100),
      cell('35.77.02.1002', 200),
    ];
    const hidden = suppressCells(cells, 5);
    // 1001 primary → 1002 secondary (only sibling); no further change needed in the kecamatan family.
    expect(hidden.get(4)).toBe('primary');
    expect(hidden.get(5)).toBe('secondary');
    // No family with a published total has exactly one hidden child.
    for (const parent of cells.map((c, i) => [c, i] as const).filter(([, i]) => !hidden.has(i))) {
      const kids = cells
        .map((c, i) => [c, i] as const)
        .filter(([c]) => parentKode(c.wilayahKode) === parent[0].wilayahKode);
      expect(kids.filter(([, i]) => hidden.has(i)).length).not.toBe(1);
    }
  });

  it('keeps tables of different sources and periods apart', () => {
    const hidden = suppressCells(
      [cell('35.77.01', 50, 'a'), cell('35.77.01.1001', 3, 'a'), cell('35.77.01.1002', 47, 'b')],
      5,
    );
    expect(hidden.get(0)).toBe('secondary');
    expect(hidden.has(2)).toBe(false);
  });

  it('does nothing when the threshold is 0', () => {
    expect(suppressCells([cell('35.77', 1)], 0).size).toBe(0);
  });
});

describe('periods and levels', () => {
  it('accepts year, quarter and month, and nothing else', () => {
    expect(['2024', '2024-Q3', '2024-07'].every(isPeriod)).toBe(true);
    expect(['24', '2024-Q5', '2024-13', '2024-7', 'Q3-2024', '2024/07'].some(isPeriod)).toBe(false);
  });
  it('knows which levels an indicator allows', () => {
    expect(levelAllowed('kota', 'kota')).toBe(true);
    expect(levelAllowed('kota', 'kelurahan')).toBe(false);
    expect(levelAllowed('kecamatan', 'kelurahan')).toBe(false);
    expect(levelAllowed('kelurahan', 'desa')).toBe(true);
  });
});
