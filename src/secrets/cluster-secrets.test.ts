import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createTestUser, type TestApp } from '../../test/helpers/test-app.js';
import { dataDirOf } from '../../test/helpers/test-db.js';
import { csrfTokenFor } from '../http/csrf.js';
import { SESSION_COOKIE } from '../http/cookies.js';

const SECRET = 'rahasia-klaster-yang-sama-di-setiap-mesin-0123';

/**
 * Several app machines share a server secret through its setting: with CSRF_SECRET set, a form
 * token made from the setting alone (as another machine with another data folder makes it) is
 * accepted, and one made from the local key file is not.
 */
describe('cluster secrets come from settings', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('sqlite', { CSRF_SECRET: SECRET });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('binds form tokens with CSRF_SECRET, not a per-machine key file', async () => {
    const user = await createTestUser(t.db, ['warga']);
    const session = user.cookie.slice(`${SESSION_COOKIE}=`.length);
    const token = csrfTokenFor(Buffer.from(SECRET, 'utf8'), { session });
    const post = (csrf: string) =>
      t.app.inject({
        method: 'POST',
        url: '/akun/sesi/keluar-lain',
        headers: { cookie: user.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: `_csrf=${csrf}`,
      });
    expect((await post(token)).statusCode).toBe(303);
    // The token of this machine's key file (what the test helper computes) is not the one.
    expect(fs.existsSync(`${dataDirOf(t.db)}/csrf.key`)).toBe(true);
    expect((await post(user.csrf)).statusCode).toBe(403);
  });

  it('refuses a secret shorter than 32 characters', async () => {
    await expect(createTestApp('sqlite', { CSRF_SECRET: 'pendek' })).rejects.toThrow(/CSRF_SECRET/);
  });
});
