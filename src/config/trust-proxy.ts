import { isIP } from 'node:net';
import { z } from 'zod';

/**
 * TRUST_PROXY: off, the number of proxies in front, or their addresses — never "trust every hop".
 * With `true`, Fastify takes the left-most X-Forwarded-For entry, which the client writes itself:
 * rotating it gave every login attempt a fresh address and walked past the login rate limit.
 */
export type TrustProxy = false | number | string[];

/** proxy-addr's names for the private ranges, accepted as list entries. */
const RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);
const MAX_HOPS = 20;

const REFUSED_TRUE =
  '`true` trusts any X-Forwarded-For a client sends (so it can dodge the login rate limit): give the number of ' +
  'proxies in front, e.g. 1, or their addresses, e.g. 127.0.0.1,10.0.0.0/8';

function isProxyAddress(entry: string): boolean {
  if (RANGE_NAMES.has(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (!family || rest.length) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

export const trustProxySetting = z.string().transform((raw, ctx): TrustProxy => {
  const value = raw.trim();
  if (value === '' || value === 'false' || value === '0') return false;
  if (value === 'true') {
    ctx.addIssue({ code: 'custom', message: REFUSED_TRUE });
    return z.NEVER;
  }
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    if (hops <= MAX_HOPS) return hops;
    ctx.addIssue({ code: 'custom', message: `a hop count is at most ${MAX_HOPS}` });
    return z.NEVER;
  }
  const entries = value.split(',').map((e) => e.trim());
  const bad = entries.filter((e) => !isProxyAddress(e));
  if (bad.length === 0) return entries;
  ctx.addIssue({
    code: 'custom',
    message: `not a proxy address or CIDR range: ${bad.map((b) => JSON.stringify(b)).join(', ')}`,
  });
  return z.NEVER;
});

/**
 * The setting as Fastify's `trustProxy` option. A hop count becomes proxy-addr's `(addr, hop)`
 * function (trust the nearest N hops), as Express does: Fastify 5.12 refuses to read any header
 * for a bare number, since it cannot check the immediate peer — which is why HOST stays 127.0.0.1
 * (or a private interface) behind a proxy, and why a list of addresses is the stricter choice.
 */
export function fastifyTrustProxy(
  setting: TrustProxy,
): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (typeof setting === 'number') return (_address, hop) => hop < setting;
  return setting;
}
