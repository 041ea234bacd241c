// Child process of the ingest bench: runs one ingest in a fresh process so its peak RSS is its own.
// Usage: node --import tsx bench/ingest.child.ts <dataDir> <csvFile> [databaseUrl]
import { loadConfig } from '../src/config/config.js';
import { createDatabase } from '../src/storage/database.js';
import { migrateToLatest } from '../src/storage/migrator.js';
import { newId, nowIso } from '../src/ids.js';
import { ingestIntoDatastore } from '../src/features/datastore/datastore-load.js';
import { indexRowIdsOf } from '../src/features/datastore/datastore.indexes.js';

const [dataDir, file, databaseUrl = ''] = process.argv.slice(2) as [string, string, string?];
const config = loadConfig({}, { TERBUKA_DATA_DIR: dataDir, DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent' });
const storage = createDatabase(config);
await migrateToLatest(storage.db);
const now = nowIso();
const orgId = newId();
const datasetId = newId();
const resourceId = newId();
await storage.db
  .insertInto('organizations')
  .values({
    id: orgId,
    slug: 'bench-' + orgId.slice(0, 8),
    name: 'Bench',
    kind: 'opd',
    wilayah_kode: null,
    description: '',
    website: null,
    email: null,
    created_at: now,
    updated_at: now,
  })
  .execute();
await storage.db
  .insertInto('datasets')
  .values({
    id: datasetId,
    name: 'bench-' + datasetId.slice(0, 8),
    title: 'Bench',
    organization_id: orgId,
    created_at: now,
    metadata_modified: now,
  } as never)
  .execute();
await storage.db
  .insertInto('resources')
  .values({
    id: resourceId,
    dataset_id: datasetId,
    name: 'bench.csv',
    format: 'CSV',
    url_type: 'upload',
    created_at: now,
    metadata_modified: now,
  } as never)
  .execute();
const cpuBefore = process.cpuUsage();
const started = process.hrtime.bigint();
const report = await ingestIntoDatastore(storage, { resourceId, datasetId, file, format: 'csv' });
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
const cpu = process.cpuUsage(cpuBefore);
// The `_id` index, built once the table is live (on SQLite `_id` is the rowid: nothing to build).
const indexStarted = process.hrtime.bigint();
await indexRowIdsOf(storage.db, resourceId);
const indexSeconds = Number(process.hrtime.bigint() - indexStarted) / 1e9;
await storage.close();
process.stdout.write(
  JSON.stringify({
    seconds,
    indexSeconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    rows: report.rowsLoaded,
    types: report.columns.map((c) => c.type),
    maxRssMb: process.resourceUsage().maxRSS / 1024,
  }) + '\n',
);
