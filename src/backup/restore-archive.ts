import fs from 'node:fs';
import path from 'node:path';
import { createHash, randomUUID } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import { Transform, type Readable } from 'node:stream';
import tar from 'tar-stream';
import type { Config } from '../config/config.js';
import { createDatabase, databaseArchiveFor, type Storage } from '../storage/database.js';
import { migrateToLatest, migrateThrough } from '../storage/migrator.js';
import { migrations as knownMigrations } from '../storage/migrations/index.js';
import { createFileStore } from '../files/file-store-choice.js';
import { CHECKPOINT_FOLDER } from '../features/audit/audit-checkpoints.js';
import {
  ARCHIVE_FORMAT,
  CHECKPOINTS_PREFIX,
  DATABASE_PREFIX,
  MANIFEST_MEMBER,
  META_MEMBER,
  SECRETS_PREFIX,
  STORE_PREFIX,
  safeMemberName,
  type BackupMeta,
  type Manifest,
} from './archive-format.js';

/** Why a restore was refused; nothing was written to the target. */
export class RestoreRefused extends Error {}

export interface RestoreSummary {
  storedFiles: number;
  dataDir: string;
}

/** The target must be empty: a data folder that is missing or holds nothing. */
function requireEmptyDataDir(dataDir: string): void {
  if (fs.existsSync(dataDir) && (!fs.statSync(dataDir).isDirectory() || fs.readdirSync(dataDir).length))
    throw new RestoreRefused(
      `The data folder ${dataDir} is not empty: restore only into an empty (or new) folder (TERBUKA_DATA_DIR).`,
    );
}

async function requireEmptyDatabase(storage: Storage): Promise<void> {
  const tables = await storage.dialect.archive.tables(storage.db);
  if (tables.length)
    throw new RestoreRefused(
      `The database is not empty (${tables.length} tables, e.g. ${tables.slice(0, 3).join(', ')}): restore only into` +
        ' an empty PostgreSQL database (createdb a new one and point DATABASE_URL at it).',
    );
}

/**
 * Unpacks every member into `dir`, hashing it on the way, then checks each against the manifest:
 * the same members, sizes and sha256 sums, or the archive is refused before anything is restored.
 */
async function unpackVerified(archive: string, dir: string): Promise<{ meta: BackupMeta; members: string[] }> {
  const seen = new Map<string, { bytes: number; sha256: string }>();
  const extract = tar.extract();
  const reading = pipeline(fs.createReadStream(archive), extract as unknown as NodeJS.WritableStream);
  for await (const entry of extract as AsyncIterable<Readable & { header: tar.Header }>) {
    const name = entry.header.name;
    if (entry.header.type !== 'file' || !safeMemberName(name) || seen.has(name))
      throw new RestoreRefused(`The archive holds an unexpected member "${name}": refused.`);
    const target = path.join(dir, ...name.split('/'));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    const hash = createHash('sha256');
    let bytes = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        hash.update(chunk);
        bytes += chunk.length;
        done(null, chunk);
      },
    });
    await pipeline(entry, meter, fs.createWriteStream(target, { flags: 'wx', mode: 0o600 }));
    seen.set(name, { bytes, sha256: hash.digest('hex') });
  }
  await reading;
  const manifestFile = path.join(dir, MANIFEST_MEMBER);
  if (!seen.has(MANIFEST_MEMBER) || !seen.has(META_MEMBER))
    throw new RestoreRefused('This is not a Terbuka backup (no manifest.json or terbuka-backup.json).');
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as Manifest;
  if (manifest.format !== ARCHIVE_FORMAT) throw new RestoreRefused('This is not a Terbuka backup.');
  const listed = new Set<string>();
  for (const m of manifest.members) {
    const got = seen.get(m.name);
    if (!got) throw new RestoreRefused(`The archive lacks ${m.name}, which its manifest lists: refused.`);
    if (got.bytes !== m.bytes || got.sha256 !== m.sha256)
      throw new RestoreRefused(`${m.name} does not match its sha256 in the manifest (damaged or altered): refused.`);
    listed.add(m.name);
  }
  for (const name of seen.keys())
    if (name !== MANIFEST_MEMBER && !listed.has(name))
      throw new RestoreRefused(`${name} is not in the manifest (added to the archive afterwards): refused.`);
  const meta = JSON.parse(fs.readFileSync(path.join(dir, META_MEMBER), 'utf8')) as BackupMeta;
  return { meta, members: [...listed] };
}

