import { randomBytes } from 'node:crypto';
import type { Storage } from '../../storage/database.js';
import fs from 'node:fs';
import { bulkLoad, bulkLoadRunsOnThisThread, copyDelimiter, createRowWriter, type BulkChunk, type BulkColumn, type BulkColumnType } from '../../storage/dialects/bulk-load.js';
import { AppError } from '../../errors.js';
import { nowIso } from '../../ids.js';
import { dropDatastoreOf, dropDatastoreTable } from '../datastore/datastore.indexes.js';
import { emitDatastoreReplaced } from '../dataset/dataset.events.js';
import { reindexDataset } from '../catalog/catalog.index.js';
import { openRowSource, type SourceFormat } from './row-sources.js';
import { analyse } from './analyse.js';
import { inRowOrder, type QualityReport } from './quality.js';
import { RowLoader, type LoadCounts } from './row-loader.js';
import { rowsOffThread } from './off-thread-rows.js';
import { INGEST_LIMITS } from './row-sources.js';
import type { FieldType } from './ingest.table.js';
import { scanLoadedTable } from '../privacy/privacy-scan.js';
import { smallCountThresholdFor } from '../privacy/privacy.settings.js';
import { closeOriginalIfNeeded } from '../privacy/private-originals.js';
import type { PrivacyFinding } from '../privacy/findings.js';

export interface IngestRequest {
  resourceId: string;
  datasetId: string;
  file: string;
  format: SourceFormat;
  sheet?: string;
  /** A column the producer declares as wilayah codes: unknown codes are then an error. */
  wilayahColumn?: string;
  /** Overall progress 0..1 (analysis is the first half, loading the second). */
  onProgress?: (fraction: number) => void;
}

const COLUMN_TYPES: Record<FieldType, BulkColumnType> = {
  int: 'bigint',
  float: 'double precision',
  bool: 'integer',
  date: 'varchar(10)',
  text: 'text',
};

/** The physical table name for a new datastore version of a resource. */
export function datastoreTableName(resourceId: string): string {
  return `ds_${resourceId.replace(/-/g, '')}_${randomBytes(4).toString('hex')}`;
}

/** Every known wilayah code (the reference table is small: one city, or ~90,000 rows nationally). */
async function allWilayahCodes(storage: Storage): Promise<Set<string>> {
  const rows = await storage.db.selectFrom('wilayah').select('kode').execute();
  return new Set(rows.map((r) => r.kode));
}

/**
 * Reads a file twice (profile, then load) into a NEW physical table and swaps it in, in one
 * transaction, for the resource: a failure at any point leaves the previous data as it was.
 * Listeners of `datastore replaced` run after the commit.
 */
