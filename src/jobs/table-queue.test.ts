import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/helpers/test-db.js';
import { DIALECTS } from '../../test/helpers/test-env.js';
import { createDatabase, type Storage } from '../storage/database.js';
import { TableJobQueue } from './table-queue.js';

const quiet = { pollMs: 50, onError: () => undefined };

describe.each(DIALECTS)('the job queue (%s)', (dialect) => {
  let t: TestDatabase;
  // A second handle on the same database: another app process, as far as the queue can tell.
  let other: Storage;
  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    other = createDatabase(t.config);
  });
  afterAll(async () => {
    await other.close();
    await t.destroy();
  });

  it('runs a job once, keeps an idempotency key to one job, retries a failure, then fails it visibly', async () => {
    const q = new TableJobQueue(t.storage.db, { ...quiet, leaseMs: 10_000 });
    const seen: unknown[] = [];
    q.register('test.echo', { handler: async (payload) => void seen.push(payload['n']) });
    let tries = 0;
    q.register('test.flaky', {
      maxAttempts: 2,
      handler: async () => {
        tries++;
        throw new Error('boom');
      },
    });
    expect(await q.enqueue('test.echo', { n: 1 }, { singletonKey: 'echo-1' })).toBeTruthy();
    expect(await q.enqueue('test.echo', { n: 1 }, { singletonKey: 'echo-1' })).toBeNull();
    const flaky = (await q.enqueue('test.flaky', {}))!;
    await q.runDue();
    expect(seen).toEqual([1]);
    // The first failure waits out its back-off; pull it forward instead of sleeping.
    await t.storage.db
      .updateTable('jobs')
      .set({ run_at: new Date(0).toISOString() })
      .where('id', '=', flaky)
      .execute();
    await q.runDue();
    expect(tries).toBe(2);
    expect(await q.get(flaky)).toMatchObject({ state: 'failed', attempts: 2, lastError: 'Error: boom' });
    expect((await q.list({ state: 'failed' })).map((j) => j.id)).toContain(flaky);
    // Retried by hand, attempts start over; a cancelled job does not run.
    expect(await q.retry(flaky)).toMatchObject({ state: 'queued', attempts: 0 });
    expect(await q.cancel(flaky)).toMatchObject({ state: 'cancelled' });
    await q.runDue();
    expect(tries).toBe(2);
  });

  it('retries a job whose lease lapsed (its process stopped beating), and says why on the last try', async () => {
    const dead = new TableJobQueue(t.storage.db, { ...quiet, leaseMs: 1 });
    const alive = new TableJobQueue(other.db, { ...quiet, leaseMs: 10_000 });
    const lost: boolean[] = [];
    let ran = 0;
    for (const q of [dead, alive])
      q.register('test.lease', {
        maxAttempts: 2,
        handler: async () => void ran++,
        onLeaseLost: async (_p, ctx) => void lost.push(ctx.final),
      });
    // A run taken and never finished, as if its process were killed: no heartbeat renews it.
    const id = await dead.claimHere('test.lease', {}, {});
    await new Promise((r) => setTimeout(r, 5));
    expect(await alive.reap()).toBe(1);
    expect(lost).toEqual([false]);
    expect(await alive.get(id)).toMatchObject({ state: 'queued', lastError: expect.stringContaining('lease expired') });
    await alive.runDue();
    expect(ran).toBe(1);
    expect(await alive.get(id)).toMatchObject({ state: 'done', attempts: 2 });

    // With no attempt left, the lapsed job fails for good.
    const once = await dead.claimHere('test.lease', {}, {});
    await t.storage.db.updateTable('jobs').set({ max_attempts: 1 }).where('id', '=', once).execute();
    await new Promise((r) => setTimeout(r, 5));
    await alive.reap();
    expect(lost).toEqual([false, true]);
    expect(await alive.get(once)).toMatchObject({ state: 'failed', finishedAt: expect.any(String) });
  });

  it('runs each job exactly once with two workers on two connections polling at the same time', async () => {
    const runs = new Map<string, number>();
    const workers = [t.storage.db, other.db].map((db) => {
      const q = new TableJobQueue(db, { ...quiet, leaseMs: 10_000 });
      q.register('test.count', {
        handler: async (_p, ctx) => {
          runs.set(ctx.id, (runs.get(ctx.id) ?? 0) + 1);
          await new Promise((r) => setImmediate(r));
        },
      });
      return q;
    });
    const ids: string[] = [];
    for (let i = 0; i < 40; i++) ids.push((await workers[0]!.enqueue('test.count', { i }))!);
    await Promise.all(workers.map((q) => q.runDue()));
    expect([...runs.keys()].sort()).toEqual([...ids].sort());
    expect([...runs.values()].every((n) => n === 1)).toBe(true);
  });

  it('fires a schedule once across two workers, and not again before its next time', async () => {
    let fired = 0;
    const workers = [t.storage.db, other.db].map((db) => {
      const q = new TableJobQueue(db, { ...quiet, leaseMs: 10_000 });
      q.register('test.hourly', { handler: async () => void fired++ });
      q.schedule('test.hourly', { everyMinutes: 60 });
      return q;
    });
    // First sight records the schedule as due now; the next reaps race to fire it.
    await Promise.all(workers.map((q) => q.fireSchedules()));
    await Promise.all(workers.map((q) => q.fireSchedules()));
    await Promise.all(workers.map((q) => q.runDue()));
    await Promise.all(workers.map((q) => q.fireSchedules()));
    await Promise.all(workers.map((q) => q.runDue()));
    expect(fired).toBe(1);
    const row = await t.storage.db
      .selectFrom('job_schedules')
      .selectAll()
      .where('name', '=', 'test.hourly')
      .executeTakeFirstOrThrow();
    expect(row.next_run_at > new Date().toISOString()).toBe(true);
  });
});
