import { parentPort, workerData } from 'node:worker_threads';
import { AppError } from '../../errors.js';
import { IssueLog } from './quality.js';
import { PackedRowsWriter, transferables } from './packed-rows.js';
import { openRowSource } from './row-sources.js';
import { RowLoader } from './row-loader.js';
import { MAX_BATCHES_IN_FLIGHT, type LoadCounts, type WorkerInput, type WorkerMessage } from './off-thread-rows.js';

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
  const analysis = { ...input.analysis, log: IssueLog.from(input.log) };
  const writer = new PackedRowsWriter();
  const rows = new RowLoader(analysis, new Set(input.knownCodes), writer, input.padShortRows, input.estimatedRows);
  for await (const piece of source.chunks((fraction) => post({ type: 'progress', fraction }))) {
    if ('rows' in piece) for (const cells of piece.rows) rows.cells(cells);
    else rows.lines(piece.bytes, piece.start, piece.end, piece.delimiter);
    if (writer.rows === 0) continue;
    if (credits === 0) await new Promise<void>((resolve) => (wake = resolve));
    credits--;
    const batch = writer.take();
    post({ type: 'batch', batch }, transferables(batch));
  }
  rows.release();
  const { counts, issues, truncated } = analysis.log;
  const result: LoadCounts = {
    rowNo: rows.rowNo, loaded: rows.loaded, excluded: rows.excluded, missing: rows.missing, mismatches: rows.mismatches,
    unknownCodes: [...rows.unknownCodes], log: { counts, issues, truncated },
  };
  post({ type: 'done', result });
} catch (error) {
  if (error instanceof AppError) post({ type: 'error', error: { code: error.code, status: error.status, details: error.details, params: error.params } });
  else post({ type: 'error', error: { code: 'INGEST_FAILED', status: 500, details: { reason: error instanceof Error ? error.message : String(error) }, params: {} } });
}
