import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { withScratchPostgres } from './scratch-pg.js';
import { loadConfig } from '../src/config/config.js';
import { createDatabase, type Storage } from '../src/storage/database.js';
import { migrateToLatest } from '../src/storage/migrator.js';
import { seedReference } from '../src/app/seeds/reference.seed.js';
import { newId } from '../src/ids.js';
import { reindexDataset } from '../src/features/catalog/catalog.index.js';
import { browseCatalog } from '../src/features/catalog/catalog.service.js';
import { searchProviderFor } from '../src/storage/dialects/search.js';
import { CATALOG_FTS } from '../src/features/catalog/catalog.index.js';
import { median, timeMs, type BenchResult } from './result.js';

const DATASETS = Number(process.env.BENCH_CATALOG_DATASETS ?? 10_000);
const RUNS = 60;
const TARGET_MS = 20;

const TOPICS = [
  'penduduk',
  'kesehatan',
  'pendidikan',
  'air',
  'sampah',
  'jalan',
  'ekonomi',
  'umkm',
  'pertanian',
  'sosial',
  'pajak',
  'anggaran',
  'pariwisata',
  'olahraga',
  'budaya',
  'transportasi',
  'energi',
  'perumahan',
  'keamanan',
  'bencana',
];
const WORDS = [
  'jumlah',
  'rekapitulasi',
  'data',
  'daftar',
  'persentase',
  'rasio',
  'capaian',
  'realisasi',
  'indeks',
  'statistik',
  'kelurahan',
  'kecamatan',
  'tahunan',
  'bulanan',
  'rumah',
  'tangga',
  'warga',
  'layanan',
  'fasilitas',
  'program',
];

