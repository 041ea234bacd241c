import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/helpers/test-env.js';
import { createTestApp, type TestApp } from '../../test/helpers/test-app.js';

// The finding: with TRUST_PROXY=true the left-most X-Forwarded-For entry (written by the client)
// was the client's IP, so rotating it gave every login attempt a fresh rate-limit bucket.
describe.each(DIALECTS)('TRUST_PROXY and the login rate limit (%s)', (dialect) => {
  for (const setting of ['1', '127.0.0.1,10.0.0.0/8']) {
    describe(`TRUST_PROXY=${setting}`, () => {
      let t: TestApp;
      beforeAll(async () => {
        t = await createTestApp(dialect, { TRUST_PROXY: setting, LOGIN_RATE_PER_MINUTE: '3' });
      });
      afterAll(async () => {
        await t?.close();
      });

      // inject() comes from 127.0.0.1, the proxy, which appends the address it saw last.
      const login = (n: number, client: string) =>
        t.app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          headers: { 'x-forwarded-for': `198.51.100.${n}, ${client}` },
          payload: { email: `orang${n}@contoh.id`, password: 'salah-sandi-123' },
        });

      it('limits a client however it rotates the X-Forwarded-For it sends, and only that client', async () => {
        const codes: number[] = [];
        for (let n = 1; n <= 6; n++) codes.push((await login(n, '203.0.113.7')).statusCode);
        expect(codes).toEqual([401, 401, 401, 429, 429, 429]);
        const limited = await login(7, '203.0.113.7');
        expect(limited.json().error.code).toBe('RATE_LIMITED');
        // Another client behind the same proxy keeps its own allowance.
        expect((await login(8, '203.0.113.8')).statusCode).toBe(401);
      });
    });
  }
});
