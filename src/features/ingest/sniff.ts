import { AppError } from '../../errors.js';

export type TextEncoding = 'utf-8' | 'utf-8-bom' | 'windows-1252';

/** Bytes that Windows-1252 leaves undefined: a file containing them is in some other encoding. */
const CP1252_UNDEFINED = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);

/** Detects the text encoding from the first bytes; rejects binary and UTF-16/32 files. */
export function detectEncoding(sample: Buffer): TextEncoding {
  if (sample.length >= 3 && sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return 'utf-8-bom';
  if (
    sample.length >= 2 &&
    ((sample[0] === 0xff && sample[1] === 0xfe) || (sample[0] === 0xfe && sample[1] === 0xff))
  ) {
    throw new AppError('INGEST_UNKNOWN_ENCODING', 422, { encoding: 'utf-16' });
  }
  const zeros = sample.subarray(0, 4096).indexOf(0);
  if (zeros >= 0) throw new AppError('INGEST_UNKNOWN_ENCODING', 422, { encoding: 'binary' });
  // A sample may cut a multi-byte character at its end; drop up to 3 trailing bytes for the check.
  let end = sample.length;
  for (let back = 0; back < 3 && end > 0 && (sample[end - 1]! & 0xc0) === 0x80; back++) end--;
  if (end > 0 && sample[end - 1]! >= 0xc0) end--;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample.subarray(0, end));
    return 'utf-8';
  } catch {
    for (const byte of sample)
      if (CP1252_UNDEFINED.has(byte)) throw new AppError('INGEST_UNKNOWN_ENCODING', 422, { encoding: 'unknown' });
    return 'windows-1252';
  }
}

/** A "CSV" that is really a web page (an error page or an HTML table saved as .csv). */
export function looksLikeHtml(text: string): boolean {
  const head = text.slice(0, 2000).trimStart().toLowerCase();
  return (
    head.startsWith('<!doctype html') ||
    head.startsWith('<html') ||
    /<(html|body|table|head)[\s>]/.test(head.slice(0, 500))
  );
}

export type Delimiter = ',' | ';' | '\t';

/**
 * The delimiter that splits the first lines into the most consistent, widest rows.
 * Quoted sections are skipped so commas inside quotes do not count.
 */
export function detectDelimiter(text: string): Delimiter {
  const lines = text
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '')
    .slice(0, 50);
  let best: Delimiter = ',';
  let bestScore = -1;
  for (const d of [',', ';', '\t'] as const) {
    const counts = lines.map((l) => countOutsideQuotes(l, d));
    if (counts.length === 0) continue;
    const freq = new Map<number, number>();
    for (const c of counts) if (c > 0) freq.set(c, (freq.get(c) ?? 0) + 1);
    let mode = 0;
    let modeCount = 0;
    for (const [c, n] of freq) if (n > modeCount || (n === modeCount && c > mode)) [mode, modeCount] = [c, n];
    const score = modeCount * 1000 + mode;
    if (mode > 0 && score > bestScore) [best, bestScore] = [d, score];
  }
  return best;
}

function countOutsideQuotes(line: string, d: string): number {
  let n = 0;
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '"') quoted = !quoted;
    else if (c === d && !quoted) n++;
  }
  return n;
}

/**
 * The header row among the first rows: the first row that is about as wide as the table and
 * mostly non-numeric text. Titles and notes above the table (common in government spreadsheets)
 * are skipped and reported.
 */
export function detectHeaderRow(rows: string[][]): number {
  const widths = rows.map((r) => r.filter((c) => c.trim() !== '').length);
  const freq = new Map<number, number>();
  for (const w of widths) if (w > 0) freq.set(w, (freq.get(w) ?? 0) + 1);
  let modal = 0;
  let modalCount = 0;
  for (const [w, n] of freq) if (n > modalCount || (n === modalCount && w > modal)) [modal, modalCount] = [w, n];
  for (let i = 0; i < Math.min(rows.length, 30); i++) {
    const cells = rows[i]!.map((c) => c.trim()).filter((c) => c !== '');
    if (cells.length < Math.max(1, Math.ceil(modal * 0.6))) continue;
    const textual = cells.filter((c) => !/^[-+]?[\d.,]+$/.test(c)).length;
    if (textual >= cells.length * 0.6) return i;
  }
  return 0;
}
