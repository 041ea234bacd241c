import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { plainWorkerExecArgv, workerBundle } from './worker-bundle.js';

describe('worker bundles', () => {
  it('bundles a TypeScript worker entry into plain JavaScript that runs without tsx', async () => {
    const url = await workerBundle(new URL('./features/ingest/load-worker.ts', import.meta.url));
    expect(url).not.toBeNull();
    const file = fileURLToPath(url!);
    expect(file).toMatch(/node_modules\/\.cache\/terbuka\/load-worker\.[0-9a-f]{16}\.mjs$/);
    const manifest = JSON.parse(fs.readFileSync(file.replace(/\.[0-9a-f]{16}\.mjs$/, '.json'), 'utf8')) as {
      inputs: Record<string, unknown>;
    };
    expect(Object.keys(manifest.inputs)).toContain('src/features/ingest/row-loader.ts');
    // Built once per process: the second call returns the same bundle.
    expect((await workerBundle(new URL('./features/ingest/load-worker.ts', import.meta.url)))!.href).toBe(url!.href);
    // Without workerData the worker fails on its input: what matters is that the module loads.
    const worker = new Worker(url!, {
      execArgv: plainWorkerExecArgv(),
      workerData: {
        file: '/nonexistent.csv',
        format: 'csv',
        analysis: {},
        log: { counts: {}, issues: [], truncated: false },
        knownCodes: [],
        padShortRows: false,
        estimatedRows: 0,
      },
    });
    const message = await new Promise<{ type: string }>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    await worker.terminate();
    expect(message.type).toBe('error');
  });

  it('gives null for an entry that cannot be built, so the caller can start the worker the slow way', async () => {
    expect(await workerBundle(new URL('./no-such-worker.ts', import.meta.url))).toBeNull();
  });

  it("drops module loader options and the main thread's young-generation size from the worker options", () => {
    const saved = process.execArgv;
    Object.defineProperty(process, 'execArgv', {
      value: ['--max-semi-space-size=16', '--import', 'tsx', '--max-old-space-size=512', '--loader=x'],
      configurable: true,
    });
    try {
      expect(plainWorkerExecArgv()).toEqual(['--max-old-space-size=512']);
    } finally {
      Object.defineProperty(process, 'execArgv', { value: saved, configurable: true });
    }
  });
});
