import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/helpers/test-env.js';
import { createTestApp, createTestUser, type TestApp, type TestUser } from '../../../test/helpers/test-app.js';
import { sharedAdvance } from './forum.advance.js';
import { createMember } from './forum.service.js';
import { localDate } from '../../time/local-time.js';
import { multipart } from '../../../test/helpers/multipart.js';

const form = (user: TestUser, fields: Record<string, string>) => ({
  headers: { cookie: user.cookie, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
  payload: new URLSearchParams({ _csrf: user.csrf, ...fields }).toString(),
});

const addDays = (date: string, n: number) =>
  new Date(Date.parse(date + 'T00:00:00Z') + n * 86400000).toISOString().slice(0, 10);

describe('shared-in-advance computation', () => {
  it('compares local (WIB) publication dates with the meeting date', () => {
    expect(sharedAdvance('2025-07-10', '2025-07-01T02:00:00Z')).toEqual({ daysBefore: 9, status: 'before' });
    // 18:00 UTC on 1 July is already 2 July in Madiun: the same day as the meeting.
    expect(sharedAdvance('2025-07-02', '2025-07-01T18:00:00Z')).toEqual({ daysBefore: 0, status: 'same_day' });
    expect(sharedAdvance('2025-07-02', '2025-07-05T03:00:00Z')).toEqual({ daysBefore: -3, status: 'after' });
  });
});

describe.each(DIALECTS)('forum (%s)', (dialect) => {
  let t: TestApp;
  let admin: TestUser, secretariat: TestUser, warga: TestUser;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    admin = await createTestUser(t.db, ['admin']);
    secretariat = await createTestUser(t.db, ['forum']);
    warga = await createTestUser(t.db, ['warga']);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('lets an admin publish rules and members by sector; the public page shows them and the multi-stakeholder check', async () => {
    const rules = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/forum/rules',
      headers: admin.headers,
      payload: { body: 'Forum bertemu paling sedikit tiap tiga bulan. Dokumen dibagikan seminggu sebelumnya.' },
    });
    expect(rules.statusCode).toBe(200);
    const gov = await t.app.inject({
      method: 'POST',
      url: '/api/v1/forum/members',
      headers: admin.headers,
      payload: {
        name: 'Kepala Bapelitbangda',
        sector: 'government',
        selectionMethod: 'Ex officio',
        joinedOn: '2025-04-30',
        roleTitle: 'Ketua bersama',
      },
    });
    expect(gov.statusCode).toBe(201);
    expect(gov.json().data).toMatchObject({ sector: 'government', selectionMethod: 'Ex officio' });
    let page = await t.app.inject({ url: '/forum', headers: { accept: 'text/html' } });
    expect(page.body).toContain('Belum multipihak');
    const cso = await t.app.inject({
      method: 'POST',
      url: '/forum/anggota/baru',
      ...form(admin, {
        name: 'Yayasan Bambu Nusantara',
        sector: 'civil_society',
        selectionMethod: 'Seleksi terbuka melalui pengumuman',
        joinedOn: '2025-04-30',
        affiliation: 'Yayasan Bambu Nusantara',
      }),
    });
    expect(cso.statusCode).toBe(303);
    page = await t.app.inject({ url: '/forum', headers: { accept: 'text/html' } });
    expect(page.body).toContain('Multipihak: pemerintah dan unsur nonpemerintah');
    expect(page.body).toContain('Seleksi terbuka melalui pengumuman');
    expect(page.body).toContain('Dokumen dibagikan seminggu sebelumnya.');
    const json = (await t.app.inject({ url: '/api/v1/forum' })).json();
    expect(json.data.membersBySector).toMatchObject({ government: 1, civil_society: 1, academia: 0 });
    expect(json.data.multiStakeholder).toBe(true);
  });

  it('re-renders the member form with a linked error summary on bad input (422)', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/forum/anggota/baru',
      ...form(admin, {
        name: 'X',
        sector: 'government',
        selectionMethod: '',
        joinedOn: '2025-05-01',
        leftOn: '2025-04-01',
      }),
    });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('class="error-summary"');
    expect(res.body).toContain('href="#selectionMethod"');
    expect(res.body).toContain('href="#leftOn"');
    expect(res.body).toContain('Tanggal selesai tidak boleh sebelum tanggal mulai.');
  });

  it('lets the forum secretariat manage members and meetings, keeps rules to admins, and says so to others', async () => {
    const member = { name: 'Dosen UNIPMA', sector: 'academia', selectionMethod: 'Undangan', joinedOn: '2025-05-01' };
    const added = await t.app.inject({
      method: 'POST',
      url: '/api/v1/forum/members',
      headers: secretariat.headers,
      payload: member,
    });
    expect(added.statusCode).toBe(201);
    const byForm = await t.app.inject({
      method: 'POST',
      url: '/forum/anggota/baru',
      ...form(secretariat, {
        name: 'Ketua Pokdarwis',
        sector: 'civil_society',
        selectionMethod: 'Musyawarah',
        joinedOn: '2025-05-02',
      }),
    });
    expect(byForm.statusCode).toBe(303);
    const rules = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/forum/rules',
      headers: secretariat.headers,
      payload: { body: 'Aturan dari sekretariat' },
    });
    expect(rules.statusCode).toBe(403);
    expect(rules.json().error.code).toBe('FORUM_RULES_ADMIN_ONLY');

    // The secretariat's page offers the buttons and tells it who publishes the rules.
    const own = await t.app.inject({ url: '/forum', headers: { cookie: secretariat.cookie, accept: 'text/html' } });
    expect(own.body).toContain('href="/forum/anggota/baru"');
    expect(own.body).toContain('href="/forum/pertemuan/baru"');
    expect(own.body).not.toContain('href="/forum/aturan"');
    expect(own.body).toContain('Aturan forum, setelah disepakati forum, diterbitkan oleh administrator.');

    // Everyone else is told who keeps the record (and a signed-in warga how to get the role).
    const visitor = await t.app.inject({ url: '/forum', headers: { accept: 'text/html' } });
    expect(visitor.body).not.toContain('href="/forum/anggota/baru"');
    expect(visitor.body).toContain('dicatat oleh sekretariat forum (akun dengan peran forum) atau administrator');
    const citizen = await t.app.inject({ url: '/forum', headers: { cookie: warga.cookie, accept: 'text/html' } });
    expect(citizen.body).toContain('mintalah administrator untuk memberikannya');

    const refused = await t.app.inject({
      method: 'POST',
      url: '/api/v1/forum/members',
      headers: { ...warga.headers, 'accept-language': 'en' },
      payload: member,
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('FORUM_SECRETARIAT_ONLY');
    const meeting = { title: 'Rapat warga', meetingDate: '2025-06-01' };
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/v1/forum/meetings', headers: warga.headers, payload: meeting }))
        .statusCode,
    ).toBe(403);
    expect(
      (await t.app.inject({ url: '/forum/pertemuan/baru', headers: { cookie: warga.cookie, accept: 'text/html' } }))
        .statusCode,
    ).toBe(403);
    // The service itself refuses, whichever door calls it.
    const input = { ...member, sector: 'academia' as const, affiliation: '', roleTitle: '' };
    await expect(createMember(t.db, null, input)).rejects.toMatchObject({ status: 401 });
    const citizenUser = {
      id: warga.id,
      email: warga.email,
      name: 'Warga',
      roles: [{ role: 'warga' as const, organizationId: null }],
    };
    await expect(createMember(t.db, citizenUser, input)).rejects.toMatchObject({ status: 403 });
    const count = await t.db
      .selectFrom('forum_meetings')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
  });

  it('marks each document as shared N days before or after the meeting, and the meeting as shared in advance', async () => {
    const today = localDate(new Date().toISOString());
    const future = (
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/forum/meetings',
        headers: secretariat.headers,
        payload: {
          title: 'Lokakarya ko-kreasi',
          meetingDate: addDays(today, 3),
          agenda: 'Membahas usulan komitmen',
          attendanceGovernment: 5,
          attendanceCivilSociety: 7,
        },
      })
    ).json().data;
    expect(future.attendance).toMatchObject({ government: 5, civil_society: 7, academia: null, total: 12 });
    expect(future.sharedInAdvance).toBe(false);
    const doc = await t.app.inject({
      method: 'POST',
      url: `/api/v1/forum/meetings/${future.id}/documents`,
      headers: secretariat.headers,
      payload: { title: 'Bahan diskusi', url: 'https://madiunkota.go.id/ogp/bahan.pdf' },
    });
    expect(doc.statusCode).toBe(201);
    expect(doc.json().data).toMatchObject({ daysBeforeMeeting: 3, sharedInAdvance: true });

    const past = (
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/forum/meetings',
        headers: secretariat.headers,
        payload: { title: 'Rapat evaluasi', meetingDate: addDays(today, -2) },
      })
    ).json().data;
    const pdf = multipart({ _csrf: secretariat.csrf, title: 'Notulen rapat evaluasi' }, [
      { name: 'notulen.pdf', type: 'application/pdf', content: Buffer.from('%PDF-1.4\n% uji\n') },
    ]);
    const up = await t.app.inject({
      method: 'POST',
      url: `/forum/pertemuan/${past.id}/dokumen`,
      headers: { cookie: secretariat.cookie, 'content-type': pdf.contentType, accept: 'text/html' },
      payload: pdf.payload,
    });
    expect(up.statusCode).toBe(303);
    const page = await t.app.inject({ url: `/forum/pertemuan/${past.id}`, headers: { accept: 'text/html' } });
    expect(page.body).toContain('dibagikan 2 hari SETELAH pertemuan');
    const futurePage = await t.app.inject({
      url: `/forum/pertemuan/${future.id}`,
      headers: { accept: 'text/html', cookie: 'terbuka_lang=en' },
    });
    expect(futurePage.body).toContain('shared 3 days before the meeting');
    const meetingJson = (await t.app.inject({ url: `/api/v1/forum/meetings/${past.id}` })).json().data;
    expect(meetingJson.sharedInAdvance).toBe(false);
    expect(meetingJson.documents[0]).toMatchObject({
      kind: 'file',
      mediaType: 'application/pdf',
      daysBeforeMeeting: -2,
    });
    expect(meetingJson.documents[0].sha256).toMatch(/^[0-9a-f]{64}$/);
    const file = await t.app.inject({ url: meetingJson.documents[0].url });
    expect(file.statusCode).toBe(200);
    expect(file.body).toContain('%PDF-1.4');
  });

  it('refuses a document of a forbidden type or without link or file, with the form re-rendered (422)', async () => {
    const meeting = (
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/forum/meetings',
        headers: secretariat.headers,
        payload: { title: 'Rapat pleno', meetingDate: '2025-06-10' },
      })
    ).json().data;
    const exe = multipart({ _csrf: secretariat.csrf, title: 'Program' }, [
      { name: 'setup.pdf', type: 'application/pdf', content: Buffer.from('MZ\x90\x00binary') },
    ]);
    const bad = await t.app.inject({
      method: 'POST',
      url: `/forum/pertemuan/${meeting.id}/dokumen`,
      headers: { cookie: secretariat.cookie, 'content-type': exe.contentType, accept: 'text/html' },
      payload: exe.payload,
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Jenis berkas tidak diterima');
    const empty = await t.app.inject({
      method: 'POST',
      url: `/forum/pertemuan/${meeting.id}/dokumen`,
      ...form(secretariat, { title: 'Tanpa isi' }),
    });
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain('Isi tautan atau pilih berkas.');
    expect((await t.app.inject({ url: `/api/v1/forum/meetings/${meeting.id}` })).json().data.documents).toHaveLength(0);
  });

  it('notifies followers of a meeting when it changes, but not the person who changed it', async () => {
    const meeting = (
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/forum/meetings',
        headers: secretariat.headers,
        payload: { title: 'Rapat pemantauan', meetingDate: '2025-09-01' },
      })
    ).json().data;
    const follow = await t.app.inject({
      method: 'POST',
      url: '/ikuti',
      ...form(warga, {
        entityType: 'forum_meeting',
        entityId: meeting.id,
        action: 'follow',
        next: `/forum/pertemuan/${meeting.id}`,
      }),
    });
    expect(follow.statusCode).toBe(303);
    expect(follow.headers.location).toBe(`/forum/pertemuan/${meeting.id}`);
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/follows',
      headers: secretariat.headers,
      payload: { entityType: 'forum_meeting', entityId: meeting.id },
    });
    const page = await t.app.inject({
      url: `/forum/pertemuan/${meeting.id}`,
      headers: { cookie: warga.cookie, accept: 'text/html' },
    });
    expect(page.body).toContain('Berhenti mengikuti');
    const upd = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/forum/meetings/${meeting.id}`,
      headers: secretariat.headers,
      payload: {
        title: 'Rapat pemantauan',
        meetingDate: '2025-09-01',
        minutes: 'Notulen disepakati.',
        attendanceCitizen: 12,
      },
    });
    expect(upd.statusCode).toBe(200);
    const mine = (await t.app.inject({ url: '/api/v1/me/notifications', headers: { cookie: warga.cookie } })).json();
    expect(mine.data[0]).toMatchObject({
      title: 'Rapat pemantauan',
      url: `/forum/pertemuan/${meeting.id}`,
      read: false,
    });
    expect(
      (await t.app.inject({ url: '/api/v1/me/notifications', headers: { cookie: secretariat.cookie } })).json().data,
    ).toHaveLength(0);
    expect(await t.db.selectFrom('outbox').selectAll().where('to_address', '=', warga.email).execute()).toHaveLength(1);
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/follows',
      headers: warga.headers,
      payload: { entityType: 'forum_meeting', entityId: meeting.id, follow: false },
    });
    await t.app.inject({
      method: 'PUT',
      url: `/api/v1/forum/meetings/${meeting.id}`,
      headers: secretariat.headers,
      payload: { title: 'Rapat pemantauan', meetingDate: '2025-09-01', decisions: 'Lanjut.' },
    });
    expect(
      (await t.app.inject({ url: '/api/v1/me/notifications', headers: { cookie: warga.cookie } })).json().data,
    ).toHaveLength(1);
  });

  it("shows a meeting's attendance by sector, minutes and decisions on its public page, in both languages", async () => {
    const meeting = (
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/forum/meetings',
        headers: secretariat.headers,
        payload: {
          title: 'Rapat ko-kreasi kedua',
          meetingDate: '2025-06-10',
          agenda: 'Memilih usulan komitmen',
          attendanceGovernment: 4,
          attendanceCivilSociety: 6,
          attendanceAcademia: 2,
          attendanceCitizen: 9,
          minutes: 'Peserta membahas tiga usulan.',
          decisions: 'Dua usulan dilanjutkan ke rancangan komitmen.',
        },
      })
    ).json().data;
    const id = (await t.app.inject({ url: `/forum/pertemuan/${meeting.id}`, headers: { accept: 'text/html' } })).body;
    expect(id).toContain('<caption>Kehadiran per unsur</caption>');
    expect(id).toMatch(/<th scope="row">Masyarakat sipil<\/th><td class="num">6<\/td>/);
    expect(id).toMatch(/<th scope="row">Swasta<\/th><td class="num">—<\/td>/);
    expect(id).toMatch(/<th scope="row">Jumlah hadir<\/th><td class="num">21<\/td>/);
    expect(id).toContain('Peserta membahas tiga usulan.');
    expect(id).toContain('Dua usulan dilanjutkan ke rancangan komitmen.');
    const en = (
      await t.app.inject({
        url: `/forum/pertemuan/${meeting.id}`,
        headers: { accept: 'text/html', cookie: 'terbuka_lang=en' },
      })
    ).body;
    expect(en).toContain('<caption>Attendance by sector</caption>');
    expect(en).toMatch(/<th scope="row">Civil society<\/th><td class="num">6<\/td>/);
  });

  it('answers unknown or malformed meeting ids with 404 and 400', async () => {
    expect(
      (await t.app.inject({ url: '/api/v1/forum/meetings/00000000-0000-4000-8000-000000000000' })).statusCode,
    ).toBe(404);
    expect((await t.app.inject({ url: '/api/v1/forum/meetings/bukan-id' })).statusCode).toBe(400);
  });
});
