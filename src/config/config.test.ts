import { describe, expect, it } from 'vitest';
import { loadConfig, ConfigError } from './config.js';

describe('configuration', () => {
  it('has working defaults: SQLite under ./data, port 3000, Indonesian', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.databaseUrl).toBeNull();
    expect(config.dataDir.endsWith('/data')).toBe(true);
    expect(config.defaultLocale).toBe('id');
    expect(config.baseUrl).toBe('http://127.0.0.1:3000');
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('listens on this machine only unless told otherwise (HOST or --host)', () => {
    expect(loadConfig({}).host).toBe('127.0.0.1');
    expect(loadConfig({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
  });

  it('links to BASE_URL when set, else to where the server listens', () => {
    expect(loadConfig({ BASE_URL: 'https://data.madiunkota.go.id/', PORT: '8080' }).baseUrl).toBe(
      'https://data.madiunkota.go.id',
    );
    expect(loadConfig({ PORT: '8080' }).baseUrl).toBe('http://127.0.0.1:8080');
    expect(loadConfig({ PORT: '8080', HOST: '10.0.0.5' }).baseUrl).toBe('http://10.0.0.5:8080');
    expect(loadConfig({ PORT: '8080', HOST: '0.0.0.0' }).baseUrl).toBe('http://localhost:8080');
    expect(loadConfig({ PORT: '8080', HOST: '::1' }).baseUrl).toBe('http://[::1]:8080');
  });

  it('switches to PostgreSQL when DATABASE_URL is set', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@127.0.0.1:5432/x' }).databaseUrl).toBe(
      'postgres://u@127.0.0.1:5432/x',
    );
  });

  it('refuses bad values with a message naming the setting', () => {
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(ConfigError);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ OGP_JURISDICTION_CODE: 'md' })).toThrow(/OGP_JURISDICTION_CODE/);
  });
});

describe('TRUST_PROXY', () => {
  it('takes a hop count or a list of proxy addresses and CIDR ranges; off by default', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: '127.0.0.1, 10.0.0.0/8,::1,fd00::/8,loopback' }).trustProxy).toEqual([
      '127.0.0.1',
      '10.0.0.0/8',
      '::1',
      'fd00::/8',
      'loopback',
    ]);
  });

  it('refuses `true` with a message that says why and what to give instead', () => {
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(ConfigError);
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(
      /TRUST_PROXY: `true` trusts any X-Forwarded-For .* number of proxies in front, e\.g\. 1, or their addresses/,
    );
  });

  it('names an entry that is not an address or range', () => {
    expect(() => loadConfig({ TRUST_PROXY: '127.0.0.1,proxy.local' })).toThrow(/TRUST_PROXY: .*"proxy\.local"/);
    expect(() => loadConfig({ TRUST_PROXY: '10.0.0.0/33' })).toThrow(/"10\.0\.0\.0\/33"/);
    expect(() => loadConfig({ TRUST_PROXY: '99' })).toThrow(/at most 20/);
  });
});
