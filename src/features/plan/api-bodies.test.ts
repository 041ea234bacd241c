import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/helpers/test-env.js';
import { createTestApp, createTestUser, type TestApp, type TestUser } from '../../../test/helpers/test-app.js';

/** PUT takes the whole body, PATCH a part, and unknown keys are named: the smaller route families. */
describe.each(DIALECTS)('whole PUT, partial PATCH, unknown keys across the API (%s)', (dialect) => {
  let t: TestApp;
  let admin: TestUser;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    admin = await createTestUser(t.db, ['admin']);
  });
  afterAll(async () => {
    await t?.close();
  });
  const send = (method: 'PUT' | 'PATCH', url: string, payload: object) =>
    t.app.inject({ method, url, headers: admin.headers, payload });
  const details = (res: { json(): { error: { details: unknown } } }) => JSON.stringify(res.json().error.details);

  it('OGP profile: PUT without a field is 400 naming it; PATCH changes one field and keeps the rest', async () => {
    const whole = {
      jurisdictionName: 'Kota Madiun',
      joinedOn: '2024-01-01',
      launchedOn: null,
      termEndDate: null,
      contactName: 'Kontak',
      contactTitle: 'Kepala',
      contactOrganizationId: null,
      monitoringOrganizationId: null,
      forumName: 'Forum OGP Madiun',
      forumDescription: 'Forum multipihak.',
    };
    expect((await send('PUT', '/api/v1/ogp-profile', whole)).statusCode).toBe(200);
    const missing = await send('PUT', '/api/v1/ogp-profile', { jurisdictionName: 'Kota Madiun' });
    expect(missing.statusCode).toBe(400);
    expect(details(missing)).toContain('body.forumName');
    const patch = await send('PATCH', '/api/v1/ogp-profile', { contactName: 'Kontak Baru' });
    expect(patch.statusCode, patch.body).toBe(200);
    expect(patch.json().data).toMatchObject({
      jurisdictionName: 'Kota Madiun',
      pointOfContact: { name: 'Kontak Baru', title: 'Kepala' },
      forum: { name: 'Forum OGP Madiun', description: 'Forum multipihak.' },
    });
    expect(details(await send('PATCH', '/api/v1/ogp-profile', { kontak: 'x' }))).toContain('kontak');
  });

  it('forum members: PUT needs every field, PATCH sets leftOn alone, unknown keys named', async () => {
    const member = {
      name: 'Yayasan Uji',
      sector: 'civil_society',
      organizationId: null,
      affiliation: 'Yayasan Uji',
      roleTitle: 'Anggota',
      selectionMethod: 'Seleksi terbuka',
      joinedOn: '2025-04-30',
      leftOn: null,
    };
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/forum/members',
      headers: admin.headers,
      payload: member,
    });
    expect(created.statusCode).toBe(201);
    const url = `/api/v1/forum/members/${created.json().data.id}`;
    const missing = await send('PUT', url, { name: 'Yayasan Uji' });
    expect(missing.statusCode).toBe(400);
    expect(details(missing)).toContain('body.selectionMethod');
    const patch = await send('PATCH', url, { leftOn: '2026-01-31' });
    expect(patch.statusCode, patch.body).toBe(200);
    expect(patch.json().data).toMatchObject({
      leftOn: '2026-01-31',
      roleTitle: 'Anggota',
      selectionMethod: 'Seleksi terbuka',
    });
    const bad = await send('PATCH', url, { leftOn: '2020-01-01' });
    expect(bad.statusCode).toBe(400);
    expect(details(bad)).toContain('leftOn');
    expect(details(await send('PUT', url, { ...member, jabatan: 'x' }))).toContain('jabatan');
  });

  it('forum rules, account status and notification settings refuse unknown keys by name', async () => {
    const rules = await send('PUT', '/api/v1/forum/rules', { body: 'Aturan forum yang cukup panjang.', judul: 'x' });
    expect(rules.statusCode).toBe(400);
    expect(details(rules)).toContain('judul');
    const settings = await send('PUT', '/api/v1/me/notification-settings', { emailEnabled: true, sms: true });
    expect(settings.statusCode).toBe(400);
    expect(details(settings)).toContain('sms');
    const status = await send('PUT', `/api/v1/admin/users/${admin.id}/status`, { disabled: false, alasan: 'x' });
    expect(status.statusCode).toBe(400);
    expect(details(status)).toContain('alasan');
  });
});
