import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import pg from 'pg';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { buildApp } from '../app/build-app.js';
import { loadConfig, type Config } from '../config/config.js';
import { createDatabase, type Storage } from '../storage/database.js';
import { fileStoreOf, type FileStore } from '../files/file-store.js';
import { storeDocument } from '../files/file-layouts.js';
import { verifyAuditChain } from '../features/audit/audit-verify.js';
import { registerAuditSecret } from '../features/audit/audit.key.js';
import { CSV, stagingActors, WATER } from '../features/dataset/resources/staging.fixtures.js';
import type { TestApp } from '../../test/helpers/test-app.js';
import { DIALECTS, PG_ADMIN_URL, pgUrlFor, type DialectName } from '../../test/helpers/test-env.js';
import { writeBackup } from './backup-archive.js';
import { restoreBackup, RestoreRefused } from './restore-archive.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'terbuka-backup-'));
let databases = 0;

async function admin<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** A fresh, empty target: a data folder that does not exist yet and, on PostgreSQL, a new empty database. */
async function emptyTarget(dialect: DialectName): Promise<{ config: Config; drop(): Promise<void> }> {
  const dataDir = path.join(tmp, `target-${databases}`);
  if (dialect === 'sqlite') {
    databases++;
    return { config: loadConfig({}, { TERBUKA_DATA_DIR: dataDir, LOG_LEVEL: 'silent' }), drop: async () => undefined };
  }
  const name = `terbuka_restore_${databases++}_${process.pid}_${inject('runId')}`;
  await admin((c) => c.query(`CREATE DATABASE ${name}`));
  return {
    config: loadConfig({}, { TERBUKA_DATA_DIR: dataDir, DATABASE_URL: pgUrlFor(name), LOG_LEVEL: 'silent' }),
    drop: () => admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

/** Every table's rows, in a stable order; the database store's chunk ids are its own, so files compare by content. */
async function contentsOf(storage: Storage): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const table of await storage.dialect.archive.tables(storage.db)) {
    if (table === 'stored_file_chunks' || table === 'schema_migrations_lock') continue;
    const rows = (await storage.db
      .selectFrom(table as never)
      .selectAll()
      .execute()) as Record<string, unknown>[];
    out[table] = rows
      .map((r) => {
        if (table === 'stored_files') return JSON.stringify([r.key, r.sha256, Number(r.bytes)]);
        if (table === 'schema_migrations') return String(r.name);
        return JSON.stringify(r, (_k, v) => (Buffer.isBuffer(v) ? v.toString('base64') : v));
      })
      .sort();
  }
  return out;
}

async function hashesOf(store: FileStore): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for await (const { key } of store.list())
    out[key] = createHash('sha256')
      .update(await store.read(key))
      .digest('hex');
  return out;
}

describe.each(DIALECTS)('terbuka backup and restore (%s)', (dialect) => {
  let t: TestApp;
  let archive: string;
  let published: { id: string; resources: string[] };
  const cleanups: Array<() => Promise<void>> = [];

  beforeAll(async () => {
    const actors = await stagingActors(dialect);
    t = actors.t;
    published = await actors.c.published('cadangan-penduduk', [
      ['penduduk.csv', CSV],
      ['air.csv', WATER],
    ]);
    await storeDocument(t.config.dataDir, Buffer.from('%PDF-1.4\n% notulen forum\n'));
    archive = path.join(tmp, `${dialect}.tar`);
    const summary = await writeBackup(t.storage, t.config, archive);
    expect(summary.storedFiles).toBe(3);
  });
  afterAll(async () => {
    for (const cleanup of cleanups) await cleanup();
    await t.close();
  });

  it('restores into a fresh target: every row, every file, the downloads and the audit chain', async () => {
    const target = await emptyTarget(dialect);
    cleanups.push(target.drop);
    const summary = await restoreBackup(target.config, archive);
    expect(summary.storedFiles).toBe(3);
    expect(fs.existsSync(path.join(target.config.dataDir, 'audit-checkpoints'))).toBe(true);

    const restored = createDatabase(target.config);
    const app = await buildApp({ config: target.config, storage: restored, logger: pino({ level: 'silent' }) });
    cleanups.push(async () => {
      await app.close();
      await restored.close();
    });
    const rows = await contentsOf(restored);
    expect(rows).toEqual(await contentsOf(t.storage));
    // The dynamic datastore tables and the audit log are among them, with their rows.
    expect(Object.keys(rows).filter((n) => n.startsWith('ds_'))).toHaveLength(2);
    expect(rows.audit_log!.length).toBeGreaterThan(3);
    expect(await hashesOf(fileStoreOf(target.config.dataDir))).toEqual(await hashesOf(fileStoreOf(t.config.dataDir)));

    const [first, second] = published.resources;
    const download = await app.inject({ url: `/dataset/cadangan-penduduk/sumber-daya/${first}/berkas` });
    expect(download.statusCode).toBe(200);
    expect(download.body).toBe(CSV);
    expect((await app.inject({ url: `/dataset/cadangan-penduduk/versi/1/berkas/${second}` })).body).toBe(WATER);
    // The datastore's own tables came back too: the data answers.
    const search = await app.inject({ url: `/api/3/action/datastore_search?resource_id=${first}` });
    expect(search.json().result.records).toHaveLength(2);

    registerAuditSecret(restored.db, null);
    const verdict = await verifyAuditChain(restored.db);
    expect(verdict).toMatchObject({ ok: true });
    expect(verdict.checked).toBeGreaterThan(0);
    expect(verdict.checkpoints).toBeGreaterThan(0);
  });

  it('refuses a tampered archive and leaves the target empty', async () => {
    const bytes = fs.readFileSync(archive);
    const at = bytes.indexOf(Buffer.from('1.234'));
    expect(at).toBeGreaterThan(0);
    const tampered = Buffer.from(bytes);
    tampered.write('9.999', at);
    const file = path.join(tmp, `${dialect}-tampered.tar`);
    fs.writeFileSync(file, tampered);
    const target = await emptyTarget(dialect);
    cleanups.push(target.drop);
    const refusal = restoreBackup(target.config, file);
    await expect(refusal).rejects.toBeInstanceOf(RestoreRefused);
    await expect(refusal).rejects.toThrow(/does not match its sha256/);
    expect(fs.existsSync(target.config.dataDir)).toBe(false);
    expect(fs.readdirSync(tmp).filter((n) => n.startsWith('.terbuka-restore-'))).toEqual([]);
    if (dialect === 'postgres') {
      const storage = createDatabase(target.config);
      expect(await storage.dialect.archive.tables(storage.db)).toEqual([]);
      await storage.close();
    }
  });

  it('refuses a target that is not empty', async () => {
    await expect(restoreBackup(t.config, archive)).rejects.toThrow(/data folder .* is not empty/);
    if (dialect === 'postgres') {
      const target = await emptyTarget(dialect);
      cleanups.push(target.drop);
      const intoUsed = loadConfig({}, { ...envOf(target.config), DATABASE_URL: t.config.databaseUrl! });
      await expect(restoreBackup(intoUsed, archive)).rejects.toThrow(/database is not empty/);
      expect(fs.existsSync(intoUsed.dataDir)).toBe(false);
    }
  });
});

const envOf = (config: Config) => ({ TERBUKA_DATA_DIR: config.dataDir, LOG_LEVEL: 'silent' });

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
