import { afterEach, describe, expect, it } from 'vitest';
import { queueAfterCommit, setWarmupLogger, warmupsSettled } from './warmup-queue.js';

describe('work after a commit', () => {
  afterEach(() => {
    setWarmupLogger(() => undefined);
  });

  it('runs after the caller moved on, in commit order, and a failure is logged, not thrown', async () => {
    const seen: string[] = [];
    const errors: unknown[] = [];
    setWarmupLogger((e) => {
      errors.push(e);
    });
    queueAfterCommit('a', async () => {
      seen.push('first');
      throw new Error('solver gone');
    });
    queueAfterCommit('a', async () => {
      seen.push('second');
    });
    seen.push('request answered');
    await warmupsSettled('a');
    expect(seen).toEqual(['request answered', 'first', 'second']);
    expect(errors).toEqual([new Error('solver gone')]);
  });

  it('survives a logger that throws', async () => {
    setWarmupLogger(() => {
      throw new Error('logger down');
    });
    queueAfterCommit('b', async () => {
      throw new Error('x');
    });
    await expect(warmupsSettled()).resolves.toBeUndefined();
  });
});
