import { isAscii } from 'node:buffer';
import { AppError } from '../../errors.js';
import { textOf } from '../../fast-buffer.js';
import type { RowWriter } from '../../storage/dialects/bulk-load.js';
import { TOTAL_ROW, judgeRow, padRow, trimCell, type Analysis } from './analyse.js';
import { bytesHash, cellsHash, viewOf } from './row-hash.js';
import { boolFromBytes, isIsoDate, isPlainDecimal } from './cell-bytes.js';
import { converterFor, type Converter } from './cell-types.js';
import { DuplicateRows } from './duplicate-rows.js';
import { CodeIndex } from './code-index.js';
import { INGEST_LIMITS, type RowSource, type SourceInfo } from './row-sources.js';

/** What the load pass needs to know of its source. */
export type LoaderSourceInfo = Pick<SourceInfo, 'padShortRows' | 'estimatedRows' | 'delimiter'>;
import type { IssueLog } from './quality.js';

/** What the load pass counted, for the quality report. */
export interface LoadCounts {
  rowNo: number;
  loaded: number;
  excluded: number;
  missing: number[];
  mismatches: number[];
  unknownCodes: string[];
  log: Pick<IssueLog, 'counts' | 'issues' | 'truncated'>;
}

/** Rows hashed for duplicate detection; beyond this the check stops (bounded memory). */
const MAX_DUPLICATE_TRACKED = 2_000_000;

/** The position of the next `byte` in buf[from, end), or `end`. */
function nextByte(buf: Buffer, byte: number, from: number, end: number): number {
  const k = buf.indexOf(byte, from);
  return k < 0 || k >= end ? end : k;
}

/** Whether buf[start, end) is all ASCII (for lines of a piece that is not). */
function lineIsAscii(buf: Buffer, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (buf[i]! >= 128) return false;
  return true;
}

/** How a column's cells are read on the byte path. */
enum Kind {
  /** Plain digits read as a number: int columns, and float columns in the 1.234,56 style. */
  Digits,
  /** Digits with an optional decimal point: float columns in the 1,234.56 style. */
  Decimal,
  Date,
  Bool,
  /** Period labels (Januari 2024) are converted to their sortable text on the string path. */
  Period,
  Text,
  Wilayah,
}

/**
 * The load pass of an ingest: judges each row (blank, ragged, total), converts each cell to its
 * column's type, checks wilayah codes and duplicates, counts what it finds in the quality log,
 * and hands the values to the database's row writer.
 *
 * Rows arrive either as string cells (`cells`, any format) or as raw lines of a UTF-8 CSV without
 * quotes (`lines`), which are read straight from the bytes. A row or cell the byte path cannot
 * settle on its own (edge whitespace, a possible total row, an unusual number) is decoded and
 * goes through the string path, so both paths give the same result for the same file.
 */
export class RowLoader<Chunk> {
  rowNo = 0;
  loaded = 0;
  excluded = 0;
  readonly missing: number[];
  readonly mismatches: number[];
  readonly unknownCodes = new Set<string>();
  private readonly width: number;
  private readonly converters: Converter[];
  private readonly kinds: Kind[];
  private readonly duplicates: DuplicateRows;
  private readonly bounds = new Int32Array(2 * INGEST_LIMITS.maxColumns);
  private readonly codeIndex: CodeIndex;
  private readonly padShortRows: boolean;
  /** The file's delimiter (rows of other formats are hashed as if joined by a comma). */
  private readonly delimiter: string;
  /** Unknown codes already reported, so repeats are counted without decoding them again. */
  private readonly unknownIndex = new CodeIndex();

  constructor(
    private readonly a: Analysis,
    private readonly knownCodes: Set<string>,
    private readonly writer: RowWriter<Chunk>,
    info: LoaderSourceInfo,
  ) {
    this.padShortRows = info.padShortRows === true;
    this.delimiter = info.delimiter ?? ',';
    this.width = a.fields.length;
    // Each column has its own number style (analyse.ts), so a converter and a byte-path kind each.
    this.converters = a.fields.map((f, i) => converterFor(f.type, a.locales[i]!));
    this.kinds = a.fields.map((f, i) => {
      if (i === a.wilayahIndex) return Kind.Wilayah;
      if (f.type === 'int') return Kind.Digits;
      if (f.type === 'float') return a.locales[i] === 'en' ? Kind.Decimal : Kind.Digits;
      if (f.type === 'date') return Kind.Date;
      if (f.type === 'bool') return Kind.Bool;
      if (f.type === 'period') return Kind.Period;
      return Kind.Text;
    });
    this.missing = new Array<number>(this.width).fill(0);
    this.mismatches = new Array<number>(this.width).fill(0);
    this.duplicates = new DuplicateRows(info.estimatedRows ?? 0, MAX_DUPLICATE_TRACKED);
    this.codeIndex = new CodeIndex(knownCodes);
  }

