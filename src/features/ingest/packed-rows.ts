import type { BulkBatch, BulkValue, RowWriter } from '../../storage/dialects/bulk-load.js';
import { plainDecimalBytes } from '../../storage/dialects/bulk-row-writers.js';
import { textOf } from '../../fast-buffer.js';

/**
 * Rows packed into transferable buffers, to pass between threads without structured cloning
 * millions of small values: a kind per cell, numbers in a Float64Array, text as UTF-8 bytes
 * with start/end offsets. The receiving thread makes the JS values ({@link unpackRows}).
 */
export interface PackedRows {
  rows: number;
  kinds: Uint8Array;
  numbers: Float64Array;
  text: Uint8Array;
  offsets: Int32Array;
}

const NULL = 0;
const NUMBER = 1;
const ASCII = 2;
const UTF8 = 3;

/** A typed array twice as long with the same values at the start. */
function doubled<T extends Uint8Array | Float64Array | Int32Array>(a: T): T {
  const bigger = new (a.constructor as new (length: number) => T)(a.length * 2);
  bigger.set(a);
  return bigger;
}

export class PackedRowsWriter implements RowWriter<PackedRows> {
  rows = 0;
  private kinds = new Uint8Array(1 << 14);
  private numbers = new Float64Array(1 << 14);
  private text = Buffer.allocUnsafe(1 << 18);
  private offsets = new Int32Array(1 << 15);
  private cells = 0;
  private nums = 0;
  private textEnd = 0;
  private strings = 0;

  private cell(kind: number): void {
    if (this.cells === this.kinds.length) this.kinds = doubled(this.kinds);
    this.kinds[this.cells++] = kind;
  }
  private pushNumber(n: number): void {
    if (this.nums === this.numbers.length) this.numbers = doubled(this.numbers);
    this.numbers[this.nums++] = n;
  }
  private room(bytes: number): void {
    if (this.textEnd + bytes > this.text.length) {
      const t = Buffer.allocUnsafe(Math.max(this.text.length * 2, this.textEnd + bytes));
      this.text.copy(t, 0, 0, this.textEnd);
      this.text = t;
    }
    if (this.strings * 2 + 2 > this.offsets.length) this.offsets = doubled(this.offsets);
  }
  private endString(start: number): void {
    this.offsets[this.strings * 2] = start;
    this.offsets[this.strings * 2 + 1] = this.textEnd;
    this.strings++;
  }

  /** Like ValuesWriter (SQLite): the id is left out, `_id` being the rowid. */
  startRow(): void {
    this.rows++;
  }
  null(): void {
    this.cell(NULL);
  }
  number(n: number): void {
    this.cell(NUMBER);
    this.pushNumber(n);
  }
  string(s: string): void {
    this.room(s.length * 3);
    this.cell(UTF8);
    const start = this.textEnd;
    this.textEnd += this.text.write(s, start, 'utf8');
    this.endString(start);
  }
  bytes(buf: Buffer, start: number, end: number, numeric: boolean, ascii: boolean): void {
    if (numeric) return this.number(plainDecimalBytes(buf, start, end));
    this.room(end - start);
    this.cell(ascii ? ASCII : UTF8);
    const from = this.textEnd;
    const text = this.text;
    let p = from;
    for (let i = start; i < end; i++) text[p++] = buf[i]!;
    this.textEnd = p;
    this.endString(from);
  }
  /** The rows so far, in buffers of their own (so they can be transferred), and a fresh start. */
  take(): PackedRows {
    const packed: PackedRows = {
      rows: this.rows,
      kinds: this.kinds.slice(0, this.cells),
      numbers: this.numbers.slice(0, this.nums),
      text: new Uint8Array(this.text.subarray(0, this.textEnd)),
      offsets: this.offsets.slice(0, this.strings * 2),
    };
    this.rows = this.cells = this.nums = this.textEnd = this.strings = 0;
    return packed;
  }
}

/** The JS values of packed rows, in the row-major shape the SQLite loader binds. */
export function unpackRows(p: PackedRows): BulkBatch {
  const values: BulkValue[] = new Array(p.kinds.length);
  const text = Buffer.from(p.text.buffer, p.text.byteOffset, p.text.byteLength);
  let n = 0;
  let s = 0;
  for (let i = 0; i < p.kinds.length; i++) {
    const kind = p.kinds[i];
    if (kind === NUMBER) values[i] = p.numbers[n++]!;
    else if (kind === NULL) values[i] = null;
    else {
      const a = p.offsets[2 * s]!;
      const b = p.offsets[2 * s + 1]!;
      s++;
      values[i] = textOf(text, a, b, kind === ASCII);
    }
  }
  return { values, rows: p.rows };
}

/** The buffers to transfer along with packed rows. */
export const transferables = (p: PackedRows): ArrayBuffer[] =>
  [p.kinds.buffer, p.numbers.buffer, p.text.buffer, p.offsets.buffer] as ArrayBuffer[];
