import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/config/config.js';
import { createDatabase } from '../src/storage/database.js';
import { migrateToLatest } from '../src/storage/migrator.js';
import { seedReference } from '../src/app/seeds/reference.seed.js';
import { runWrk, startServer } from './wrk.js';
import type { BenchResult } from './result.js';

/**
 * GET /api/v1/wilayah/{kode} through the full app (logging on) against a bare node:http server
 * reading the same row from the same SQLite file; same load generator, same run. Target ≥ 0.6×.
 */
export async function runHttpBench(): Promise<BenchResult[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'terbuka-bench-http-'));
  const config = loadConfig({}, { TERBUKA_DATA_DIR: dir });
  const storage = createDatabase(config);
  await migrateToLatest(storage.db);
  await seedReference(storage.db);
  await storage.close();
  const env = {
    TERBUKA_DATA_DIR: dir,
    BENCH_DB: path.join(dir, 'terbuka.db'),
    DATABASE_URL: '',
    BASE_URL: 'http://localhost:3000',
  };
  const url = '/api/v1/wilayah/35.77.02.1002';
  const results: BenchResult[] = [];
  try {
    const bare = await startServer('bench/servers/bare.ts', env);
    runWrk(`http://127.0.0.1:${bare.port}${url}`, 2); // warm-up
    const baseline = runWrk(`http://127.0.0.1:${bare.port}${url}`);
    bare.child.kill();
    const full = await startServer('bench/servers/full.ts', env);
    runWrk(`http://127.0.0.1:${full.port}${url}`, 2);
    const app = runWrk(`http://127.0.0.1:${full.port}${url}`);
    full.child.kill();
    if (app.non2xx || baseline.non2xx) throw new Error(`non-2xx responses: app ${app.non2xx}, bare ${baseline.non2xx}`);
    results.push({
      name: 'GET /api/v1/wilayah/{kode}: full app vs bare node:http (SQLite)',
      measured: `${app.requestsPerSecond.toFixed(0)} req/s, p99 ${app.p99Ms.toFixed(2)} ms`,
      baseline: `${baseline.requestsPerSecond.toFixed(0)} req/s, p99 ${baseline.p99Ms.toFixed(2)} ms`,
      ratio: app.requestsPerSecond / baseline.requestsPerSecond,
      target: '≥ 0.60',
      pass: app.requestsPerSecond / baseline.requestsPerSecond >= 0.6,
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return results;
}