/** `count` (10,000) published datasets over every organisation, with tags, groups, resources and areas, then indexed. */
export async function seedCatalog(storage: Storage, count = DATASETS): Promise<void> {
  const db = storage.db;
  const orgs = await db.selectFrom('organizations').select(['id', 'wilayah_kode']).execute();
  // Topic groups the content seeds may already have made are reused.
  const names = TOPICS.slice(0, 10);
  const existing = await db.selectFrom('groups').select(['id', 'name']).where('name', 'in', names).execute();
  const missing = names
    .filter((t) => !existing.some((g) => g.name === t))
    .map((t) => ({ id: newId(), name: t, title: `Topik ${t}`, description: '' }));
  if (missing.length) await db.insertInto('groups').values(missing).execute();
  const groups = [...existing, ...missing];
  let seed = 7;
  // The high bits of the LCG (its low bits repeat with a short period).
  const rnd = (n: number) => Math.floor(((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296) * n);
  const ids: string[] = [];
  for (let start = 0; start < count; start += 200) {
    const rows = [];
    const tags = [];
    const links = [];
    const resources = [];
    for (let i = start; i < Math.min(count, start + 200); i++) {
      const id = newId();
      ids.push(id);
      const org = orgs[rnd(orgs.length)]!;
      const topic = TOPICS[rnd(TOPICS.length)]!;
      const when = new Date(Date.UTC(2020, 0, 1) + rnd(5 * 365) * 86400000).toISOString();
      const title = `${WORDS[rnd(WORDS.length)]} ${topic} ${WORDS[rnd(WORDS.length)]} ${i}`;
      rows.push({
        id,
        edit_version: 1,
        name: `dataset-${i}`,
        title,
        notes: `${title}: ${WORDS[rnd(WORDS.length)]} ${WORDS[rnd(WORDS.length)]} ${topic} per kelurahan di Kota Madiun.`,
        organization_id: org.id,
        license_id: rnd(10) ? 'cc-by-4.0' : 'odc-odbl',
        contact_name: 'Admin',
        contact_email: 'data@madiunkota.go.id',
        update_frequency: 'annual' as const,
        temporal_start: '2024-01-01',
        temporal_end: '2024-12-31',
        spatial_codes: JSON.stringify(org.wilayah_kode ? [org.wilayah_kode] : []),
        source: 'Survei',
        method: 'Pendataan',
        concept: '',
        definition: '',
        classification: '',
        measure: '',
        unit: '',
        indicator_formula: '',
        indicator_interpretation: '',
        state: 'published' as const,
        version: 1,
        next_release_date: null,
        created_at: when,
        metadata_modified: when,
        published_at: when,
        creator_user_id: null,
        private: 0,
        superseded_by: null,
      });
      for (const t of new Set([topic, TOPICS[rnd(TOPICS.length)]!, `tag-${rnd(150)}`]))
        tags.push({ dataset_id: id, name: t });
      links.push({ dataset_id: id, group_id: groups[rnd(groups.length)]!.id });
      resources.push({
        id: newId(),
        dataset_id: id,
        name: 'Data',
        description: '',
        format: ['CSV', 'XLSX', 'JSON', 'PDF'][rnd(4)]!,
        url_type: 'upload',
        url: '',
        mimetype: null,
        size: 1000,
        hash: null,
        position: 0,
        state: 'active',
        created_at: when,
        last_modified: when,
        metadata_modified: when,
        datastore_active: 0,
        original_file: null,
        sheet: null,
      });
    }
    await db.insertInto('datasets').values(rows).execute();
    await db.insertInto('dataset_tags').values(tags).execute();
    await db.insertInto('dataset_groups').values(links).execute();
    await db.insertInto('resources').values(resources).execute();
  }
  // Index with as many connections as the pool has (PostgreSQL), in order on SQLite.
  const parallel = storage.dialect.name === 'postgres' ? 4 : 1;
  for (let i = 0; i < ids.length; i += parallel)
    await Promise.all(ids.slice(i, i + parallel).map((id) => reindexDataset(db, id)));
  if (storage.dialect.name === 'postgres') await sql`vacuum analyze`.execute(db);
  else await sql`analyze`.execute(db);
}

async function benchOne(label: string, settings: Record<string, string>): Promise<BenchResult[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'terbuka-bench-cat-'));
  const config = loadConfig({}, { TERBUKA_DATA_DIR: dir, LOG_LEVEL: 'silent', ...settings });
  const storage = createDatabase(config);
  try {
    await migrateToLatest(storage.db);
    await seedReference(storage.db);
    await seedCatalog(storage);
    const cases: [string, Parameters<typeof browseCatalog>[1]][] = [
      [
        'full text "kesehatan kelurahan" + 6 facets, relevance',
        { q: 'kesehatan kelurahan', filters: {}, sort: 'relevance', page: 1 },
      ],
      [
        'facet filter (tag + format) + 6 facets, newest first',
        { q: '', filters: { tags: ['pendidikan'], res_format: ['CSV'] }, sort: 'modified', page: 1 },
      ],
      ['everything, 6 facets, page 50 by title', { q: '', filters: {}, sort: 'title', page: 50 }],
    ];
    const matches = searchProviderFor(storage.db as Kysely<any>).matches(CATALOG_FTS, 'kesehatan kelurahan')!;
    const baseline = async () => sql`select doc_id from (${matches}) m order by doc_rank limit 20`.execute(storage.db);
    for (let i = 0; i < 5; i++) await baseline();
    const baselineTimes: number[] = [];
    for (let i = 0; i < RUNS; i++) baselineTimes.push(await timeMs(baseline));
    const b = median(baselineTimes);
    const results: BenchResult[] = [];
    for (const [name, params] of cases) {
      for (let i = 0; i < 5; i++) await browseCatalog(storage.db, params);
      const xs: number[] = [];
      for (let i = 0; i < RUNS; i++) xs.push(await timeMs(() => browseCatalog(storage.db, params)));
      const m = median(xs);
      results.push({
        name: `catalogue search over ${DATASETS.toLocaleString('en')} datasets (${label}): ${name}`,
        measured: `median ${m.toFixed(2)} ms`,
        baseline: `bare full-text match, top 20: ${b.toFixed(2)} ms`,
        ratio: m / b,
        target: `median < ${TARGET_MS} ms`,
        pass: m < TARGET_MS,
      });
    }
    return results;
  } finally {
    await storage.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Catalogue search (full text, facets, sort, paging) over 10,000 published datasets, on both databases. */
export async function runCatalogBench(): Promise<BenchResult[]> {
  const results = await benchOne('SQLite', {});
  results.push(
    ...(await withScratchPostgres('terbuka_bench_cat', (url) =>
      benchOne('PostgreSQL', { DATABASE_URL: url, PG_POOL_SIZE: '4' }),
    )),
  );
  return results;
}
