/**
 * Row writers for bulk loads: the ingest converts each cell once and hands it to the writer in
 * the shape its database takes fastest. SQLite binds JS values to prepared INSERTs; PostgreSQL
 * reads COPY text, which is written straight into bytes (cells that are already valid COPY text
 * are copied from the source file's bytes without ever becoming JS strings).
 */

import { encodingMethods, textOf } from '../../fast-buffer.js';

export type BulkValue = string | number | null;

/** Rows in row-major order: `values.length === rows * width`. */
export interface BulkBatch {
  values: BulkValue[];
  rows: number;
}

/** A chunk of whole rows for one database: values (SQLite) or COPY text bytes (PostgreSQL). */
export type BulkChunk = BulkBatch | Buffer;

export interface RowWriter<Chunk = BulkChunk> {
  /**
   * Starts a row; `id` is its `_id`, 1, 2, 3… in order. Every row then gets one cell per data
   * column. (SQLite's writers leave the id out: `_id` is the rowid, which SQLite assigns in the
   * same order.)
   */
  startRow(id: number): void;
  null(): void;
  number(n: number): void;
  string(s: string): void;
  /**
   * A cell taken from UTF-8 source bytes, known to be a plain decimal (`-?digits[.digits]`, at most
   * 15 digits) when `numeric`, otherwise text; `ascii` says the bytes are all below 0x80.
   */
  bytes(buf: Buffer, start: number, end: number, numeric: boolean, ascii: boolean): void;
  /**
   * Writers that separate cells with this byte (a file's own delimiter) also take `run`: several
   * neighbouring cells copied as they stand in the file, delimiters included.
   */
  readonly runDelimiter?: number;
  /** Cells buf[start, end) as they are, with nothing to escape (see `runDelimiter`). */
  run?(buf: Buffer, start: number, end: number): void;
  /** Rows written since the last `take`. */
  readonly rows: number;
  /** The rows written so far, as one chunk (and starts a new one). */
  take(): Chunk;
}

const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * The value of `-?digits[.digits]` (at most 15 digits): the mantissa is an exact integer and 10^k
 * is exact, so one IEEE division gives the correctly rounded value, as Number(text) would.
 */
export function plainDecimalBytes(buf: Buffer, start: number, end: number): number {
  let i = start;
  const negative = buf[i] === 45;
  if (negative) i++;
  let m = 0;
  let digits = 0;
  let point = -1;
  for (; i < end; i++) {
    const c = buf[i]!;
    if (c === 46) point = digits;
    else {
      m = m * 10 + (c - 48);
      digits++;
    }
  }
  const v = point < 0 ? m : m / POW10[digits - point]!;
  return negative ? -v : v;
}

/** JS values for SQLite's prepared statements (without `_id`, which is the rowid). */
export class ValuesWriter implements RowWriter {
  private values: BulkValue[] = [];
  private k = 0;
  rows = 0;

  startRow(): void {
    this.rows++;
  }
  null(): void {
    this.values[this.k++] = null;
  }
  number(n: number): void {
    this.values[this.k++] = n;
  }
  string(s: string): void {
    this.values[this.k++] = s;
  }
  bytes(buf: Buffer, start: number, end: number, numeric: boolean, ascii: boolean): void {
    this.values[this.k++] = numeric ? plainDecimalBytes(buf, start, end) : textOf(buf, start, end, ascii);
  }
  take(): BulkBatch {
    const batch = { values: this.values, rows: this.rows };
    batch.values.length = this.k;
    this.values = new Array(Math.max(1024, this.k));
    this.k = 0;
    this.rows = 0;
    return batch;
  }
}

const TAB = 9;
const NEWLINE = 10;
const BACKSLASH = 92;

/**
 * PostgreSQL COPY text format: tab-separated, `\N` for NULL, backslash escapes for backslash,
 * tab, newline and carriage return. Written into a growing byte buffer.
 */
export class CopyTextWriter implements RowWriter {
  private out = Buffer.allocUnsafe(1 << 18);
  private pos = 0;
  private first = true;
  rows = 0;
  /** The byte between cells: COPY's DELIMITER (see {@link copyDelimiter}). */
  readonly runDelimiter: number;
  private readonly special: RegExp;

  constructor(delimiter = '\t') {
    this.runDelimiter = delimiter.charCodeAt(0);
    // The delimiter is a tab, a comma or a semicolon: none needs escaping in a character class.
    this.special = new RegExp(`[\\\\\\t\\n\\r${delimiter}]`, 'g');
  }

  private ensure(n: number): void {
    if (this.pos + n <= this.out.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(this.out.length * 2, this.pos + n + 1024));
    this.out.copy(bigger, 0, 0, this.pos);
    this.out = bigger;
  }
  private separator(): void {
    if (this.first) this.first = false;
    else this.out[this.pos++] = this.runDelimiter;
  }

