import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import { Transform, type Readable } from 'node:stream';
import type { Config } from '../../config/config.js';
import { AppError } from '../../errors.js';
import { newId, nowIso } from '../../ids.js';
import { formatFromName, openRowSource, type SourceFormat } from './row-sources.js';
import { analyse } from './analyse.js';

/**
 * An uploaded (or, from the CLI, copied) original in the data folder, and the first read of it that
 * refuses a file the engine cannot load before anything else is written.
 */

export interface StoredUpload {
  /** Absolute path of the stored original. */
  file: string;
  /** The same, relative to the data folder (what the resource row keeps). */
  relative: string;
  fileName: string;
  size: number;
  hash: string;
}

export const MIME: Record<SourceFormat, string> = {
  csv: 'text/csv',
  tsv: 'text/tab-separated-values',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  json: 'application/json',
};

const safeFileName = (name: string) => path.basename(name).replace(/[^A-Za-z0-9._-]+/g, '_').slice(-120) || 'berkas';

/** Streams an upload into the data folder, with its size (bounded by config.maxUploadBytes) and sha256. */
export async function storeUpload(config: Config, stream: Readable, fileName: string): Promise<StoredUpload> {
  const dir = path.join(config.dataDir, 'uploads', nowIso().slice(0, 7));
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${newId()}-${safeFileName(fileName)}`);
  const hash = createHash('sha256');
  let size = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      if (size > config.maxUploadBytes) return done(new AppError('INGEST_FILE_TOO_LARGE', 413, { maxBytes: config.maxUploadBytes }, { max: Math.round(config.maxUploadBytes / 1048576) }));
      hash.update(chunk);
      done(null, chunk);
    },
  });
  try {
    await pipeline(stream, meter, fs.createWriteStream(file));
    if ((stream as Readable & { truncated?: boolean }).truncated) throw new AppError('INGEST_FILE_TOO_LARGE', 413, { maxBytes: config.maxUploadBytes }, { max: Math.round(config.maxUploadBytes / 1048576) });
  } catch (error) {
    fs.rmSync(file, { force: true });
    throw error;
  }
  return { file, relative: path.relative(config.dataDir, file), fileName, size, hash: 'sha256:' + hash.digest('hex') };
}

/** Copies a local file (the CLI) into the data folder. */
export function storeLocalFile(config: Config, source: string): Promise<StoredUpload> {
  if (!fs.existsSync(source)) throw new AppError('INGEST_FILE_NOT_FOUND', 404, { file: source });
  return storeUpload(config, fs.createReadStream(source), path.basename(source));
}

/** Fails fast (before anything is written) on files that cannot be read: encoding, HTML, zip bomb… */
export async function precheckUpload(upload: StoredUpload, options: { sheet?: string; wilayahColumn?: string }): Promise<SourceFormat> {
  const format = formatFromName(upload.fileName);
  if (!format) throw new AppError('INGEST_UNSUPPORTED_FORMAT', 415, { fileName: upload.fileName });
  await analyse(openRowSource(upload.file, format, { sheet: options.sheet || undefined }), { wilayahColumn: options.wilayahColumn || undefined });
  return format;
}

export function originalPath(config: Pick<Config, 'dataDir'>, r: { original_file: string | null }): string | null {
  if (!r.original_file) return null;
  const full = path.resolve(config.dataDir, r.original_file);
  return full.startsWith(path.resolve(config.dataDir) + path.sep) && fs.existsSync(full) ? full : null;
}
