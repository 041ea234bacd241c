import { parentPort, workerData } from 'node:worker_threads';
import { AppError } from '../../errors.js';
import { IssueLog } from './quality.js';
import { PackedRowsWriter, transferables } from './packed-rows.js';
import { openRowSource } from './row-sources.js';
import { RowLoader } from './row-loader.js';
import { MAX_BATCHES_IN_FLIGHT, type WorkerInput, type WorkerMessage } from './off-thread-rows.js';

// The worker side of off-thread-rows.ts: reads and converts the file, posting row batches.
const input = workerData as WorkerInput;
const port = parentPort!;
const post = (message: WorkerMessage, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);
let credits = MAX_BATCHES_IN_FLIGHT;
let wake: (() => void) | null = null;
port.on('message', (message: unknown) => {
  if (message !== 'ack') return;
  credits++;
  wake?.();
  wake = null;
});

try {
  const source = openRowSource(input.file, input.format, { sheet: input.sheet });
  const analysis = { ...input.analysis, log: IssueLog.from(input.log), samples: [] };
  const writer = new PackedRowsWriter();
  const rows = new RowLoader(analysis, new Set(input.knownCodes), writer, input.sourceInfo);
  for await (const batch of rows.load(source, (fraction) => post({ type: 'progress', fraction }))) {
    if (credits === 0) await new Promise<void>((resolve) => (wake = resolve));
    credits--;
    post({ type: 'batch', batch }, transferables(batch));
  }
  const result = rows.counts();
  post({ type: 'done', result });
} catch (error) {
  if (error instanceof AppError)
    post({
      type: 'error',
      error: { code: error.code, status: error.status, details: error.details, params: error.params },
    });
  else
    post({
      type: 'error',
      error: {
        code: 'INGEST_FAILED',
        status: 500,
        details: { reason: error instanceof Error ? error.message : String(error) },
        params: {},
      },
    });
}
