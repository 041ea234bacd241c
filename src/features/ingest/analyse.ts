import { AppError } from '../../errors.js';
import type { RowSource } from './row-sources.js';
import { ColumnProfile, K, classifyCell, type NumberLocale } from './cell-types.js';
import { detectHeaderRow } from './sniff.js';
import { fieldIds } from './field-ids.js';
import { IssueLog } from './quality.js';
import type { DatastoreField } from './ingest.table.js';
import { namesIndonesianMonth } from './month-names.js';
import { parsePeriod, periodKind, type PeriodKind } from './period.js';
import { decideFields, YEAR_HEADER, isYearCell } from './column-decisions.js';

export const TOTAL_ROW = /^(jumlah|total|grand total|sub ?total|jumlah total|rekapitulasi)\b/i;
const WILAYAH_HEADER =
  /(kode|kd)[ _.-]*(wilayah|wil|kel|kelurahan|desa|kec|kecamatan|kab|kota|prov|provinsi|bps|kemendagri)|^kode_?wilayah$/i;
const WILAYAH_CODE = /^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$/;

export const trimCell = (s: string): string =>
  s.length > 0 && (s.charCodeAt(0) <= 32 || s.charCodeAt(s.length - 1) <= 32) ? s.trim() : s;

/** Pads a spreadsheet row whose trailing empty cells were omitted. */
export function padRow(cells: string[], width: number): void {
  while (cells.length < width) cells.push('');
}

export interface RowVerdict {
  /** Why the row is left out, or null to load it. */
  exclude: 'blank_row' | 'ragged_row' | 'total_row' | null;
}

/** Row-level checks shared by both passes, so they exclude exactly the same rows. */
export function judgeRow(cells: string[], width: number): RowVerdict['exclude'] {
  let filled = false;
  for (let i = 0; i < cells.length && !filled; i++) filled = cells[i]!.length > 0 && trimCell(cells[i]!).length > 0;
  if (!filled) return 'blank_row';
  if (cells.length > width) {
    for (let i = width; i < cells.length; i++) if (trimCell(cells[i]!) !== '') return 'ragged_row';
  } else if (cells.length < width) {
    return 'ragged_row';
  }
  for (let i = 0; i < Math.min(2, cells.length); i++) {
    const c = trimCell(cells[i]!);
    if (c !== '') {
      // Every total word starts with j, t, g, s or r: skip the regular expression otherwise.
      const f = c.charCodeAt(0) | 32;
      if ((f === 106 || f === 116 || f === 103 || f === 115 || f === 114) && TOTAL_ROW.test(c)) return 'total_row';
      break;
    }
  }
  return null;
}

export interface Analysis {
  /** 1-based line of the header; data starts on the next line. */
  headerRow: number;
  labels: string[];
  fields: DatastoreField[];
  /** The style most number columns are written in (each column has its own, `locales`). */
  locale: NumberLocale;
  /** Per column: how its numbers are read (1.234,56 or 1,234.56); the converters follow it. */
  locales: NumberLocale[];
  wilayahIndex: number | null;
  /** Informational issues found while profiling (preamble rows, repeated headers). */
  log: IssueLog;
  /** Up to SAMPLE_VALUES non-empty trimmed cells per column, drawn evenly from the sample (privacy checks). */
  samples: string[][];
}

/** Cells kept per column for the personal-data detector (a reservoir over the whole sample). */
export const SAMPLE_VALUES = 2000;

/**
 * Pass 1 (on the source's sample): finds the header row, profiles the cells of every column and
 * decides the column types, the number style (1.234,56 or 1,234.56) and the wilayah column.
 * Row-level checks (blank, ragged, total, duplicate rows; mismatches) happen while loading.
 */
