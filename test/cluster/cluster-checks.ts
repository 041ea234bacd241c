import { sql } from 'kysely';
import { expect } from 'vitest';
import type { Role } from '../../src/actor/actor.js';
import { createUser, grantRole } from '../../src/features/account/account.service.js';
import { migrations } from '../../src/storage/migrations/index.js';
import { planBody } from '../../src/features/plan/plan.fixtures.js';
import { multipart } from '../helpers/multipart.js';
import type { Backend, Cluster } from './cluster-harness.js';
import { cookiesOf } from './http-client.js';

/**
 * What the cluster test checks through the load balancer, one function per property, so further
 * checks reuse the same harness (test/cluster/cluster.test.ts calls them, each in its own `it`).
 */

export const CLUSTER_PASSWORD = 'kata-sandi-klaster-2026';
let userCounter = 0;

export interface SignedIn {
  email: string;
  /** Cookie and CSRF headers for state-changing requests with the session. */
  headers: Record<string, string>;
}

/** A user made in the database (roles as role or [role, organisation slug]), not yet signed in. */
export async function createClusterUser(cluster: Cluster, roles: Array<Role | [Role, string]>): Promise<string> {
  const db = cluster.storage.db;
  const email = `klaster${userCounter++}-${Date.now()}@contoh.id`;
  const id = await createUser(db, { email, name: `Pengguna ${email.split('@')[0]}`, password: CLUSTER_PASSWORD });
  for (const r of roles) {
    const [role, slug] = Array.isArray(r) ? r : [r, undefined];
    const org = slug
      ? (await db.selectFrom('organizations').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id
      : null;
    await grantRole(db, { id: null, label: 'cluster test' }, id, role, org);
  }
  return email;
}

/** Signs in through the load balancer, as a client would. */
let signInsSoFar = 0;

/**
 * Signs in from a client address of its own (127.0.1.N), as separate people do: the login rate
 * limit counts per address across the cluster, and the checks' own sign-ins must not add up to it.
 */
export async function signIn(cluster: Cluster, email: string, password = CLUSTER_PASSWORD): Promise<SignedIn> {
  const from = `127.0.1.${(signInsSoFar++ % 250) + 1}`;
  const reply = await cluster.request('POST', '/api/v1/auth/login', { from, body: { email, password } });
  expect(reply.status, reply.text()).toBe(200);
  return { email, headers: { cookie: cookiesOf(reply), 'x-csrf-token': String(reply.json().data.csrfToken) } };
}

/** The distinct backends that answered these replies. */
function backendsOf(replies: Array<{ backend: string | undefined }>): Set<string> {
  return new Set(replies.map((r) => r.backend ?? '?'));
}

/**
 * A session made on one process is honoured by every process: reads and CSRF-checked writes with
 * the same cookie and token, answered (X-Terbuka-Backend) by all three.
 */
export async function expectSessionWorksEverywhere(cluster: Cluster): Promise<void> {
  const admin = await signIn(cluster, await createClusterUser(cluster, ['admin']));
  const reads = [];
  for (let i = 0; i < 2 * cluster.backends.length; i++) {
    const me = await cluster.request('GET', '/api/v1/me', { headers: admin.headers });
    expect(me.status, `${me.backend}: ${me.text()}`).toBe(200);
    expect(me.json().data.email).toBe(admin.email);
    reads.push(me);
  }
  expect(backendsOf(reads)).toEqual(new Set(cluster.backends.map((b) => b.name)));
  const writes = [];
  for (let i = 0; i < cluster.backends.length; i++) {
    const created = await cluster.request('POST', '/api/v1/admin/organizations', {
      headers: admin.headers,
      body: { slug: `sesi-${i}-${Date.now()}`, name: `Organisasi sesi ${i}`, kind: 'cso' },
    });
    expect(created.status, `${created.backend}: ${created.text()}`).toBe(201);
    writes.push(created);
  }
  expect(backendsOf(writes).size).toBe(cluster.backends.length);
}

/**
 * Failed logins counted on different processes add up to one lockout: after LOGIN_MAX_ATTEMPTS
 * (5) wrong passwords spread over the backends, even the right password is refused everywhere.
 */
export async function expectLockoutClusterWide(cluster: Cluster, maxAttempts = 5): Promise<void> {
  const email = await createClusterUser(cluster, ['warga']);
  const failures = [];
  for (let i = 0; i < maxAttempts; i++) {
    failures.push(await cluster.request('POST', '/api/v1/auth/login', { body: { email, password: 'salah-sekali-1' } }));
  }
  expect(failures.slice(0, -1).map((r) => r.status)).toEqual(Array(maxAttempts - 1).fill(401));
  expect(failures.at(-1)?.json().error.code).toBe('ACCOUNT_LOCKED');
  expect(backendsOf(failures).size).toBe(cluster.backends.length);
  for (let i = 0; i < cluster.backends.length; i++) {
    const right = await cluster.request('POST', '/api/v1/auth/login', { body: { email, password: CLUSTER_PASSWORD } });
    expect(right.status).toBe(429);
    expect(right.json().error.code).toBe('ACCOUNT_LOCKED');
  }
}

/**
 * The login rate limit (LOGIN_RATE_PER_MINUTE per client IP) holds for the whole cluster, not per
 * process: `limit` posts from one client address spread over the backends are accepted, the next
 * is refused with RATE_LIMITED, whichever process it reaches. (Each post names an unknown address,
 * so no lockout interferes.) Per-process limits (the in-memory store) fail this.
 * Per-process counters let post 11 through; the counters in the database (`rate_limits`) hold.
 */
export async function expectLoginRateLimitClusterWide(
  cluster: Cluster,
  limit = 10,
  from = '127.0.0.77',
): Promise<void> {
  const attempt = (i: number) =>
    cluster.request('POST', '/api/v1/auth/login', {
      from,
      body: { email: `tak-dikenal-${i}-${Date.now()}@contoh.id`, password: 'salah-sekali-1' },
    });
  const accepted = [];
  for (let i = 0; i < limit; i++) accepted.push(await attempt(i));
  expect(accepted.map((r) => r.status)).toEqual(Array(limit).fill(401));
  expect(backendsOf(accepted).size).toBe(cluster.backends.length);
  for (let i = 0; i < cluster.backends.length; i++) {
    const refused = await attempt(limit + i);
    expect(refused.status, `${refused.backend} let post ${limit + i + 1} through`).toBe(429);
    expect(refused.json().error.code).toBe('RATE_LIMITED');
  }
}

export interface Upload {
  produsen: SignedIn;
  dataset: string;
  resourceId: string;
  /** The uploaded CSV and its number of data rows. */
  content: string;
  rows: number;
}

/** A produsen signs in and uploads a CSV resource to a new dataset, through the load balancer. */
export async function uploadThroughOneProcess(cluster: Cluster): Promise<Upload> {
  const produsen = await signIn(cluster, await createClusterUser(cluster, [['produsen', 'kelurahan-oro-oro-ombo']]));
  const dataset = `klaster-unggah-${Date.now()}`;
  const created = await cluster.request('POST', '/api/v1/datasets', {
    headers: produsen.headers,
    body: {
      name: dataset,
      organization: 'kelurahan-oro-oro-ombo',
      title: 'Data klaster',
      licenseId: 'cc-by-4.0',
      updateFrequency: 'annual',
    },
  });
  expect(created.status, created.text()).toBe(201);
  const rows = 50;
  const content = `RW;Jumlah Penduduk\n${Array.from({ length: rows }, (_, i) => `${i + 1};${1000 + i}`).join('\n')}\n`;
  const body = multipart({ name: 'penduduk' }, { name: 'penduduk.csv', content, type: 'text/csv' });
  const uploaded = await cluster.request('POST', `/api/v1/datasets/${dataset}/resources`, {
    headers: { ...produsen.headers, ...body.headers },
    body: body.payload,
  });
  expect(uploaded.status, uploaded.text()).toBe(201);
  return { produsen, dataset, resourceId: String(uploaded.json().data.id), content, rows };
}

/**
 * A file uploaded through one process is downloadable, byte for byte, from every process: the
 * original of the resource, fetched until each backend has served it.
 */
export async function expectUploadVisibleEverywhere(cluster: Cluster, upload: Upload): Promise<void> {
  const served = new Set<string>();
  for (let i = 0; i < 3 * cluster.backends.length && served.size < cluster.backends.length; i++) {
    const download = await cluster.request(
      'GET',
      `/dataset/${upload.dataset}/sumber-daya/${upload.resourceId}/berkas`,
      {
        headers: { cookie: upload.produsen.headers.cookie!, accept: 'text/csv,*/*' },
      },
    );
    expect(download.status, `${download.backend}: ${download.text().slice(0, 300)}`).toBe(200);
    expect(download.text()).toBe(upload.content);
    served.add(download.backend ?? '?');
  }
  expect(served.size).toBe(cluster.backends.length);
}

/**
 * The upload's ingest ran exactly once: one job, done, and the table holds the file's rows once,
 * as every process reports it.
 */
export async function expectIngestRanOnce(cluster: Cluster, upload: Upload): Promise<void> {
  const url = `/api/v1/datasets/${upload.dataset}/resources/${upload.resourceId}`;
  const resource = async () => {
    const reply = await cluster.request('GET', url, { headers: { cookie: upload.produsen.headers.cookie! } });
    expect(reply.status, reply.text()).toBe(200);
    return {
      backend: reply.backend,
      data: reply.json<{ data: { rowCount: number; ingest: { state: string } | null } }>().data,
    };
  };
  for (let state = ''; state !== 'done'; ) {
    state = (await resource()).data.ingest?.state ?? '';
    expect(state, 'the ingest failed').not.toBe('failed');
    if (state !== 'done') await new Promise((r) => setTimeout(r, 100));
  }
  const seen = [];
  for (let i = 0; i < cluster.backends.length; i++) {
    const r = await resource();
    expect(r.data.rowCount).toBe(upload.rows);
    seen.push(r);
  }
  expect(backendsOf(seen).size).toBe(cluster.backends.length);
  const jobs = await cluster.storage.db
    .selectFrom('ingest_jobs')
    .select(['state', 'rows_loaded'])
    .where('resource_id', '=', upload.resourceId)
    .execute();
  expect(jobs).toEqual([{ state: 'done', rows_loaded: upload.rows }]);
}

/**
 * A change made through one process notifies a follower once: one in-app notification, the same on
 * every process, and one e-mail in the outbox (no SMTP_URL), whichever processes the follower and
 * the editor happened to reach.
 */
export async function expectNotificationSentOnce(cluster: Cluster): Promise<void> {
  const admin = await signIn(cluster, await createClusterUser(cluster, ['admin']));
  const citizenEmail = await createClusterUser(cluster, ['warga']);
  const citizen = await signIn(cluster, citizenEmail);
  const plan = await cluster.request('POST', '/api/v1/plans', {
    headers: admin.headers,
    body: await planBody(cluster.storage.db, { title: `Rencana Aksi Klaster ${Date.now()}` }),
  });
  expect(plan.status, plan.text()).toBe(201);
  const planId = String(plan.json().data.id);
  const follow = await cluster.request('POST', '/api/v1/follows', {
    headers: citizen.headers,
    body: { entityType: 'plan', entityId: planId, follow: true },
  });
  expect(follow.status, follow.text()).toBe(200);
  const moved = await cluster.request('POST', `/api/v1/plans/${planId}/transition`, {
    headers: admin.headers,
    body: { to: 'co-creation' },
  });
  expect(moved.status, moved.text()).toBe(200);
  const seen = [];
  for (let i = 0; i < cluster.backends.length; i++) {
    const mine = await cluster.request('GET', '/api/v1/me/notifications', { headers: citizen.headers });
    expect(mine.status).toBe(200);
    const about = (mine.json<{ data: Array<{ url: string }> }>().data ?? []).filter((n) => n.url.includes(planId));
    expect(about, `${mine.backend}`).toHaveLength(1);
    seen.push(mine);
  }
  expect(backendsOf(seen).size).toBe(cluster.backends.length);
  const mails = await cluster.storage.db
    .selectFrom('outbox')
    .select('subject')
    .where('to_address', '=', citizenEmail)
    .execute();
  expect(mails).toHaveLength(1);
}

/**
 * The three processes started at the same moment on an empty database: each migration ran once
 * (one process names it in its "migrations applied" log line, no two name the same one), every
 * process came up, and the reference data is there once.
 */
export async function expectMigrationsRanOnce(cluster: Cluster): Promise<void> {
  const applied = cluster.backends.flatMap((b) =>
    b.logLines('migrations applied').flatMap((line) => line.migrations as string[]),
  );
  const all = Object.keys(migrations);
  expect([...applied].sort()).toEqual([...all].sort());
  const recorded = await sql<{ name: string }>`select name from schema_migrations`.execute(cluster.storage.db);
  expect(recorded.rows.map((r) => r.name).sort()).toEqual([...all].sort());
  for (const backend of cluster.backends) {
    expect(backend.process.exitCode, backend.output.join('')).toBeNull();
    expect((await cluster.request('GET', '/healthz')).status).toBe(200);
  }
  const seeded = await cluster.storage.db
    .selectFrom('organizations')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('slug', '=', 'kelurahan-oro-oro-ombo')
    .executeTakeFirstOrThrow();
  expect(Number(seeded.n)).toBe(1);
}

interface Write {
  slug: string;
  startedAt: number;
  status: number | 'network error';
  backend: string | undefined;
}

/**
 * SIGKILL one backend in the middle of a burst of writes (organisations created by an admin from
 * `workers` concurrent clients): every write that was acknowledged (2xx) is in the database, the
 * victim was taking writes before it died, and once the load balancer has noticed (its health
 * checks run every second; a failed connection is retried on another backend at once) every new
 * write succeeds again.
 */
export async function expectNoAcknowledgedWriteLost(
  cluster: Cluster,
  victim: Backend['name'],
  { workers = 6, before = 40, afterMs = 4000, failoverMs = 2500 } = {},
): Promise<void> {
  const admin = await signIn(cluster, await createClusterUser(cluster, ['admin']));
  const writes: Write[] = [];
  const prefix = `ledakan-${Date.now()}`;
  let killedAt = 0;
  let stopAt = Number.POSITIVE_INFINITY;
  let counter = 0;
  const worker = async () => {
    while (Date.now() < stopAt) {
      const slug = `${prefix}-${counter++}`;
      const write: Write = { slug, startedAt: Date.now(), status: 'network error', backend: undefined };
      writes.push(write);
      try {
        const reply = await cluster.request('POST', '/api/v1/admin/organizations', {
          headers: admin.headers,
          body: { slug, name: `Organisasi ${slug}`, kind: 'cso' },
        });
        write.status = reply.status;
        write.backend = reply.backend;
      } catch {
        // The connection broke: not acknowledged, so the write may or may not have happened.
      }
    }
  };
  const killer = async () => {
    while (writes.filter((w) => w.status === 201).length < before) await new Promise((r) => setTimeout(r, 5));
    await cluster.kill(victim);
    killedAt = Date.now();
    stopAt = killedAt + afterMs;
  };
  await Promise.all([killer(), ...Array.from({ length: workers }, worker)]);

  const acknowledged = writes.filter((w) => typeof w.status === 'number' && w.status >= 200 && w.status < 300);
  const stored = new Set(
    (
      await cluster.storage.db.selectFrom('organizations').select('slug').where('slug', 'like', `${prefix}-%`).execute()
    ).map((r) => r.slug),
  );
  expect(acknowledged.filter((w) => !stored.has(w.slug)).map((w) => w.slug)).toEqual([]);
  expect(acknowledged.filter((w) => w.backend === victim && w.startedAt < killedAt).length).toBeGreaterThan(0);
  expect(acknowledged.filter((w) => w.startedAt > killedAt).length).toBeGreaterThan(0);
  const afterFailover = writes.filter((w) => w.startedAt > killedAt + failoverMs);
  expect(afterFailover.length).toBeGreaterThan(0);
  expect(afterFailover.filter((w) => w.status !== 201)).toEqual([]);
  expect(afterFailover.filter((w) => w.backend === victim)).toEqual([]);
}
