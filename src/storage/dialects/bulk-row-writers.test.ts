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

  it('with a file’s delimiter, escapes it in cells and copies runs of cells as they are', () => {
    const writer = new CopyTextWriter(';');
    expect(writer.runDelimiter).toBe(59);
    const row = Buffer.from('x;2024-01-05;12.5;ya;a\tb');
    writer.startRow(1);
    writer.run(row, 0, 17);
    writer.string('Toko; Tbk\\');
    const cell = Buffer.from('p;q');
    writer.bytes(cell, 0, cell.length, false);
    writer.number(1);
    expect(writer.take().toString()).toBe('1;x;2024-01-05;12.5;Toko\\; Tbk\\\\;p\\;q;1\n');
  });
});
