import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';

/** The repo's reference/ folder: Kota Madiun's codes, boundaries and figures, with their sources. */
export const REFERENCE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../reference');

export function readReferenceCsv<T = Record<string, string>>(name: string): T[] {
  return parse(fs.readFileSync(path.join(REFERENCE_DIR, name)), {
    columns: true,
    skip_empty_lines: true,
    bom: true,
    trim: true,
  }) as T[];
}

export function readReferenceJson<T>(name: string): T {
  return JSON.parse(fs.readFileSync(path.join(REFERENCE_DIR, name), 'utf8')) as T;
}
