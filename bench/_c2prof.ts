import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/config/config.js';
import { createDatabase } from '../src/storage/database.js';
import { migrateToLatest } from '../src/storage/migrator.js';
import { seedReference } from '../src/storage/seeds/reference.seed.js';
import { seedCatalog } from './catalog.bench.js';
import { browseCatalog } from '../src/features/catalog/catalog.service.js';
import { searchCatalog } from '../src/features/catalog/catalog.query.js';
import { catalogSnapshot } from '../src/features/catalog/catalog.snapshot.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'c2prof-'));
const config = loadConfig({}, { TERBUKA_DATA_DIR: dir, LOG_LEVEL: 'silent' });
const storage = createDatabase(config);
await migrateToLatest(storage.db);
await seedReference(storage.db);
let t = Date.now();
await seedCatalog(storage);
console.log('seed ms', Date.now() - t);
const time = async (label: string, fn: () => Promise<unknown>) => { const s = process.hrtime.bigint(); const r = await fn(); console.log(label, (Number(process.hrtime.bigint() - s) / 1e6).toFixed(2)); return r; };
for (let i = 0; i < 3; i++) {
  await time('snapshot', () => catalogSnapshot(storage.db));
  const r = await time('search all', () => searchCatalog(storage.db, { text: '', clauses: [], sort: [{ key: 'title', desc: false }], start: 980, rows: 20, facetFields: ['organization', 'groups', 'tags', 'res_format', 'license_id', 'wilayah'], facetLimit: 10, facetMinCount: 1 })) as { count: number };
  console.log('count', r.count);
  await time('browse all', () => browseCatalog(storage.db, { q: '', filters: {}, sort: 'title', page: 50 }));
  const f = await time('browse facet', () => browseCatalog(storage.db, { q: '', filters: { tags: ['pendidikan'], res_format: ['CSV'] }, sort: 'modified', page: 1 })) as { count: number };
  console.log('facet count', f.count);
  await time('browse text', () => browseCatalog(storage.db, { q: 'kesehatan kelurahan', filters: {}, sort: 'relevance', page: 1 }));
}
const snap = await catalogSnapshot(storage.db); console.log([...snap.inverted.keys()], [...(snap.inverted.get("res_format")?.keys() ?? [])], (snap.inverted.get("tags")?.get("pendidikan")?.size));
await storage.close();
fs.rmSync(dir, { recursive: true, force: true });
