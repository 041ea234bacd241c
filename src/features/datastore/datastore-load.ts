import { randomBytes } from 'node:crypto';
import type { Storage } from '../../storage/database.js';
import { nowIso } from '../../ids.js';
import { dropDatastoreOf, dropDatastoreTable } from './datastore.indexes.js';
import { emitDatastoreReplaced } from '../dataset/dataset.events.js';
import { reindexDataset } from '../catalog/catalog.index.js';
import { loadIntoTable, type LoadRequest } from '../ingest/table-load.js';
import type { QualityReport } from './quality-report.js';
import type { DatastoreField } from '../ingest/ingest.table.js';
import { scanLoadedTable } from '../privacy/privacy-scan.js';
import { smallCountThresholdFor } from '../privacy/privacy.settings.js';
import { closeOriginalIfNeeded } from '../privacy/private-originals.js';
import type { PrivacyFinding } from '../privacy/findings.js';
import { crashPoint } from '../../jobs/crash-point.js';

export interface IngestRequest extends LoadRequest {
  resourceId: string;
  datasetId: string;
}

/** The physical table name for a new datastore version of a resource. */
export function datastoreTableName(resourceId: string): string {
  return `ds_${resourceId.replace(/-/g, '')}_${randomBytes(4).toString('hex')}`;
}

/**
 * Loads a file into a NEW physical table (the ingest engine) and swaps it in, in one
 * transaction, for the resource: a failure at any point leaves the previous data as it was.
 * Listeners of `datastore replaced` run after the commit.
 */
export async function ingestIntoDatastore(storage: Storage, req: IngestRequest): Promise<QualityReport> {
  const { db } = storage;
  const table = datastoreTableName(req.resourceId);
  let report: QualityReport;
  let fields: DatastoreField[];
  let personalData: PrivacyFinding[] = [];
  try {
    const loaded = await loadIntoTable(storage, table, req);
    // After the timed load, on the analysed sample (and one aggregate per count column).
    personalData = await scanLoadedTable(db, {
      table,
      fields: loaded.fields,
      samples: loaded.samples,
      threshold: smallCountThresholdFor(db),
      rows: loaded.report.rowsLoaded,
    });
    report = { ...loaded.report, personalData };
    fields = loaded.fields;
  } catch (error) {
    await dropDatastoreTable(db, table);
    throw error;
  }

  crashPoint('ingest:before-swap');
  const now = nowIso();
  let previous: string | null = null;
  try {
    await db.transaction().execute(async (trx) => {
      const old = await trx
        .selectFrom('datastore_tables')
        .select('table_name')
        .where('resource_id', '=', req.resourceId)
        .executeTakeFirst();
      previous = old?.table_name ?? null;
      const row = {
        table_name: table,
        fields_json: JSON.stringify(fields),
        row_count: report.rowsLoaded,
        wilayah_column: report.wilayahColumn,
        quality_json: JSON.stringify(report),
        created_at: now,
      };
      if (old) await trx.updateTable('datastore_tables').set(row).where('resource_id', '=', req.resourceId).execute();
      else
        await trx
          .insertInto('datastore_tables')
          .values({ resource_id: req.resourceId, ...row })
          .execute();
      await trx
        .updateTable('resources')
        .set({ datastore_active: 1, last_modified: now, metadata_modified: now })
        .where('id', '=', req.resourceId)
        .execute();
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
    if (await dropDatastoreOf(trx, resourceId))
      await trx.updateTable('resources').set({ datastore_active: 0 }).where('id', '=', resourceId).execute();
  });
}
