import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/helpers/test-env.js';
import { createTestApp, createTestUser, type TestApp, type TestUser } from '../../../test/helpers/test-app.js';
import { etagChecks, twoEditors } from '../../../test/helpers/versioning.js';

const body = {
  slug: 'dinas-uji-versi',
  name: 'Dinas Uji Versi',
  kind: 'opd',
  wilayahKode: null,
  description: 'Dinas untuk uji versi.',
  website: null,
  email: null,
};

describe.each(DIALECTS)('organisations: versions and whole/partial updates (%s)', (dialect) => {
  let t: TestApp;
  let admin: TestUser;
  let id: string;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    admin = await createTestUser(t.db, ['admin']);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/organizations',
      headers: admin.headers,
      payload: body,
    });
    expect(res.statusCode, res.body).toBe(201);
    id = res.json().data.id;
  });
  afterAll(async () => {
    await t?.close();
  });
  const url = () => `/api/v1/admin/organizations/${id}`;

  it('ETag and If-Match on PUT and PATCH; PUT needs every field; unknown keys are named', async () => {
    await etagChecks(t, admin, { getUrl: url(), method: 'PUT', body: { ...body, description: 'Baru.' } });
    await etagChecks(t, admin, { getUrl: url(), method: 'PATCH', body: { website: 'https://contoh.id' } });
    const before = (await t.app.inject({ url: url(), headers: { cookie: admin.cookie } })).json().data;
    const partial = await t.app.inject({ method: 'PUT', url: url(), headers: admin.headers, payload: { name: 'X Y' } });
    expect(partial.statusCode).toBe(400);
    expect(JSON.stringify(partial.json().error.details)).toContain('body.slug');
    const unknown = await t.app.inject({
      method: 'PATCH',
      url: url(),
      headers: admin.headers,
      payload: { nama: 'Dinas' },
    });
    expect(unknown.statusCode).toBe(400);
    expect(JSON.stringify(unknown.json().error.details)).toContain('nama');
    const patch = await t.app.inject({
      method: 'PATCH',
      url: url(),
      headers: admin.headers,
      payload: { name: 'Dinas Uji Versi Baru' },
    });
    expect(patch.statusCode, patch.body).toBe(200);
    expect(patch.json().data).toMatchObject({
      ...before,
      name: 'Dinas Uji Versi Baru',
      version: before.version + 1,
      updatedAt: expect.any(String),
    });
  });

  it('two editors in the admin form: the second gets the diff and merges', async () => {
    await twoEditors(t, admin, {
      editUrl: `/admin/organisasi/${id}`,
      action: `/admin/organisasi/${id}`,
      a: { description: 'Deskripsi dari editor pertama' },
      b: { name: 'Nama dari editor kedua' },
    });
    const after = (await t.app.inject({ url: url(), headers: { cookie: admin.cookie } })).json().data;
    expect(after).toMatchObject({ description: 'Deskripsi dari editor pertama', name: 'Nama dari editor kedua' });
  });
});
