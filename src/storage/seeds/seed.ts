import type { Db } from '../database.js';

/** A named, idempotent seed step; run() returns a one-line summary of what it added. */
export interface Seed {
  name: string;
  run(db: Db): Promise<string>;
}
