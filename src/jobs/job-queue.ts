import type { DbOrTrx } from '../storage/database.js';
import type { JobState } from './job.table.js';

/**
 * The one durable queue for work outside a request (ingest loads, derivations, mail, digests,
 * reminders, sweeps). Jobs hold a LEASE renewed by a heartbeat while they run; a job whose lease
 * lapsed (its process died) is retried up to `maxAttempts`, then failed, visibly (`terbuka jobs`,
 * /admin/jobs). Schedules fire once across every process sharing the database.
 */
export interface JobOptions {
  /** ISO instant; default now. */
  runAt?: string;
  /** An idempotency key: a second job with the same key is not enqueued (enqueue returns null). */
  singletonKey?: string;
  /** Runs before the job fails for good (lapsed leases count); default 3. */
  maxAttempts?: number;
}

export interface JobContext {
  id: string;
  /** 1 on the first run. */
  attempt: number;
}

export type JobHandler = (payload: Record<string, unknown>, ctx: JobContext) => Promise<void>;

export interface JobDefinition {
  handler: JobHandler;
  maxAttempts?: number;
  /**
   * Called once (by whichever process reaps it) when a run of this job was lost with its process:
   * the place to mark the domain's own rows (an ingest job, say) as failed.
   */
  onLeaseLost?: (payload: Record<string, unknown>, ctx: JobContext & { final: boolean }) => Promise<void>;
}

/** `everyMinutes` fires on aligned boundaries (hourly = 60 fires at hh:00); `dailyAt` is local time (TIME_ZONE). */
export type ScheduleSpec = { everyMinutes: number } | { dailyAt: string };

export interface JobRow {
  id: string;
  name: string;
  state: JobState;
  payload: Record<string, unknown>;
  attempts: number;
  maxAttempts: number;
  runAt: string;
  leaseUntil: string | null;
  lockedBy: string | null;
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
}

export interface JobQueue {
  register(name: string, definition: JobDefinition): void;
  /** A job `name` (registered) enqueued by this schedule, once per due time across all processes. */
  schedule(name: string, spec: ScheduleSpec): void;
  /** In `trx` when given, so the job exists only if the change that wants it commits. */
  enqueue(name: string, payload: Record<string, unknown>, options?: JobOptions, trx?: DbOrTrx): Promise<string | null>;
  /**
   * Runs `work` in this process as job `name`, holding a lease with a heartbeat like any worker:
   * if the process dies, the lapsed lease is reaped (and `onLeaseLost` called) by any other
   * process or the next start. The job row is written in `trx` when given (with the change that
   * needs it) and its lease begins then.
   */
  claimHere(name: string, payload: Record<string, unknown>, options: { id?: string; trx?: DbOrTrx }): Promise<string>;
  runClaimed<T>(id: string, work: () => Promise<T>): Promise<T>;
  list(filter?: { state?: JobState; name?: string; limit?: number }): Promise<JobRow[]>;
  get(id: string): Promise<JobRow | undefined>;
  /** A failed or cancelled job runs again (attempts start over). */
  retry(id: string): Promise<JobRow>;
  /** A queued job will not run; a running one keeps its run but its outcome is not recorded and it is not retried. */
  cancel(id: string): Promise<JobRow>;
  /** Reaps lapsed leases (retried or failed, `onLeaseLost` called); returns how many. Every poll and the sweep call it. */
  reap(): Promise<number>;
  /** Enqueues the runs of schedules that are due (once across processes). Every poll calls it. */
  fireSchedules(): Promise<void>;
  /** Polls for due jobs (reaping and firing schedules first) until stop(). */
  start(): void;
  stop(): Promise<void>;
  /** Resolves when the runs this process started (its own loads, polled jobs) have ended. */
  settled(): Promise<void>;
  /** Runs every due job (and what they enqueue) here and now; returns how many ran (tests, `jobs retry --now`). */
  runDue(): Promise<number>;
}