function copyMembers(members: string[], prefix: string, from: string, to: string): void {
  for (const name of members.filter((m) => m.startsWith(prefix))) {
    const target = path.join(to, ...name.slice(prefix.length).split('/'));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(path.join(from, ...name.split('/')), target);
  }
}

/**
 * Restores a backup into an empty data folder and, on PostgreSQL, an empty database: every member
 * is verified first, the new data folder is built beside the target and moved into place at the
 * end, and a failure removes everything it made (the database's tables included).
 */
export async function restoreBackup(config: Config, archive: string): Promise<RestoreSummary> {
  if (!fs.existsSync(archive)) throw new RestoreRefused(`No archive at ${archive}.`);
  const dataDir = path.resolve(config.dataDir);
  requireEmptyDataDir(dataDir);
  const work = path.join(path.dirname(dataDir), `.terbuka-restore-${randomUUID()}`);
  const unpacked = path.join(work, 'archive');
  const staged = path.join(work, 'data');
  const stagedConfig: Config = { ...config, dataDir: staged };
  let storage: Storage | null = null;
  let loaded = false;
  try {
    fs.mkdirSync(staged, { recursive: true });
    // The database is checked before the archive is read: a refusal costs nothing.
    if (config.databaseUrl) {
      storage = createDatabase(stagedConfig);
      await requireEmptyDatabase(storage);
    }
    const { meta, members } = await unpackVerified(archive, unpacked);
    const dialect = config.databaseUrl ? 'postgres' : 'sqlite';
    if (meta.database !== dialect)
      throw new RestoreRefused(`This backup is of a ${meta.database} database; the target is ${dialect}.`);
    const unknown = meta.migrations.filter((m) => !(m in knownMigrations));
    if (unknown.length)
      throw new RestoreRefused(
        `The backup is newer than this Terbuka (migrations ${unknown.join(', ')}): upgrade first.`,
      );

    copyMembers(members, SECRETS_PREFIX, unpacked, staged);
    copyMembers(members, CHECKPOINTS_PREFIX, unpacked, path.join(staged, CHECKPOINT_FOLDER));
    const dumpDir = path.join(unpacked, ...DATABASE_PREFIX.slice(0, -1).split('/'));
    await databaseArchiveFor(config).place(dumpDir, staged);
    storage ??= createDatabase(stagedConfig);
    // The schema as it was at the dump, then the rows, then any later migrations over them.
    loaded = true;
    await migrateThrough(storage.db, meta.migrations);
    await storage.dialect.archive.load(storage.db, dumpDir);
    await migrateToLatest(storage.db);

    const store = createFileStore(stagedConfig, storage);
    let storedFiles = 0;
    for (const name of members.filter((m) => m.startsWith(STORE_PREFIX))) {
      const key = name.slice(STORE_PREFIX.length);
      storedFiles++;
      // On SQLite the database store's files came inside the database file.
      if (await store.exists(key)) continue;
      await store.put(fs.createReadStream(path.join(unpacked, ...name.split('/'))), key);
    }
    await storage.close();
    storage = null;
    if (fs.existsSync(dataDir)) fs.rmdirSync(dataDir);
    fs.renameSync(staged, dataDir);
    return { storedFiles, dataDir };
  } catch (error) {
    if (storage && loaded) await storage.dialect.archive.clear(storage.db).catch(() => undefined);
    throw error;
  } finally {
    await storage?.close();
    fs.rmSync(work, { recursive: true, force: true });
  }
}
