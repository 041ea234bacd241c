import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { listZipEntries } from './zip-inspect.js';
import { xlsxSheetRows } from './xlsx-sheet-reader.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'terbuka-xlsx-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function rowsOf(file: string, sheet: string): Promise<unknown[][]> {
  const rows: unknown[][] = [];
  for await (const row of xlsxSheetRows(file, sheet)) rows.push((row.values as unknown[]).slice(1));
  return rows;
}

describe('reading one sheet of an XLSX', () => {
  it('reads a workbook written by exceljs (workbook.xml stored last) the same way every time', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Ringkasan').addRow(['ringkasan']);
    const data = wb.addWorksheet('Data');
    data.addRow(['kelurahan', 'jumlah']);
    data.addRow(['Klegen', 12]);
    const file = path.join(dir, 'two.xlsx');
    await wb.xlsx.writeFile(file);
    // The case exceljs's own one-pass reader loses at random (exceljs#3064).
    expect(listZipEntries(file).at(-1)?.name).toBe('xl/workbook.xml');
    for (let i = 0; i < 40; i++) {
      expect(await rowsOf(file, 'Data')).toEqual([
        ['kelurahan', 'jumlah'],
        ['Klegen', 12],
      ]);
    }
  });

  it('keeps characters whole where the compressed stream splits them between chunks', async () => {
    // About 2 MB of shared strings of two-, three- and four-byte characters: many chunk boundaries.
    const names = Array.from({ length: 20_000 }, (_, i) => `Café “ñ” 😀 ${i} ${'é'.repeat(i % 50)}`);
    const file = path.join(dir, 'multibyte.xlsx');
    // The streaming writer: exceljs's in-memory writer itself splits some emoji into U+FFFD.
    const out = fs.createWriteStream(file);
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: true });
    const ws = wb.addWorksheet('Data');
    for (const name of names) ws.addRow([name]).commit();
    ws.commit();
    await wb.commit();
    const rows = await rowsOf(file, 'Data');
    expect(rows.map((r) => r[0])).toEqual(names);
  });
});
