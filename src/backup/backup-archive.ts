import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { createHash, randomUUID } from 'node:crypto';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import tar from 'tar-stream';
import type { Config } from '../config/config.js';
import type { Storage } from '../storage/database.js';
import { fileStoreOf } from '../files/file-store.js';
import { checkpointFolder, writeCheckpoint } from '../features/audit/audit-checkpoints.js';
import {
  ARCHIVE_FORMAT,
  ARCHIVE_VERSION,
  CHECKPOINTS_PREFIX,
  DATABASE_PREFIX,
  FILE_STORE_TABLES,
  MANIFEST_MEMBER,
  META_MEMBER,
  MIGRATION_TABLES,
  SECRETS_PREFIX,
  STORE_PREFIX,
  type BackupMeta,
  type ManifestEntry,
} from './archive-format.js';

export interface BackupSummary {
  file: string;
  members: number;
  storedFiles: number;
  bytes: number;
}

/** Adds members to a tar stream one at a time, hashing each as it passes. */
class ArchiveWriter {
  readonly pack = tar.pack();
  readonly entries: ManifestEntry[] = [];

  async add(name: string, size: number, content: Readable | Buffer): Promise<void> {
    const hash = createHash('sha256');
    let bytes = 0;
    let resolve!: () => void;
    let reject!: (error: unknown) => void;
    const promise = new Promise<void>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    const entry = this.pack.entry({ name, size, mode: 0o600, mtime: new Date() }, (error) =>
      error ? reject(error) : resolve(),
    );
    if (Buffer.isBuffer(content)) {
      hash.update(content);
      bytes = content.length;
      entry.end(content);
    } else {
      const meter = new Transform({
        transform(chunk: Buffer, _enc, done) {
          hash.update(chunk);
          bytes += chunk.length;
          done(null, chunk);
        },
      });
      content.pipe(meter).pipe(entry as unknown as NodeJS.WritableStream);
      content.once('error', reject);
    }
    await promise;
    if (bytes !== size) throw new Error(`${name} changed while it was archived (${bytes} bytes, expected ${size})`);
    this.entries.push({ name, bytes, sha256: hash.digest('hex') });
  }

  async addFile(name: string, file: string): Promise<void> {
    await this.add(name, (await fsp.stat(file)).size, fs.createReadStream(file));
  }
}

async function filesUnder(dir: string): Promise<string[]> {
  if (!fs.existsSync(dir)) return [];
  const found = await fsp.readdir(dir, { recursive: true, withFileTypes: true });
  return found
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
}

/**
 * Writes one archive: the database, every stored file, the audit checkpoints (the head signed
 * first) and the data folder's keys, with a manifest of every member's sha256. The archive is
 * written beside its name and renamed when complete, so a cut-short backup never looks whole.
 */
export async function writeBackup(storage: Storage, config: Config, target: string): Promise<BackupSummary> {
  const head = await writeCheckpoint(storage.db);
  const work = path.join(config.dataDir, 'backups', `.work-${randomUUID()}`);
  const partial = `${target}.partial-${process.pid}`;
  fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
  try {
    const dumpDir = path.join(work, 'database');
    await storage.dialect.archive.dump(storage.db, dumpDir, {
      skipTables: [...FILE_STORE_TABLES, ...MIGRATION_TABLES],
    });
    const migrations = (
      await storage.db
        .selectFrom('schema_migrations' as never)
        .select('name' as never)
        .orderBy('name' as never)
        .execute()
    ).map((r) => (r as { name: string }).name);
    const meta: BackupMeta = {
      format: ARCHIVE_FORMAT,
      version: ARCHIVE_VERSION,
      createdAt: new Date().toISOString(),
      database: storage.dialect.name,
      migrations,
      auditHead: { count: head.count, headHash: head.headHash },
    };
    const writer = new ArchiveWriter();
    const written = pipeline(writer.pack as unknown as Readable, fs.createWriteStream(partial, { mode: 0o600 }));
    let storedFiles = 0;
    try {
      await writer.add(META_MEMBER, ...sized(Buffer.from(JSON.stringify(meta, null, 1))));
      for (const name of await filesUnder(dumpDir))
        await writer.addFile(DATABASE_PREFIX + name, path.join(dumpDir, name));
      const store = fileStoreOf(config.dataDir);
      for await (const file of store.list()) {
        const content = await store.open(file.key);
        // Removed since it was listed (a discarded upload): nothing to keep.
        if (!content) continue;
        await writer.add(STORE_PREFIX + file.key, file.bytes, content);
        storedFiles++;
      }
      const checkpoints = checkpointFolder(storage.db);
      for (const name of await filesUnder(checkpoints))
        await writer.addFile(CHECKPOINTS_PREFIX + name, path.join(checkpoints, name));
      for (const name of fs
        .readdirSync(config.dataDir)
        .filter((n) => n.endsWith('.key'))
        .sort())
        await writer.addFile(SECRETS_PREFIX + name, path.join(config.dataDir, name));
      const manifest = { format: ARCHIVE_FORMAT, members: writer.entries };
      await writer.add(MANIFEST_MEMBER, ...sized(Buffer.from(JSON.stringify(manifest, null, 1))));
      writer.pack.finalize();
    } catch (error) {
      writer.pack.destroy(error as Error);
      await written.catch(() => undefined);
      throw error;
    }
    await written;
    fs.renameSync(partial, target);
    return { file: path.resolve(target), members: writer.entries.length, storedFiles, bytes: fs.statSync(target).size };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
    fs.rmSync(partial, { force: true });
  }
}

const sized = (data: Buffer): [number, Buffer] => [data.length, data];
