import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/helpers/test-env.js';
import { createTestApp, createTestUser, type TestApp, type TestUser } from '../../../test/helpers/test-app.js';
import { verifyAuditChain } from '../audit/audit-verify.js';
import { issueApiToken } from '../account/session.service.js';

const FORM = 'application/x-www-form-urlencoded';
const PAGES = [
  '/admin',
  '/admin/pengguna',
  '/admin/organisasi',
  '/admin/organisasi/baru',
  '/admin/outbox',
  '/admin/audit',
];
const APIS = ['/api/v1/admin/users', '/api/v1/admin/outbox', '/api/v1/admin/audit', '/api/v1/admin/organizations'];

describe.each(DIALECTS)('admin pages and APIs (%s)', (dialect) => {
  let t: TestApp;
  let admin: TestUser;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    admin = await createTestUser(t.db, ['admin']);
  });
  afterAll(async () => {
    await t?.close();
  });

  const page = (url: string, user: TestUser) =>
    t.app.inject({ url, headers: { cookie: user.cookie, accept: 'text/html' } });
  const post = (url: string, user: TestUser, data: Record<string, string>) =>
    t.app.inject({
      method: 'POST',
      url,
      headers: { cookie: user.cookie, accept: 'text/html', 'content-type': FORM },
      payload: new URLSearchParams({ _csrf: user.csrf, ...data }).toString(),
    });

  it('lets only admins in: 403 for a warga, login redirect for visitors', async () => {
    const warga = await createTestUser(t.db, ['warga']);
    for (const url of PAGES) {
      expect((await page(url, admin)).statusCode, url).toBe(200);
      const denied = await page(url, warga);
      expect(denied.statusCode, url).toBe(403);
      expect(denied.body).toContain('tidak memiliki izin');
      const anon = await t.app.inject({ url, headers: { accept: 'text/html' } });
      expect(anon.statusCode, url).toBe(303);
      expect(anon.headers.location).toBe(`/masuk?next=${encodeURIComponent(url)}`);
    }
    const { token } = await issueApiToken(t.db, warga.id, 'coba');
    for (const url of APIS) {
      expect((await t.app.inject({ url, headers: { authorization: `Bearer ${token}` } })).statusCode, url).toBe(403);
      expect((await t.app.inject({ url })).statusCode, url).toBe(401);
    }
    const grant = await post(`/admin/pengguna/${warga.id}/peran`, warga, { role: 'admin' });
    expect(grant.statusCode).toBe(403);
    expect(
      (await t.db.selectFrom('role_grants').select('role').where('user_id', '=', warga.id).execute()).map(
        (r) => r.role,
      ),
    ).toEqual(['warga']);
  });

  it('grants a scoped role, shows it, records it in the audit log with an intact chain', async () => {
    const person = await createTestUser(t.db, ['warga']);
    const missingOrg = await post(`/admin/pengguna/${person.id}/peran`, admin, {
      role: 'produsen',
      organizationId: '',
    });
    expect(missingOrg.statusCode).toBe(422);
    expect(missingOrg.body).toContain('harus dikaitkan dengan sebuah organisasi');
    const org = await t.db
      .selectFrom('organizations')
      .select(['id', 'name'])
      .where('slug', '=', 'dlh')
      .executeTakeFirstOrThrow();
    const ok = await post(`/admin/pengguna/${person.id}/peran`, admin, { role: 'produsen', organizationId: org.id });
    expect(ok.statusCode).toBe(303);
    const detail = await page(`/admin/pengguna/${person.id}`, admin);
    expect(detail.body).toContain('Produsen data');
    expect(detail.body).toContain(org.name);
    const audit = await page('/admin/audit?entity=user', admin);
    expect(audit.body).toContain('role.grant');
    expect(audit.body).toContain(org.id);
    const json = (await t.app.inject({ url: '/api/v1/admin/audit?entity=user', headers: admin.headers })).json();
    expect(json.data[0]).toMatchObject({
      action: 'role.grant',
      entityId: person.id,
      actor: admin.email,
      after: { role: 'produsen', organizationId: org.id },
    });
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true });
    // Revoking is audited too.
    const grantId = (
      await t.db
        .selectFrom('role_grants')
        .select('id')
        .where('user_id', '=', person.id)
        .where('role', '=', 'produsen')
        .executeTakeFirstOrThrow()
    ).id;
    expect((await post(`/admin/pengguna/${person.id}/peran/${grantId}/cabut`, admin, {})).statusCode).toBe(303);
    const after = (await t.app.inject({ url: `/api/v1/admin/users/${person.id}`, headers: admin.headers })).json().data;
    expect(after.roles.map((r: { role: string }) => r.role)).toEqual(['warga']);
    expect((await t.app.inject({ url: '/api/v1/admin/audit', headers: admin.headers })).json().data[0].action).toBe(
      'role.revoke',
    );
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true });
  });

  it('disables an account (its session stops working) and enables it again', async () => {
    const person = await createTestUser(t.db, ['warga']);
    expect((await post(`/admin/pengguna/${person.id}/status`, admin, { action: 'disable' })).statusCode).toBe(303);
    expect((await t.app.inject({ url: '/api/v1/me', headers: { cookie: person.cookie } })).statusCode).toBe(401);
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: person.email, password: 'kata-sandi-uji-2026' },
    });
    expect(login.statusCode).toBe(403);
    expect(login.json().error.code).toBe('ACCOUNT_DISABLED');
    const self = await post(`/admin/pengguna/${admin.id}/status`, admin, { action: 'disable' });
    expect(self.statusCode).toBe(409);
    const enabled = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/admin/users/${person.id}/status`,
      headers: admin.headers,
      payload: { disabled: false },
    });
    expect(enabled.json().data.disabled).toBe(false);
    await t.db
      .updateTable('users')
      .set({ locked_until: new Date(Date.now() + 600_000).toISOString() })
      .where('id', '=', person.id)
      .execute();
    const locked = await t.app.inject({
      url: `/admin/pengguna/${person.id}`,
      headers: { cookie: admin.cookie, accept: 'text/html' },
    });
    expect(locked.body).toContain('terkunci sampai');
    expect((await post(`/admin/pengguna/${person.id}/status`, admin, { action: 'unlock' })).statusCode).toBe(303);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { email: person.email, password: 'kata-sandi-uji-2026' },
        })
      ).statusCode,
    ).toBe(200);
    const actions = (await t.app.inject({ url: '/api/v1/admin/audit?entity=user', headers: admin.headers }))
      .json()
      .data.slice(0, 3)
      .map((e: { action: string }) => e.action);
    expect(actions).toEqual(['user.unlock', 'user.enable', 'user.disable']);
  });

  it('shows password reset mails in the outbox, newest first', async () => {
    const person = await createTestUser(t.db, ['warga']);
    const form = await t.app.inject({ url: '/lupa-sandi', headers: { accept: 'text/html' } });
    const csrf = /name="_csrf" value="([^"]+)"/.exec(form.body)![1]!;
    const cookie = form.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    await t.app.inject({
      method: 'POST',
      url: '/lupa-sandi',
      headers: { cookie, 'content-type': FORM },
      payload: `_csrf=${csrf}&email=${encodeURIComponent(person.email)}`,
    });
    const outbox = await page('/admin/outbox', admin);
    expect(outbox.body).toContain(person.email);
    expect(outbox.body).toMatch(/\/atur-sandi\/[\w-]{20,}/);
    const api = (await t.app.inject({ url: '/api/v1/admin/outbox', headers: admin.headers })).json();
    expect(api.data[0]).toMatchObject({ to: person.email, subject: 'Atur ulang kata sandi Terbuka', sentAt: null });
  });

  it('lists and searches users, and works with an admin API token', async () => {
    const { token } = await issueApiToken(t.db, admin.id, 'admin script', { scope: 'full' });
    const auth = { authorization: `Bearer ${token}` };
    const list = (
      await t.app.inject({
        url: `/api/v1/admin/users?q=${encodeURIComponent(admin.email.toUpperCase())}`,
        headers: auth,
      })
    ).json();
    expect(list.meta.total).toBe(1);
    expect(list.data[0].roles[0].role).toBe('admin');
    const person = await createTestUser(t.db, ['warga']);
    const org = await t.db
      .selectFrom('organizations')
      .select('id')
      .where('slug', '=', 'bps-kota-madiun')
      .executeTakeFirstOrThrow();
    const granted = await t.app.inject({
      method: 'POST',
      url: `/api/v1/admin/users/${person.id}/roles`,
      headers: auth,
      payload: { role: 'monitor', organizationId: org.id },
    });
    expect(granted.statusCode).toBe(200);
    expect(granted.json().data.roles.map((r: { role: string }) => r.role)).toEqual(['warga', 'monitor']);
    const html = await page(`/admin/pengguna?q=${encodeURIComponent(person.email)}`, admin);
    expect(html.body).toContain(person.email);
    expect(html.body).toContain('Pemantau');
    const lastAdmin = await t.db
      .selectFrom('role_grants')
      .select('id')
      .where('user_id', '=', admin.id)
      .where('role', '=', 'admin')
      .executeTakeFirstOrThrow();
    const refused = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/admin/users/${admin.id}/roles/${lastAdmin.id}`,
      headers: auth,
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('LAST_ADMIN');
  });
});
