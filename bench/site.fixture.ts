import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { loadConfig } from '../src/config/config.js';
import { createDatabase } from '../src/storage/database.js';
import { migrateToLatest } from '../src/storage/migrator.js';
import { seedReference } from '../src/app/seeds/reference.seed.js';
import { contentSeeds } from '../src/app/seeds/content.seed.js';
import { insertDataset } from '../src/features/catalog/catalog.fixtures.js';
import type { DatastoreField } from '../src/features/ingest/ingest.table.js';
import { seedCatalog } from './catalog.bench.js';

export type BenchDialect = 'sqlite' | 'postgres';

/** A populated portal for the load and soak cases, and the URLs they request. */
export interface BenchSite {
  dir: string;
  /** Environment of the bench servers (servers/full.ts, servers/bare.ts) for this site. */
  env: Record<string, string>;
  urls: { home: string; catalogue: string; dataset: string; datasetJson: string; search: string; wilayah: string };
}

const CATALOGUE = Number(process.env.BENCH_SITE_DATASETS ?? 2000);
const ROWS = Number(process.env.BENCH_SITE_ROWS ?? 50_000);
const KELURAHAN = [
  '35.77.01.1001',
  '35.77.01.1002',
  '35.77.02.1001',
  '35.77.02.1002',
  '35.77.02.1003',
  '35.77.03.1001',
];

const FIELDS: DatastoreField[] = [
  { id: 'kode_wilayah', label: 'Kode Wilayah', type: 'text' },
  { id: 'tahun', label: 'Tahun', type: 'int' },
  { id: 'nama_usaha', label: 'Nama Usaha', type: 'text' },
  { id: 'jumlah_pekerja', label: 'Jumlah Pekerja', type: 'int' },
  { id: 'omzet_juta', label: 'Omzet (juta)', type: 'float' },
  { id: 'aktif', label: 'Aktif', type: 'bool' },
];

function rows(n: number): unknown[][] {
  const out: unknown[][] = [];
  for (let i = 0; i < n; i++)
    out.push([
      KELURAHAN[i % KELURAHAN.length],
      2020 + (i % 5),
      `Usaha ${i}`,
      (i * 31) % 500,
      ((i * 7919) % 100000) / 100,
      i % 2 === 0,
    ]);
  return out;
}

/**
 * The reference data and content seeds a running portal has, a catalogue of 2,000 datasets, and
 * one dataset with four resources, two of them with a 50,000-row datastore table.
 */
export async function prepareSite(dialect: BenchDialect, databaseUrl = ''): Promise<BenchSite> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'terbuka-bench-site-'));
  const config = loadConfig({}, { TERBUKA_DATA_DIR: dir, DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent' });
  const storage = createDatabase(config);
  try {
    await migrateToLatest(storage.db);
    await seedReference(storage.db);
    for (const seed of contentSeeds) await seed.run(storage.db);
    await seedCatalog(storage, CATALOGUE);
    const { resourceIds } = await insertDataset(storage.db, {
      name: 'usaha-mikro-per-kelurahan',
      title: 'Usaha mikro per kelurahan di Kota Madiun',
      notes: 'Jumlah usaha mikro, pekerja dan omzet per kelurahan, 2020–2024. '.repeat(8),
      tags: ['umkm', 'ekonomi', 'kelurahan', 'usaha'],
      groups: ['ekonomi'],
      spatial: KELURAHAN,
      resources: [
        { name: 'Usaha 2020–2024', fields: FIELDS, rows: rows(ROWS), wilayahColumn: 'kode_wilayah' },
        { name: 'Usaha aktif', fields: FIELDS, rows: rows(ROWS / 5), wilayahColumn: 'kode_wilayah' },
        { name: 'Kamus data', format: 'PDF' },
        { name: 'Metodologi', format: 'PDF' },
      ],
    });
    if (dialect === 'postgres') await sql`vacuum analyze`.execute(storage.db);
    const filters = encodeURIComponent(JSON.stringify({ kode_wilayah: '35.77.02.1002' }));
    return {
      dir,
      env: {
        TERBUKA_DATA_DIR: dir,
        DATABASE_URL: databaseUrl,
        BENCH_DB: dialect === 'sqlite' ? path.join(dir, 'terbuka.db') : '',
        BENCH_PG_URL: databaseUrl,
        BASE_URL: 'http://localhost:3000',
        PG_POOL_SIZE: '4',
      },
      urls: {
        home: '/',
        catalogue: '/data?q=kesehatan',
        dataset: '/dataset/usaha-mikro-per-kelurahan',
        datasetJson: '/api/v1/datasets/usaha-mikro-per-kelurahan',
        search: `/api/3/action/datastore_search?resource_id=${resourceIds[0]}&filters=${filters}&sort=omzet_juta%20desc&limit=50`,
        wilayah: '/api/v1/wilayah/35.77.02.1002',
      },
    };
  } finally {
    await storage.close();
  }
}
