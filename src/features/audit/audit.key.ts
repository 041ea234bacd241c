import { createHmac } from 'node:crypto';
import type { Db, DbOrTrx } from '../../storage/database.js';
import { dataFolderOf } from '../../storage/database.js';
import { secretKey } from '../../secrets/key-file.js';

export const AUDIT_KEY_FILE = 'audit-chain.key';

/** Keyed like dataFolderOf: by the query adapter a database shares with its transactions. */
const secrets = new WeakMap<object, string | null>();
const keys = new WeakMap<object, Buffer>();
const handleOf = (db: DbOrTrx): object => db.getExecutor().adapter;

/** The composition root records AUDIT_SECRET for the database (empty: the key file is used). */
export function registerAuditSecret(db: Db, secret: string | null): void {
  secrets.set(handleOf(db), secret);
  keys.delete(handleOf(db));
}

/**
 * The HMAC key of the audit chain: AUDIT_SECRET, or `audit-chain.key` made once in the data
 * folder. Never in the database, so whoever can write the database cannot rebuild the chain.
 */
export function auditKey(db: DbOrTrx): Buffer {
  const handle = handleOf(db);
  const cached = keys.get(handle);
  if (cached) return cached;
  const dataDir = dataFolderOf(db);
  if (!dataDir) throw new Error('auditKey: this database was not opened by createDatabase');
  const key = secretKey(secrets.get(handle) ?? null, dataDir, AUDIT_KEY_FILE);
  keys.set(handle, key);
  return key;
}

export const hmacHex = (key: Buffer, text: string): string => createHmac('sha256', key).update(text).digest('hex');
