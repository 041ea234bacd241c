import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Db } from '../../storage/database.js';
import type { DatastoreField } from '../ingest/ingest.table.js';
import type { DatastoreMeta } from './datastore.repository.js';
import type { DatastoreSearch } from './datastore.params.js';
import { ID_FIELD } from './datastore.params.js';
import { iterateRows } from './datastore.search.js';
import { ckanFieldInfo, ckanType } from './datastore.format.js';
import { csvLine } from '../../csv/csv.js';

export const DUMP_FORMATS = ['csv', 'tsv', 'json', 'xlsx'] as const;
export type DumpFormat = (typeof DUMP_FORMATS)[number];

type Selection = Pick<DatastoreSearch, 'filters' | 'q' | 'sort'>;

export const DUMP_CONTENT_TYPES: Record<DumpFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  tsv: 'text/tab-separated-values; charset=utf-8',
  json: 'application/json; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

const allFields = (meta: DatastoreMeta): DatastoreField[] => [ID_FIELD, ...meta.fields];

/**
 * CSV or TSV: a header of column ids, then every row. With `bom` a UTF-8 byte-order mark comes
 * first so Excel opens it as UTF-8. Text cells that a spreadsheet would run as a formula are
 * neutralised.
 */
async function* delimited(
  db: Db,
  meta: DatastoreMeta,
  selection: Selection,
  delim: ',' | '\t',
  bom: boolean,
): AsyncGenerator<string> {
  const fields = allFields(meta);
  const cells = { delimiter: delim };
  yield (bom ? '\uFEFF' : '') +
    csvLine(
      fields.map((f) => f.id),
      cells,
    );
  for await (const page of iterateRows(db, meta, selection)) {
    let chunk = '';
    for (const row of page)
      chunk += csvLine(
        fields.map((f) => row[f.id]),
        cells,
      );
    yield chunk;
  }
}

/** CKAN's JSON dump: `{"fields": [{id, type}], "records": [[…], …]}`, streamed. */
async function* json(db: Db, meta: DatastoreMeta, selection: Selection): AsyncGenerator<string> {
  const fields = allFields(meta);
  yield `{"fields":${JSON.stringify(fields.map((f) => ({ id: f.id, type: ckanType(f.type), info: ckanFieldInfo(f) })))},"records":[`;
  let first = true;
  for await (const page of iterateRows(db, meta, selection)) {
    const body = page.map((row) => JSON.stringify(fields.map((f) => row[f.id] ?? null))).join(',');
    yield (first ? '' : ',') + body;
    first = false;
  }
  yield ']}';
}

/** XLSX through exceljs's streaming writer: rows are committed as they are read. */
function xlsx(db: Db, meta: DatastoreMeta, selection: Selection): Readable {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
  const sheet = workbook.addWorksheet(meta.resourceName.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31) || 'data');
  const fields = allFields(meta);
  (async () => {
    sheet.addRow(fields.map((f) => f.label || f.id)).commit();
    for await (const page of iterateRows(db, meta, selection)) {
      for (const row of page) sheet.addRow(fields.map((f) => row[f.id] ?? null)).commit();
    }
    sheet.commit();
    await workbook.commit();
  })().catch((error: unknown) => out.destroy(error as Error));
  return out;
}

export function dumpStream(
  db: Db,
  meta: DatastoreMeta,
  selection: Selection,
  format: DumpFormat,
  bom: boolean,
): Readable {
  switch (format) {
    case 'xlsx':
      return xlsx(db, meta, selection);
    case 'json':
      return Readable.from(json(db, meta, selection));
    case 'tsv':
      return Readable.from(delimited(db, meta, selection, '\t', bom));
    default:
      return Readable.from(delimited(db, meta, selection, ',', bom));
  }
}

/** A file name for the download: the resource's name, made safe. */
export function dumpFileName(meta: DatastoreMeta, format: DumpFormat): string {
  const base =
    (meta.resourceName || meta.resourceId)
      .normalize('NFKD')
      .replace(/[^\w.-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 80) || meta.resourceId;
  return `${base}.${format}`;
}
