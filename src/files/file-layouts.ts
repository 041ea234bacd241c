import path from 'node:path';
import { newId, nowIso } from '../ids.js';
import { fileStoreOf } from './file-store.js';

/**
 * The three kinds of stored file and their keys in the file store. These are the folders files
 * were written to before the store existed, so files already on disk keep being found.
 */

/** Forum documents and end-of-commitment evidence: by content hash, so the same file is kept once. */
export const documentKey = (sha256: string): string => {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error('bad hash');
  return `files/${sha256.slice(0, 2)}/${sha256}`;
};

/** Milestone evidence: one file per evidence row, named by the row's id. */
export const evidenceKey = (evidenceId: string): string => `evidence/${evidenceId}`;

const safeFileName = (name: string) =>
  path
    .basename(name)
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .slice(-120) || 'berkas';

/**
 * Dataset originals: by upload month, a fresh id and a safe form of the file name. The resource
 * row keeps this key (`resources.original_file`, relative to the data folder).
 */
export const uploadKey = (fileName: string): string =>
  `uploads/${nowIso().slice(0, 7)}/${newId()}-${safeFileName(fileName)}`;

/** Stores a document once under its content hash and returns the hash (what the rows keep). */
export async function storeDocument(dataDir: string, data: Buffer): Promise<string> {
  return (await fileStoreOf(dataDir).put(data, documentKey)).sha256;
}

export function readDocument(dataDir: string, sha256: string): Promise<Buffer> {
  return fileStoreOf(dataDir).read(documentKey(sha256));
}
