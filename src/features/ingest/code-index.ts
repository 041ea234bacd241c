import { viewOf } from './row-hash.js';

/**
 * A set of codes (wilayah codes) looked up by their UTF-8 bytes, so a million code cells are
 * checked without becoming strings. Open addressing over an Int32Array, with the codes' bytes
 * kept back to back in one buffer: a lookup allocates nothing (a Map keyed by a 32-bit hash
 * boxed half of its keys as heap numbers, ~0.1 s a million cells).
 */
export class CodeIndex {
  /** Per slot: 1 + the code's number, or 0 when empty. Sized to stay at most half full. */
  private slots = new Int32Array(64);
  private mask = 63;
  private data = Buffer.allocUnsafe(1024);
  private dataView = viewOf(this.data);
  private used = 0;
  /** Code k's bytes are data[starts[k], starts[k + 1]). */
  private starts = new Int32Array(65);
  size = 0;

  constructor(codes: Iterable<string> = []) {
    for (const code of codes) this.add(code);
  }

  /** The hash of bytes [start, end), four at a time, kept within 30 bits (small integers in V8). */
  private static hash(view: DataView, buf: Uint8Array, start: number, end: number): number {
    let h = Math.imul(end - start, 0x9e3779b1);
    let i = start;
    for (; i + 4 <= end; i += 4) {
      h = Math.imul(h ^ view.getInt32(i, true), 0x5bd1e995);
      h ^= h >>> 15;
    }
    for (; i < end; i++) h = Math.imul(h ^ buf[i]!, 0x5bd1e995);
    return (h ^ (h >>> 13)) & 0x3fffffff;
  }

  add(code: string): void {
    const bytes = Buffer.from(code, 'utf8');
    const view = viewOf(bytes);
    if (this.has(view, bytes, 0, bytes.length)) return;
    if (2 * (this.size + 1) > this.slots.length) this.grow();
    if (this.used + bytes.length > this.data.length) {
      const bigger = Buffer.allocUnsafe(Math.max(2 * this.data.length, this.used + bytes.length));
      this.data.copy(bigger, 0, 0, this.used);
      this.data = bigger;
      this.dataView = viewOf(bigger);
    }
    if (this.size + 2 > this.starts.length) {
      const bigger = new Int32Array(2 * this.starts.length);
      bigger.set(this.starts);
      this.starts = bigger;
    }
    bytes.copy(this.data, this.used);
    this.starts[this.size] = this.used;
    this.used += bytes.length;
    this.starts[this.size + 1] = this.used;
    this.place(this.size, CodeIndex.hash(view, bytes, 0, bytes.length));
    this.size++;
  }

  /** Whether bytes [start, end) of `buf` are a code; `view` is a DataView over all of `buf`. */
  has(view: DataView, buf: Uint8Array, start: number, end: number): boolean {
    const slots = this.slots;
    const n = end - start;
    for (let i = CodeIndex.hash(view, buf, start, end) & this.mask; ; i = (i + 1) & this.mask) {
      const entry = slots[i]!;
      if (entry === 0) return false;
      const from = this.starts[entry - 1]!;
      if (this.starts[entry]! - from === n && this.sameBytes(from, view, buf, start, n)) return true;
    }
  }

  private sameBytes(from: number, view: DataView, buf: Uint8Array, start: number, n: number): boolean {
    const dataView = this.dataView;
    let j = 0;
    for (; j + 4 <= n; j += 4) if (dataView.getInt32(from + j, true) !== view.getInt32(start + j, true)) return false;
    for (; j < n; j++) if (this.data[from + j] !== buf[start + j]) return false;
    return true;
  }

  private place(k: number, hash: number): void {
    let i = hash & this.mask;
    while (this.slots[i] !== 0) i = (i + 1) & this.mask;
    this.slots[i] = k + 1;
  }

  private grow(): void {
    this.slots = new Int32Array(2 * this.slots.length);
    this.mask = this.slots.length - 1;
    for (let k = 0; k < this.size; k++)
      this.place(k, CodeIndex.hash(this.dataView, this.data, this.starts[k]!, this.starts[k + 1]!));
  }
}
