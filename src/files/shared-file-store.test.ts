import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app/build-app.js';
import { loadConfig } from '../config/config.js';
import { createDatabase, type Storage } from '../storage/database.js';
import { CSV, stagingActors, WATER, type stagingClient } from '../features/dataset/resources/staging.fixtures.js';
import type { TestApp } from '../../test/helpers/test-app.js';
import { DIALECTS } from '../../test/helpers/test-env.js';

// Two app processes on one PostgreSQL database, each with its own data folder (two machines).
describe.runIf(DIALECTS.includes('postgres'))('uploads every app process sees (postgres, FILE_STORE default)', () => {
  let first: TestApp;
  let c: ReturnType<typeof stagingClient>;
  let second: { app: FastifyInstance; storage: Storage; dataDir: string };

  beforeAll(async () => {
    const actors = await stagingActors('postgres');
    first = actors.t;
    c = actors.c;
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'terbuka-second-'));
    const config = loadConfig(
      {},
      { TERBUKA_DATA_DIR: dataDir, DATABASE_URL: first.config.databaseUrl!, PG_POOL_SIZE: '2', LOG_LEVEL: 'silent' },
    );
    const storage = createDatabase(config);
    second = { app: await buildApp({ config, storage, logger: pino({ level: 'silent' }) }), storage, dataDir };
  });
  afterAll(async () => {
    await second.app.close();
    await second.storage.close();
    fs.rmSync(second.dataDir, { recursive: true, force: true });
    await first.close();
  });

  it('downloads from the second process what was uploaded to the first, with no file on either disk', async () => {
    expect(first.config.fileStore).toBe('database');
    const { resources } = await c.published('dibagi-dua-proses', [
      ['penduduk.csv', CSV],
      ['air.csv', WATER],
    ]);
    const [people, water] = resources;
    const download = await second.app.inject({ url: `/dataset/dibagi-dua-proses/sumber-daya/${people}/berkas` });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-disposition']).toContain('attachment');
    expect(download.body).toBe(CSV);
    const version = await second.app.inject({ url: `/dataset/dibagi-dua-proses/versi/1/berkas/${water}` });
    expect(version.statusCode).toBe(200);
    expect(version.body).toBe(WATER);
    for (const dir of [first.config.dataDir, second.dataDir]) {
      expect(fs.existsSync(path.join(dir, 'uploads'))).toBe(false);
      // The temporary copies the loads read are gone too.
      const scratch = path.join(dir, '.scratch');
      if (fs.existsSync(scratch)) expect(fs.readdirSync(scratch)).toEqual([]);
    }
  });
});
