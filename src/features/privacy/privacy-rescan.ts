import type { Kysely } from 'kysely';
import type { Storage } from '../../storage/database.js';
import { nowIso } from '../../ids.js';
import { reindexDataset } from '../catalog/catalog.index.js';
import type { DatastoreField } from '../ingest/ingest.table.js';
import { SAMPLE_VALUES } from '../ingest/analyse.js';
import { isUnresolved, type PrivacyFinding } from './findings.js';
import { scanLoadedTable } from './privacy-scan.js';
import { closeOriginalIfNeeded } from './private-originals.js';
import { parseQuality } from '../datastore/quality-report.js';

export interface RescanResult {
  dataset: string;
  resourceId: string;
  resource: string;
  /** The dataset is published and not private: its data is public now. */
  publicNow: boolean;
  findings: PrivacyFinding[];
}

/**
 * Scans tables loaded before the detector existed (their report has no `personalData`): the first
 * rows stand in for the ingest's sample. Findings go into the report, so the review page warns and
 * the next approval is gated, and originals with findings close to the public at once. Tables
 * already scanned keep their findings and resolutions.
 */
export async function rescanUnscannedTables(storage: Storage, threshold: number): Promise<RescanResult[]> {
  const { db } = storage;
  const tables = await db
    .selectFrom('datastore_tables as t')
    .innerJoin('resources as r', 'r.id', 't.resource_id')
    .innerJoin('datasets as d', 'd.id', 'r.dataset_id')
    .select([
      't.resource_id',
      't.table_name',
      't.fields_json',
      't.quality_json',
      't.row_count',
      'r.name as resource',
      'r.dataset_id',
      'd.name as dataset',
      'd.state',
      'd.private',
    ])
    // `serve` runs this on every start: scanned tables are skipped by the database, unread.
    .where('t.quality_json', 'not like', '%"personalData":%')
    .execute();
  const out: RescanResult[] = [];
  for (const t of tables) {
    const report = parseQuality(t.quality_json);
    if (report?.personalData) continue;
    const fields = JSON.parse(t.fields_json) as DatastoreField[];
    const rows = (await (db as unknown as Kysely<any>)
      .selectFrom(t.table_name)
      .selectAll()
      .orderBy('_id')
      .limit(SAMPLE_VALUES)
      .execute()) as Record<string, unknown>[];
    const samples = fields.map((f) =>
      rows
        .map((r) => (r[f.id] === null || r[f.id] === undefined ? '' : String(r[f.id]).trim()))
        .filter((v) => v !== ''),
    );
    const findings = await scanLoadedTable(db, {
      table: t.table_name,
      fields,
      samples,
      threshold,
      rows: Number(t.row_count),
    });
    const now = nowIso();
    await db.transaction().execute(async (trx) => {
      // Reports from before the quality report existed ('{}') get the findings alone.
      const next = report ? { ...report, personalData: findings } : { personalData: findings };
      await trx
        .updateTable('datastore_tables')
        .set({ quality_json: JSON.stringify(next) })
        .where('resource_id', '=', t.resource_id)
        .execute();
      await closeOriginalIfNeeded(trx, t.resource_id, findings, now);
      await reindexDataset(trx, t.dataset_id);
    });
    if (findings.some(isUnresolved)) {
      out.push({
        dataset: t.dataset,
        resourceId: t.resource_id,
        resource: t.resource,
        publicNow: t.state === 'published' && !Number(t.private),
        findings,
      });
    }
  }
  return out;
}
