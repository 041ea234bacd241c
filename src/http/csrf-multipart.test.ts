import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/helpers/test-env.js';
import { createTestApp, createTestUser, type TestApp, type TestUser } from '../../test/helpers/test-app.js';
import { multipart } from '../../test/helpers/multipart.js';

const PDF = { name: 'notulen.pdf', type: 'application/pdf', content: Buffer.from('%PDF-1.4\n% uji\n') };

/** Multipart forms carry their token in a field before the file (or a header), never in the URL. */
describe.each(DIALECTS)('CSRF on multipart forms (%s)', (dialect) => {
  let t: TestApp;
  let secretariat: TestUser;
  let meetingId: string;
  const upload = (url: string, body: { payload: Buffer; contentType: string }, headers: Record<string, string> = {}) =>
    t.app.inject({
      method: 'POST',
      url,
      headers: { cookie: secretariat.cookie, 'content-type': body.contentType, accept: 'text/html', ...headers },
      payload: body.payload,
    });
  const documents = async () =>
    ((await t.app.inject({ url: `/api/v1/forum/meetings/${meetingId}` })).json().data.documents as unknown[]).length;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    secretariat = await createTestUser(t.db, ['forum']);
    const meeting = await t.app.inject({
      method: 'POST',
      url: '/api/v1/forum/meetings',
      headers: secretariat.headers,
      payload: { title: 'Rapat pleno', meetingDate: '2026-01-15' },
    });
    meetingId = meeting.json().data.id;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('accepts the token as a field before the file, with no token in the URL', async () => {
    const form = multipart({ _csrf: secretariat.csrf, title: 'Notulen' }, PDF);
    const res = await upload(`/forum/pertemuan/${meetingId}/dokumen`, form);
    expect(res.statusCode).toBe(303);
    expect(await documents()).toBe(1);
    const page = await t.app.inject({ url: `/forum/pertemuan/${meetingId}`, headers: { cookie: secretariat.cookie } });
    expect(page.body).toMatch(new RegExp(`action="/forum/pertemuan/${meetingId}/dokumen" enctype="multipart`));
    expect(page.body).not.toContain('?_csrf=');
  });

  it('accepts the token as the x-csrf-token header (for scripts)', async () => {
    const form = multipart({ title: 'Daftar hadir' }, PDF);
    const res = await upload(`/forum/pertemuan/${meetingId}/dokumen`, form, { 'x-csrf-token': secretariat.csrf });
    expect(res.statusCode).toBe(303);
    expect(await documents()).toBe(2);
  });

  it('refuses a token in the query string, a token after the file, a wrong one, or none: nothing saved', async () => {
    const url = `/forum/pertemuan/${meetingId}/dokumen`;
    const inQuery = await upload(`${url}?_csrf=${secretariat.csrf}`, multipart({ title: 'Lewat URL' }, PDF));
    expect(inQuery.statusCode).toBe(403);
    expect(inQuery.body).toContain('Formulir ini sudah kedaluwarsa atau tidak sah');
    // The field after the file comes too late: the file would already have been read.
    const late = multipart({ title: 'Terlambat' }, PDF);
    const after = Buffer.concat([
      late.payload.subarray(0, late.payload.lastIndexOf('--' + late.contentType.split('boundary=')[1] + '--')),
      Buffer.from(
        `--${late.contentType.split('boundary=')[1]}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n` +
          `${secretariat.csrf}\r\n--${late.contentType.split('boundary=')[1]}--\r\n`,
      ),
    ]);
    expect((await upload(url, { payload: after, contentType: late.contentType })).statusCode).toBe(403);
    expect((await upload(url, multipart({ _csrf: 'x'.repeat(43), title: 'Salah' }, PDF))).statusCode).toBe(403);
    expect((await upload(url, multipart({ title: 'Tanpa token' }))).statusCode).toBe(403);
    expect(await documents()).toBe(2);
  });

  it('refuses a multipart post to a route that never reads multipart (its token would go unchecked)', async () => {
    const form = multipart({ _csrf: secretariat.csrf });
    const res = await upload('/keluar', form);
    expect(res.statusCode).toBe(403);
    const me = await t.app.inject({ url: '/api/v1/me', headers: { cookie: secretariat.cookie } });
    expect(me.statusCode).toBe(200);
  });
});
