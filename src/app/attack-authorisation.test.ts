import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/helpers/test-env.js';
import { createTestUser, type TestUser } from '../../test/helpers/test-app.js';
import { rowCounts, seededPortal, type SeededPortal } from '../../test/helpers/attack-setup.js';
import { fillPath, type Operation, sample } from '../../test/helpers/openapi-sample.js';
import { issueApiToken } from '../features/account/session.service.js';

/** Writes anyone may make (signing in, anonymous ideas) and reads that use POST. */
const PUBLIC_WRITES = [
  /^POST \/api\/v1\/auth\//,
  /^POST \/api\/v1\/ideas$/,
  /^POST \/api\/v1\/datastore\/\{resourceId\}\/search$/,
  /^POST \/api\/(3\/)?action\//,
];
/** What a signed-in citizen may also change: their own account, follows and notifications. */
const CITIZEN_WRITES = [...PUBLIC_WRITES, /^\w+ \/api\/v1\/me\//, /^\w+ \/api\/v1\/follows/];

const key = (op: Operation) => `${op.method} ${op.path}`;
const allowed = (op: Operation, list: RegExp[]) => list.some((r) => r.test(key(op)));

/** Row counts of the tables a write could change: equal before and after means nothing was written. */
async function footprint(p: SeededPortal) {
  const tables = [
    'audit_log',
    'plans',
    'commitments',
    'milestones',
    'evidence',
    'forum_members',
    'forum_meetings',
    'datasets',
    'resources',
    'indicators',
    'indicator_values',
    'organizations',
    'role_grants',
    'ideas',
    'users',
  ];
  return rowCounts(p, tables);
}

/**
 * Issue 14's route × role attack as a permanent test: every documented write, with a body built
 * from its own schema and real record ids, by each role that has no right to it, must be refused
 * (never 2xx or 3xx) and change nothing; private reads answer 401/403 to those without rights.
 */
describe.each(DIALECTS)('route × role matrix: no write and no private read without rights (%s)', (dialect) => {
  let p: SeededPortal;
  let warga: TestUser;
  let wargaToken: string;
  let produsen: TestUser;
  beforeAll(async () => {
    p = await seededPortal(dialect, { LOGIN_RATE_PER_MINUTE: '100000' });
    warga = await createTestUser(p.t.db, ['warga']);
    wargaToken = (await issueApiToken(p.t.db, warga.id, 'matriks', { scope: 'full' })).token;
    // A produsen of another organisation than the draft dataset's.
    const other = await p.t.db
      .selectFrom('organizations')
      .select('slug')
      .orderBy('slug', 'desc')
      .executeTakeFirstOrThrow();
    produsen = await createTestUser(p.t.db, [['produsen', other.slug]]);
  }, 60_000);
  afterAll(async () => {
    await p?.t.close();
  });

  const attempt = (op: Operation, headers: Record<string, string>) =>
    p.t.app.inject({
      method: op.method,
      url: fillPath(op, p.known),
      headers,
      ...(op.body ? { payload: sample(op.body, p.known) as object } : {}),
    });

  it('refuses every write to visitors, citizens (session or token) and a produsen of another organisation', async () => {
    const writes = p.ops.filter((op) => op.method !== 'GET');
    expect(writes.length).toBeGreaterThan(50);
    const before = await footprint(p);
    const roles = [
      { name: 'anonymous', headers: {}, may: PUBLIC_WRITES, ops: writes },
      { name: 'warga', headers: warga.headers, may: CITIZEN_WRITES, ops: writes },
      { name: 'warga token', headers: { authorization: `Bearer ${wargaToken}` }, may: CITIZEN_WRITES, ops: writes },
      {
        name: 'produsen of another OPD',
        headers: produsen.headers,
        may: CITIZEN_WRITES,
        ops: writes.filter((op) => op.path.startsWith('/api/v1/datasets/{name}')),
      },
    ];
    const violations: string[] = [];
    const refusedByRule: Record<string, number> = {};
    for (const role of roles)
      for (const op of role.ops) {
        if (allowed(op, role.may)) continue;
        const res = await attempt(op, role.headers);
        if (res.statusCode < 400) violations.push(`${role.name}: ${key(op)} → ${res.statusCode}`);
        if (res.statusCode === 401 || res.statusCode === 403)
          refusedByRule[role.name] = (refusedByRule[role.name] ?? 0) + 1;
      }
    expect(violations).toEqual([]);
    expect(await footprint(p)).toEqual(before);
    // The matrix reaches the rules, not only the validators (a body the sampler cannot satisfy is a
    // 400, which refuses too): about half the writes are refused by their rules (401/403).
    expect(refusedByRule['anonymous']).toBeGreaterThan(writes.length * 0.4);
    expect(refusedByRule['warga token']).toBeGreaterThan(writes.length * 0.35);
  });

  it('answers private reads with 401 to visitors and 403 to citizens', async () => {
    const privateReads = p.ops.filter((op) => op.method === 'GET' && /^\/api\/v1\/(admin|me)(\/|$)/.test(op.path));
    expect(privateReads.length).toBeGreaterThan(5);
    for (const op of privateReads) {
      const url = fillPath(op, p.known);
      expect((await p.t.app.inject({ url })).statusCode, url).toBe(401);
      if (op.path.startsWith('/api/v1/admin'))
        expect((await p.t.app.inject({ url, headers: { cookie: warga.cookie } })).statusCode, url).toBe(403);
    }
    const draft = p.known['datasets:name']!;
    expect(draft).toBeTruthy();
    expect((await p.t.app.inject({ url: `/api/v1/datasets/${draft}` })).statusCode).toBe(404);
    expect(
      (await p.t.app.inject({ url: `/api/v1/datasets/${draft}`, headers: { cookie: warga.cookie } })).statusCode,
    ).toBe(404);
  });
});
