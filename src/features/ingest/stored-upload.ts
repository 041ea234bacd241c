import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { Config } from '../../config/config.js';
import { AppError } from '../../errors.js';
import { fileStoreOf } from '../../files/file-store.js';
import { uploadKey } from '../../files/file-layouts.js';
import { formatFromName, openRowSource, type SourceFormat } from './row-sources.js';
import { analyse } from './analyse.js';

/**
 * An uploaded (or, from the CLI, copied) original in the data folder, and the first read of it that
 * refuses a file the engine cannot load before anything else is written.
 */

export interface StoredUpload {
  /**
   * The original as a local path for the ingest engine: the stored file itself on the local store,
   * a temporary copy on the database store (until `release`).
   */
  file: string;
  /** The original's key in the file store (what the resource row keeps). */
  relative: string;
  fileName: string;
  size: number;
  hash: string;
  /** Drops the temporary local copy once the load is over (the stored original stays). */
  release(): Promise<void>;
  /** Removes the stored original too: the upload was refused. */
  discard(): Promise<void>;
}

export const MIME: Record<SourceFormat, string> = {
  csv: 'text/csv',
  tsv: 'text/tab-separated-values',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  json: 'application/json',
};

/** The answer to a dataset file over MAX_UPLOAD_MB. */
export const uploadTooLarge = (config: Config) =>
  new AppError(
    'INGEST_FILE_TOO_LARGE',
    413,
    { maxBytes: config.maxUploadBytes },
    { max: Math.round(config.maxUploadBytes / 1048576) },
  );

/** Streams an upload into the file store, with its size (bounded by config.maxUploadBytes) and sha256. */
export async function storeUpload(config: Config, stream: Readable, fileName: string): Promise<StoredUpload> {
  const store = fileStoreOf(config.dataDir);
  const stored = await store.put(stream, uploadKey(fileName), {
    maxBytes: config.maxUploadBytes,
    tooLarge: () => uploadTooLarge(config),
  });
  const copy = await store.localCopy(stored.key);
  if (!copy) throw new Error(`stored upload ${stored.key} is gone`);
  let released = false;
  const release = async () => {
    if (released) return;
    released = true;
    await copy.release();
  };
  return {
    file: copy.path,
    relative: stored.key,
    fileName,
    size: stored.bytes,
    hash: 'sha256:' + stored.sha256,
    release,
    async discard() {
      await release();
      await store.remove(stored.key);
    },
  };
}

/** Copies a local file (the CLI) into the data folder. */
export function storeLocalFile(config: Config, source: string): Promise<StoredUpload> {
  if (!fs.existsSync(source)) throw new AppError('INGEST_FILE_NOT_FOUND', 404, { file: source });
  return storeUpload(config, fs.createReadStream(source), path.basename(source));
}

/** Fails fast (before anything is written) on files that cannot be read: encoding, HTML, zip bomb… */
export async function precheckUpload(
  upload: StoredUpload,
  options: { sheet?: string; wilayahColumn?: string },
): Promise<SourceFormat> {
  const format = formatFromName(upload.fileName);
  if (!format) throw new AppError('INGEST_UNSUPPORTED_FORMAT', 415, { fileName: upload.fileName });
  await analyse(openRowSource(upload.file, format, { sheet: options.sheet || undefined }), {
    wilayahColumn: options.wilayahColumn || undefined,
  });
  return format;
}

/** A stream of a resource's stored original; null when it has none (or the file is gone). */
export async function openOriginal(
  config: Pick<Config, 'dataDir'>,
  r: { original_file: string | null },
): Promise<Readable | null> {
  return r.original_file ? fileStoreOf(config.dataDir).open(r.original_file) : null;
}
