import { Worker } from 'node:worker_threads';
import { AppError, type ErrorDetails } from '../../errors.js';
import type { BulkBatch } from '../../storage/dialects/bulk-load.js';
import type { Analysis } from './analyse.js';
import type { IssueLog } from './quality.js';
import type { SourceFormat } from './row-sources.js';
import type { LoadCounts, LoaderSourceInfo } from './row-loader.js';
import { unpackRows, type PackedRows } from './packed-rows.js';
import { plainWorkerExecArgv, workerExecArgv, workerBundle } from '../../worker-bundle.js';

/** Batches a worker may post before the loading thread has taken them (bounds memory). */
export const MAX_BATCHES_IN_FLIGHT = 2;

export interface WorkerInput {
  file: string;
  format: SourceFormat;
  sheet?: string;
  analysis: Omit<Analysis, 'log' | 'samples'>;
  log: Pick<IssueLog, 'counts' | 'issues' | 'truncated'>;
  knownCodes: string[];
  sourceInfo: LoaderSourceInfo;
}

export type WorkerMessage =
  | { type: 'progress'; fraction: number }
  | { type: 'batch'; batch: PackedRows }
  | { type: 'done'; result: LoadCounts }
  | {
      type: 'error';
      error: { code: string; status: number; details?: ErrorDetails; params: Record<string, string | number> };
    };

/**
 * Runs the load pass's reading and converting (RowLoader) on a worker thread, so that on SQLite
 * — where inserting runs on this thread — parsing and inserting use two cores. Yields the row
 * batches; `result` settles with the counts once the worker is done. Stopping the iteration
 * early (an insert failed) terminates the worker.
 */
export function rowsOffThread(
  input: WorkerInput,
  onProgress?: (fraction: number) => void,
): { batches: AsyncIterable<BulkBatch>; result: Promise<LoadCounts> } {
  let settle!: { resolve: (r: LoadCounts) => void; reject: (e: unknown) => void };
  const result = new Promise<LoadCounts>((resolve, reject) => (settle = { resolve, reject }));
  result.catch(() => undefined);
  async function* batches(): AsyncGenerator<BulkBatch> {
    // A small young generation: the worker's garbage is short-lived, and the ingest has a memory budget.
    const resourceLimits = { maxYoungGenerationSizeMb: 8 };
    const bundle = await workerBundle(new URL('./load-worker.ts', import.meta.url));
    const worker = bundle
      ? new Worker(bundle, { workerData: input, resourceLimits, execArgv: plainWorkerExecArgv() })
      : new Worker(new URL('./load-worker-entry.mjs', import.meta.url), {
          workerData: input,
          resourceLimits,
          execArgv: workerExecArgv(),
        });
    const queue: WorkerMessage[] = [];
    let notify: (() => void) | null = null;
    let failure: unknown = null;
    const push = (m: WorkerMessage) => {
      queue.push(m);
      notify?.();
      notify = null;
    };
    worker.on('message', push);
    worker.on('error', (error) =>
      push({
        type: 'error',
        error: { code: 'INGEST_FAILED', status: 500, details: { reason: error.message }, params: {} },
      }),
    );
    worker.on('exit', (code) => {
      if (code !== 0)
        push({
          type: 'error',
          error: { code: 'INGEST_FAILED', status: 500, details: { reason: `worker exited with ${code}` }, params: {} },
        });
    });
    try {
      for (;;) {
        if (queue.length === 0) await new Promise<void>((resolve) => (notify = resolve));
        const m = queue.shift()!;
        if (m.type === 'progress') onProgress?.(m.fraction);
        else if (m.type === 'batch') {
          worker.postMessage('ack');
          yield unpackRows(m.batch);
        } else if (m.type === 'done') {
          settle.resolve(m.result);
          return;
        } else {
          failure = new AppError(m.error.code, m.error.status, m.error.details, m.error.params);
          throw failure;
        }
      }
    } catch (error) {
      failure = error;
      settle.reject(error);
      throw error;
    } finally {
      // Also reached when the consumer stops early (an insert failed): stop reading.
      settle.reject(failure ?? new Error('stopped'));
      await worker.terminate();
    }
  }
  return { batches: batches(), result };
}
