import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/helpers/test-env.js';
import { createTestApp, createTestUser, type TestApp, type TestUser } from '../../../test/helpers/test-app.js';
import { anonymousVisitor } from '../../../test/helpers/test-app.js';
import { planBody } from '../plan/plan.fixtures.js';

const FORM = { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' };
const idea = (planId: string, title: string) => ({
  planId,
  title,
  body: 'Sediakan data pencari kerja per kelurahan setiap bulan.',
  theme: 'ketenagakerjaan',
});

describe.each(DIALECTS)('anonymous tracking links and answers signed by the account (%s)', (dialect) => {
  let t: TestApp;
  let admin: TestUser;
  let bappeda: TestUser;
  let warga: TestUser;
  let planId: string;
  let tracked: { id: string; path: string; token: string };

  beforeAll(async () => {
    t = await createTestApp(dialect);
    admin = await createTestUser(t.db, ['admin']);
    bappeda = await createTestUser(t.db, [['produsen', 'bapelitbangda']]);
    warga = await createTestUser(t.db, ['warga']);
    planId = (
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/plans',
        headers: admin.headers,
        payload: await planBody(t.db),
      })
    ).json().data.id;
    const moved = await t.app.inject({
      method: 'POST',
      url: `/api/v1/plans/${planId}/transition`,
      headers: admin.headers,
      payload: { to: 'co-creation' },
    });
    expect(moved.statusCode).toBe(200);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('gives an anonymous idea an unguessable link, once in the answer and once by mail, and keeps no address', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/ideas',
      payload: { ...idea(planId, 'Data pencari kerja'), email: 'pengirim@contoh.id' },
    });
    expect(res.statusCode).toBe(201);
    const data = res.json().data;
    expect(data.moderation).toBe('pending');
    const url = new URL(data.trackingUrl);
    expect(url.pathname).toMatch(/^\/ide\/lacak\/[\w-]{43}$/);
    tracked = { id: data.id, path: url.pathname, token: url.pathname.split('/').pop()! };
    const mail = await t.db.selectFrom('outbox').selectAll().where('to_address', '=', 'pengirim@contoh.id').execute();
    expect(mail).toHaveLength(1);
    expect(mail[0]!.body_text).toContain(data.trackingUrl);
    expect(mail[0]!.body_text).toContain('Alamat ini tidak disimpan');
    const row = await t.db.selectFrom('ideas').selectAll().where('id', '=', data.id).executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain('pengirim@contoh.id');
    expect(JSON.stringify(row)).not.toContain(tracked.token);
    // A signed-in citizen has an account to come back to: no link.
    const signedIn = await t.app.inject({
      method: 'POST',
      url: '/api/v1/ideas',
      headers: warga.headers,
      payload: idea(planId, 'Ide warga terdaftar'),
    });
    expect(signedIn.json().data.trackingUrl).toBeNull();
  });

  it('shows status and response through the link, and nothing private', async () => {
    const page = await t.app.inject({ url: tracked.path, headers: { accept: 'text/html' } });
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('private, no-store');
    expect(page.body).toContain('Data pencari kerja');
    expect(page.body).toContain('Menunggu moderasi');
    const json = (await t.app.inject({ url: `/api/v1/ideas/track/${tracked.token}` })).json().data;
    expect(json).toMatchObject({ title: 'Data pencari kerja', moderation: 'pending', publicUrl: null, response: null });
    expect(Object.keys(json).sort()).toEqual(
      ['body', 'moderation', 'planTitle', 'publicUrl', 'receivedOn', 'response', 'theme', 'title'].sort(),
    );
    expect((await t.app.inject({ url: `/api/v1/ideas/track/${'x'.repeat(43)}` })).statusCode).toBe(404);
    expect((await t.app.inject({ url: `/api/v1/ideas/${tracked.id}` })).statusCode).toBe(404);
  });

  it('sends an anonymous web submission to its tracking page', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/ide',
      headers: { ...FORM, cookie: anonymousVisitor(t.db).cookie },
      payload: new URLSearchParams({
        _csrf: anonymousVisitor(t.db).csrf,
        ...idea(planId, 'Lampu jalan gang'),
        email: '',
      }).toString(),
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toMatch(/^\/ide\/lacak\/[\w-]{43}\?baru=1$/);
    const page = await t.app.inject({ url: res.headers.location as string, headers: { accept: 'text/html' } });
    expect(page.body).toContain('Terima kasih. Ide Anda akan tampil setelah diperiksa moderator.');
    expect(page.body).toContain('Lampu jalan gang');
  });

  it('signs the answer with the account (name, organisation, position) and shows it with its English version', async () => {
    const approve = await t.app.inject({
      method: 'POST',
      url: `/api/v1/ideas/${tracked.id}/moderation`,
      headers: bappeda.headers,
      payload: { decision: 'approve' },
    });
    expect(approve.statusCode).toBe(200);
    const form = await t.app.inject({
      url: `/ide/${tracked.id}/tanggapan`,
      headers: { accept: 'text/html', cookie: bappeda.cookie },
    });
    expect(form.body).toContain(
      `Tanggapan ditandatangani dengan akun Anda: Pengguna ${bappeda.email.split('@')[0]}, atas nama`,
    );
    expect(form.body).not.toContain('name="responderName"');
    const answer = await t.app.inject({
      method: 'POST',
      url: `/api/v1/ideas/${tracked.id}/response`,
      headers: bappeda.headers,
      payload: {
        kind: 'not_adopted',
        reason: 'Data ini sudah tersedia di portal Satu Data.',
        responderTitle: 'Kepala Bidang Data',
        translations: { en: { reason: 'This data is already on the One Data portal.' } },
      },
    });
    expect(answer.statusCode).toBe(200);
    const responder = answer.json().data.response.responder;
    expect(responder).toMatchObject({
      name: `Pengguna ${bappeda.email.split('@')[0]}`,
      title: 'Kepala Bidang Data',
      fromAccount: true,
    });
    expect(responder.organization.name).toMatch(/Perencanaan/);

    const json = (await t.app.inject({ url: `/api/v1/ideas/track/${tracked.token}` })).json().data;
    expect(json.publicUrl).toBe(`/ide/${tracked.id}`);
    expect(json.response.translations.en.reason).toBe('This data is already on the One Data portal.');
    const en = await t.app.inject({ url: tracked.path, headers: { accept: 'text/html', cookie: 'terbuka_lang=en' } });
    expect(en.body).toContain('<p>This data is already on the One Data portal.</p>');
    expect(en.body).toContain('Signed with an account');
    const id = await t.app.inject({ url: `/ide/${tracked.id}`, headers: { accept: 'text/html' } });
    expect(id.body).toContain(
      `Pengguna ${bappeda.email.split('@')[0]}, Kepala Bidang Data, ${responder.organization.name}`,
    );
  });

  it('keeps an old typed-in answer as it was, marked as such', async () => {
    await t.db
      .updateTable('ideas')
      .set({ responder_name: 'Ir. Nama Diketik', responder_from_account: 0, responder_organization_id: null })
      .where('id', '=', tracked.id)
      .execute();
    const page = await t.app.inject({ url: `/ide/${tracked.id}`, headers: { accept: 'text/html' } });
    expect(page.body).toContain('Ir. Nama Diketik, Kepala Bidang Data');
    expect(page.body).toContain('(nama diketik sebelum tanggapan ditautkan ke akun)');
    const json = (await t.app.inject({ url: `/api/v1/ideas/${tracked.id}` })).json().data;
    expect(json.response.responder).toMatchObject({ name: 'Ir. Nama Diketik', organization: null, fromAccount: false });
  });

  it('tells the author why the response mail came', async () => {
    const mine = (
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/ideas',
        headers: warga.headers,
        payload: idea(planId, 'Ide saya'),
      })
    ).json().data.id;
    const payload = { kind: 'adopted', reason: 'Diadopsi ke rencana aksi berikutnya.' };
    const url = `/api/v1/ideas/${mine}/response`;
    // No position given and none on the account: refused, nothing written.
    const none = await t.app.inject({ method: 'POST', url, headers: bappeda.headers, payload });
    expect(none.statusCode).toBe(422);
    expect(none.json().error.details.fields[0].field).toBe('responderTitle');
    expect((await t.app.inject({ url: `/api/v1/ideas/${mine}` })).json().data.response).toBeNull();
    // The position saved on the account signs the answer.
    const profile = await t.app.inject({
      method: 'POST',
      url: '/akun/profil',
      headers: { ...FORM, cookie: bappeda.cookie },
      payload: new URLSearchParams({
        _csrf: bappeda.csrf,
        name: `Pengguna ${bappeda.email.split('@')[0]}`,
        position: 'Kepala Bidang Perencanaan',
        locale: 'id',
      }).toString(),
    });
    expect(profile.statusCode).toBe(303);
    const form = await t.app.inject({
      url: `/ide/${mine}/tanggapan`,
      headers: { accept: 'text/html', cookie: bappeda.cookie },
    });
    expect(form.body).toContain('value="Kepala Bidang Perencanaan"');
    const answer = await t.app.inject({ method: 'POST', url, headers: bappeda.headers, payload });
    expect(answer.statusCode).toBe(200);
    expect(answer.json().data.response.responder.title).toBe('Kepala Bidang Perencanaan');
    const mail = await t.db.selectFrom('outbox').selectAll().where('to_address', '=', warga.email).execute();
    expect(mail).toHaveLength(1);
    expect(mail[0]!.body_text).toContain('Anda menerima e-mail ini karena Anda menulis ide ini di Terbuka.');
    const en = await t.app.inject({
      url: '/api/v1/me/notifications',
      headers: { cookie: warga.cookie, 'accept-language': 'en' },
    });
    expect(en.json().data[0].title).toBe('Your idea “Ide saya” has a response');
    expect(en.json().data[0].body).toContain('Response: Adopted.');
  });
});
