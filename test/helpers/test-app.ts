import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { pino } from 'pino';
import { buildApp } from '../../src/app/build-app.js';
import { createTestDatabase, dataDirOf, type TestDatabase } from './test-db.js';
import type { DialectName } from './test-env.js';
import type { Role } from '../../src/actor/actor.js';
import { createUser, grantRole } from '../../src/features/account/account.service.js';
import { createSession } from '../../src/features/account/session.service.js';
import { CSRF_COOKIE, SESSION_COOKIE } from '../../src/http/cookies.js';
import { csrfKey, csrfTokenFor, type CsrfBinding } from '../../src/http/csrf.js';
import type { Db } from '../../src/storage/database.js';

export interface TestApp extends TestDatabase {
  app: FastifyInstance;
  db: Db;
  close(): Promise<void>;
}

export async function createTestApp(dialect: DialectName, settings: Record<string, string> = {}): Promise<TestApp> {
  const tdb = await createTestDatabase(dialect, settings);
  const app = await buildApp({ config: tdb.config, storage: tdb.storage, logger: pino({ level: 'silent' }) });
  await app.ready();
  return {
    ...tdb,
    app,
    db: tdb.storage.db,
    close: async () => {
      await app.close();
      await tdb.destroy();
    },
  };
}

export const TEST_PASSWORD = 'kata-sandi-uji-2026';

/** The CSRF token the app of this test database expects for a session or pre-session cookie. */
export function csrfFor(db: Db, binding: CsrfBinding): string {
  return csrfTokenFor(csrfKey({ dataDir: dataDirOf(db), csrfSecret: null }), binding);
}

/** A signed-out visitor who has seen a form: the pre-session cookie and the token bound to it. */
export function anonymousVisitor(db: Db): { cookie: string; csrf: string } {
  const preSession = 'pre-session-for-tests-0123456789abcdef';
  return { cookie: `${CSRF_COOKIE}=${preSession}`, csrf: csrfFor(db, { preSession }) };
}

export interface TestUser {
  id: string;
  email: string;
  /** Cookie header for inject(): a live session. */
  cookie: string;
  csrf: string;
  /** Headers for a state-changing JSON request as this user. */
  headers: Record<string, string>;
}

let userCounter = 0;

/** Creates a user with the given roles (role or [role, orgSlug]) and a logged-in session. */
export async function createTestUser(
  db: Db,
  roles: Array<Role | [Role, string]> = ['warga'],
  email?: string,
): Promise<TestUser> {
  const address = email ?? `user${userCounter++}-${Date.now()}@contoh.id`;
  const id = await createUser(db, {
    email: address,
    name: `Pengguna ${address.split('@')[0]}`,
    password: TEST_PASSWORD,
  });
  for (const r of roles) {
    const [role, slug] = Array.isArray(r) ? r : [r, undefined];
    let orgId: string | null = null;
    if (slug)
      orgId = (await db.selectFrom('organizations').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id;
    await grantRole(db, { id: null, label: 'test' }, id, role, orgId);
  }
  const token = await createSession(db, id, 24, 'vitest');
  const cookie = `${SESSION_COOKIE}=${token}`;
  const csrf = csrfFor(db, { session: token });
  return { id, email: address, cookie, csrf, headers: { cookie, 'x-csrf-token': csrf } };
}

/** Cookies set by a response, as a Cookie header value. */
export function cookiesFrom(response: LightMyRequestResponse): string {
  return response.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
}

/** Extracts the hidden CSRF token from a rendered form. */
export function csrfFromHtml(body: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(body);
  if (!match) throw new Error('no CSRF field in page');
  return match[1]!;
}
