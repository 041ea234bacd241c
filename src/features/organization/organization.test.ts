import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/helpers/test-env.js';
import { createTestApp, createTestUser, type TestApp, type TestUser } from '../../../test/helpers/test-app.js';
import { verifyAuditChain } from '../audit/audit-verify.js';

const FORM = 'application/x-www-form-urlencoded';

describe.each(DIALECTS)('organisations (%s)', (dialect) => {
  let t: TestApp;
  let admin: TestUser;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    admin = await createTestUser(t.db, ['admin']);
  });
  afterAll(async () => {
    await t?.close();
  });

  const post = (url: string, data: Record<string, string>, user = admin) =>
    t.app.inject({
      method: 'POST',
      url,
      headers: { cookie: user.cookie, accept: 'text/html', 'content-type': FORM },
      payload: new URLSearchParams({ _csrf: user.csrf, ...data }).toString(),
    });
  const valid = {
    name: 'Dinas Kesehatan Kota Madiun',
    slug: 'dinkes',
    kind: 'opd',
    wilayahKode: '',
    description: 'Urusan kesehatan.',
    website: 'https://dinkes.madiunkota.go.id',
    email: 'dinkes@madiunkota.go.id',
  };

  it('lists seeded organisations publicly, without contact e-mails', async () => {
    const res = await t.app.inject({ url: '/api/v1/organizations?kind=kelurahan' });
    expect(res.statusCode).toBe(200);
    expect(res.json().meta.total).toBe(27);
    const one = await t.app.inject({ url: '/api/v1/organizations/diskominfo' });
    expect(one.json().data).toMatchObject({ slug: 'diskominfo', kind: 'opd' });
    expect(one.json().data).not.toHaveProperty('email');
    expect((await t.app.inject({ url: '/api/v1/organizations/tidak-ada' })).statusCode).toBe(404);
  });

  it('creates and edits an organisation through the admin form, audited', async () => {
    const bad = await post('/admin/organisasi', { ...valid, slug: 'Dinas Kesehatan', website: 'bukan-url' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('huruf kecil, angka dan tanda hubung');
    const created = await post('/admin/organisasi', valid);
    expect(created.statusCode).toBe(303);
    const id = /\/admin\/organisasi\/([^?]+)/.exec(created.headers.location as string)![1]!;
    const dup = await post('/admin/organisasi', { ...valid, name: 'Lain' });
    expect(dup.statusCode).toBe(409);
    expect(dup.body).toContain('Slug ini sudah dipakai');
    const edit = await post(`/admin/organisasi/${id}`, {
      ...valid,
      name: 'Dinas Kesehatan, PP dan KB',
      wilayahKode: '35.77',
      email: '',
    });
    expect(edit.statusCode).toBe(303);
    const pub = (await t.app.inject({ url: '/api/v1/organizations/dinkes' })).json().data;
    expect(pub).toMatchObject({
      name: 'Dinas Kesehatan, PP dan KB',
      wilayah: { kode: '35.77' },
      website: 'https://dinkes.madiunkota.go.id',
    });
    const audit = (
      await t.app.inject({ url: '/api/v1/admin/audit?entity=organization', headers: admin.headers })
    ).json().data;
    expect(audit.map((e: { action: string }) => e.action)).toEqual(['organization.update', 'organization.create']);
    expect(audit[0].before.name).toBe('Dinas Kesehatan Kota Madiun');
    expect(audit[0].after.name).toBe('Dinas Kesehatan, PP dan KB');
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true });
    const list = await t.app.inject({
      url: '/admin/organisasi?q=kesehatan',
      headers: { cookie: admin.cookie, accept: 'text/html' },
    });
    expect(list.body).toContain('Dinas Kesehatan, PP dan KB');
  });

  it('creates through the admin API and refuses others', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/organizations',
      headers: admin.headers,
      payload: { slug: 'lsm-madiun', name: 'LSM Madiun', kind: 'cso', wilayahKode: '35.77.99' },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details.fields[0]).toEqual({
      field: 'wilayahKode',
      message: 'Kode wilayah ini tidak dikenal.',
    });
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/organizations',
      headers: admin.headers,
      payload: { slug: 'lsm-madiun', name: 'LSM Madiun', kind: 'cso', wilayahKode: '35.77.01' },
    });
    expect(ok.statusCode).toBe(201);
    const warga = await createTestUser(t.db, ['warga']);
    const denied = await t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/organizations',
      headers: warga.headers,
      payload: { slug: 'lain', name: 'Lain', kind: 'cso' },
    });
    expect(denied.statusCode).toBe(403);
    const form = await post('/admin/organisasi', { ...valid, slug: 'lain-lagi' }, warga);
    expect(form.statusCode).toBe(403);
    expect(
      await t.db.selectFrom('organizations').select('id').where('slug', 'in', ['lain', 'lain-lagi']).execute(),
    ).toHaveLength(0);
  });
});
