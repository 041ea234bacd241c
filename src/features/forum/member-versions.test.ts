import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/helpers/test-env.js';
import { createTestApp, createTestUser, type TestApp, type TestUser } from '../../../test/helpers/test-app.js';
import { etagChecks, twoEditors } from '../../../test/helpers/versioning.js';
import { formFields } from '../../../test/helpers/html-form.js';

const member = {
  name: 'Siti Rahayu',
  sector: 'civil_society',
  organizationId: null,
  affiliation: 'Forum Warga Madiun',
  roleTitle: 'Koordinator',
  selectionMethod: 'Dipilih lewat seleksi terbuka',
  joinedOn: '2026-01-15',
  leftOn: null,
};

describe.each(DIALECTS)('forum members: no lost updates (%s)', (dialect) => {
  let t: TestApp;
  let secretariat: TestUser;
  let id: string;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    secretariat = await createTestUser(t.db, ['forum']);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/forum/members',
      headers: secretariat.headers,
      payload: member,
    });
    expect(res.statusCode, res.body).toBe(201);
    id = res.json().data.id;
  });
  afterAll(async () => {
    await t?.close();
  });
  const url = () => `/api/v1/forum/members/${id}`;
  const stored = async () => (await t.app.inject({ url: url() })).json().data;

  it('GET of one member is public, carries version 1 and its ETag; an unknown id is a 404', async () => {
    const res = await t.app.inject({ url: url() });
    expect(res.statusCode).toBe(200);
    expect(res.headers.etag).toBe('"1"');
    expect(res.json().data).toMatchObject({ id, name: member.name, roleTitle: member.roleTitle, version: 1 });
    const missing = await t.app.inject({ url: '/api/v1/forum/members/00000000-0000-4000-8000-000000000000' });
    expect(missing.statusCode).toBe(404);
  });

  it('ETag and If-Match on PUT and PATCH: fresh 200 with a new ETag, stale and bogus 412, nothing written', async () => {
    await etagChecks(t, secretariat, { getUrl: url(), method: 'PUT', body: { ...member, roleTitle: 'Ketua' } });
    await etagChecks(t, secretariat, { getUrl: url(), method: 'PATCH', body: { leftOn: '2026-06-30' } });
    const after = await stored();
    expect(after).toMatchObject({ roleTitle: 'Ketua', leftOn: '2026-06-30', affiliation: member.affiliation });
    const star = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/forum/members/00000000-0000-4000-8000-000000000000',
      headers: { ...secretariat.headers, 'if-match': '*' },
      payload: member,
    });
    expect(star.statusCode).toBe(412);
  });

  it('a write without If-Match is accepted and still moves the version on', async () => {
    const before = await stored();
    const res = await t.app.inject({
      method: 'PATCH',
      url: url(),
      headers: secretariat.headers,
      payload: { leftOn: null },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers.etag).toBe(`"${before.version + 1}"`);
    expect(await stored()).toEqual({ ...before, leftOn: null, version: before.version + 1 });
  });

  it('two editors: the second gets the diff and merges without losing the first edit', async () => {
    const { conflict } = await twoEditors(t, secretariat, {
      editUrl: `/forum/anggota/${id}/ubah`,
      action: `/forum/anggota/${id}/ubah`,
      a: { affiliation: 'Jaringan Warga Kota Madiun' },
      b: { roleTitle: 'Sekretaris forum' },
    });
    // The diff names the fields with the form's labels, and shows what the second editor loaded.
    expect(conflict.body).toContain('Forum Warga Madiun');
    const after = await stored();
    expect(after.affiliation).toBe('Jaringan Warga Kota Madiun');
    expect(after.roleTitle).toBe('Sekretaris forum');
    expect(after.name).toBe(member.name);
  });

  it('both editors changing the same field is marked as a conflict holding the second value', async () => {
    const { conflict, merged } = await twoEditors(t, secretariat, {
      editUrl: `/forum/anggota/${id}/ubah`,
      action: `/forum/anggota/${id}/ubah`,
      a: { selectionMethod: 'Dipilih oleh jaringan OMS' },
      b: { selectionMethod: 'Ditunjuk karena jabatan' },
    });
    expect(conflict.body).toContain('keduanya mengubah');
    expect(conflict.body).toContain('aria-invalid="true"');
    expect(merged.get('selectionMethod')).toBe('Ditunjuk karena jabatan');
    expect((await stored()).selectionMethod).toBe('Ditunjuk karena jabatan');
  });

  it('a stale save that changes the sector shows the sector by its label in the diff', async () => {
    const { conflict } = await twoEditors(t, secretariat, {
      editUrl: `/forum/anggota/${id}/ubah`,
      action: `/forum/anggota/${id}/ubah`,
      a: { sector: 'academia' },
      b: { name: 'Siti Rahayu, S.Sos.' },
    });
    // The diff shows the sector's label (what the form shows), not its stored code.
    expect(conflict.body).toMatch(
      /<th scope="row">Unsur<\/th>\s*<td><span class="conflict-value">Masyarakat sipil<\/span>/,
    );
    expect(conflict.body).toContain('<span class="conflict-value">Akademisi</span>');
    const after = await stored();
    expect(after).toMatchObject({ sector: 'academia', name: 'Siti Rahayu, S.Sos.' });
  });

  it('a form sent back for a validation error keeps the version it was loaded at', async () => {
    const editUrl = `/forum/anggota/${id}/ubah`;
    const page = await t.app.inject({ url: editUrl, headers: { cookie: secretariat.cookie, accept: 'text/html' } });
    const fields = formFields(page.body, editUrl);
    const version = fields.get('_version');
    fields.set('_csrf', secretariat.csrf);
    fields.set('name', '');
    const res = await t.app.inject({
      method: 'POST',
      url: editUrl,
      headers: { cookie: secretariat.cookie, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
      payload: fields.toString(),
    });
    expect(res.statusCode).toBe(422);
    expect(formFields(res.body, editUrl).get('_version')).toBe(version);
    expect((await stored()).name).toBe('Siti Rahayu, S.Sos.');
  });
});
