import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { createHash, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Db } from '../storage/database.js';
import { nowIso } from '../ids.js';
import {
  checkKey,
  LEFTOVER_AGE_MS,
  removeOldFiles,
  tooLargeDefault,
  type FileStore,
  type LocalCopy,
  type PutOptions,
  type StoredFile,
  type StoredFileEntry,
} from './file-store.js';
import './stored-file.table.js';

/** Bytes per chunk row: large enough for few round trips, small enough that no file is ever held whole. */
export const CHUNK_BYTES = 1024 * 1024;

const validKey = (key: string): boolean => {
  try {
    checkKey(key);
    return true;
  } catch {
    return false;
  }
};

/** Re-cuts any stream of buffers into chunks of exactly CHUNK_BYTES (the last one shorter). */
async function* chunksOf(content: AsyncIterable<Buffer | string> | Iterable<Buffer>): AsyncIterable<Buffer> {
  let pending: Buffer[] = [];
  let size = 0;
  for await (const part of content) {
    let piece = typeof part === 'string' ? Buffer.from(part) : part;
    while (size + piece.length >= CHUNK_BYTES) {
      const take = CHUNK_BYTES - size;
      pending.push(piece.subarray(0, take));
      yield Buffer.concat(pending);
      pending = [];
      size = 0;
      piece = piece.subarray(take);
    }
    if (piece.length) {
      pending.push(piece);
      size += piece.length;
    }
  }
  if (size) yield Buffer.concat(pending);
}

/**
 * Files kept in the database (SQLite or PostgreSQL, one code path): the multi-process store. Bytes
 * go in and come out one chunk row at a time, so a 100 MB original never sits in memory; a file
 * becomes visible only when its `stored_files` row is written after its last chunk.
 */
export class DatabaseFileStore implements FileStore {
  constructor(
    private readonly db: Db,
    /** Where temporary local copies are made (under the data folder: same disk as the uploads). */
    private readonly scratchDir: string,
  ) {}

  async put(
    content: Buffer | Readable,
    key: string | ((sha256: string) => string),
    options: PutOptions = {},
  ): Promise<StoredFile> {
    if (typeof key === 'string') checkKey(key);
    const contentId = randomUUID();
    const hash = createHash('sha256');
    let bytes = 0;
    try {
      let seq = 0;
      const source = Buffer.isBuffer(content) ? [content] : content;
      for await (const chunk of chunksOf(source)) {
        bytes += chunk.length;
        if (options.maxBytes !== undefined && bytes > options.maxBytes) throw (options.tooLarge ?? tooLargeDefault)();
        hash.update(chunk);
        await this.db
          .insertInto('stored_file_chunks')
          .values({ content_id: contentId, seq: seq++, data: chunk, created_at: nowIso() })
          .execute();
      }
      // @fastify/multipart ends a file at its size limit and marks it truncated instead of failing.
      if ((content as Readable & { truncated?: boolean }).truncated) throw (options.tooLarge ?? tooLargeDefault)();
      const sha256 = hash.digest('hex');
      const stored = { key: checkKey(typeof key === 'string' ? key : key(sha256)), sha256, bytes };
      const inserted = await this.db
        .insertInto('stored_files')
        .values({ key: stored.key, content_id: contentId, sha256, bytes, created_at: nowIso() })
        .onConflict((oc) => oc.column('key').doNothing())
        .executeTakeFirst();
      if (!Number(inserted.numInsertedOrUpdatedRows)) {
        // The same content under its own hash is already there; a fixed key is never overwritten.
        if (typeof key === 'string') throw new Error(`file key taken: ${stored.key}`);
        await this.dropChunks(contentId);
      }
      return stored;
    } catch (error) {
      await this.dropChunks(contentId);
      throw error;
    }
  }

  private async dropChunks(contentId: string): Promise<void> {
    await this.db.deleteFrom('stored_file_chunks').where('content_id', '=', contentId).execute();
  }

  private async row(key: string) {
    if (!validKey(key)) return undefined;
    return this.db.selectFrom('stored_files').selectAll().where('key', '=', key).executeTakeFirst();
  }

  async open(key: string): Promise<Readable | null> {
    const file = await this.row(key);
    if (!file) return null;
    const db = this.db;
    // One chunk per read, pulled only when the consumer wants more (backpressure, bounded memory).
    async function* bytesOf(): AsyncIterable<Buffer> {
      let sent = 0;
      for (let seq = 0; sent < file!.bytes; seq++) {
        const chunk = await db
          .selectFrom('stored_file_chunks')
          .select('data')
          .where('content_id', '=', file!.content_id)
          .where('seq', '=', seq)
          .executeTakeFirst();
        if (!chunk) throw new Error(`stored file ${key} was removed while it was read`);
        sent += chunk.data.length;
        yield Buffer.from(chunk.data);
      }
    }
    return Readable.from(bytesOf(), { objectMode: false });
  }

  async read(key: string): Promise<Buffer> {
    const stream = await this.open(key);
    if (!stream) throw Object.assign(new Error(`no stored file ${key}`), { code: 'ENOENT' });
    const parts: Buffer[] = [];
    for await (const part of stream) parts.push(part as Buffer);
    return Buffer.concat(parts);
  }

  async exists(key: string): Promise<boolean> {
    return !!(await this.row(key));
  }

  async remove(key: string): Promise<void> {
    const file = await this.row(key);
    if (!file) return;
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('stored_files').where('key', '=', key).execute();
      await trx.deleteFrom('stored_file_chunks').where('content_id', '=', file.content_id).execute();
    });
  }

  async localCopy(key: string): Promise<LocalCopy | null> {
    const stream = await this.open(key);
    if (!stream) return null;
    await fsp.mkdir(this.scratchDir, { recursive: true });
    // The copy keeps the key's file name: the ingest engine tells formats by extension.
    const file = path.join(this.scratchDir, `${randomUUID()}-${path.basename(key)}`);
    try {
      await pipeline(stream, fs.createWriteStream(file, { flags: 'wx' }));
    } catch (error) {
      fs.rmSync(file, { force: true });
      throw error;
    }
    return { path: file, release: async () => fs.rmSync(file, { force: true }) };
  }

  async *list(): AsyncIterable<StoredFileEntry> {
    let after = '';
    for (;;) {
      const page = await this.db
        .selectFrom('stored_files')
        .select(['key', 'bytes', 'created_at'])
        .where('key', '>', after)
        .orderBy('key')
        .limit(500)
        .execute();
      for (const r of page) yield { key: r.key, bytes: Number(r.bytes), modifiedAt: new Date(r.created_at) };
      if (page.length < 500) return;
      after = page.at(-1)!.key;
    }
  }

  /** Deletes the chunks of uploads cut short (no file row) and temporary copies, once a day old. */
  async sweep(now = Date.now()): Promise<number> {
    const before = new Date(now - LEFTOVER_AGE_MS).toISOString();
    const result = await this.db
      .deleteFrom('stored_file_chunks')
      .where('created_at', '<', before)
      .where('content_id', 'not in', this.db.selectFrom('stored_files').select('content_id'))
      .executeTakeFirst();
    return Number(result.numDeletedRows) + (await removeOldFiles(this.scratchDir, now));
  }
}