  /** The digits of the last row's id, counted up in place: ids go 1, 2, 3… */
  private readonly id = Buffer.alloc(16);
  private idStart = 16;
  private lastId = 0;

  startRow(id: number): void {
    this.ensure(18);
    if (this.rows > 0) this.out[this.pos++] = NEWLINE;
    this.rows++;
    this.first = false;
    const digits = this.id;
    if (id === this.lastId + 1) {
      // Add one: trailing 9s become 0s, then the next digit goes up, or a new leading 1.
      let i = 15;
      while (i >= this.idStart && digits[i] === 57) digits[i--] = 48;
      if (i < this.idStart) {
        this.idStart = i;
        digits[i] = 49;
      } else digits[i]!++;
    } else {
      this.idStart = 16;
      for (let x = id; ; x = Math.floor(x / 10)) {
        digits[--this.idStart] = 48 + (x % 10);
        if (x < 10) break;
      }
    }
    this.lastId = id;
    const out = this.out;
    let p = this.pos;
    for (let i = this.idStart; i < 16; i++) out[p++] = digits[i]!;
    this.pos = p;
  }
  null(): void {
    this.ensure(3);
    this.separator();
    this.out[this.pos++] = BACKSLASH;
    this.out[this.pos++] = 78; // N
  }
  number(n: number): void {
    if ((n > 0 || Object.is(n, 0)) && n < 1e15 && Math.floor(n) === n) {
      // Digits written directly: ids and 0/1 flags are most of the numbers a load writes.
      this.ensure(17);
      this.separator();
      const out = this.out;
      if (n < 10) {
        out[this.pos++] = 48 + n;
        return;
      }
      let digits = 1;
      for (let x = n; x >= 10; x = Math.floor(x / 10)) digits++;
      let p = this.pos + digits;
      this.pos = p;
      for (let x = n; p > this.pos - digits; x = Math.floor(x / 10)) out[--p] = 48 + (x % 10);
      return;
    }
    // "-0" as written in the file (String(-0) would drop the sign).
    const s = Object.is(n, -0) ? '-0' : String(n);
    this.ensure(s.length + 1);
    this.separator();
    this.pos += encodingMethods(this.out).latin1Write(s, this.pos);
  }
  string(s: string): void {
    // Worst case: every UTF-16 unit becomes 3 UTF-8 bytes, or 2 escaped bytes.
    this.ensure(s.length * 3 + 1);
    this.separator();
    const d = this.runDelimiter;
    let escaped = false;
    for (let i = 0; i < s.length && !escaped; i++) {
      const c = s.charCodeAt(i);
      escaped = c === BACKSLASH || c === TAB || c === NEWLINE || c === 13 || c === d;
    }
    const text = escaped ? s.replace(this.special, escapeChar) : s;
    if (escaped) this.ensure(text.length * 3);
    this.pos += encodingMethods(this.out).utf8Write(text, this.pos);
  }
  bytes(buf: Buffer, start: number, end: number, numeric: boolean): void {
    // A plain decimal has nothing to escape.
    if (numeric) return this.run(buf, start, end);
    this.ensure(2 * (end - start) + 1);
    this.separator();
    const out = this.out;
    let p = this.pos;
    const d = this.runDelimiter;
    for (let i = start; i < end; i++) {
      const c = buf[i]!;
      if (c === BACKSLASH || c === TAB || c === NEWLINE || c === 13 || c === d) {
        out[p++] = BACKSLASH;
        out[p++] = c === BACKSLASH ? BACKSLASH : c === TAB ? 116 : c === NEWLINE ? 110 : c === 13 ? 114 : c;
      } else out[p++] = c;
    }
    this.pos = p;
  }
  run(buf: Buffer, start: number, end: number): void {
    const n = end - start;
    this.ensure(n + 1);
    this.separator();
    const out = this.out;
    let p = this.pos;
    for (let i = start; i < end; i++) out[p++] = buf[i]!;
    this.pos = p;
  }
  take(): Buffer {
    if (this.rows > 0) {
      this.ensure(1);
      this.out[this.pos++] = NEWLINE;
    }
    const chunk = this.out.subarray(0, this.pos);
    this.out = Buffer.allocUnsafe(Math.max(1 << 18, this.pos + 1024));
    this.pos = 0;
    this.rows = 0;
    return chunk;
  }
}

const escapeChar = (c: string) =>
  c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : c === '\r' ? '\\r' : '\\' + c;

/**
 * The delimiter for COPY text from a file with `fileDelimiter`: the file's own when COPY can take
 * it, so cells go into COPY as they stand in the file; otherwise a tab.
 */
export function copyDelimiter(fileDelimiter?: string | null): string {
  return fileDelimiter === ',' || fileDelimiter === ';' ? fileDelimiter : '\t';
}
