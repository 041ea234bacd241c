import type { DatastoreField } from '../ingest/ingest.table.js';
import type { Row } from './datastore.search.js';

export type Delim = ',' | '\t';

/**
 * A cell that a spreadsheet would run as a formula (it starts with = + - @, or a tab or carriage
 * return that some spreadsheets skip) gets a leading apostrophe, as OWASP advises. Numbers are
 * numbers and are never touched, so "-5" in a numeric column stays -5.
 */
export function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function cellText(value: unknown, neutralise: boolean): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return String(value);
  const s = String(value);
  return neutralise ? neutraliseFormula(s) : s;
}

/** One CSV/TSV cell, quoted when it holds the delimiter, a quote or a line break. */
export function delimitedCell(value: unknown, delim: Delim, neutralise: boolean): string {
  const s = cellText(value, neutralise);
  if (delim === '\t') return s.replace(/[\t\r\n]+/g, ' ');
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function delimitedLine(values: unknown[], delim: Delim, neutralise: boolean): string {
  return values.map((v) => delimitedCell(v, delim, neutralise)).join(delim) + '\r\n';
}

/** Records in the shape `records_format` asks for (CKAN: objects, lists, or csv/tsv text without a header). */
export function formatRecords(format: 'objects' | 'lists' | 'csv' | 'tsv', rows: Row[], fields: DatastoreField[]): unknown {
  switch (format) {
    case 'lists': return rows.map((r) => fields.map((f) => r[f.id] ?? null));
    case 'csv': return rows.map((r) => delimitedLine(fields.map((f) => r[f.id]), ',', false)).join('');
    case 'tsv': return rows.map((r) => delimitedLine(fields.map((f) => r[f.id]), '\t', false)).join('');
    default: return rows;
  }
}

/** CKAN's type names for our field types. */
export function ckanType(type: DatastoreField['type']): string {
  return type === 'float' ? 'numeric' : type;
}
