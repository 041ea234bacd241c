import type ExcelJS from 'exceljs';
import { AppError } from '../../errors.js';
import { type ZipEntry, listZipEntries, zipEntryText } from './zip-inspect.js';

/** The parts of exceljs's streaming WorkbookReader this module drives (exceljs 4.4, unexported). */
interface WorkbookReaderParts {
  model?: { sheets?: { name: string; rId: string }[] };
  workbookRels?: { Id: string; Target: string }[];
  _parseRels(entry: NodeJS.ReadableStream): Promise<void>;
  _parseWorkbook(entry: NodeJS.ReadableStream): Promise<void>;
  _parseSharedStrings(entry: NodeJS.ReadableStream): AsyncGenerator<unknown>;
  _parseStyles(entry: NodeJS.ReadableStream): Promise<void>;
  _parseWorksheet(entry: NodeJS.ReadableStream, sheetNo: string): Generator<{ value: AsyncIterable<ExcelJS.Row> }>;
}

const invalid = (reason: string) => new AppError('INGEST_XLSX_INVALID', 422, { reason });

/**
 * Streams the rows of one sheet. exceljs's own reader walks the zip in one streaming pass and,
 * on Node ≥ 18, sometimes loses the last entry (exceljs#3064): files written by exceljs store
 * xl/workbook.xml last, so the sheet's name and model were missing and the read failed at
 * random. It also decoded each chunk on its own, splitting characters at chunk boundaries.
 * Here the entries come from the central directory in the order the parser needs them
 * (relations, workbook, shared strings, styles, then the sheet), each decoded as one UTF-8 text.
 */
export async function* xlsxSheetRows(file: string, sheet: string): AsyncGenerator<ExcelJS.Row> {
  const entries = new Map<string, ZipEntry>(listZipEntries(file).map((e) => [e.name, e]));
  const part = (name: string) => entries.get(name);
  const { default: Excel } = await import('exceljs');
  const reader = new Excel.stream.xlsx.WorkbookReader(file, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    entries: 'ignore',
  }) as unknown as WorkbookReaderParts;
  const rels = part('xl/_rels/workbook.xml.rels');
  const workbook = part('xl/workbook.xml');
  if (!rels || !workbook) throw invalid('no_workbook');
  await reader._parseRels(zipEntryText(file, rels));
  await reader._parseWorkbook(zipEntryText(file, workbook));
  const strings = part('xl/sharedStrings.xml');
  if (strings) for await (const _ of reader._parseSharedStrings(zipEntryText(file, strings)));
  const styles = part('xl/styles.xml');
  if (styles) await reader._parseStyles(zipEntryText(file, styles));

  const rId = reader.model?.sheets?.find((s) => s.name === sheet)?.rId;
  const target = reader.workbookRels?.find((r) => r.Id === rId)?.Target;
  if (!target) throw invalid('no_sheet_part');
  // Targets are relative to xl/ ("worksheets/sheet2.xml") or absolute ("/xl/worksheets/sheet2.xml").
  const path = target.startsWith('/') ? target.slice(1) : `xl/${target}`;
  const sheetPart = part(path);
  if (!sheetPart) throw invalid('no_sheet_part');
  const sheetNo = /sheet(\d+)\.xml$/.exec(path)?.[1] ?? '1';
  for (const { value: worksheet } of reader._parseWorksheet(zipEntryText(file, sheetPart), sheetNo)) {
    yield* worksheet;
  }
}
