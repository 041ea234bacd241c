import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/helpers/test-env.js';
import { createTestApp, type TestApp } from '../../test/helpers/test-app.js';

const HSTS = 'max-age=31536000; includeSubDomains';

describe.each(DIALECTS)('Strict-Transport-Security (%s)', (dialect) => {
  let proxied: TestApp;
  let direct: TestApp;
  beforeAll(async () => {
    proxied = await createTestApp(dialect, { TRUST_PROXY: '1' });
    direct = await createTestApp(dialect);
  });
  afterAll(async () => {
    await proxied?.close();
    await direct?.close();
  });

  it('is set on pages and API answers served over HTTPS through a trusted proxy', async () => {
    for (const url of ['/', '/api/v1/me', '/healthz']) {
      const res = await proxied.app.inject({ url, headers: { 'x-forwarded-proto': 'https' } });
      expect(res.headers['strict-transport-security']).toBe(HSTS);
    }
  });

  it('is not set over plain HTTP, nor when an untrusted client claims HTTPS', async () => {
    expect((await proxied.app.inject({ url: '/' })).headers['strict-transport-security']).toBeUndefined();
    const claimed = await direct.app.inject({ url: '/', headers: { 'x-forwarded-proto': 'https' } });
    expect(claimed.headers['strict-transport-security']).toBeUndefined();
  });
});
