import { BOOL_EXACT, validDate } from './cell-types.js';

/**
 * Byte-level twins of the commonest converters in cell-types.ts, for cells read straight from a
 * UTF-8 file. Each accepts exactly a subset of what its converter accepts with the same result,
 * so a cell it declines simply takes the string path: the outcome never depends on the path.
 */

/**
 * `-?digits[.digits]`, 1–15 digits, no leading zero except "0" or "0.…" — the cells for which
 * `plainDecimal` in cell-types.ts gives a number (without a '+' sign, which the int converter
 * sends to the slow path).
 */
export function isPlainDecimal(buf: Buffer, start: number, end: number, allowPoint: boolean): boolean {
  let i = start;
  if (buf[i] === 45) i++;
  if (i >= end || end - i > 16) return false;
  if (buf[i] === 48 && i + 1 < end && buf[i + 1] !== 46) return false;
  let digits = 0;
  let point = -1;
  for (; i < end; i++) {
    const c = buf[i]!;
    if (c >= 48 && c <= 57) digits++;
    else if (c === 46 && point < 0 && allowPoint && digits > 0) point = digits;
    else return false;
  }
  return digits > 0 && digits <= 15 && point !== digits;
}

/** yyyy-mm-dd with a real calendar date (as `isoDate` in cell-types.ts). */
export function isIsoDate(buf: Buffer, start: number): boolean {
  if (buf[start + 4] !== 45 || buf[start + 7] !== 45) return false;
  let y = 0;
  for (let i = start; i < start + 4; i++) {
    const c = buf[i]! - 48;
    if (c < 0 || c > 9) return false;
    y = y * 10 + c;
  }
  const m1 = buf[start + 5]! - 48,
    m2 = buf[start + 6]! - 48,
    d1 = buf[start + 8]! - 48,
    d2 = buf[start + 9]! - 48;
  if (m1 < 0 || m1 > 9 || m2 < 0 || m2 > 9 || d1 < 0 || d1 > 9 || d2 < 0 || d2 > 9) return false;
  return validDate(y, m1 * 10 + m2, d1 * 10 + d2);
}

/** Up to six ASCII bytes packed into one exact integer (a Map key without making a string). */
function packBytes(buf: ArrayLike<number>, start: number, end: number): number {
  let key = 0;
  for (let i = end - 1; i >= start; i--) key = key * 256 + buf[i]!;
  return key * 8 + (end - start);
}

const BOOL_BY_BYTES = new Map<number, number>();
for (const [word, value] of BOOL_EXACT) {
  const bytes = Buffer.from(word, 'latin1');
  if (bytes.length <= 6) BOOL_BY_BYTES.set(packBytes(bytes, 0, bytes.length), value);
}

/** 1 or 0 for the exact boolean words the bool converter knows ("ya", "Tidak", "TRUE"…), else -1. */
export function boolFromBytes(buf: Buffer, start: number, end: number): number {
  if (end - start > 6) return -1;
  return BOOL_BY_BYTES.get(packBytes(buf, start, end)) ?? -1;
}
