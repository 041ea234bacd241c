import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { withScratchPostgres } from './scratch-pg.js';
import { prepareSite, type BenchDialect, type BenchSite } from './site.fixture.js';
import { runWrkAsync, startServer } from './wrk.js';
import { median, type BenchResult } from './result.js';

const SECONDS = Number(process.env.BENCH_SOAK_SECONDS ?? 600);
const CONNECTIONS = Number(process.env.BENCH_SOAK_CONNECTIONS ?? 50);
const DIALECT = (process.env.BENCH_SOAK_DIALECT ?? 'sqlite') as BenchDialect;
/** The first fifth of the run (2 of 10 minutes): caches fill, the JIT settles, the heap finds its size. */
const WARM_UP_SECONDS = SECONDS / 5;
const WINDOW_SECONDS = Math.min(60, SECONDS / 10);
const SAMPLE_MS = 5000;
const MAX_GROWTH = 0.1;

function rssBytes(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
}

/** A wrk script that walks the site's pages and API calls in turn on every connection. */
function mixScript(site: BenchSite): string {
  const paths = [
    site.urls.home,
    site.urls.catalogue,
    site.urls.dataset,
    site.urls.datasetJson,
    site.urls.search,
    site.urls.wilayah,
    '/data?tags=kesehatan',
    '/dataset/dataset-42',
    '/wilayah/35.77.02.1002',
  ];
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'terbuka-soak-')), 'mix.lua');
  fs.writeFileSync(
    file,
    `local paths = { ${paths.map((p) => JSON.stringify(p)).join(', ')} }
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
`,
  );
  return file;
}

async function soak(site: BenchSite, label: string): Promise<BenchResult> {
  const server = await startServer('bench/servers/full.ts', site.env);
  const pid = server.child.pid!;
  const samples: { at: number; rss: number }[] = [];
  const start = Date.now();
  const timer = setInterval(() => samples.push({ at: (Date.now() - start) / 1000, rss: rssBytes(pid) }), SAMPLE_MS);
  try {
    const load = await runWrkAsync(`http://127.0.0.1:${server.port}/`, {
      seconds: SECONDS,
      connections: CONNECTIONS,
      headers: { accept: 'text/html,application/json', 'accept-encoding': 'gzip, deflate, br' },
      script: mixScript(site),
    });
    clearInterval(timer);
    const after = samples.filter((s) => s.at >= WARM_UP_SECONDS);
    const start = median(after.filter((s) => s.at < WARM_UP_SECONDS + WINDOW_SECONDS).map((s) => s.rss));
    const end = median(after.filter((s) => s.at >= SECONDS - WINDOW_SECONDS).map((s) => s.rss));
    const peak = Math.max(...after.map((s) => s.rss));
    const growth = end / start - 1;
    const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
    return {
      name:
        `soak: ${SECONDS / 60} min of mixed pages and API calls at ${CONNECTIONS} connections (${label}), ` +
        `RSS growth after ${WARM_UP_SECONDS / 60} min of warm-up`,
      measured:
        `RSS ${mb(start)} → ${mb(end)} (${(growth * 100).toFixed(1)} %, peak ${mb(peak)}); ` +
        `${load.requestsPerSecond.toFixed(0)} req/s, p99 ${load.p99Ms.toFixed(1)} ms, ` +
        `${load.timeouts} timeouts, ${load.non2xx} non-2xx`,
      baseline: `RSS median over the minute after warm-up, ${samples.length} samples every ${SAMPLE_MS / 1000} s`,
      ratio: end / start,
      target: `growth < ${MAX_GROWTH * 100} %`,
      pass: growth < MAX_GROWTH && load.timeouts === 0,
    };
  } finally {
    clearInterval(timer);
    server.child.kill();
  }
}

/**
 * 10 minutes (BENCH_SOAK_SECONDS) of mixed traffic against the full app on SQLite (or
 * BENCH_SOAK_DIALECT=postgres), its RSS sampled every 5 s: after the warm-up it grows less than 10 %.
 * Not part of a plain `npm run bench` unless BENCH_SOAK=1 (it takes 10 minutes); `npm run bench soak` runs it.
 */
export async function runSoakBench(): Promise<BenchResult[]> {
  if (DIALECT === 'postgres')
    return withScratchPostgres('terbuka_bench_soak', async (url) => {
      const site = await prepareSite('postgres', url);
      try {
        return [await soak(site, 'PostgreSQL')];
      } finally {
        fs.rmSync(site.dir, { recursive: true, force: true });
      }
    });
  const site = await prepareSite('sqlite');
  try {
    return [await soak(site, 'SQLite')];
  } finally {
    fs.rmSync(site.dir, { recursive: true, force: true });
  }
}
