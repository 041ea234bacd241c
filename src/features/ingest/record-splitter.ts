import { AppError } from '../../errors.js';

export type EmitRecord = (fields: string[]) => void;

/**
 * A streaming CSV record splitter tuned for the common case: a line without quotes is split with
 * the native String#split; only lines with a quote go through the RFC 4180 state machine (which
 * handles doubled quotes and newlines inside quotes). Memory is bounded by the longest record.
 */
export class RecordSplitter {
  private rest = '';

  constructor(
    private readonly delimiter: string,
    private readonly maxRecordChars: number,
  ) {}

  push(chunk: string, emit: EmitRecord): void {
    const text = this.rest.length > 0 ? this.rest + chunk : chunk;
    const n = text.length;
    const d = this.delimiter;
    let pos = 0;
    let quote = text.indexOf('"');
    while (pos < n) {
      const nl = text.indexOf('\n', pos);
      if (nl < 0) break;
      if (quote >= 0 && quote < pos) quote = text.indexOf('"', pos);
      if (quote < 0 || quote > nl) {
        const end = nl > pos && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
        emit(text.slice(pos, end).split(d));
        pos = nl + 1;
      } else {
        const next = this.parseQuoted(text, pos, emit);
        if (next < 0) break;
        pos = next;
      }
    }
    this.rest = pos === 0 ? text : text.slice(pos);
    if (this.rest.length > this.maxRecordChars) {
      throw new AppError('INGEST_LINE_TOO_LONG', 422, { maxChars: this.maxRecordChars }, { max: this.maxRecordChars });
    }
  }

  /** Whether text of an unfinished record is waiting for the next chunk (e.g. an open quote). */
  get pending(): boolean {
    return this.rest.length > 0;
  }

  /** The last record, when the file does not end with a newline. */
  end(emit: EmitRecord): void {
    if (this.rest.length === 0) return;
    const text = this.rest + '\n';
    this.rest = '';
    if (text.indexOf('"') < 0)
      emit(
        text
          .slice(0, text.length - 1)
          .replace(/\r$/, '')
          .split(this.delimiter),
      );
    else if (this.parseQuoted(text, 0, emit) < 0) throw new AppError('INGEST_UNCLOSED_QUOTE', 422);
  }

  /** Parses one record starting at `pos`; returns the position after it, or -1 if incomplete. */
  private parseQuoted(text: string, pos: number, emit: EmitRecord): number {
    const d = this.delimiter.charCodeAt(0);
    const fields: string[] = [];
    let cur = '';
    let i = pos;
    let start = pos;
    let quoted = false;
    const n = text.length;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (quoted) {
        if (c === 34) {
          if (text.charCodeAt(i + 1) === 34) {
            cur += text.slice(start, i + 1);
            i += 2;
            start = i;
            continue;
          }
          if (i + 1 >= n) return -1;
          cur += text.slice(start, i);
          quoted = false;
          i++;
          start = i;
          continue;
        }
        i++;
        continue;
      }
      if (c === 34 && i === start && cur === '') {
        quoted = true;
        i++;
        start = i;
        continue;
      }
      if (c === d) {
        fields.push(cur + text.slice(start, i));
        cur = '';
        i++;
        start = i;
        continue;
      }
      if (c === 10) {
        const end = i > start && text.charCodeAt(i - 1) === 13 ? i - 1 : i;
        fields.push(cur + text.slice(start, end));
        emit(fields);
        return i + 1;
      }
      i++;
    }
    return -1;
  }
}