  /**
   * The load pass over a whole source: yields the writer's rows after each piece (a chunk for the
   * database, or a batch for another thread) and frees the duplicate-detection table at the end.
   */
  async *load(source: RowSource, onProgress?: (fraction: number) => void): AsyncGenerator<Chunk> {
    try {
      for await (const piece of source.chunks(onProgress)) {
        if ('rows' in piece) for (const cells of piece.rows) this.cells(cells);
        else this.lines(piece.bytes, piece.start, piece.end, piece.delimiter);
        if (this.writer.rows > 0) yield this.writer.take();
      }
      this.a.log.merge(this.duplicates.finish().map((row) => ({ kind: 'duplicate_row' as const, row })));
    } finally {
      this.duplicates.clear();
    }
  }

  /** Notes the hash of the row just loaded for the duplicate check at the end. */
  private queueDuplicateCheck(hash: number): void {
    this.duplicates.add(hash, this.rowNo);
  }

  /** What the load counted, for the quality report (the issues are in the analysis log). */
  counts(): LoadCounts {
    const { counts, issues, truncated } = this.a.log;
    return {
      rowNo: this.rowNo,
      loaded: this.loaded,
      excluded: this.excluded,
      missing: this.missing,
      mismatches: this.mismatches,
      unknownCodes: [...this.unknownCodes],
      log: { counts, issues, truncated },
    };
  }

  /** One record as string cells. */
  cells(cells: string[]): void {
    this.rowNo++;
    if (this.rowNo <= this.a.headerRow) return;
    const width = this.width;
    if (this.padShortRows) padRow(cells, width);
    const verdict = judgeRow(cells, width);
    if (verdict) {
      this.excluded++;
      this.a.log.add({ kind: verdict, row: this.rowNo });
      return;
    }
    this.writer.startRow(++this.loaded);
    for (let c = 0; c < width; c++) {
      const raw = trimCell(cells[c]!);
      this.converted(c, raw, this.converters[c]!(raw));
    }
    this.queueDuplicateCheck(cellsHash(cells, width, this.delimiter));
  }

  /** Records the converted value of one cell and passes it to the writer. */
  private converted(c: number, raw: string, v: string | number | null | undefined): void {
    if (v === null) {
      this.missing[c]!++;
      this.writer.null();
    } else if (v === undefined) {
      this.mismatches[c]!++;
      this.a.log.add({
        kind: 'type_mismatch',
        row: this.rowNo,
        column: this.a.fields[c]!.id,
        value: raw.slice(0, 100),
      });
      this.writer.null();
    } else {
      if (typeof v === 'number') this.writer.number(v);
      else this.writer.string(v);
      if (c === this.a.wilayahIndex) this.checkCode(v as string);
    }
  }

  private checkCode(code: string): void {
    if (this.knownCodes.has(code)) return;
    if (!this.unknownCodes.has(code) && this.unknownIndex.size < 10_000) {
      this.unknownCodes.add(code);
      this.unknownIndex.add(code);
    }
    this.a.log.add({
      kind: 'unknown_wilayah',
      row: this.rowNo,
      column: this.a.fields[this.a.wilayahIndex!]!.id,
      value: code,
    });
  }

  /**
   * Complete lines `buf[start, end)` (the last one ends with a newline) of valid UTF-8 text with
   * no quote character, so every newline ends a record and every delimiter ends a cell.
   */
  lines(buf: Buffer, start: number, end: number, delimiter: number): void {
    const bounds = this.bounds;
    const maxCells = INGEST_LIMITS.maxColumns;
    const view = viewOf(buf);
    // An all-ASCII piece (the usual case) skips tracking high bytes line by line.
    const ascii = isAscii(buf.subarray(start, end));
    // Where the next backslash and carriage return are (`end`: none); a line ending before both
    // holds nothing that COPY text escapes. Only looked for when the writer takes runs of cells.
    const runs = this.writer.runDelimiter === delimiter;
    let backslash = runs ? -1 : end;
    let cr = runs ? -1 : end;
    let lineStart = start;
    let cellStart = start;
    let n = 0;
    for (let i = start; i < end; i++) {
      const b = buf[i]!;
      if (b === delimiter) {
        if (n < maxCells) {
          bounds[2 * n] = cellStart;
          bounds[2 * n + 1] = i;
        }
        n++;
        cellStart = i + 1;
      } else if (b === 10) {
        const e = i > lineStart && buf[i - 1] === 13 ? i - 1 : i;
        if (n < maxCells) {
          bounds[2 * n] = cellStart;
          bounds[2 * n + 1] = e;
        }
        n++;
        if (n > maxCells)
          throw new AppError('INGEST_TOO_MANY_COLUMNS', 422, { columns: n, max: maxCells }, { max: maxCells });
        if (backslash < lineStart) backslash = nextByte(buf, 92, lineStart, end);
        if (cr < lineStart) cr = nextByte(buf, 13, lineStart, end);
        this.line(
          buf,
          view,
          lineStart,
          e,
          n,
          ascii || lineIsAscii(buf, lineStart, e),
          delimiter,
          runs && backslash >= e && cr >= e,
        );
        lineStart = cellStart = i + 1;
        n = 0;
      }
    }
  }

