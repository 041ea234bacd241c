import fs from 'node:fs';
import iconv from 'iconv-lite';
import type ExcelJS from 'exceljs';
import { AppError } from '../../errors.js';
import { detectDelimiter, detectEncoding, looksLikeHtml, type Delimiter, type TextEncoding } from './sniff.js';
import { RecordSplitter } from './record-splitter.js';
import { csvByteChunks } from './csv-byte-chunks.js';
import type { SourceChunk } from './source-chunk.js';
import { checkXlsxArchive, listZipEntries, xlsxSheetNames } from './zip-inspect.js';
import { xlsxSheetRows } from './xlsx-sheet-reader.js';

export type SourceFormat = 'csv' | 'tsv' | 'xlsx' | 'json';

/** Settings that bound what one file may demand of the server. */
export const INGEST_LIMITS = {
  maxColumns: 1000,
  maxRecordChars: 1_000_000,
  maxJsonBytes: 50 * 1024 * 1024,
  batchRows: 2000,
  /** From this size on, files are read and converted on a worker thread where that helps (SQLite). */
  workerMinBytes: 8 * 1024 * 1024,
};

export interface SourceInfo {
  format: SourceFormat;
  encoding?: TextEncoding;
  delimiter?: Delimiter;
  sheet?: string;
  sheets?: string[];
  /** Whether numbers are plain JS numbers written out (XLSX, JSON): then `1.5` is a decimal point. */
  numbersAreCanonical: boolean;
  /** Spreadsheets omit trailing empty cells: short rows are padded rather than called ragged. */
  padShortRows?: boolean;
  /** Rough row count (file size ÷ bytes per line in the first 64 KB), to size buffers up front. */
  estimatedRows?: number;
}

export interface RowSource {
  info: SourceInfo;
  /** The whole source for the load pass, as raw lines where it can and records otherwise. */
  chunks(onProgress?: (fraction: number) => void): AsyncGenerator<SourceChunk>;
  /** Yields batches of raw rows; `onProgress` reports how far through the file we are (0..1). */
  batches(onProgress?: (fraction: number) => void): AsyncGenerator<string[][]>;
  /**
   * Rows to profile column types on: the whole file when it is small, otherwise the first rows
   * plus windows spread evenly through the file (so a column that changes late is still seen).
   * The first batch always starts at the top of the file.
   */
  sample(): AsyncGenerator<string[][]>;
}

/** Files up to this size are profiled completely. */
export const FULL_PROFILE_BYTES = 8 * 1024 * 1024;
const SAMPLE_WINDOWS = 32;
const SAMPLE_WINDOW_BYTES = 48 * 1024;

export function formatFromName(fileName: string): SourceFormat | null {
  const ext = fileName.toLowerCase().split('.').pop() ?? '';
  if (ext === 'csv' || ext === 'txt') return 'csv';
  if (ext === 'tsv' || ext === 'tab') return 'tsv';
  if (ext === 'xlsx') return 'xlsx';
  if (ext === 'json') return 'json';
  return null;
}

