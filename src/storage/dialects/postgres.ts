import pg from 'pg';
import { PostgresDialect, sql } from 'kysely';
import type { DialectAdapter } from './dialect.js';
import { escapeLike } from '../like-pattern.js';
import { postgresBulkLoader } from './bulk-load-postgres.js';
import { postgresArchive } from './archive-postgres.js';

// Make pg return the same JS types better-sqlite3 does: numbers for counts and numerics,
// ISO text for dates.
pg.types.setTypeParser(20, (v) => Number(v)); // int8
pg.types.setTypeParser(1700, (v) => Number(v)); // numeric
pg.types.setTypeParser(1082, (v) => v); // date

export interface PostgresAdapter extends DialectAdapter {
  readonly name: 'postgres';
  readonly pool: pg.Pool;
}

export function createPostgresAdapter(url: string, poolSize: number): PostgresAdapter {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  pool.on('error', () => {
    /* an idle client died; the pool replaces it on next use */
  });
  return {
    name: 'postgres',
    pool,
    bulkLoader: postgresBulkLoader({ pool }),
    kyselyDialect: new PostgresDialect({ pool }),
    containsInsensitive: (column, needle) =>
      sql<boolean>`${sql.ref(column)} ilike ${'%' + escapeLike(needle) + '%'} escape '\\'`,
    isUniqueViolation: (e) => pgCode(e) === '23505',
    isForeignKeyViolation: (e) => pgCode(e) === '23503',
    exclusively: (name, work) => withAdvisoryLock(url, name, work),
    archive: postgresArchive,
    describe: () => `PostgreSQL ${url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@')}`,
    async close() {
      if (!pool.ended) await pool.end();
    },
  };
}

/**
 * A session-level advisory lock, on a client outside the pool so `work` keeps every pooled
 * connection (a pool of one would otherwise wait for itself). Blocks until the holder releases it
 * or its process dies, which ends its session and so frees the lock.
 */
async function withAdvisoryLock<T>(url: string, name: string, work: () => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => {
    /* the session is gone and the lock with it; `work` goes on, and its own queries report any outage */
  });
  await client.connect();
  try {
    await client.query('select pg_advisory_lock(hashtextextended($1, 0))', [name]);
    return await work();
  } finally {
    await client.end();
  }
}

function pgCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null ? (error as { code?: string }).code : undefined;
}
