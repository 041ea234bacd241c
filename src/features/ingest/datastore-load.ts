import { randomBytes } from 'node:crypto';
import type { Storage } from '../../storage/database.js';
import { bulkLoad, type BulkValue } from '../../storage/dialects/bulk-load.js';
import { AppError } from '../../errors.js';
import { nowIso } from '../../ids.js';
import { emitDatastoreReplaced } from '../dataset/dataset.events.js';
import { reindexDataset } from '../catalog/catalog.index.js';
import { openRowSource, type SourceFormat } from './row-sources.js';
import { analyse, judgeRow, padRow, rowHash, trimCell } from './analyse.js';
import { converterFor } from './cell-types.js';
import type { QualityReport } from './quality.js';
import { RowHashSet } from './row-hash-set.js';
import type { FieldType } from './ingest.table.js';

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

const COLUMN_TYPES: Record<FieldType, 'bigint' | 'double precision' | 'integer' | 'varchar(10)' | 'text'> = {
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

/** Rows hashed for duplicate detection; beyond this the check stops (bounded memory). */
const MAX_DUPLICATE_TRACKED = 2_000_000;

/**
 * Reads a file twice (profile, then load) into a NEW physical table and swaps it in, in one
 * transaction, for the resource: a failure at any point leaves the previous data as it was.
 * Listeners of `datastore replaced` run after the commit.
 */
export async function ingestIntoDatastore(storage: Storage, req: IngestRequest): Promise<QualityReport> {
  const { db, dialect } = storage;
  const source = openRowSource(req.file, req.format, { sheet: req.sheet });
  const a = await analyse(source, { wilayahColumn: req.wilayahColumn });
  const log = a.log;
  const knownCodes = a.wilayahIndex === null ? new Set<string>() : await allWilayahCodes(storage);

  const table = datastoreTableName(req.resourceId);
  const width = a.fields.length;
  const converters = a.fields.map((f) => converterFor(f.type, a.locale));
  const columns = ['_id', ...a.fields.map((f) => f.id)];
  let create = db.schema.createTable(table).addColumn('_id', 'integer', (c) => c.primaryKey());
  for (const f of a.fields) create = create.addColumn(f.id, COLUMN_TYPES[f.type]);
  await create.execute();

  const missing = new Array<number>(width).fill(0);
  const mismatches = new Array<number>(width).fill(0);
  const hashes = new RowHashSet(source.info.estimatedRows ?? 0, MAX_DUPLICATE_TRACKED);
  const unknownCodes = new Set<string>();
  const pad = source.info.padShortRows === true;
  let loaded = 0;
  let rowNo = 0;
  let excluded = 0;
  async function* batches() {
    for await (const batch of source.batches((f) => req.onProgress?.(f))) {
      const values: BulkValue[] = new Array(batch.length * (width + 1));
      let k = 0;
      let rows = 0;
      for (const cells of batch) {
        rowNo++;
        if (rowNo <= a.headerRow) continue;
        if (pad) padRow(cells, width);
        const verdict = judgeRow(cells, width);
        if (verdict) {
          excluded++;
          log.add({ kind: verdict, row: rowNo });
          continue;
        }
        values[k++] = ++loaded;
        for (let c = 0; c < width; c++) {
          const raw = trimCell(cells[c]!);
          const v = converters[c]!(raw);
          if (v === null) {
            missing[c]!++;
            values[k++] = null;
          } else if (v === undefined) {
            mismatches[c]!++;
            log.add({ kind: 'type_mismatch', row: rowNo, column: a.fields[c]!.id, value: raw.slice(0, 100) });
            values[k++] = null;
          } else {
            values[k++] = v;
            if (c === a.wilayahIndex && !knownCodes.has(v as string)) {
              unknownCodes.add(v as string);
              log.add({ kind: 'unknown_wilayah', row: rowNo, column: a.fields[c]!.id, value: String(v) });
            }
          }
        }
        if (hashes.size < MAX_DUPLICATE_TRACKED) {
          const h = rowHash(cells, width);
          if (!hashes.add(h)) log.add({ kind: 'duplicate_row', row: rowNo });
        }
        rows++;
      }
      values.length = k;
      yield { values, rows };
    }
  }

  try {
    await bulkLoad(db, dialect, table, columns, batches());
    if (loaded === 0) throw new AppError('INGEST_NO_DATA_ROWS', 422, { headerRow: a.headerRow }, { row: a.headerRow });
    if (req.wilayahColumn && unknownCodes.size > 0) {
      const codes = [...unknownCodes].slice(0, 20);
      throw new AppError('INGEST_WILAYAH_UNKNOWN', 422, { column: req.wilayahColumn, codes }, { codes: codes.slice(0, 5).join(', ') });
    }
  } catch (error) {
    await db.schema.dropTable(table).ifExists().execute();
    throw error;
  }
  hashes.clear();

  const report: QualityReport = {
    format: source.info.format,
    encoding: source.info.encoding ?? null,
    delimiter: source.info.delimiter ?? null,
    sheet: source.info.sheet ?? null,
    sheets: source.info.sheets ?? [],
    numberLocale: a.locale,
    headerRow: a.headerRow,
    rowsRead: rowNo,
    rowsLoaded: loaded,
    rowsExcluded: excluded,
    columns: a.fields.map((f, i) => ({ ...f, missing: missing[i]!, mismatches: mismatches[i]! })),
    wilayahColumn: a.wilayahIndex === null ? null : a.fields[a.wilayahIndex]!.id,
    counts: log.counts,
    issues: log.issues,
    issuesTruncated: log.truncated,
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
      if (previous) await trx.schema.dropTable(previous).ifExists().execute();
      await reindexDataset(trx, req.datasetId);
    });
  } catch (error) {
    await db.schema.dropTable(table).ifExists().execute();
    throw error;
  }
  await emitDatastoreReplaced(db, { resourceId: req.resourceId, datasetId: req.datasetId });
  return report;
}

/** Drops a resource's datastore table (when the resource is deleted or becomes a link). */
export async function dropDatastore(storage: Storage, resourceId: string): Promise<void> {
  await storage.db.transaction().execute(async (trx) => {
    const old = await trx.selectFrom('datastore_tables').select('table_name').where('resource_id', '=', resourceId).executeTakeFirst();
    if (!old) return;
    await trx.deleteFrom('datastore_tables').where('resource_id', '=', resourceId).execute();
    await trx.updateTable('resources').set({ datastore_active: 0 }).where('id', '=', resourceId).execute();
    await trx.schema.dropTable(old.table_name).ifExists().execute();
  });
}