  /** One line whose `n` cells are in `bounds`. */
  private line(
    buf: Buffer,
    view: DataView,
    lineStart: number,
    lineEnd: number,
    n: number,
    ascii: boolean,
    delimiter: number,
    clean: boolean,
  ): void {
    const width = this.width;
    const bounds = this.bounds;
    if (this.rowNo + 1 <= this.a.headerRow || n !== width || this.padShortRows)
      return this.slowLine(buf, lineStart, lineEnd, ascii, delimiter);
    // Row checks: edge whitespace (trimming) and blank rows go the string way; so does a row
    // whose first filled cell (of the first two) reads as a total.
    let filled = false;
    for (let c = 0; c < width; c++) {
      const s = bounds[2 * c]!;
      const e = bounds[2 * c + 1]!;
      if (e > s) {
        if (buf[s]! <= 32 || buf[e - 1]! <= 32) return this.slowLine(buf, lineStart, lineEnd, ascii, delimiter);
        filled = true;
      }
    }
    if (!filled) return this.slowLine(buf, lineStart, lineEnd, ascii, delimiter);
    for (let c = 0; c < Math.min(2, width); c++) {
      const s = bounds[2 * c]!;
      const e = bounds[2 * c + 1]!;
      if (e === s) continue;
      const f = buf[s]! | 32;
      if ((f === 106 || f === 116 || f === 103 || f === 115 || f === 114) && TOTAL_ROW.test(textOf(buf, s, e, ascii))) {
        return this.slowLine(buf, lineStart, lineEnd, ascii, delimiter);
      }
      break;
    }

    this.rowNo++;
    const writer = this.writer;
    writer.startRow(++this.loaded);
    // Cells kept as they are in the file: with a writer that takes runs of them (COPY text with the
    // file's delimiter) and a line with nothing to escape, neighbouring ones go as one piece.
    const runs = writer.runDelimiter === delimiter && clean;
    let run = -1;
    let runEnd = 0;
    for (let c = 0; c < width; c++) {
      const s = bounds[2 * c]!;
      const e = bounds[2 * c + 1]!;
      let kept: boolean;
      let numeric = false;
      if (s === e) kept = false;
      else {
        switch (this.kinds[c]) {
          case Kind.Digits:
          case Kind.Decimal:
            kept = numeric = isPlainDecimal(buf, s, e, this.kinds[c] === Kind.Decimal);
            break;
          case Kind.Date:
            kept = e - s === 10 && isIsoDate(buf, s);
            break;
          case Kind.Bool:
          case Kind.Period:
            kept = false;
            break;
          case Kind.Wilayah:
            kept = this.codeIndex.has(view, buf, s, e);
            if (!kept && this.a.log.full && this.unknownIndex.has(view, buf, s, e)) {
              kept = true;
              this.a.log.tally('unknown_wilayah');
            }
            break;
          default:
            kept = true;
        }
      }
      if (kept) {
        if (!runs) writer.bytes(buf, s, e, numeric, ascii);
        else if (run < 0) {
          run = s;
          runEnd = e;
        } else runEnd = e;
        continue;
      }
      if (run >= 0) {
        writer.run!(buf, run, runEnd);
        run = -1;
      }
      if (s === e) {
        this.missing[c]!++;
        writer.null();
      } else if (this.kinds[c] === Kind.Bool) {
        const v = boolFromBytes(buf, s, e);
        if (v >= 0) writer.number(v);
        else this.slowCell(c, buf, s, e, ascii);
      } else this.slowCell(c, buf, s, e, ascii);
    }
    if (run >= 0) writer.run!(buf, run, runEnd);
    this.queueDuplicateCheck(bytesHash(view, lineStart, lineEnd));
  }

  private slowCell(c: number, buf: Buffer, s: number, e: number, ascii: boolean): void {
    const raw = textOf(buf, s, e, ascii);
    this.converted(c, raw, this.converters[c]!(raw));
  }

  private slowLine(buf: Buffer, lineStart: number, lineEnd: number, ascii: boolean, delimiter: number): void {
    this.cells(textOf(buf, lineStart, lineEnd, ascii).split(String.fromCharCode(delimiter)));
  }
}
