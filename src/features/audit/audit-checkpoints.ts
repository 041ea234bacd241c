import fs from 'node:fs';
import path from 'node:path';
import type { Db, DbOrTrx } from '../../storage/database.js';
import { dataFolderOf } from '../../storage/database.js';
import { nowIso } from '../../ids.js';
import { auditKey, hmacHex } from './audit.key.js';
import { canonicalJson } from './audit.service.js';

/** A signed statement of the chain's head at one moment: anyone with the key can check it. */
export interface AuditCheckpoint {
  count: number;
  headHash: string;
  keyedFrom: number;
  at: string;
  signature: string;
}

export interface FoundCheckpoint extends AuditCheckpoint {
  /** The file it was read from (or the feed), so a verdict can name it. */
  source: string;
  line: number;
}

export const CHECKPOINT_FOLDER = 'audit-checkpoints';
const ZERO_HASH = '0'.repeat(64);

const signedText = (c: Omit<AuditCheckpoint, 'signature'>) =>
  canonicalJson(['terbuka-audit-checkpoint', c.count, c.headHash, c.keyedFrom, c.at]);

export const signatureOk = (key: Buffer, c: AuditCheckpoint): boolean => hmacHex(key, signedText(c)) === c.signature;

export function checkpointFolder(db: DbOrTrx): string {
  const dataDir = dataFolderOf(db);
  if (!dataDir) throw new Error('checkpointFolder: this database was not opened by createDatabase');
  return path.join(dataDir, CHECKPOINT_FOLDER);
}

/** The head as it stands now (seq 0 and the zero hash before any entry). */
export async function readAuditHead(db: DbOrTrx): Promise<{ seq: number; hash: string; keyedFrom: number }> {
  const head = await db.selectFrom('audit_head').selectAll().where('id', '=', 1).executeTakeFirst();
  return head
    ? { seq: head.seq, hash: head.hash, keyedFrom: head.keyed_from }
    : { seq: 0, hash: ZERO_HASH, keyedFrom: 1 };
}

/**
 * Signs the current head and appends it to today's file (UTC date, one JSON object a line).
 * The files live in the data folder, outside the database: rewriting the database does not
 * rewrite them, and backups and the public feed carry copies.
 */
export async function writeCheckpoint(db: Db): Promise<AuditCheckpoint> {
  const head = await readAuditHead(db);
  const body = { count: head.seq, headHash: head.hash, keyedFrom: head.keyedFrom, at: nowIso() };
  const checkpoint: AuditCheckpoint = { ...body, signature: hmacHex(auditKey(db), signedText(body)) };
  const folder = checkpointFolder(db);
  fs.mkdirSync(folder, { recursive: true });
  fs.appendFileSync(path.join(folder, `${body.at.slice(0, 10)}.jsonl`), `${JSON.stringify(checkpoint)}\n`);
  return checkpoint;
}

const isCheckpoint = (v: unknown): v is AuditCheckpoint => {
  const c = v as Partial<AuditCheckpoint> | null;
  return (
    !!c &&
    Number.isInteger(c.count) &&
    Number.isInteger(c.keyedFrom) &&
    typeof c.headHash === 'string' &&
    typeof c.at === 'string' &&
    typeof c.signature === 'string'
  );
};

/** Every checkpoint in a folder, oldest file first; a line that is not a checkpoint is reported as forged. */
export function readCheckpoints(folder: string): FoundCheckpoint[] {
  if (!fs.existsSync(folder)) return [];
  const found: FoundCheckpoint[] = [];
  for (const name of fs
    .readdirSync(folder)
    .filter((n) => n.endsWith('.jsonl'))
    .sort()) {
    const source = path.join(folder, name);
    fs.readFileSync(source, 'utf8')
      .split('\n')
      .forEach((text, index) => {
        if (!text.trim()) return;
        let parsed: unknown = null;
        try {
          parsed = JSON.parse(text);
        } catch {
          // Kept as an unreadable checkpoint below: verify reports it rather than skipping it.
        }
        const c = isCheckpoint(parsed) ? parsed : { count: -1, headHash: '', keyedFrom: 0, at: '', signature: '' };
        found.push({ ...c, source, line: index + 1 });
      });
  }
  return found;
}
