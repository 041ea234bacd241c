import { afterAll, beforeAll, vi } from 'vitest';
import { createTestDatabase, type TestDatabase } from './test-db.js';
import type { DialectName } from './test-env.js';

/**
 * For tests that run a CLI command in-process: a test database the command finds through the
 * environment (as `terbuka …` would), console output collected in `out`, stderr silenced, and the
 * environment restored afterwards. Call it inside a describe block.
 */
export function cliTestEnv(dialect: DialectName): { readonly t: TestDatabase; out: string[] } {
  const env = { t: undefined as unknown as TestDatabase, out: [] as string[] };
  const saved = { ...process.env };
  beforeAll(async () => {
    env.t = await createTestDatabase(dialect);
    process.env.TERBUKA_DATA_DIR = env.t.config.dataDir;
    process.env.DATABASE_URL = env.t.config.databaseUrl ?? '';
    process.env.LOG_LEVEL = 'silent';
    process.env.BASE_URL = 'http://localhost:3000';
    vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void env.out.push(args.join(' ')));
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    process.env = saved;
    await env.t.destroy();
  });
  return env;
}
