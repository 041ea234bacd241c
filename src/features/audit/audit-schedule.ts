import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../../storage/database.js';
import {
  type AuditCheckpoint,
  checkpointFolder,
  readAuditHead,
  readCheckpoints,
  writeCheckpoint,
} from './audit-checkpoints.js';

/**
 * The hourly scheduled job `audit.checkpoint` (and the one run at server start): signs the head
 * when it moved since today's last checkpoint, or when today has none yet (so each daily file has
 * one). The queue runs the schedule once across all processes; comparing with the file makes a
 * second run in the same hour (a restart) a no-op.
 */
export async function checkpointIfMoved(db: Db): Promise<AuditCheckpoint | null> {
  const head = await readAuditHead(db);
  const today = new Date().toISOString().slice(0, 10);
  const file = path.join(checkpointFolder(db), `${today}.jsonl`);
  const last = fs.existsSync(file)
    ? readCheckpoints(checkpointFolder(db))
        .filter((c) => c.source === file)
        .at(-1)
    : undefined;
  if (last && last.count === head.seq && last.headHash === head.hash) return null;
  return writeCheckpoint(db);
}
