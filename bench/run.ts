// `npm run bench [case…]`: runs each case and prints its measurement, the baseline measured in the
// same run, the ratio and the target. Cases: http, ingest, datastore, catalog, indicator, load, soak.
import { runHttpBench } from './http.bench.js';
import type { BenchResult } from './result.js';

type Case = () => Promise<BenchResult[]>;
const cases: Record<string, () => Promise<Case>> = {
  http: async () => runHttpBench,
};

// Cases contributed by features live in their own files; load those that exist.
const optional: Record<string, [string, string]> = {
  ingest: ['./ingest.bench.js', 'runIngestBench'],
  datastore: ['./datastore.bench.js', 'runDatastoreBench'],
  catalog: ['./catalog.bench.js', 'runCatalogBench'],
  indicator: ['./indicator.bench.js', 'runIndicatorBench'],
  load: ['./load.bench.js', 'runLoadBench'],
  soak: ['./soak.bench.js', 'runSoakBench'],
};
for (const [name, [file, fn]] of Object.entries(optional)) {
  cases[name] = async () => (await import(file))[fn] as Case;
}

// The soak case takes 10 minutes: a plain `npm run bench` runs it only with BENCH_SOAK=1.
const soakByDefault = process.env.BENCH_SOAK === '1';
const wanted = process.argv.slice(2).length
  ? process.argv.slice(2)
  : Object.keys(cases).filter((name) => name !== 'soak' || soakByDefault);
if (!wanted.includes('soak')) console.log('(soak case skipped: `npm run bench soak` or BENCH_SOAK=1 runs it, 10 min)');
const all: BenchResult[] = [];
for (const name of wanted) {
  const load = cases[name];
  if (!load) {
    console.error(`Unknown bench case "${name}". Cases: ${Object.keys(cases).join(', ')}`);
    process.exit(2);
  }
  console.log(`\n▶ ${name}`);
  try {
    const results = await (await load())();
    for (const r of results) {
      all.push(r);
      const ratio = r.ratio === null ? '—' : r.ratio.toFixed(2);
      console.log(
        `  ${r.pass ? 'PASS' : 'MISS'}  ${r.name}\n` +
          `        measured ${r.measured} | baseline ${r.baseline} | ratio ${ratio} | target ${r.target}`,
      );
    }
  } catch (error) {
    console.log(`  ERROR ${name}: ${(error as Error).message}`);
    all.push({ name, measured: 'error', baseline: '—', ratio: null, target: '—', pass: false });
  }
}
console.log(`\n${all.filter((r) => r.pass).length} of ${all.length} bench targets met.`);
