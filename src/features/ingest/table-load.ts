import fs from 'node:fs';
import type { Storage } from '../../storage/database.js';
import {
  copyDelimiter,
  type BulkChunk,
  type BulkColumn,
  type BulkColumnType,
} from '../../storage/dialects/bulk-load.js';
import { AppError } from '../../errors.js';
import { openRowSource, type SourceFormat } from './row-sources.js';
import { analyse } from './analyse.js';
import { inRowOrder, type LoadReport } from './quality.js';
import { RowLoader, type LoadCounts } from './row-loader.js';
import { rowsOffThread } from './off-thread-rows.js';
import { INGEST_LIMITS } from './row-sources.js';
import type { DatastoreField, FieldType } from './ingest.table.js';

/**
 * The ingest engine: reads a file twice (profile, then load) into a new physical table. It knows
 * no resource, dataset or datastore row; the datastore feature (datastore/datastore-load.ts) names
 * the table, checks what was loaded, swaps it in and drops it on failure.
 */

export interface LoadRequest {
  file: string;
  format: SourceFormat;
  sheet?: string;
  /** A column the producer declares as wilayah codes: unknown codes are then an error. */
  wilayahColumn?: string;
  /** Overall progress 0..1 (analysis is the first half, loading the second). */
  onProgress?: (fraction: number) => void;
}

export interface LoadedTable {
  fields: DatastoreField[];
  /** The analysed sample of each column (what the privacy scan reads). */
  samples: string[][];
  report: LoadReport;
}

const COLUMN_TYPES: Record<FieldType, BulkColumnType> = {
  int: 'bigint',
  float: 'double precision',
  bool: 'integer',
  date: 'varchar(10)',
  period: 'text',
  text: 'text',
};

/** Every known wilayah code (the reference table is small: one city, or ~90,000 rows nationally). */
async function allWilayahCodes(storage: Storage): Promise<Set<string>> {
  const rows = await storage.db.selectFrom('wilayah').select('kode').execute();
  return new Set(rows.map((r) => r.kode));
}

/**
 * Creates `table` and fills it from the file. On failure the table may exist half-filled: the
 * caller drops it (nobody reads it before the caller swaps it in).
 */
export async function loadIntoTable(storage: Storage, table: string, req: LoadRequest): Promise<LoadedTable> {
  const { db, dialect } = storage;
  const source = openRowSource(req.file, req.format, { sheet: req.sheet });
  const a = await analyse(source, { wilayahColumn: req.wilayahColumn });
  const knownCodes = a.wilayahIndex === null ? new Set<string>() : await allWilayahCodes(storage);

  const columns: BulkColumn[] = a.fields.map((f) => ({ id: f.id, type: COLUMN_TYPES[f.type] }));
  // COPY reads cells with the file's own delimiter, so runs of cells pass as they stand.
  const delimiter = copyDelimiter(source.info.delimiter);
  // Big files where inserting runs on this thread (SQLite): parse on a worker thread meanwhile.
  const offThread = dialect.bulkLoader.runsOnThisThread && fs.statSync(req.file).size >= INGEST_LIMITS.workerMinBytes;
  let chunks: AsyncIterable<BulkChunk>;
  let finish: () => Promise<LoadCounts>;
  if (offThread) {
    const { log, samples: _samples, ...analysis } = a;
    const worker = rowsOffThread(
      {
        file: req.file,
        format: req.format,
        sheet: req.sheet,
        analysis,
        log: { counts: log.counts, issues: log.issues, truncated: log.truncated },
        knownCodes: [...knownCodes],
        sourceInfo: {
          padShortRows: source.info.padShortRows,
          estimatedRows: source.info.estimatedRows,
          delimiter: source.info.delimiter,
        },
      },
      (f) => req.onProgress?.(f),
    );
    chunks = worker.batches;
    finish = async () => {
      const result = await worker.result;
      a.log.replaceWith(result.log);
      return result;
    };
  } else {
    const rows = new RowLoader(a, knownCodes, dialect.bulkLoader.rowWriter(delimiter), source.info);
    chunks = rows.load(source, (f) => req.onProgress?.(f));
    finish = async () => rows.counts();
  }

  await dialect.bulkLoader.load(db, table, columns, chunks, delimiter);
  const counts = await finish();
  if (counts.loaded === 0)
    throw new AppError('INGEST_NO_DATA_ROWS', 422, { headerRow: a.headerRow }, { row: a.headerRow });
  if (req.wilayahColumn && counts.unknownCodes.length > 0) {
    const codes = counts.unknownCodes.slice(0, 20);
    throw new AppError(
      'INGEST_WILAYAH_UNKNOWN',
      422,
      { column: req.wilayahColumn, codes },
      { codes: codes.slice(0, 5).join(', ') },
    );
  }

  const report: LoadReport = {
    format: source.info.format,
    encoding: source.info.encoding ?? null,
    delimiter: source.info.delimiter ?? null,
    sheet: source.info.sheet ?? null,
    sheets: source.info.sheets ?? [],
    numberLocale: a.locale,
    headerRow: a.headerRow,
    rowsRead: counts.rowNo,
    rowsLoaded: counts.loaded,
    rowsExcluded: counts.excluded,
    columns: a.fields.map((f, i) => ({
      ...f,
      ...(f.type === 'int' || f.type === 'float' ? { numberLocale: a.locales[i]! } : {}),
      missing: counts.missing[i]!,
      mismatches: counts.mismatches[i]!,
    })),
    wilayahColumn: a.wilayahIndex === null ? null : a.fields[a.wilayahIndex]!.id,
    counts: a.log.counts,
    issues: inRowOrder(a.log.issues),
    issuesTruncated: a.log.truncated,
  };
  return { fields: a.fields, samples: a.samples, report };
}
