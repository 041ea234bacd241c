/** The durable queue's rows (migration 2026_12_04_1000_create_jobs; src/jobs/table-queue.ts). */
export type JobState = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

export const JOB_STATES: readonly JobState[] = ['queued', 'running', 'done', 'failed', 'cancelled'];

export interface JobTable {
  id: string;
  name: string;
  payload_json: string;
  state: JobState;
  /** Unique: a job with the same key is enqueued once (an idempotency key). */
  singleton_key: string | null;
  attempts: number;
  max_attempts: number;
  run_at: string;
  /** While running: until when the worker holds it; its heartbeat moves this forward. */
  lease_until: string | null;
  /** `host:pid:random` of the process that holds the lease. */
  locked_by: string | null;
  last_error: string | null;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
}

export interface JobScheduleTable {
  name: string;
  next_run_at: string;
  last_run_at: string | null;
}

declare module '../storage/schema.js' {
  interface Database {
    jobs: JobTable;
    job_schedules: JobScheduleTable;
  }
}
