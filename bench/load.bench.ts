import fs from 'node:fs';
import { withScratchPostgres } from './scratch-pg.js';
import { prepareSite, type BenchDialect, type BenchSite } from './site.fixture.js';
import { runWrk, startServer, type LoadResult } from './wrk.js';
import type { BenchResult } from './result.js';

const CONNECTIONS = Number(process.env.BENCH_LOAD_CONNECTIONS ?? 100);
const SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 10);
const MAX_RATIO = 5;
/** What a browser sends: pages are asked for as HTML, compressed. */
const BROWSER = { accept: 'text/html,application/xhtml+xml', 'accept-encoding': 'gzip, deflate, br' };
const CLIENT = { accept: 'application/json', 'accept-encoding': 'gzip, deflate, br' };

function describe(r: LoadResult): string {
  return (
    `p99 ${r.p99Ms.toFixed(1)} ms, p50 ${r.p50Ms.toFixed(1)} ms, ${r.requestsPerSecond.toFixed(0)} req/s, ` +
    `${r.timeouts} timeouts, ${r.non2xx} non-2xx`
  );
}

/**
 * At 100 connections (wrk, closed loop): the full app's p99 on the home page, a dataset page and
 * datastore_search against the p99 of a bare node:http server reading a row from the same database
 * under the same load. Target: at most 5×, with no timeout and no error or shed (503) answer.
 */
async function benchOne(dialect: BenchDialect, site: BenchSite): Promise<BenchResult[]> {
  const label = dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL';
  const bare = await startServer('bench/servers/bare.ts', site.env);
  let baseline: LoadResult;
  try {
    const url = `http://127.0.0.1:${bare.port}${site.urls.wilayah}`;
    runWrk(url, 2, CONNECTIONS);
    baseline = runWrk(url, SECONDS, CONNECTIONS);
  } finally {
    bare.child.kill();
  }
  const full = await startServer('bench/servers/full.ts', site.env);
  const results: BenchResult[] = [];
  try {
    const pages: [string, string, Record<string, string>][] = [
      ['home page', site.urls.home, BROWSER],
      ['dataset page', site.urls.dataset, BROWSER],
      ['datastore_search', site.urls.search, CLIENT],
    ];
    for (const [name, path, headers] of pages) {
      const url = `http://127.0.0.1:${full.port}${path}`;
      runWrk(url, 2, CONNECTIONS, headers);
      const app = runWrk(url, SECONDS, CONNECTIONS, headers);
      const ratio = app.p99Ms / baseline.p99Ms;
      results.push({
        name: `${name} at ${CONNECTIONS} connections, p99 full app ÷ bare node:http (${label})`,
        measured: describe(app),
        baseline: describe(baseline),
        ratio,
        target: `p99 ratio ≤ ${MAX_RATIO}, 0 timeouts, 0 non-2xx`,
        pass: ratio <= MAX_RATIO && app.timeouts === 0 && app.non2xx === 0 && app.socketErrors === 0,
      });
    }
  } finally {
    full.child.kill();
  }
  return results;
}

export async function runLoadBench(): Promise<BenchResult[]> {
  const sqlite = await prepareSite('sqlite');
  const results: BenchResult[] = [];
  try {
    results.push(...(await benchOne('sqlite', sqlite)));
  } finally {
    fs.rmSync(sqlite.dir, { recursive: true, force: true });
  }
  await withScratchPostgres('terbuka_bench_load', async (url) => {
    const site = await prepareSite('postgres', url);
    try {
      results.push(...(await benchOne('postgres', site)));
    } finally {
      fs.rmSync(site.dir, { recursive: true, force: true });
    }
  });
  return results;
}
