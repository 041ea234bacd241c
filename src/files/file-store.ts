import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { createHash, randomUUID } from 'node:crypto';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { STORE_FOLDERS } from './store-folders.js';

/**
 * Where uploaded files live. Every stored file has a *key*: a relative path such as
 * `files/ab/ab12…`, `evidence/<id>` or `uploads/2026-12/<id>-data.csv` (see file-layouts.ts). The
 * database keeps keys, never absolute paths, so the data folder can move.
 *
 * Two stores implement it (FILE_STORE, chosen in file-store-choice.ts): `LocalFileStore` keeps the
 * files under the data folder of one machine; `DatabaseFileStore` (database-file-store.ts) keeps
 * them in the database, so every app process on that database sees every upload. `localCopy`
 * exists because the ingest engine reads originals by path (random access into XLSX archives,
 * worker threads): the local store hands out the file itself, the database store a temporary copy.
 */
export interface FileStore {
  /**
   * Stores the bytes under `key`, or under `key(sha256)` for content-addressed layouts (a file
   * already there is kept, so the same content is stored once). A stream is counted as it is
   * written and refused with `options.tooLarge()` past `options.maxBytes`. A fixed key that is
   * already taken is refused.
   */
  put(
    content: Buffer | Readable,
    key: string | ((sha256: string) => string),
    options?: PutOptions,
  ): Promise<StoredFile>;
  /** A stream of the stored bytes; null when there is no such file. */
  open(key: string): Promise<Readable | null>;
  read(key: string): Promise<Buffer>;
  exists(key: string): Promise<boolean>;
  /** Removes the file; a missing file (or a key outside the store) is not an error. */
  remove(key: string): Promise<void>;
  /** The file as a path on the local disk, until `release()`; null when there is no such file. */
  localCopy(key: string): Promise<LocalCopy | null>;
  /** Every stored file with its size and when it was written, in key order (backups, the sweep of leftovers). */
  list(): AsyncIterable<StoredFileEntry>;
  /**
   * Deletes what a process killed mid-write left (a stream written aside, chunks without their
   * file, temporary copies) once it is a day old; returns how many. Run at start-up.
   */
  sweep(now?: number): Promise<number>;
}

/** Leftovers younger than this may still belong to a running upload or load. */
export const LEFTOVER_AGE_MS = 24 * 60 * 60 * 1000;

/** Removes the files in `dir` not modified for LEFTOVER_AGE_MS. */
export async function removeOldFiles(dir: string, now: number): Promise<number> {
  let names: string[];
  try {
    names = await fsp.readdir(dir);
  } catch (error) {
    if (isMissing(error)) return 0;
    throw error;
  }
  let removed = 0;
  for (const name of names) {
    const file = path.join(dir, name);
    const stat = await fsp.stat(file).catch(() => null);
    if (stat?.isFile() && now - stat.mtimeMs > LEFTOVER_AGE_MS) {
      await fsp.rm(file, { force: true });
      removed++;
    }
  }
  return removed;
}

export interface StoredFileEntry {
  key: string;
  bytes: number;
  modifiedAt: Date;
}

export interface LocalCopy {
  path: string;
  /** Deletes a temporary copy (nothing for a file that lives on this disk anyway). */
  release(): Promise<void>;
}

export interface StoredFile {
  key: string;
  /** Hex SHA-256 of the content. */
  sha256: string;
  bytes: number;
}

export interface PutOptions {
  maxBytes?: number;
  tooLarge?: () => Error;
}

/** A key names a file inside the store: relative, no `..`, no empty segment. */
export function checkKey(key: string): string {
  const parts = key.split('/');
  if (!key || path.isAbsolute(key) || parts.some((p) => p === '' || p === '.' || p === '..' || p.includes('\\')))
    throw new Error(`bad file key: ${key}`);
  return key;
}

export const sha256Hex = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/** Streams whose key depends on their hash are written here first. */
const INCOMING = '.incoming';

const isMissing = (error: unknown) => (error as NodeJS.ErrnoException).code === 'ENOENT';
const isTaken = (error: unknown) => (error as NodeJS.ErrnoException).code === 'EEXIST';

/** Files under one folder of the local disk (the data folder), in the layout folders of file-layouts.ts. */
export class LocalFileStore implements FileStore {
  private readonly root: string;

  constructor(
    root: string,
    /** The top folders `list()` walks (the rest of the data folder is not uploads). */
    private readonly folders: readonly string[],
  ) {
    this.root = path.resolve(root);
  }

  private full(key: string): string {
    return path.join(this.root, ...checkKey(key).split('/'));
  }