export async function ingestIntoDatastore(storage: Storage, req: IngestRequest): Promise<QualityReport> {
  const { db, dialect } = storage;
  const source = openRowSource(req.file, req.format, { sheet: req.sheet });
  const a = await analyse(source, { wilayahColumn: req.wilayahColumn });
  const knownCodes = a.wilayahIndex === null ? new Set<string>() : await allWilayahCodes(storage);

  const table = datastoreTableName(req.resourceId);
  const columns: BulkColumn[] = a.fields.map((f) => ({ id: f.id, type: COLUMN_TYPES[f.type] }));
  // COPY reads cells with the file's own delimiter, so runs of cells pass as they stand.
  const delimiter = copyDelimiter(source.info.delimiter);
  // Big files on SQLite: parse on a worker thread while this one inserts.
  const offThread = bulkLoadRunsOnThisThread(dialect) && fs.statSync(req.file).size >= INGEST_LIMITS.workerMinBytes;
  let counts: LoadCounts;
  let chunks: AsyncIterable<BulkChunk>;
  let finish: () => Promise<LoadCounts>;
  let personalData: PrivacyFinding[] = [];
  if (offThread) {
    const { log, samples: _samples, ...analysis } = a;
    const worker = rowsOffThread({
      file: req.file, format: req.format, sheet: req.sheet, analysis, log: { counts: log.counts, issues: log.issues, truncated: log.truncated },
      knownCodes: [...knownCodes], sourceInfo: { padShortRows: source.info.padShortRows, estimatedRows: source.info.estimatedRows, delimiter: source.info.delimiter },
    }, (f) => req.onProgress?.(f));
    chunks = worker.batches;
    finish = async () => {
      const result = await worker.result;
      a.log.replaceWith(result.log);
      return result;
    };
  } else {
    const rows = new RowLoader(a, knownCodes, createRowWriter(dialect, delimiter), source.info);
    chunks = rows.load(source, (f) => req.onProgress?.(f));
    finish = async () => rows.counts();
  }

  try {
    await bulkLoad(db, dialect, table, columns, chunks, delimiter);
    counts = await finish();
    if (counts.loaded === 0) throw new AppError('INGEST_NO_DATA_ROWS', 422, { headerRow: a.headerRow }, { row: a.headerRow });
    if (req.wilayahColumn && counts.unknownCodes.length > 0) {
      const codes = counts.unknownCodes.slice(0, 20);
      throw new AppError('INGEST_WILAYAH_UNKNOWN', 422, { column: req.wilayahColumn, codes }, { codes: codes.slice(0, 5).join(', ') });
    }
    // After the timed load, on the analysed sample (and one aggregate per count column).
    personalData = await scanLoadedTable(db, { table, fields: a.fields, samples: a.samples, threshold: smallCountThresholdFor(db), rows: counts.loaded });
  } catch (error) {
    await dropDatastoreTable(db, table);
    throw error;
  }
  const loaded = counts.loaded;

  const report: QualityReport = {
    format: source.info.format,
    encoding: source.info.encoding ?? null,
    delimiter: source.info.delimiter ?? null,
    sheet: source.info.sheet ?? null,
    sheets: source.info.sheets ?? [],
    numberLocale: a.locale,
    headerRow: a.headerRow,
    rowsRead: counts.rowNo,
    rowsLoaded: loaded,
    rowsExcluded: counts.excluded,
    columns: a.fields.map((f, i) => ({ ...f, missing: counts.missing[i]!, mismatches: counts.mismatches[i]! })),
    wilayahColumn: a.wilayahIndex === null ? null : a.fields[a.wilayahIndex]!.id,
    counts: a.log.counts,
    issues: inRowOrder(a.log.issues),
    issuesTruncated: a.log.truncated,
    personalData,
  };

  const now = nowIso();
  let previous: string | null = null;
  try {
    await db.transaction().execute(async (trx) => {
      const old = await trx.selectFrom('datastore_tables').select('table_name').where('resource_id', '=', req.resourceId).executeTakeFirst();
      previous = old?.table_name ?? null;
      const row = {
        table_name: table,
        fields_json: JSON.stringify(a.fields),
        row_count: loaded,
        wilayah_column: report.wilayahColumn,
        quality_json: JSON.stringify(report),
        created_at: now,
      };
      if (old) await trx.updateTable('datastore_tables').set(row).where('resource_id', '=', req.resourceId).execute();
      else await trx.insertInto('datastore_tables').values({ resource_id: req.resourceId, ...row }).execute();
      await trx.updateTable('resources').set({ datastore_active: 1, last_modified: now, metadata_modified: now }).where('id', '=', req.resourceId).execute();
      await closeOriginalIfNeeded(trx, req.resourceId, personalData, now);
      if (previous) await dropDatastoreTable(trx, previous);
      await reindexDataset(trx, req.datasetId);
    });
  } catch (error) {
    await dropDatastoreTable(db, table);
    throw error;
  }
  await emitDatastoreReplaced(db, { resourceId: req.resourceId, datasetId: req.datasetId });
  return report;
}

/** Drops a resource's datastore table (when the resource is deleted or becomes a link). */
export async function dropDatastore(storage: Storage, resourceId: string): Promise<void> {
  await storage.db.transaction().execute(async (trx) => {
    if (await dropDatastoreOf(trx, resourceId)) await trx.updateTable('resources').set({ datastore_active: 0 }).where('id', '=', resourceId).execute();
  });
}

