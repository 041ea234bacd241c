import os from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Db, DbOrTrx } from '../storage/database.js';
import { newId, nowIso } from '../ids.js';
import type { JobState, JobTable } from './job.table.js';
import type { JobDefinition, JobOptions, JobQueue, JobRow, ScheduleSpec } from './job-queue.js';
import { nextRunAfter } from './schedule.js';

export interface QueueSettings {
  /** How long a lease lasts without a heartbeat (the heartbeat renews it every third of that). */
  leaseMs: number;
  pollMs: number;
  onError: (error: unknown, what: string) => void;
}

const plus = (ms: number) => new Date(Date.now() + ms).toISOString();
const message = (error: unknown) => (error instanceof Error ? `${error.name}: ${error.message}` : String(error));

function rowOf(r: JobTable): JobRow {
  return {
    id: r.id,
    name: r.name,
    state: r.state,
    payload: JSON.parse(r.payload_json) as Record<string, unknown>,
    attempts: Number(r.attempts),
    maxAttempts: Number(r.max_attempts),
    runAt: r.run_at,
    leaseUntil: r.lease_until,
    lockedBy: r.locked_by,
    lastError: r.last_error,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    finishedAt: r.finished_at,
  };
}

/** `host:pid:random`: lets a process on the same host see that the holder of a lease is gone. */
function workerIdentity(): string {
  return `${os.hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
}

/** Whether the lease holder is a process of this host that no longer exists (then its lease is void now). */
function holderIsDead(lockedBy: string | null): boolean {
  if (!lockedBy) return false;
  const [host, pid] = lockedBy.split(':');
  if (host !== os.hostname() || !pid || Number(pid) === process.pid) return false;
  try {
    process.kill(Number(pid), 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/**
 * The queue on a `jobs` table, through Kysely, identical on SQLite and PostgreSQL. Every state
 * change is a compare-and-swap UPDATE (`WHERE id = ? AND state = ?`), which one writer wins on
 * both databases (PostgreSQL re-checks the condition after the row lock), so a job runs once
 * however many processes poll. See docs/ARCHITECTURE.md "Background jobs" for why this is not
 * pg-boss or graphile-worker.
 */
export class TableJobQueue implements JobQueue {
  readonly workerId = workerIdentity();
  private readonly definitions = new Map<string, JobDefinition>();
  private readonly schedules = new Map<string, ScheduleSpec>();
  private readonly running = new Set<Promise<unknown>>();
  private timer: NodeJS.Timeout | undefined;
  private polling: Promise<void> | undefined;

  constructor(
    private readonly db: Db,
    private readonly settings: QueueSettings,
  ) {}

  register(name: string, definition: JobDefinition): void {
    this.definitions.set(name, definition);
  }

  schedule(name: string, spec: ScheduleSpec): void {
    this.schedules.set(name, spec);
  }

  async enqueue(name: string, payload: Record<string, unknown>, options: JobOptions = {}, trx: DbOrTrx = this.db) {
    if (options.singletonKey) {
      const seen = await trx
        .selectFrom('jobs')
        .select('id')
        .where('singleton_key', '=', options.singletonKey)
        .executeTakeFirst();
      if (seen) return null;
    }
    const id = newId();
    const now = nowIso();
    const inserted = await trx
      .insertInto('jobs')
      .values({
        id,
        name,
        payload_json: JSON.stringify(payload),
        state: 'queued',
        singleton_key: options.singletonKey ?? null,
        attempts: 0,
        max_attempts: options.maxAttempts ?? this.definitions.get(name)?.maxAttempts ?? 3,
        run_at: options.runAt ?? now,
        lease_until: null,
        locked_by: null,
        last_error: null,
        created_at: now,
        updated_at: now,
        finished_at: null,
      })
      // Two processes racing on one key: the unique index lets one row in, the other is a no-op.
      .onConflict((oc) => oc.column('singleton_key').doNothing())
      .executeTakeFirst();
    return Number(inserted.numInsertedOrUpdatedRows ?? 0n) ? id : null;
  }

  async claimHere(name: string, payload: Record<string, unknown>, options: { id?: string; trx?: DbOrTrx }) {
    const id = options.id ?? newId();
    const now = nowIso();
    await (options.trx ?? this.db)
      .insertInto('jobs')
      .values({
        id,
        name,
        payload_json: JSON.stringify(payload),
        state: 'running',
        singleton_key: null,
        attempts: 1,
        max_attempts: this.definitions.get(name)?.maxAttempts ?? 1,
        run_at: now,
        lease_until: plus(this.settings.leaseMs),
        locked_by: this.workerId,
        last_error: null,
        created_at: now,
        updated_at: now,
        finished_at: null,
      })
      .execute();
    return id;
  }

  async runClaimed<T>(id: string, work: () => Promise<T>): Promise<T> {
    const beat = setInterval(() => void this.heartbeat(id), Math.max(50, this.settings.leaseMs / 3));
    beat.unref();
    const task = (async () => {
      try {
        const result = await work();
        await this.finish(id, 'done', null);
        return result;
      } catch (error) {
        await this.finish(id, 'failed', message(error));
        throw error;
      } finally {
        clearInterval(beat);
      }
    })();
    this.track(task);
    return task;
  }

  private track(task: Promise<unknown>) {
    const quiet = task.catch(() => undefined);
    this.running.add(quiet);
    void quiet.finally(() => this.running.delete(quiet));
  }

  private async heartbeat(id: string) {
    try {
      await this.db
        .updateTable('jobs')
        .set({ lease_until: plus(this.settings.leaseMs), updated_at: nowIso() })
        .where('id', '=', id)
        .where('state', '=', 'running')
        .where('locked_by', '=', this.workerId)
        .execute();
    } catch (error) {
      this.settings.onError(error, 'job heartbeat failed');
    }
  }

  /** Ends this worker's run; a run cancelled meanwhile stays cancelled. */
  private async finish(id: string, outcome: 'done' | 'failed', error: string | null) {
    const row = await this.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
    if (row?.state !== 'running' || row.locked_by !== this.workerId) return;
    const retry = outcome === 'failed' && Number(row.attempts) < Number(row.max_attempts);
    const now = nowIso();
    await this.db
      .updateTable('jobs')
      .set({
        state: retry ? 'queued' : outcome,
        // Back off a little before the next attempt: 2^attempts seconds.
        run_at: retry ? plus(2 ** Number(row.attempts) * 1000) : row.run_at,
        lease_until: null,
        locked_by: null,
        last_error: error,
        updated_at: now,
        finished_at: retry ? null : now,
      })
      .where('id', '=', id)
      .where('state', '=', 'running')
      .where('locked_by', '=', this.workerId)
      .execute();
  }

  /** Claims one due job by compare-and-swap; null when none is due or another process won each. */
  private async claimNext(): Promise<JobTable | null> {
    const names = [...this.definitions.keys()];
    if (!names.length) return null;
    const now = nowIso();
    const due = await this.db
      .selectFrom('jobs')
      .selectAll()
      .where('state', '=', 'queued')
      .where('run_at', '<=', now)
      .where('name', 'in', names)
      .orderBy('run_at')
      .limit(5)
      .execute();
    for (const job of due) {
      const won = await this.db
        .updateTable('jobs')
        .set((eb) => ({
          state: 'running',
          attempts: eb('attempts', '+', 1),
          lease_until: plus(this.settings.leaseMs),
          locked_by: this.workerId,
          updated_at: now,
        }))
        .where('id', '=', job.id)
        .where('state', '=', 'queued')
        .executeTakeFirst();
      if (Number(won.numUpdatedRows)) return { ...job, attempts: Number(job.attempts) + 1, state: 'running' };
    }
    return null;
  }

  private async runOne(job: JobTable): Promise<void> {
    const definition = this.definitions.get(job.name);
    if (!definition) return;
    const payload = JSON.parse(job.payload_json) as Record<string, unknown>;
    await this.runClaimed(job.id, () => definition.handler(payload, { id: job.id, attempt: job.attempts })).catch(
      (error: unknown) => this.settings.onError(error, `job ${job.name} failed`),
    );
  }

  /** Lapsed leases (or holders that died on this host): retried while attempts remain, else failed. */
  async reap(): Promise<number> {
    const now = nowIso();
    const held = await this.db.selectFrom('jobs').selectAll().where('state', '=', 'running').execute();
    let reaped = 0;
    for (const job of held) {
      if (!(job.lease_until && job.lease_until < now) && !holderIsDead(job.locked_by)) continue;
      const final = Number(job.attempts) >= Number(job.max_attempts);
      const won = await this.db
        .updateTable('jobs')
        .set({
          state: final ? 'failed' : 'queued',
          lease_until: null,
          locked_by: null,
          last_error: 'lease expired: the process running the job stopped',
          updated_at: now,
          finished_at: final ? now : null,
        })
        .where('id', '=', job.id)
        .where('state', '=', 'running')
        .where('locked_by', '=', job.locked_by)
        .executeTakeFirst();
      if (!Number(won.numUpdatedRows)) continue;
      reaped++;
      const lost = this.definitions.get(job.name)?.onLeaseLost;
      if (lost)
        await lost(JSON.parse(job.payload_json), { id: job.id, attempt: Number(job.attempts), final }).catch(
          (e: unknown) => this.settings.onError(e, `cleaning up after job ${job.name} failed`),
        );
    }
    return reaped;
  }

  /** Each due schedule advances by compare-and-swap; the process whose swap wins enqueues the run. */
  async fireSchedules(): Promise<void> {
    const now = new Date();
    for (const [name, spec] of this.schedules) {
      const row = await this.db.selectFrom('job_schedules').selectAll().where('name', '=', name).executeTakeFirst();
      if (!row) {
        // First sight: due now, so a fresh install runs it once at start.
        await this.db
          .insertInto('job_schedules')
          .values({ name, next_run_at: now.toISOString(), last_run_at: null })
          .onConflict((oc) => oc.column('name').doNothing())
          .execute();
        continue;
      }
      if (row.next_run_at > now.toISOString()) continue;
      const won = await this.db
        .updateTable('job_schedules')
        .set({ next_run_at: nextRunAfter(spec, now), last_run_at: now.toISOString() })
        .where('name', '=', name)
        .where('next_run_at', '=', row.next_run_at)
        .executeTakeFirst();
      if (Number(won.numUpdatedRows))
        await this.enqueue(name, {}, { singletonKey: `schedule:${name}:${row.next_run_at}` });
    }
  }

  private async pollOnce(): Promise<void> {
    await this.reap();
    await this.fireSchedules();
    for (;;) {
      const job = await this.claimNext();
      if (!job) return;
      await this.runOne(job);
    }
  }

  start(): void {
    if (this.timer) return;
    const tick = () => {
      if (this.polling) return;
      this.polling = this.pollOnce()
        .catch((error: unknown) => this.settings.onError(error, 'job polling failed'))
        .finally(() => {
          this.polling = undefined;
        });
    };
    tick();
    this.timer = setInterval(tick, this.settings.pollMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.polling;
    while (this.running.size) await Promise.all(this.running);
  }

  async settled(): Promise<void> {
    await this.polling;
    while (this.running.size) await Promise.all(this.running);
  }

  async runDue(): Promise<number> {
    await this.settled();
    let ran = 0;
    for (;;) {
      const job = await this.claimNext();
      if (!job) return ran;
      await this.runOne(job);
      ran++;
    }
  }

  async list(filter: { state?: JobState; name?: string; limit?: number } = {}): Promise<JobRow[]> {
    let query = this.db
      .selectFrom('jobs')
      .selectAll()
      .orderBy('created_at', 'desc')
      .limit(filter.limit ?? 100);
    if (filter.state) query = query.where('state', '=', filter.state);
    if (filter.name) query = query.where('name', '=', filter.name);
    return (await query.execute()).map(rowOf);
  }

  async get(id: string): Promise<JobRow | undefined> {
    const row = await this.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? rowOf(row) : undefined;
  }

  async retry(id: string): Promise<JobRow> {
    await this.db
      .updateTable('jobs')
      .set({
        state: 'queued',
        attempts: 0,
        run_at: nowIso(),
        last_error: null,
        finished_at: null,
        updated_at: nowIso(),
      })
      .where('id', '=', id)
      .where('state', 'in', ['failed', 'cancelled'])
      .execute();
    return this.mustGet(id);
  }

  async cancel(id: string): Promise<JobRow> {
    const now = nowIso();
    await this.db
      .updateTable('jobs')
      .set({ state: 'cancelled', finished_at: now, updated_at: now, lease_until: null, locked_by: null })
      .where('id', '=', id)
      .where('state', 'in', ['queued', 'running'])
      .execute();
    return this.mustGet(id);
  }

  private async mustGet(id: string): Promise<JobRow> {
    const row = await this.get(id);
    if (!row) throw new JobNotFound(id);
    return row;
  }
}

export class JobNotFound extends Error {
  constructor(readonly id: string) {
    super(`no job ${id}`);
  }
}
