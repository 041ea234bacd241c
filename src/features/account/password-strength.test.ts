import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/helpers/test-env.js';
import {
  cookiesFrom,
  createTestApp,
  createTestUser,
  csrfFromHtml,
  TEST_PASSWORD,
  type TestApp,
} from '../../../test/helpers/test-app.js';
import { passwordProblem } from './password.js';
import { issueOneTimeToken } from './account.service.js';

const FORM = 'application/x-www-form-urlencoded';

describe('the password strength estimator (zxcvbn-ts)', () => {
  it('refuses guessable passwords that the old list let through, and says why', async () => {
    expect(await passwordProblem('Password12', 'budi@contoh.id')).toBe('account.password.guessable.common');
    expect(await passwordProblem('abcdefghij', 'budi@contoh.id')).toBe('account.password.guessable.sequences');
    expect(await passwordProblem('qwertyuiop123', 'budi@contoh.id')).toMatch(/^account\.password\.guessable/);
    expect(await passwordProblem('sutrisnowibowo', 's.w@contoh.id', 'Sutrisno Wibowo')).toBe(
      'account.password.guessable.userInputs',
    );
  });

  it('accepts a few uncommon words', async () => {
    expect(await passwordProblem('pecel-madiun-enak', 'budi@contoh.id')).toBeNull();
    expect(await passwordProblem(TEST_PASSWORD, 'budi@contoh.id')).toBeNull();
  });
});

describe.each(DIALECTS)('weak passwords are refused everywhere a password is set (%s)', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('refuses Password12 and abcdefghij at registration, in the user’s language, and creates nobody', async () => {
    for (const [password, id, en] of [
      ['Password12', 'sering dipakai orang', 'Many people use this password'],
      ['abcdefghij', 'berisi urutan karakter', 'it has a sequence of characters'],
    ] as const) {
      const email = `lemah-${password.toLowerCase()}@contoh.id`;
      const register = (lang: string) =>
        t.app.inject({
          method: 'POST',
          url: '/api/v1/auth/register',
          headers: { 'accept-language': lang },
          payload: { email, name: 'Warga Uji', password },
        });
      const inId = await register('id');
      expect(inId.statusCode).toBe(422);
      expect(JSON.stringify(inId.json().error)).toContain(id);
      expect(JSON.stringify((await register('en')).json().error)).toContain(en);
      expect(await t.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst()).toBeUndefined();
    }
  });

  it('refuses them on a password change and a reset, keeping the old password', async () => {
    const user = await createTestUser(t.db, ['warga']);
    const change = await t.app.inject({
      method: 'POST',
      url: '/akun/sandi',
      headers: { cookie: user.cookie, accept: 'text/html', 'content-type': FORM },
      payload: new URLSearchParams({
        _csrf: user.csrf,
        current: TEST_PASSWORD,
        password: 'Password12',
        passwordConfirm: 'Password12',
      }).toString(),
    });
    expect(change.statusCode).toBe(422);
    expect(change.body).toContain('sering dipakai orang');
    const token = await issueOneTimeToken(t.db, 'password_reset', user.id, 1);
    const page = await t.app.inject({ url: `/atur-sandi/${token}`, headers: { accept: 'text/html' } });
    expect(page.statusCode).toBe(200);
    const reset = await t.app.inject({
      method: 'POST',
      url: `/atur-sandi/${token}`,
      headers: { cookie: `${cookiesFrom(page)}; terbuka_lang=en`, accept: 'text/html', 'content-type': FORM },
      payload: new URLSearchParams({
        _csrf: csrfFromHtml(page.body),
        password: 'abcdefghij',
        passwordConfirm: 'abcdefghij',
      }).toString(),
    });
    expect(reset.statusCode).toBe(422);
    expect(reset.body).toContain('it has a sequence of characters');
    const login = (password: string) =>
      t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: user.email, password } });
    expect((await login(TEST_PASSWORD)).statusCode).toBe(200);
  });
});
