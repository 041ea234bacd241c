import { Worker } from 'node:worker_threads';
import type SqliteDatabase from 'better-sqlite3';
import { plainWorkerExecArgv } from '../../worker-bundle.js';

/** SQLite's default: a commit checkpoints once the log holds this many pages. */
const AUTOCHECKPOINT_PAGES = 1000;

/** Runs one PASSIVE checkpoint of `file` on a worker thread. */
function checkpointOnWorker(file: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./sqlite-checkpoint.worker.mjs', import.meta.url), {
      workerData: { file },
      execArgv: plainWorkerExecArgv(),
    });
    worker.once('error', reject);
    worker.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`checkpoint worker exited with ${code}`)),
    );
  });
}

/**
 * Checkpoints of the write-ahead log around bulk loads. While any load runs, commits on the main
 * connection do not checkpoint (a load commits with syncing off, and its pages must not reach the
 * database file unsynced). After a big load the log (~100 MB for a million rows) is copied into
 * the database file on a worker thread with its own connection, which syncs as usual, instead of
 * in the next commit here, where it would block every request for a few hundred ms; commits
 * resume checkpointing once that copy is done.
 */
export class BackgroundCheckpoints {
  /** Bulk loads under way. */
  private holds = 0;
  /** A finished big load wants the log copied. */
  private wanted = false;
  private running: Promise<void> | null = null;

  constructor(
    private readonly connection: SqliteDatabase.Database,
    private readonly file: string,
  ) {}

  /** Before a bulk load. */
  hold(): void {
    this.holds++;
    this.connection.pragma('wal_autocheckpoint = 0');
  }

  /**
   * After a bulk load; `inBackground` when it was big enough to copy its log off this thread.
   * Resolves when any background copy has ended.
   */
  release(inBackground: boolean): Promise<void> {
    this.holds = Math.max(0, this.holds - 1);
    if (inBackground && this.file !== ':memory:') this.wanted = true;
    if (this.wanted && !this.running) this.running = this.copyLog();
    this.resumeIfIdle();
    return this.settled();
  }

  /** Resolves once no background copy is running. */
  async settled(): Promise<void> {
    while (this.running) await this.running;
  }

  private async copyLog(): Promise<void> {
    // A failed checkpoint is not an error of anything the user did: once commits checkpoint
    // again, the next one copies the log as usual.
    while (this.wanted && this.connection.open) {
      this.wanted = false;
      await checkpointOnWorker(this.file).catch(() => undefined);
    }
    this.running = null;
    this.resumeIfIdle();
  }

  private resumeIfIdle(): void {
    if (this.holds === 0 && !this.running && this.connection.open)
      this.connection.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`);
  }
}
