import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { AppError } from '../../errors.js';
import { NUMBER_FORMATS, type NumberFormat } from './value-validation.js';
import type { ImportOptions } from './indicator-values.service.js';

const normaliseHeader = (h: unknown) =>
  String(h ?? '')
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');

/** Reads an uploaded CSV (comma or semicolon) or XLSX file into rows keyed by lower-case header. */
export async function readImportFile(filename: string, body: Buffer): Promise<Array<Record<string, unknown>>> {
  try {
    if (/\.xlsx$/i.test(filename)) {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(body as unknown as ArrayBuffer);
      const sheet = workbook.worksheets[0];
      if (!sheet) return [];
      const header: string[] = [];
      const rows: Array<Record<string, unknown>> = [];
      sheet.eachRow({ includeEmpty: false }, (row, n) => {
        const cells = (row.values as unknown[])
          .slice(1)
          .map((c) =>
            c && typeof c === 'object' && 'result' in (c as object) ? (c as { result: unknown }).result : c,
          );
        if (n === 1) {
          header.push(...cells.map(normaliseHeader));
          return;
        }
        const rec: Record<string, unknown> = {};
        header.forEach((h, i) => {
          rec[h] = cells[i] ?? '';
        });
        if (Object.values(rec).some((v) => v !== '' && v !== null)) rows.push(rec);
      });
      return rows;
    }
    const text = body.toString('utf8');
    const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
    const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
    return parse(text, {
      columns: (h: string[]) => h.map(normaliseHeader),
      skip_empty_lines: true,
      bom: true,
      trim: true,
      delimiter,
    }) as Array<Record<string, unknown>>;
  } catch {
    throw new AppError('IMPORT_FILE_UNREADABLE', 422);
  }
}

/** The import's options from its form fields: how numbers are written (Indonesian unless told) and a note for the walidata. */
export function importOptions(fields: Record<string, string>): ImportOptions {
  const f = fields['numberFormat'] ?? '';
  const numberFormat: NumberFormat = (NUMBER_FORMATS as readonly string[]).includes(f) ? (f as NumberFormat) : 'auto';
  return { numberFormat, note: (fields['submissionNote'] ?? fields['note'] ?? '').trim().slice(0, 2000) };
}
