import type { DbOrTrx } from '../storage/database.js';
import type { JobQueue } from './job-queue.js';

/**
 * The queue of a database handle, set once by the composition root (src/app/compose.ts). Keyed
 * by the query adapter, which Kysely hands on to every transaction, so a service holding only a
 * transaction finds it too (as `dataFolderOf` does).
 */
const queues = new WeakMap<object, JobQueue>();

export function setJobQueue(db: DbOrTrx, queue: JobQueue): void {
  queues.set(db.getExecutor().adapter, queue);
}

export function jobQueueOf(db: DbOrTrx): JobQueue {
  const queue = queues.get(db.getExecutor().adapter);
  if (!queue) throw new Error('jobQueueOf: no job queue composed for this database (src/app/compose.ts)');
  return queue;
}
