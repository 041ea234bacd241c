import type { Db } from '../../storage/database.js';
import { auditKey } from './audit.key.js';
import { entryHash } from './audit.service.js';
import {
  type FoundCheckpoint,
  checkpointFolder,
  readAuditHead,
  readCheckpoints,
  signatureOk,
} from './audit-checkpoints.js';

export type BrokenReason =
  | 'hash_mismatch'
  | 'link_mismatch'
  | 'sequence_gap'
  | 'head_mismatch'
  | 'checkpoint_forged'
  | 'checkpoint_ahead'
  | 'checkpoint_mismatch';

export interface VerifyResult {
  ok: boolean;
  checked: number;
  /** How many signed checkpoints the chain was compared with. */
  checkpoints: number;
  /** The first entry whose hash or link does not match, when not ok. */
  brokenAt?: { seq: number; reason: BrokenReason; checkpoint?: FoundCheckpoint };
}

/**
 * Recomputes the whole chain, in pages (plain sha256 before `keyed_from`, the HMAC from there),
 * then compares it with every signed checkpoint in the data folder: a checkpoint counting more
 * entries than the table holds, or whose head hash differs from the entry at its count, means
 * rows were removed or the chain was rebuilt after it was signed.
 * `extraFolders`: more folders of checkpoint files, e.g. the copy beside a backup.
 */
export async function verifyAuditChain(
  db: Db,
  options: { pageSize?: number; extraFolders?: string[] } = {},
): Promise<VerifyResult> {
  const pageSize = options.pageSize ?? 1000;
  const key = auditKey(db);
  const head = await readAuditHead(db);
  // Copies kept elsewhere (a backup's, a mirror of the feed) count as much as the data folder's.
  const checkpoints = [checkpointFolder(db), ...(options.extraFolders ?? [])].flatMap(readCheckpoints);
  const verdict = (checked: number, brokenAt?: VerifyResult['brokenAt']): VerifyResult =>
    brokenAt
      ? { ok: false, checked, checkpoints: checkpoints.length, brokenAt }
      : { ok: true, checked, checkpoints: checkpoints.length };
  for (const c of checkpoints) {
    if (!signatureOk(key, c))
      return verdict(0, { seq: Math.max(c.count, 0), reason: 'checkpoint_forged', checkpoint: c });
  }
  const wanted = new Map<number, FoundCheckpoint[]>();
  for (const c of checkpoints) wanted.set(c.count, [...(wanted.get(c.count) ?? []), c]);
  const hashAt = new Map<number, string>([[0, '0'.repeat(64)]]);

  let prevHash = '0'.repeat(64);
  let expectedSeq = 1;
  let checked = 0;
  for (;;) {
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>=', expectedSeq)
      .orderBy('seq')
      .limit(pageSize)
      .execute();
    for (const row of rows) {
      if (row.seq !== expectedSeq) return verdict(checked, { seq: expectedSeq, reason: 'sequence_gap' });
      if (row.prev_hash !== prevHash) return verdict(checked, { seq: row.seq, reason: 'link_mismatch' });
      if (entryHash(row, row.seq >= head.keyedFrom ? key : null) !== row.hash)
        return verdict(checked, { seq: row.seq, reason: 'hash_mismatch' });
      if (wanted.has(row.seq)) hashAt.set(row.seq, row.hash);
      prevHash = row.hash;
      expectedSeq++;
      checked++;
    }
    if (rows.length < pageSize) break;
  }
  for (const c of checkpoints) {
    if (c.count > checked) return verdict(checked, { seq: checked + 1, reason: 'checkpoint_ahead', checkpoint: c });
    if (hashAt.get(c.count) !== c.headHash || c.keyedFrom !== head.keyedFrom)
      return verdict(checked, { seq: c.count, reason: 'checkpoint_mismatch', checkpoint: c });
  }
  if (head.seq !== checked || head.hash !== prevHash)
    return verdict(checked, { seq: head.seq, reason: 'head_mismatch' });
  return verdict(checked);
}
