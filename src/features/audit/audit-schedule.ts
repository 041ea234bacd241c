import type { Db } from '../../storage/database.js';
import { type AuditCheckpoint, writeCheckpoint } from './audit-checkpoints.js';

const HOUR = 60 * 60 * 1000;

/**
 * Signs the head when the server starts and then every hour when it moved (or a new day began,
 * so each daily file has one). Returns the stop function for shutdown.
 */
export function scheduleCheckpoints(db: Db, onError: (error: unknown) => void, everyMs = HOUR): () => void {
  let last: AuditCheckpoint | null = null;
  const tick = async () => {
    try {
      const head = await db.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirst();
      const today = new Date().toISOString().slice(0, 10);
      if (last && head && last.count === head.seq && last.headHash === head.hash && last.at.startsWith(today)) return;
      last = await writeCheckpoint(db);
    } catch (error) {
      onError(error);
    }
  };
  void tick();
  const timer = setInterval(() => void tick(), everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