/** Opens a file as rows; sniffs encoding and delimiter from its first 64 KB. */
export function openRowSource(file: string, format: SourceFormat, options: { sheet?: string } = {}): RowSource {
  const size = fs.statSync(file).size;
  if (size === 0) throw new AppError('INGEST_EMPTY_FILE', 422);
  if (format === 'xlsx') return xlsxSource(file, options.sheet);
  const sample = readSample(file, 65_536);
  const encoding = detectEncoding(sample);
  const text = decodeSample(sample, encoding);
  if (text.trim() === '') throw new AppError('INGEST_EMPTY_FILE', 422);
  if (looksLikeHtml(text)) throw new AppError('INGEST_HTML_NOT_DATA', 422);
  if (format === 'json') return jsonSource(file, size, encoding);
  const delimiter: Delimiter = format === 'tsv' ? '\t' : detectDelimiter(text);
  const source: RowSource = {
    info: { format, encoding, delimiter, numbersAreCanonical: false, estimatedRows: estimateRows(sample, size) },
    async *sample() {
      if (size <= FULL_PROFILE_BYTES) {
        yield* source.batches();
        return;
      }
      // The top of the file through the streaming reader (so an overlong first line fails the
      // same way it would while loading), then windows spread through the rest.
      let topRows = 0;
      for await (const batch of source.batches()) {
        topRows += batch.length;
        yield batch;
        if (topRows >= 2000) break;
      }
      const fd = fs.openSync(file, 'r');
      try {
        for (let w = 1; w < SAMPLE_WINDOWS; w++) {
          const offset = Math.floor(((size - SAMPLE_WINDOW_BYTES) * w) / (SAMPLE_WINDOWS - 1));
          const buf = Buffer.alloc(SAMPLE_WINDOW_BYTES);
          const n = fs.readSync(fd, buf, 0, SAMPLE_WINDOW_BYTES, offset);
          let text = decodeSample(buf.subarray(0, n), encoding);
          // Start after the first newline (a partial row); stop at the last one.
          text = text.slice(text.indexOf('\n') + 1);
          text = text.slice(0, text.lastIndexOf('\n') + 1);
          const rows: string[][] = [];
          const splitter = new RecordSplitter(delimiter, INGEST_LIMITS.maxRecordChars);
          try {
            splitter.push(text, (f) => rows.push(f));
          } catch {
            // A window that starts inside a quoted field may not parse; the sample just skips it.
          }
          yield rows;
        }
      } finally {
        fs.closeSync(fd);
      }
    },
    async *chunks(onProgress) {
      if (encoding === 'windows-1252') yield* rowChunks(source.batches(onProgress));
      else yield* csvByteChunks(file, size, delimiter, INGEST_LIMITS, onProgress);
    },
    async *batches(onProgress) {
      const splitter = new RecordSplitter(delimiter, INGEST_LIMITS.maxRecordChars);
      const decode = decoderFor(encoding);
      let batch: string[][] = [];
      const emit = (fields: string[]) => {
        if (fields.length > INGEST_LIMITS.maxColumns)
          throw new AppError(
            'INGEST_TOO_MANY_COLUMNS',
            422,
            { columns: fields.length, max: INGEST_LIMITS.maxColumns },
            { max: INGEST_LIMITS.maxColumns },
          );
        batch.push(fields);
      };
      let read = 0;
      let first = true;
      // 64 KB chunks: each decoded chunk stays a young-generation string (256 KB strings land in
      // V8's large-object space, which made decoding alone cost ~0.5 CPU-s per 66 MB). Reads are
      // synchronous into one reused buffer: a 64 KB read from the page cache takes microseconds,
      // far less than a thread-pool round trip. After each chunk the loop gives the event loop a
      // turn (setImmediate), so other requests, timers and V8's GC tasks are not starved.
      const fd = fs.openSync(file, 'r');
      const chunk = Buffer.allocUnsafe(1 << 16);
      try {
        for (;;) {
          const got = fs.readSync(fd, chunk, 0, chunk.length, null);
          if (got === 0) break;
          const buf = chunk.subarray(0, got);
          read += got;
          let str = decode.write(buf);
          if (first) {
            if (str.charCodeAt(0) === 0xfeff) str = str.slice(1);
            first = false;
          }
          splitter.push(str, emit);
          if (batch.length > 0) {
            yield batch;
            batch = [];
          }
          onProgress?.(read / size);
          await new Promise<void>((resolve) => setImmediate(resolve));
        }
      } finally {
        fs.closeSync(fd);
      }
      splitter.push(decode.end(), emit);
      splitter.end(emit);
      if (batch.length > 0) yield batch;
      onProgress?.(1);
    },
  };
  return source;
}

async function* rowChunks(batches: AsyncGenerator<string[][]>): AsyncGenerator<SourceChunk> {
  for await (const rows of batches) yield { rows };
}

function estimateRows(sample: Buffer, size: number): number {
  let lines = 0;
  for (let i = sample.indexOf(10); i >= 0; i = sample.indexOf(10, i + 1)) lines++;
  return lines === 0 ? 1 : Math.ceil((size * lines) / sample.length);
}

function readSample(file: string, bytes: number): Buffer {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const n = fs.readSync(fd, buf, 0, bytes, 0);
    return buf.subarray(0, n);
  } finally {
    fs.closeSync(fd);
  }
}

function decodeSample(sample: Buffer, encoding: TextEncoding): string {
  return encoding === 'windows-1252' ? iconv.decode(sample, 'win1252') : sample.toString('utf8').replace(/^\uFEFF/, '');
}

function decoderFor(encoding: TextEncoding): { write(b: Buffer): string; end(): string } {
  if (encoding === 'windows-1252') {
    const d = iconv.getDecoder('win1252');
    return { write: (b) => d.write(b), end: () => d.end() ?? '' };
  }
  // UTF-8 without StringDecoder's per-call bookkeeping: cut each chunk after its last complete
  // character and carry the rest (at most 3 bytes) into the next one.
  let carry: Buffer | null = null;
  return {
    write: (chunk) => {
      const b = carry ? Buffer.concat([carry, chunk]) : chunk;
      let cut = b.length;
      let back = 0;
      while (back < 3 && cut > 0 && (b[cut - 1]! & 0xc0) === 0x80) {
        cut--;
        back++;
      }
      if (cut > 0 && b[cut - 1]! >= 0xc0) {
        const lead = b[cut - 1]!;
        const need = lead >= 0xf0 ? 3 : lead >= 0xe0 ? 2 : 1;
        if (back < need) cut--;
        else cut = b.length;
      } else cut = b.length;
      carry = cut < b.length ? Buffer.from(b.subarray(cut)) : null;
      return b.toString('utf8', 0, cut);
    },
    end: () => {
      const rest = carry ? carry.toString('utf8') : '';
      carry = null;
      return rest;
    },
  };
}

