/** One rate-limit window of one client on one route (http/rate-limit-store.ts). */
export interface RateLimitTable {
  /** sha256 of route and client key, so client addresses are not kept in the database. */
  key: string;
  hits: number;
  /** When the window ends, in epoch milliseconds. */
  resets_at: number;
}

declare module '../storage/schema.js' {
  interface Database {
    rate_limits: RateLimitTable;
  }
}
