/**
 * The one CSV/TSV writer (RFC 4180, CRLF line ends) for every export: the OGP plan dataset, the
 * datastore downloads and dumps, the indicator values and MS-Ind lists.
 *
 * Not `csv-stringify`: the datastore dump writes a page of rows at a time on its hot path, and
 * csv-stringify (sync, with the same casts) took 2.7× as long as this writer for the same output
 * (200,000 rows × 8 columns: ~280 ms against ~105 ms, Node 20).
 */

export type Delimiter = ',' | '\t';

/**
 * The formula-neutralising rule (OWASP "CSV injection"): text that starts with = + - @, a tab or a
 * carriage return would be run as a formula by spreadsheet programs, so it gets a leading
 * apostrophe and stays text. Only text is touched: a value that is a number is written as a
 * number, so -12.5 stays -12.5 (an export that holds numbers passes them as numbers).
 */
export function neutralise(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/**
 * No option turns neutralising off: CSV text handed to "programs" (the API's `records_format=csv`)
 * is pasted into spreadsheets just the same, and a raw `=HYPERLINK(...)` there was a finding.
 */
export interface CellOptions {
  delimiter?: Delimiter;
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return neutralise(String(value));
}

/** One cell: quoted when it holds a comma, a quote or a line break; in TSV those breaks become spaces. */
export function csvCell(value: unknown, options: CellOptions = {}): string {
  const text = cellText(value);
  if (options.delimiter === '\t') return text.replace(/[\t\r\n]+/g, ' ');
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One line, ending in CRLF. */
export function csvLine(values: readonly unknown[], options: CellOptions = {}): string {
  const delimiter = options.delimiter ?? ',';
  let line = '';
  for (let i = 0; i < values.length; i++) line += (i ? delimiter : '') + csvCell(values[i], options);
  return line + '\r\n';
}

/** A whole CSV file: the header, then the rows; `bom` puts a UTF-8 BOM first (for Excel). */
export function toCsv(
  header: readonly string[],
  rows: ReadonlyArray<readonly unknown[]>,
  options: { bom?: boolean } = {},
): string {
  let out = options.bom ? '\uFEFF' : '';
  out += csvLine(header);
  for (const row of rows) out += csvLine(row);
  return out;
}
