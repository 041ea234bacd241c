import { describe, expect, it } from 'vitest';
import { DuplicateRows } from './duplicate-rows.js';
import { IssueLog, MAX_REPORTED_ISSUES } from './quality.js';
import { viewOf, bytesHash } from './row-hash.js';

const hashOf = (line: string) => {
  const bytes = Buffer.from(line);
  return bytesHash(viewOf(bytes), 0, bytes.length);
};

describe('DuplicateRows', () => {
  it('reports every later copy of a row, across a file big enough to be partitioned, in row order', () => {
    const rows = 300_000;
    // Row r holds value r % 100,000 plus some: rows 100,001… repeat earlier rows, twice over.
    const finder = new DuplicateRows(1000, 5_000_000); // a low estimate: the arrays grow
    for (let r = 1; r <= rows; r++) finder.add(hashOf(`${r % 100_000},warga ${r % 100_000}`), r + 1);
    const found = finder.finish();
    expect(found).toHaveLength(rows - 100_000);
    expect(found[0]).toBe(100_001 + 1);
    expect(found.every((row, i) => i === 0 || row > found[i - 1]!)).toBe(true);
    expect(finder.size).toBe(0);
  });

  it('finds nothing among distinct rows, and stops tracking after its maximum', () => {
    const distinct = new DuplicateRows(10, 1e6);
    for (let r = 1; r <= 50_000; r++) distinct.add(hashOf(`baris ${r}`), r);
    expect(distinct.finish()).toEqual([]);
    const capped = new DuplicateRows(0, 2000);
    for (let r = 1; r <= 4000; r++) capped.add(hashOf(`baris ${r % 2000}`), r);
    expect(capped.finish()).toEqual([]);
  });
});

describe('IssueLog.merge', () => {
  it('keeps the first issues by row among those logged during the load and those merged after it', () => {
    const log = new IssueLog();
    for (let row = 2; log.issues.length < MAX_REPORTED_ISSUES; row += 2) log.add({ kind: 'blank_row', row });
    log.add({ kind: 'blank_row', row: 5000 });
    log.merge([3, 5, 7].map((row) => ({ kind: 'duplicate_row' as const, row })));
    expect(log.counts).toEqual({ blank_row: MAX_REPORTED_ISSUES + 1, duplicate_row: 3 });
    expect(log.issues).toHaveLength(MAX_REPORTED_ISSUES);
    expect(log.issues.slice(0, 6).map((i) => `${i.kind}:${i.row}`)).toEqual([
      'blank_row:2',
      'duplicate_row:3',
      'blank_row:4',
      'duplicate_row:5',
      'blank_row:6',
      'duplicate_row:7',
    ]);
    expect(log.truncated).toBe(true);
  });
});
