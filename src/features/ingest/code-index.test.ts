import { describe, expect, it } from 'vitest';
import { CodeIndex } from './code-index.js';
import { viewOf } from './row-hash.js';

/** Looks `text` up the way the load does: as bytes in the middle of a bigger buffer. */
function lookup(index: CodeIndex, text: string): boolean {
  const buf = Buffer.from(`xx,${text},yy`, 'utf8');
  return index.has(viewOf(buf), buf, 3, buf.length - 3);
}

describe('CodeIndex (wilayah codes looked up by their bytes)', () => {
  it('finds every code of a national-size list and nothing that merely resembles one', () => {
    const codes: string[] = [];
    for (let p = 11; p <= 94; p++)
      for (let k = 1; k <= 30; k++)
        for (let d = 1; d <= 40; d++)
          codes.push(`${p}.${String(k).padStart(2, '0')}.${String(d).padStart(2, '0')}.2001`);
    const index = new CodeIndex(codes);
    expect(index.size).toBe(codes.length);
    expect(codes.every((c) => lookup(index, c))).toBe(true);
    for (const miss of [
      '35.77.01.200',
      '35.77.01.20011',
      '35.77.01.2002',
      '35.77.0.1.2001',
      '',
      '3',
      'ab',
      '35.77.01.2001 ',
    ])
      expect(lookup(index, miss)).toBe(false);
  });

  it('adds a code once, and knows codes of any length and script', () => {
    const index = new CodeIndex();
    for (const code of ['35', '35.77', '35.77', 'Ñ-01', '35.77.01.1001']) index.add(code);
    expect(index.size).toBe(4);
    expect(['35', '35.77', 'Ñ-01', '35.77.01.1001'].every((c) => lookup(index, c))).toBe(true);
    expect(lookup(index, '3577')).toBe(false);
    expect(lookup(index, 'N-01')).toBe(false);
  });
});
