import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/helpers/test-env.js';
import { createTestApp, createTestUser, type TestApp } from '../../test/helpers/test-app.js';
import { DEFAULT_TIME_ZONE, localDateTime, setTimeZone } from './local-time.js';

describe.each(DIALECTS)('an app with TIME_ZONE=Asia/Makassar (%s)', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect, { TIME_ZONE: 'Asia/Makassar', LOGIN_MAX_ATTEMPTS: '3' });
  });
  afterAll(async () => {
    await t?.close();
    setTimeZone(DEFAULT_TIME_ZONE);
  });

  it('tells a locked-out user the local time in WITA, an hour after WIB', async () => {
    const user = await createTestUser(t.db, ['warga']);
    const login = () =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: user.email, password: 'salah-sandi-123' },
      });
    for (let i = 0; i < 2; i++) await login();
    const locked = (await login()).json().error;
    expect(locked.code).toBe('ACCOUNT_LOCKED');
    const until = locked.details.lockedUntil as string;
    expect(locked.message).toContain(`dikunci sampai ${localDateTime(until, 'Asia/Makassar')}`);
    expect(localDateTime(until, 'Asia/Makassar')).toMatch(/ WITA$/);
    const wib = localDateTime(until, 'Asia/Jakarta');
    expect(
      Date.parse(localDateTime(until, 'Asia/Makassar').slice(0, 16).replace(' ', 'T') + 'Z') -
        Date.parse(wib.slice(0, 16).replace(' ', 'T') + 'Z'),
    ).toBe(3600_000);
  });
});
