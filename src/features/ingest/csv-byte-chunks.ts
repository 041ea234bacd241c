import fs from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { AppError } from '../../errors.js';
import { RecordSplitter } from './record-splitter.js';
import type { SourceChunk } from './source-chunk.js';

const READ_BYTES = 1 << 18;

/**
 * Reads a UTF-8 CSV/TSV for the load pass in 256 KB pieces cut at the last newline. A piece with
 * no quote character that is valid UTF-8 is handed over as bytes (its lines are records, its
 * delimiters cell ends); any other piece — quotes, invalid bytes, an overlong line, or the tail
 * of a quoted record spanning pieces — is decoded and split by the RFC 4180 {@link RecordSplitter}.
 * Memory stays bounded by the piece size and the longest record.
 */
export async function* csvByteChunks(
  file: string,
  size: number,
  delimiter: string,
  limits: { maxColumns: number; maxRecordChars: number },
  onProgress?: (fraction: number) => void,
): AsyncGenerator<SourceChunk> {
  const splitter = new RecordSplitter(delimiter, limits.maxRecordChars);
  let rows: string[][] = [];
  const emit = (fields: string[]) => {
    if (fields.length > limits.maxColumns)
      throw new AppError(
        'INGEST_TOO_MANY_COLUMNS',
        422,
        { columns: fields.length, max: limits.maxColumns },
        { max: limits.maxColumns },
      );
    rows.push(fields);
  };
  const delimiterByte = delimiter.charCodeAt(0);
  // UTF-8 needs at most 4 bytes a character, so a line longer than this cannot be within the limit.
  const maxLineBytes = 4 * limits.maxRecordChars + 4;
  const fd = fs.openSync(file, 'r');
  let buf = Buffer.allocUnsafe(READ_BYTES);
  let carry = 0;
  let read = 0;
  let first = true;
  try {
    for (;;) {
      if (carry === buf.length) {
        if (buf.length >= maxLineBytes)
          throw new AppError(
            'INGEST_LINE_TOO_LONG',
            422,
            { maxChars: limits.maxRecordChars },
            { max: limits.maxRecordChars },
          );
        const bigger = Buffer.allocUnsafe(buf.length * 2);
        buf.copy(bigger, 0, 0, carry);
        buf = bigger;
      }
      const got = fs.readSync(fd, buf, carry, buf.length - carry, null);
      const total = carry + got;
      const view = buf.subarray(0, total);
      let start = 0;
      if (first) {
        if (total >= 3 && view[0] === 0xef && view[1] === 0xbb && view[2] === 0xbf) start = 3;
        first = false;
      }
      if (got === 0) {
        if (total > start) splitter.push(view.toString('utf8', start, total), emit);
        splitter.end(emit);
        if (rows.length > 0) yield { rows };
        break;
      }
      read += got;
      const end = view.lastIndexOf(10) + 1;
      if (end > start) {
        const quote = view.indexOf(34, start);
        if (
          !splitter.pending &&
          (quote < 0 || quote >= end) &&
          end - start <= limits.maxRecordChars &&
          isUtf8(view.subarray(start, end))
        ) {
          yield { bytes: view, start, end, delimiter: delimiterByte };
        } else {
          splitter.push(view.toString('utf8', start, end), emit);
          if (rows.length > 0) {
            yield { rows };
            rows = [];
          }
        }
        buf.copy(buf, 0, end, total);
        carry = total - end;
      } else {
        if (start > 0) buf.copy(buf, 0, start, total);
        carry = total - start;
      }
      onProgress?.(read / size);
      // Give the event loop a turn between pieces (other requests, timers, GC tasks).
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  } finally {
    fs.closeSync(fd);
  }
  onProgress?.(1);
}