export async function analyse(source: RowSource, options: { wilayahColumn?: string }): Promise<Analysis> {
  const log = new IssueLog();
  const head: string[][] = [];
  let headerRow = -1;
  let width = 0;
  let labels: string[] = [];
  let profiles: ColumnProfile[] = [];
  let wilayahCandidates: boolean[] = [];
  const codeLike: boolean[] = [];
  const dotted: boolean[] = [];
  /** Per column: its first cell that reads differently in the two number styles (36.896). */
  const ambiguousSamples: Array<string | null> = [];
  /** Per column with a year header (tahun, periode): whether every filled cell is a year. */
  const yearLike: boolean[] = [];
  /** Canonical periods seen per column (their granularity makes the field's `period`). */
  const periods: Array<Set<PeriodKind>> = [];
  let indonesianMonths = false;
  let samples: string[][] = [];
  const seen: number[] = [];
  // A fixed-seed generator: the same file always gives the same sample (and the same report).
  let seed = 0x2545f491;
  const random = () => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) / 4294967296;
  };
  const keep = (c: number, v: string) => {
    const n = seen[c]!++;
    if (n < SAMPLE_VALUES) samples[c]!.push(v);
    else {
      const j = Math.floor(random() * (n + 1));
      if (j < SAMPLE_VALUES) samples[c]![j] = v;
    }
  };

  const startTable = () => {
    headerRow = detectHeaderRow(head);
    labels = head[headerRow]!.map((s) => s.trim());
    while (labels.length > 1 && labels[labels.length - 1] === '') labels.pop();
    width = labels.length;
    profiles = labels.map(() => new ColumnProfile());
    wilayahCandidates = labels.map((l) => WILAYAH_HEADER.test(l));
    samples = labels.map(() => []);
    for (let i = 0; i < width; i++) seen.push(0);
    for (let i = 0; i < width; i++) {
      codeLike.push(true);
      dotted.push(false);
      ambiguousSamples.push(null);
      yearLike.push(YEAR_HEADER.test(labels[i]!));
      periods.push(new Set());
    }
    for (let r = 0; r < headerRow; r++)
      if (head[r]!.some((c) => c.trim() !== '')) log.add({ kind: 'preamble_row', row: r + 1 });
    const rest = head.slice(headerRow + 1);
    head.length = 0;
    for (const row of rest) dataRow(row);
  };

  const pad = source.info.padShortRows === true;
  const dataRow = (cells: string[]) => {
    if (pad) padRow(cells, width);
    if (judgeRow(cells, width)) return;
    for (let c = 0; c < width; c++) {
      const v = trimCell(cells[c]!);
      const flag = classifyCell(v);
      profiles[c]!.add(flag);
      if (flag & (K.AMBIG_THOUSANDS | K.AMBIG_COMMA)) ambiguousSamples[c] ??= v;
      else if (flag & (K.PERIOD | K.DATE_LONG)) {
        if (flag === K.PERIOD) periods[c]!.add(periodKind(parsePeriod(v)!));
        if (!indonesianMonths) indonesianMonths = namesIndonesianMonth(v);
      }
      if (yearLike[c] && flag !== K.MISSING && !isYearCell(v)) yearLike[c] = false;
      if (v !== '') keep(c, v);
      if (codeLike[c] && v !== '') {
        if (WILAYAH_CODE.test(v)) dotted[c] = dotted[c] || v.includes('.');
        else codeLike[c] = false;
      }
    }
  };

  for await (const batch of source.sample()) {
    for (const cells of batch) {
      if (headerRow < 0) {
        head.push(cells);
        if (head.length >= 30) startTable();
      } else dataRow(cells);
    }
  }
  if (headerRow < 0) {
    if (head.length === 0 || head.every((r) => r.every((c) => c.trim() === '')))
      throw new AppError('INGEST_EMPTY_FILE', 422);
    startTable();
  }
  if (profiles.every((p) => p.nonMissing === 0))
    throw new AppError('INGEST_NO_DATA_ROWS', 422, { headerRow: headerRow + 1 }, { row: headerRow + 1 });

  const { ids, duplicateLabels } = fieldIds(labels);
  for (const label of duplicateLabels) log.add({ kind: 'duplicate_header', value: label });

  let wilayahIndex: number | null = null;
  if (options.wilayahColumn) {
    wilayahIndex = ids.indexOf(options.wilayahColumn);
    if (wilayahIndex < 0)
      wilayahIndex = labels.findIndex((l) => l.toLowerCase() === options.wilayahColumn!.toLowerCase());
    if (wilayahIndex < 0)
      throw new AppError(
        'INGEST_WILAYAH_COLUMN_NOT_FOUND',
        422,
        { column: options.wilayahColumn },
        { column: options.wilayahColumn },
      );
    if (!codeLike[wilayahIndex])
      throw new AppError(
        'INGEST_WILAYAH_INVALID',
        422,
        { column: options.wilayahColumn },
        { column: options.wilayahColumn },
      );
  } else {
    const filled = (i: number) => profiles[i]!.nonMissing > 0;
    const byHeader = wilayahCandidates.findIndex((w, i) => w && codeLike[i] && filled(i));
    const byValues = codeLike.findIndex((w, i) => w && dotted[i] && filled(i));
    wilayahIndex = byHeader >= 0 ? byHeader : byValues >= 0 ? byValues : null;
  }

  const { fields, locales, locale } = decideFields({
    labels,
    ids,
    profiles,
    wilayahIndex,
    ambiguousSamples,
    yearLike,
    periods,
    indonesianMonths,
    delimiter: source.info.delimiter ?? null,
    canonical: source.info.numbersAreCanonical === true,
    log,
  });
  return { headerRow: headerRow + 1, labels, fields, locale, locales, wilayahIndex, log, samples };
}
