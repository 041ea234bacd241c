import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { pino } from 'pino';
import { loadConfig } from '../src/config/config.js';
import { createDatabase, type Storage } from '../src/storage/database.js';
import { migrateToLatest } from '../src/storage/migrator.js';
import { seedReference } from '../src/app/seeds/reference.seed.js';
import { buildApp } from '../src/app/build-app.js';
import { publicValues } from '../src/features/indicator/indicator-publish.service.js';
import { seedCityIndicators } from '../src/features/indicator/indicator.seed.js';
import { seedDemoIndicators } from '../src/features/indicator/indicator-demo.seed.js';
import { median, timeMs, type BenchResult } from './result.js';

const PG_ADMIN = process.env.BENCH_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
/** 50 × 10 over 83,000 areas is 41.5M rows; the default loads 5 indicators (4.15M rows) — see the report line. */
const INDICATORS = Number(process.env.BENCH_INDICATOR_COUNT ?? 5);
const PERIODS = 10;
const PROVINCES = 38,
  KABKOTA = 514,
  KECAMATAN = 7_200,
  DESA = 83_000;
const RUNS = 50;

/** Every level of a synthetic Indonesia with Kemendagri-shaped codes: 38 provinces … 83,000 desa/kelurahan. */
function* syntheticWilayah(): Generator<[string, string, string, string | null]> {
  const pad = (n: number, w: number) => String(n).padStart(w, '0');
  let kab = 0,
    kec = 0,
    desa = 0;
  for (let p = 0; p < PROVINCES; p++) {
    const pk = String(11 + p);
    yield [pk, `Provinsi ${pk}`, 'provinsi', null];
    const kabs = Math.round(((p + 1) * KABKOTA) / PROVINCES) - kab;
    for (let k = 0; k < kabs; k++, kab++) {
      const kk = `${pk}.${pad(k + 1, 2)}`;
      if (kk === '35.77') continue; // the real Kota Madiun is loaded by the reference seed
      yield [kk, `Kab ${kk}`, 'kabupaten', pk];
      const kecs = Math.round(((kab + 1) * KECAMATAN) / KABKOTA) - kec;
      for (let c = 0; c < kecs; c++, kec++) {
        const cc = `${kk}.${pad(c + 1, 2)}`;
        yield [cc, `Kec ${cc}`, 'kecamatan', kk];
        const ds = Math.round(((kec + 1) * DESA) / KECAMATAN) - desa;
        for (let d = 0; d < ds; d++, desa++) yield [`${cc}.${2000 + d + 1}`, `Desa ${cc}.${d + 1}`, 'desa', cc];
      }
    }
  }
}

async function copyRows(client: pg.PoolClient, statement: string, rows: () => Generator<string>): Promise<void> {
  const stream = client.query(copyFrom(statement));
  const gen = rows();
  const source = Readable.from(
    (function* () {
      let chunk = '';
      for (const line of gen) {
        chunk += line;
        if (chunk.length > 1 << 16) {
          yield chunk;
          chunk = '';
        }
      }
      if (chunk) yield chunk;
    })(),
  );
  await pipeline(source, stream);
}

/** Loads 83,000 areas and INDICATORS × PERIODS values for each area at every level, with COPY. */
async function loadNational(storage: Storage): Promise<{ rows: number; seconds: number; wilayah: string[] }> {
  const pool = (storage.dialect as unknown as { pool: pg.Pool }).pool;
  const client = await pool.connect();
  const started = Date.now();
  const codes: string[] = [];
  try {
    await copyRows(
      client,
      'COPY wilayah (kode, kode_tanpa_titik, nama, tingkat, kode_induk, sumber) FROM STDIN',
      function* () {
        for (const [kode, nama, tingkat, induk] of syntheticWilayah()) {
          codes.push(kode);
          yield `${kode}\t${kode.replace(/\./g, '')}\t${nama}\t${tingkat}\t${induk ?? '\\N'}\tbench\n`;
        }
      },
    );
    const now = new Date().toISOString();
    for (let i = 0; i < INDICATORS; i++) {
      await client.query(
        'insert into indicators (id, code, name_id, name_en, unit, lowest_level, counts_people, created_at, updated_at) ' +
          "values ($1, $2, $3, $3, 'orang', 'kelurahan', 1, $4, $4)",
        [`bi${i}`, `bench-${i}`, `Bench ${i}`, now],
      );
      await client.query(
        `insert into indicator_sources (id, indicator_id, producer, created_at, updated_at) values ($1, $2, 'bench', $3, $3)`,
        [`bs${i}`, `bi${i}`, now],
      );
      await client.query(`update indicators set official_source_id = $1 where id = $2`, [`bs${i}`, `bi${i}`]);
    }
    // Bulk load the usual way: drop the secondary indexes, COPY, build them again.
    await client.query('drop index indicator_values_unique; drop index indicator_values_wilayah_idx');
    await client.query(
      'alter table indicator_values drop constraint indicator_values_indicator_id_fkey, drop constraint indicator_values_source_id_fkey',
    );
    let n = 0;
    await copyRows(
      client,
      'COPY indicator_values (id, indicator_id, source_id, wilayah_kode, period, value, status, origin, created_at, updated_at) FROM STDIN',
      function* () {
        for (let i = 0; i < INDICATORS; i++) {
          for (let p = 0; p < PERIODS; p++) {
            const period = String(2015 + p);
            for (let w = 0; w < codes.length; w++) {
              yield `v${n++}\tbi${i}\tbs${i}\t${codes[w]}\t${period}\t${(w * 7919 + p * 31 + i) % 900}\tfinal\tseed\t${now}\t${now}\n`;
            }
          }
        }
      },
    );
    await client.query(
      'create unique index indicator_values_unique on indicator_values (indicator_id, period, wilayah_kode, source_id)',
    );
    await client.query('create index indicator_values_wilayah_idx on indicator_values (wilayah_kode, indicator_id)');
    await client.query(`alter table indicator_values
      add constraint indicator_values_indicator_id_fkey foreign key (indicator_id) references indicators (id) on delete cascade,
      add constraint indicator_values_source_id_fkey foreign key (source_id) references indicator_sources (id) on delete cascade`);
    await client.query('vacuum analyze indicator_values');
    await client.query('analyze wilayah');
    return { rows: n, seconds: (Date.now() - started) / 1000, wilayah: codes };
  } finally {
    client.release();
  }
}

