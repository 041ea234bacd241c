/**
 * 52-bit hashes of rows, for duplicate detection without keeping rows in memory.
 *
 * A row is hashed as the UTF-8 bytes of its cells joined by the file's delimiter — for a CSV
 * line read straight from the file, exactly the bytes of the line (without its line end). So the
 * byte path of the load hashes a line where it lies in the read buffer, four bytes at a time, and
 * the string path (quoted cells, spreadsheets) gets the same hash for the same row by encoding
 * its cells. A row with a cell that contains the delimiter cannot be a line of the byte path; it
 * is hashed with its cell lengths, so that `a,b|c` and `a|b,c` do not look the same.
 *
 * The mixing is MurmurHash3's (x86, 32-bit) in two lanes with different seeds: 32 bits of one
 * and 20 of the other make the hash, and a false duplicate among a million distinct rows has a
 * chance of about 1 in 10⁴.
 */

const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;
const SEED_A = 0x9747b28c;
const SEED_B = 0x5bd1e995;

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** The hash of `view`'s bytes [start, end). `view` covers the buffer being scanned. */
export function bytesHash(view: DataView, start: number, end: number): number {
  let a = SEED_A;
  let b = SEED_B;
  let i = start;
  for (const last = end - 3; i < last; i += 4) {
    let k = view.getInt32(i, true);
    k = Math.imul(k, C1);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, C2);
    a ^= k;
    a = (a << 13) | (a >>> 19);
    a = (Math.imul(a, 5) + 0xe6546b64) | 0;
    b ^= k;
    b = (b << 17) | (b >>> 15);
    b = (Math.imul(b, 9) + 0x38b34ae5) | 0;
  }
  if (i < end) {
    // The last 1–3 bytes, little-endian, as MurmurHash3's tail.
    let k = view.getUint8(i);
    if (i + 1 < end) k |= view.getUint8(i + 1) << 8;
    if (i + 2 < end) k |= view.getUint8(i + 2) << 16;
    k = Math.imul(k, C1);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, C2);
    a ^= k;
    b ^= k;
  }
  const n = end - start;
  a = fmix(a ^ n);
  b = fmix(b ^ n);
  return (a >>> 0) * 1048576 + ((b >>> 0) & 0xfffff);
}

/** A DataView over exactly the bytes of `buf`, for {@link bytesHash}. */
export const viewOf = (buf: Uint8Array): DataView => new DataView(buf.buffer, buf.byteOffset, buf.byteLength);

/** The hash of a row given as cells: equal to {@link bytesHash} of the same row as a line. */
export function cellsHash(cells: string[], width: number, delimiter: string): number {
  const row = width === cells.length ? cells : cells.slice(0, width);
  let split = false;
  for (let c = 0; c < row.length && !split; c++) split = row[c]!.includes(delimiter);
  const text = split ? row.map((cell) => `${cell.length}:${cell}`).join('\n') + '\u0000' : row.join(delimiter);
  const bytes = Buffer.from(text, 'utf8');
  return bytesHash(viewOf(bytes), 0, bytes.length);
}
