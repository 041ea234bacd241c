import type { Db } from '../storage/database.js';
import { sha256 } from '../ids.js';
import './rate-limit.table.js';

type Callback = (error: Error | null, result?: { current: number; ttl: number }) => void;

/** How often (at most) a process deletes the windows that have ended. */
const SWEEP_EVERY_MS = 60_000;

/**
 * A @fastify/rate-limit store whose counters live in the database (`rate_limits`), so every app
 * process on one database counts the same requests: a client cannot spread its login attempts
 * over the processes behind a load balancer. One atomic upsert per request counts the hit and
 * starts a new window when the old one has ended; windows that ended are deleted at most once a
 * minute per process. Each route (the plugin makes a child store per route) counts apart, as the
 * memory store did. Only the plain fixed window is supported (no continueExceeding or backoff,
 * which no route uses).
 */
export function databaseRateLimitStore(db: Db) {
  const sweep = { last: 0 };
  return class DatabaseRateLimitStore {
    /** The plugin passes its options (unused here); children get the route they count for. */
    constructor(
      _options?: unknown,
      private readonly namespace = '',
    ) {}

    incr(key: string, callback: Callback, timeWindow: number, _max?: number): void {
      const now = Date.now();
      hit(db, sha256(`${this.namespace}\n${key}`), now, timeWindow).then(
        (row) => callback(null, { current: row.hits, ttl: Math.max(0, row.resets_at - now) }),
        (error: Error) => callback(error),
      );
      if (now - sweep.last > SWEEP_EVERY_MS) {
        sweep.last = now;
        // Best effort: a failed sweep only leaves rows the next one removes.
        db.deleteFrom('rate_limits')
          .where('resets_at', '<', now)
          .execute()
          .catch(() => {});
      }
    }

    // The plugin passes the route's merged limit options, whose `routeInfo` is the route (its
    // published type says RouteOptions, which is not what arrives).
    child(options: object): DatabaseRateLimitStore {
      const info = (options as { routeInfo?: { method?: string | string[]; url?: string } }).routeInfo ?? {};
      return new DatabaseRateLimitStore(undefined, `${String(info.method ?? '')} ${info.url ?? ''}`);
    }
  };
}

/** Counts one hit in the key's window (a new window when the last one ended) and returns the window. */
function hit(db: Db, key: string, now: number, timeWindow: number) {
  return db
    .insertInto('rate_limits')
    .values({ key, hits: 1, resets_at: now + timeWindow })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet((eb) => ({
        hits: eb
          .case()
          .when('rate_limits.resets_at', '<=', now)
          .then(1)
          .else(eb('rate_limits.hits', '+', 1))
          .end(),
        resets_at: eb
          .case()
          .when('rate_limits.resets_at', '<=', now)
          .then(now + timeWindow)
          .else(eb.ref('rate_limits.resets_at'))
          .end(),
      })),
    )
    .returning(['hits', 'resets_at'])
    .executeTakeFirstOrThrow();
}
