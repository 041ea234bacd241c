import { describe, expect, it } from 'vitest';
import { CopyTextWriter } from './bulk-row-writers.js';

describe('CopyTextWriter (COPY text for PostgreSQL)', () => {
  it('numbers rows 1, 2, 3… across chunks and carries over 9s, and takes any other id as given', () => {
    const writer = new CopyTextWriter();
    const ids = [...Array.from({ length: 12_000 }, (_, i) => i + 1), 42, 43, 99, 100, 9_999_999, 10_000_000, 7];
    const text: string[] = [];
    ids.forEach((id, i) => {
      writer.startRow(id);
      writer.string(`baris ${id}`);
      if (i % 5000 === 4999) text.push(writer.take().toString());
    });
    text.push(writer.take().toString());
    const lines = text.join('').trimEnd().split('\n');
    expect(lines.map((l) => Number(l.split('\t')[0]))).toEqual(ids);
    expect(lines.every((l, i) => l === `${ids[i]}\tbaris ${ids[i]}`)).toBe(true);
  });

  it('escapes backslash, tab, newline and carriage return, and writes NULL as \\N', () => {
    const writer = new CopyTextWriter();
    writer.startRow(1);
    writer.string('a\\b\tc\nd\re');
    writer.null();
    const cell = Buffer.from('x\ty');
    writer.bytes(cell, 0, cell.length, false);
    expect(writer.take().toString()).toBe('1\ta\\\\b\\tc\\nd\\re\t\\N\tx\\ty\n');
  });
});