async function choroplethBench(): Promise<BenchResult[]> {
  const name = `terbuka_bench_ind_${process.pid}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN });
  await admin.connect();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'terbuka-bench-ind-'));
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name}`);
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(PG_ADMIN);
    url.pathname = '/' + name;
    const config = loadConfig(
      {},
      { TERBUKA_DATA_DIR: dir, LOG_LEVEL: 'silent', DATABASE_URL: url.toString(), PG_POOL_SIZE: '4' },
    );
    const storage = createDatabase(config);
    try {
      await migrateToLatest(storage.db);
      await seedReference(storage.db);
      const load = await loadNational(storage);
      const indicator = await storage.db
        .selectFrom('indicators')
        .selectAll()
        .where('id', '=', 'bi0')
        .executeTakeFirstOrThrow();
      // The app's choropleth read: one indicator, one period, one province (every level under it,
      // so secondary suppression sees the kecamatan totals), suppression applied, then one level kept.
      const query = async () =>
        (await publicValues(storage.db, indicator, 5, { period: '2020', kodePrefix: '35' })).filter(
          (v) => v.row.wilayah_tingkat === 'desa',
        );
      const count = (await query()).length;
      // Baseline: the same rows straight through the driver, no join, no suppression.
      const pool = (storage.dialect as unknown as { pool: pg.Pool }).pool;
      const bare = () =>
        pool.query(
          `select wilayah_kode, value from indicator_values where indicator_id = 'bi0' and period = '2020' and wilayah_kode >= '35.' and wilayah_kode < '35/'`,
        );
      for (let i = 0; i < 5; i++) {
        await query();
        await bare();
      }
      const measured: number[] = [];
      const baseline: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        baseline.push(await timeMs(bare));
        measured.push(await timeMs(query));
      }
      const m = median(measured),
        b = median(baseline);
      const fiftyIndicatorsHint =
        INDICATORS < 50
          ? `; 50 indicators = ${((load.wilayah.length * 50 * PERIODS) / 1e6).toFixed(1)}M rows, set BENCH_INDICATOR_COUNT=50`
          : '';
      const dataSize =
        `${load.wilayah.length.toLocaleString('en')} wilayah × ${INDICATORS} indicators × ${PERIODS} periods` +
        ` = ${load.rows.toLocaleString('en')} values`;
      return [
        {
          name:
            `choropleth query: 1 indicator, 1 period, 1 province (${count.toLocaleString('en')} desa) on PostgreSQL` +
            ` with ${dataSize} (COPY + index build ${load.seconds.toFixed(0)} s${fiftyIndicatorsHint})`,
          measured: `median ${m.toFixed(1)} ms`,
          baseline: `driver-only range read ${b.toFixed(1)} ms`,
          ratio: m / b,
          target: 'median < 200 ms',
          pass: m < 200,
        },
      ];
    } finally {
      await storage.close();
    }
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function profileBench(): Promise<BenchResult[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'terbuka-bench-prof-'));
  const config = loadConfig({}, { TERBUKA_DATA_DIR: dir, LOG_LEVEL: 'silent' });
  const storage = createDatabase(config);
  try {
    await migrateToLatest(storage.db);
    await seedReference(storage.db);
    const app = await buildApp({ config, storage, logger: pino({ level: 'silent' }) });
    await app.ready();
    const url = '/wilayah/35.77.02.1002';
    const render = async () => {
      const r = await app.inject({ url, headers: { accept: 'text/html' } });
      if (r.statusCode !== 200) throw new Error(`status ${r.statusCode}`);
      return r;
    };
    const sample = async () => {
      for (let i = 0; i < 5; i++) await render();
      const out: number[] = [];
      for (let i = 0; i < RUNS; i++) out.push(await timeMs(render));
      return median(out);
    };
    const before = await sample(); // the same page with no indicator values
    await seedCityIndicators(storage.db);
    await seedDemoIndicators(storage.db);
    const page = await render();
    if (!page.body.includes('ind-profile-h')) throw new Error('indicator section missing');
    const m = await sample();
    await app.close();
    return [
      {
        name:
          'kelurahan profile page (Sogaten) with key indicators, ranks, kecamatan/city values and trends, ' +
          'SQLite, Madiun data (city figures + contoh per-kelurahan values), app.inject',
        measured: `median ${m.toFixed(1)} ms`,
        baseline: `same page without indicator values ${before.toFixed(1)} ms`,
        ratio: m / before,
        target: 'median < 50 ms',
        pass: m < 50,
      },
    ];
  } finally {
    await storage.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Indicator cases: the national-scale choropleth read on PostgreSQL, and a kelurahan profile render on SQLite. */
export async function runIndicatorBench(): Promise<BenchResult[]> {
  return [...(await profileBench()), ...(await choroplethBench())];
}
