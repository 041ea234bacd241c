import type { DatastoreField } from '../ingest/ingest.table.js';
import type { Row } from './datastore.search.js';
import { csvLine } from '../../csv/csv.js';

/** Records in the shape `records_format` asks for (CKAN: objects, lists, or csv/tsv text without a header). */
export function formatRecords(
  format: 'objects' | 'lists' | 'csv' | 'tsv',
  rows: Row[],
  fields: DatastoreField[],
): unknown {
  switch (format) {
    case 'lists':
      return rows.map((r) => fields.map((f) => r[f.id] ?? null));
    // Neutralised like the dumps: this text ends up in spreadsheets too (numbers stay numbers).
    case 'csv':
      return rows.map((r) => csvLine(fields.map((f) => r[f.id]))).join('');
    case 'tsv':
      return rows
        .map((r) =>
          csvLine(
            fields.map((f) => r[f.id]),
            { delimiter: '\t' },
          ),
        )
        .join('');
    default:
      return rows;
  }
}

/** CKAN's type names for our field types (a period is stored as sortable text: 2024-01, 2024-Q1). */
export function ckanType(type: DatastoreField['type']): string {
  return type === 'float' ? 'numeric' : type === 'period' ? 'text' : type;
}

/** The `info` CKAN's datastore gives a field (its data dictionary entry), with our unit and period. */
export function ckanFieldInfo(f: DatastoreField): Record<string, string> {
  return {
    label: f.label,
    ...(f.unit ? { unit: f.unit } : {}),
    ...(f.type === 'period' ? { period: f.period ?? 'mixed' } : {}),
  };
}
