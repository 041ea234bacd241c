import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/helpers/test-env.js';
import { createTestApp, createTestUser, TEST_PASSWORD, type TestApp } from '../../test/helpers/test-app.js';
import { buildApp } from '../app/build-app.js';
import { createDatabase, type Storage } from '../storage/database.js';

/**
 * Two app instances, each with its own connection pool, on one database: what two app
 * processes behind a load balancer are. Login rate limits and account lockouts must hold across them.
 */
describe.each(DIALECTS)('rate limits and lockouts shared by two app processes (%s)', (dialect) => {
  let t: TestApp;
  let second: { app: FastifyInstance; storage: Storage };
  beforeAll(async () => {
    t = await createTestApp(dialect, { LOGIN_RATE_PER_MINUTE: '4', LOGIN_MAX_ATTEMPTS: '3' });
    const storage = createDatabase(t.config);
    second = { storage, app: await buildApp({ config: t.config, storage, logger: pino({ level: 'silent' }) }) };
    await second.app.ready();
  });
  afterAll(async () => {
    await second?.app.close();
    await second?.storage.db.destroy();
    await t?.close();
  });

  const login = (app: FastifyInstance, email: string, password: string, remoteAddress: string) =>
    app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress, payload: { email, password } });

  it('counts one client’s login attempts on both processes together', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await login(i % 2 ? second.app : t.app, `acak${i}@contoh.id`, 'salah-sandi-123', '198.51.100.7');
      statuses.push(res.statusCode);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 429, 429]);
    // Another client is not affected, and the counters keep no client address.
    expect((await login(second.app, 'lain@contoh.id', 'salah-sandi-123', '198.51.100.8')).statusCode).toBe(401);
    const keys = await t.db.selectFrom('rate_limits').select('key').execute();
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.every((k) => /^[0-9a-f]{64}$/.test(k.key))).toBe(true);
  });

  it('starts a new window when the old one has ended', async () => {
    const ip = '198.51.100.20';
    for (let i = 0; i < 4; i++) await login(t.app, `jendela${i}@contoh.id`, 'salah-sandi-123', ip);
    expect((await login(second.app, 'jendela@contoh.id', 'salah-sandi-123', ip)).statusCode).toBe(429);
    await t.db
      .updateTable('rate_limits')
      .set({ resets_at: Date.now() - 1 })
      .execute();
    expect((await login(second.app, 'jendela@contoh.id', 'salah-sandi-123', ip)).statusCode).toBe(401);
  });

  it('locks an account after failures spread over both processes', async () => {
    const user = await createTestUser(t.db, ['warga']);
    // A different client address each time: only the per-account lockout can stop this.
    expect((await login(t.app, user.email, 'salah-sandi-123', '203.0.113.1')).statusCode).toBe(401);
    expect((await login(second.app, user.email, 'salah-sandi-123', '203.0.113.2')).statusCode).toBe(401);
    const third = await login(t.app, user.email, 'salah-sandi-123', '203.0.113.3');
    expect(third.json().error.code).toBe('ACCOUNT_LOCKED');
    const right = await login(second.app, user.email, TEST_PASSWORD, '203.0.113.4');
    expect(right.statusCode).toBe(429);
    expect(right.json().error.code).toBe('ACCOUNT_LOCKED');
  });
});