  async put(
    content: Buffer | Readable,
    key: string | ((sha256: string) => string),
    options: PutOptions = {},
  ): Promise<StoredFile> {
    if (Buffer.isBuffer(content)) {
      if (options.maxBytes !== undefined && content.length > options.maxBytes)
        throw (options.tooLarge ?? tooLargeDefault)();
      const sha256 = sha256Hex(content);
      const stored = { key: typeof key === 'string' ? key : key(sha256), sha256, bytes: content.length };
      const target = this.full(stored.key);
      await fsp.mkdir(path.dirname(target), { recursive: true });
      try {
        await fsp.writeFile(target, content, { flag: 'wx' });
      } catch (error) {
        // The same content under its own hash is already there; a fixed key is never overwritten.
        if (!isTaken(error) || typeof key === 'string') throw error;
      }
      return stored;
    }
    // A stream whose key depends on its hash is written aside, then renamed into place.
    const target = typeof key === 'string' ? this.full(key) : path.join(this.root, INCOMING, randomUUID());
    await fsp.mkdir(path.dirname(target), { recursive: true });
    const hash = createHash('sha256');
    let bytes = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        bytes += chunk.length;
        if (options.maxBytes !== undefined && bytes > options.maxBytes)
          return done((options.tooLarge ?? tooLargeDefault)());
        hash.update(chunk);
        done(null, chunk);
      },
    });
    try {
      await pipeline(content, meter, fs.createWriteStream(target, { flags: 'wx' }));
      // @fastify/multipart ends a file at its size limit and marks it truncated instead of failing.
      if ((content as Readable & { truncated?: boolean }).truncated) throw (options.tooLarge ?? tooLargeDefault)();
    } catch (error) {
      fs.rmSync(target, { force: true });
      throw error;
    }
    const sha256 = hash.digest('hex');
    if (typeof key === 'string') return { key, sha256, bytes };
    const stored = { key: key(sha256), sha256, bytes };
    const final = this.full(stored.key);
    await fsp.mkdir(path.dirname(final), { recursive: true });
    if (fs.existsSync(final)) fs.rmSync(target, { force: true });
    else await fsp.rename(target, final);
    return stored;
  }

  async open(key: string): Promise<Readable | null> {
    const file = this.localPath(key);
    return file ? fs.createReadStream(file) : null;
  }

  read(key: string): Promise<Buffer> {
    return fsp.readFile(this.full(key));
  }

  async exists(key: string): Promise<boolean> {
    const file = this.inside(key);
    if (!file) return false;
    try {
      return (await fsp.stat(file)).isFile();
    } catch (error) {
      if (isMissing(error)) return false;
      throw error;
    }
  }

  async remove(key: string): Promise<void> {
    // A key outside the store names nothing to remove. Synchronous on purpose: a clean-up after a
    // commit is done by the time its promise is first awaited, as it was before the store existed.
    const file = this.inside(key);
    if (file) fs.rmSync(file, { force: true });
  }

  private localPath(key: string): string | null {
    const file = this.inside(key);
    return file && fs.existsSync(file) ? file : null;
  }

  async localCopy(key: string): Promise<LocalCopy | null> {
    const file = this.localPath(key);
    return file ? { path: file, release: async () => undefined } : null;
  }

  async *list(): AsyncIterable<StoredFileEntry> {
    const walk = async function* (dir: string, prefix: string): AsyncIterable<StoredFileEntry> {
      let entries: fs.Dirent[];
      try {
        entries = await fsp.readdir(dir, { withFileTypes: true });
      } catch (error) {
        if (isMissing(error)) return;
        throw error;
      }
      for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
        const key = `${prefix}/${entry.name}`;
        if (entry.isDirectory()) yield* walk(path.join(dir, entry.name), key);
        else if (entry.isFile()) {
          const stat = await fsp.stat(path.join(dir, entry.name));
          yield { key, bytes: stat.size, modifiedAt: stat.mtime };
        }
      }
    };
    for (const folder of [...this.folders].sort()) yield* walk(path.join(this.root, folder), folder);
  }

  sweep(now = Date.now()): Promise<number> {
    return removeOldFiles(path.join(this.root, INCOMING), now);
  }

  /** The path of a key read from the database or a request: null unless it stays inside the store. */
  private inside(key: string): string | null {
    try {
      const file = this.full(key);
      return file.startsWith(this.root + path.sep) ? file : null;
    } catch {
      return null;
    }
  }
}

export function tooLargeDefault(): Error {
  return new Error('file too large');
}

const stores = new Map<string, FileStore>();

/**
 * The composition root installs the configured store of a data folder (file-store-choice.ts).
 * Returns the undo: a command that opened its own connection in a process which already had one
 * (a test, a tool) puts back the store it replaced when that connection closes.
 */
export function installFileStore(dataDir: string, store: FileStore): () => void {
  const root = path.resolve(dataDir);
  const previous = stores.get(root);
  stores.set(root, store);
  return () => {
    if (stores.get(root) !== store) return;
    if (previous) stores.set(root, previous);
    else stores.delete(root);
  };
}

/**
 * The store of a data folder (one per folder and process): the installed one, else the local
 * disk under it (a tool that opened no database).
 */
export function fileStoreOf(dataDir: string): FileStore {
  const root = path.resolve(dataDir);
  let store = stores.get(root);
  if (!store) stores.set(root, (store = new LocalFileStore(root, STORE_FOLDERS)));
  return store;
}
