/**
 * Work that follows a commit of indicator values without holding up the request: the linked-table
 * protection of the group is computed and stored for every process (protection-store.ts), and the
 * history entries behind numbers hidden now are marked (indicator-value-history.ts). Jobs of one
 * indicator run one after another, in commit order, each a turn after the request answered; an
 * error is logged and never reaches the request or crashes the process. The stored protection is
 * written only when complete, so a crash mid-way leaves nothing half-done; the next read computes.
 */
type Logger = (error: unknown) => void;

const pending = new Map<string, Promise<void>>();
let logError: Logger = (error) => {
  console.error('protection warm-up failed', error);
};

/** Where failed jobs are reported (the app's logger; set by the composition root, src/app/compose.ts). */
export function setWarmupLogger(logger: Logger): void {
  logError = logger;
}

export function queueAfterCommit(key: string, job: () => Promise<void>): void {
  const previous = pending.get(key) ?? Promise.resolve();
  const next = previous
    .then(() => new Promise<void>((resolve) => setImmediate(resolve)))
    .then(job)
    .catch((error: unknown) => {
      try {
        logError(error);
      } catch {
        /* a logger must not crash the process */
      }
    });
  pending.set(key, next);
  void next.then(() => {
    if (pending.get(key) === next) pending.delete(key);
  });
}

/** Resolves when the queued jobs of `key` (of every key when none given) have finished. */
export async function warmupsSettled(key?: string): Promise<void> {
  for (;;) {
    const jobs = key === undefined ? [...pending.values()] : [pending.get(key)].filter((p) => p !== undefined);
    if (!jobs.length) return;
    await Promise.all(jobs);
    if (key !== undefined && !pending.has(key)) return;
  }
}