function jsonSource(file: string, size: number, encoding: TextEncoding): RowSource {
  if (size > INGEST_LIMITS.maxJsonBytes)
    throw new AppError(
      'INGEST_JSON_TOO_LARGE',
      422,
      { maxBytes: INGEST_LIMITS.maxJsonBytes },
      { max: Math.round(INGEST_LIMITS.maxJsonBytes / 1048576) },
    );
  const source: RowSource = {
    info: { format: 'json', encoding, numbersAreCanonical: true },
    sample: () => source.batches(),
    chunks: (onProgress) => rowChunks(source.batches(onProgress)),
    async *batches(onProgress) {
      const raw = fs.readFileSync(file);
      let data: unknown;
      try {
        data = JSON.parse(decodeSample(raw, encoding));
      } catch {
        throw new AppError('INGEST_JSON_INVALID', 422, { reason: 'syntax' });
      }
      if (data && typeof data === 'object' && !Array.isArray(data)) {
        // Accept {"records": [...]}, {"data": [...]} and {"result": {"records": [...]}} wrappers.
        const o = data as Record<string, unknown>;
        data = o['records'] ?? o['data'] ?? (o['result'] as Record<string, unknown> | undefined)?.['records'];
      }
      if (!Array.isArray(data) || data.some((r) => !r || typeof r !== 'object' || Array.isArray(r))) {
        throw new AppError('INGEST_JSON_INVALID', 422, { reason: 'not_array_of_objects' });
      }
      const keys: string[] = [];
      const seen = new Set<string>();
      for (const r of data as Record<string, unknown>[]) {
        for (const k of Object.keys(r)) {
          if (!seen.has(k)) {
            seen.add(k);
            keys.push(k);
          }
        }
        if (keys.length > INGEST_LIMITS.maxColumns)
          throw new AppError(
            'INGEST_TOO_MANY_COLUMNS',
            422,
            { max: INGEST_LIMITS.maxColumns },
            { max: INGEST_LIMITS.maxColumns },
          );
      }
      yield [keys];
      const rows = data as Record<string, unknown>[];
      for (let i = 0; i < rows.length; i += INGEST_LIMITS.batchRows) {
        yield rows.slice(i, i + INGEST_LIMITS.batchRows).map((r) => keys.map((k) => cellText(r[k])));
        onProgress?.(Math.min(1, (i + INGEST_LIMITS.batchRows) / rows.length));
      }
    },
  };
  return source;
}

function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if ('result' in o) return cellText(o['result']); // formula
    if (Array.isArray(o['richText'])) return (o['richText'] as Array<{ text: string }>).map((t) => t.text).join('');
    if ('text' in o) return cellText(o['text']); // hyperlink
    if ('error' in o) return '';
    return JSON.stringify(v);
  }
  return String(v);
}

function xlsxSource(file: string, sheet: string | undefined): RowSource {
  checkXlsxArchive(listZipEntries(file));
  const sheets = xlsxSheetNames(file);
  if (sheets.length === 0) throw new AppError('INGEST_XLSX_INVALID', 422, { reason: 'no_sheets' });
  const chosen = sheet ?? sheets[0]!;
  if (!sheets.includes(chosen))
    throw new AppError('INGEST_SHEET_NOT_FOUND', 422, { sheet: chosen, sheets }, { sheet: chosen });
  const source: RowSource = {
    info: { format: 'xlsx', sheet: chosen, sheets, numbersAreCanonical: true, padShortRows: true },
    sample: () => source.batches(),
    chunks: (onProgress) => rowChunks(source.batches(onProgress)),
    async *batches(onProgress) {
      let batch: string[][] = [];
      try {
        let lastRow = 0;
        for await (const row of xlsxSheetRows(file, chosen)) {
          // Keep blank rows in place so row numbers in the report match the spreadsheet.
          while (++lastRow < row.number) batch.push([]);
          const values = row.values as unknown[];
          if (values.length - 1 > INGEST_LIMITS.maxColumns)
            throw new AppError(
              'INGEST_TOO_MANY_COLUMNS',
              422,
              { max: INGEST_LIMITS.maxColumns },
              { max: INGEST_LIMITS.maxColumns },
            );
          const cells: string[] = [];
          for (let c = 1; c < values.length; c++) cells.push(cellText(values[c]));
          batch.push(cells);
          if (batch.length >= INGEST_LIMITS.batchRows) {
            yield batch;
            batch = [];
          }
        }
      } catch (e) {
        if (e instanceof AppError) throw e;
        throw new AppError('INGEST_XLSX_INVALID', 422, { reason: 'unreadable' });
      }
      if (batch.length > 0) yield batch;
      onProgress?.(1);
    },
  };
  return source;
}
