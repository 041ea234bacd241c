import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/helpers/test-env.js';
import { createTestApp, createTestUser, type TestApp, type TestUser } from '../../../test/helpers/test-app.js';
import { localDate } from '../../time/local-time.js';

const addDays = (date: string, n: number) =>
  new Date(Date.parse(date + 'T00:00:00Z') + n * 86400000).toISOString().slice(0, 10);

describe.each(DIALECTS)('a meeting date locked by its documents (%s)', (dialect) => {
  let t: TestApp;
  let secretariat: TestUser;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    secretariat = await createTestUser(t.db, [['forum', 'bapelitbangda']]);
  });
  afterAll(async () => {
    await t?.close();
  });

  const meetingBody = (meetingDate: string, extra: Record<string, unknown> = {}) => ({
    title: 'Rapat evaluasi',
    meetingDate,
    agenda: 'Evaluasi',
    ...extra,
  });

  it('refuses a new date without a reason, records a correction with one, and judges "in advance" against the original', async () => {
    const today = localDate(new Date().toISOString());
    // Held 12 days ago; its material was only published today: shared 12 days AFTER.
    const held = addDays(today, -12);
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/forum/meetings',
      headers: secretariat.headers,
      payload: meetingBody(held),
    });
    const id = created.json().data.id as string;
    // Before anything is published the date can still move freely.
    const early = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/forum/meetings/${id}`,
      headers: secretariat.headers,
      payload: meetingBody(held, { location: 'Balai Kota' }),
    });
    expect(early.statusCode).toBe(200);
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/forum/meetings/${id}/documents`,
      headers: secretariat.headers,
      payload: { title: 'Bahan rapat', url: 'https://madiunkota.go.id/ogp/bahan.pdf' },
    });

    const moved = addDays(today, 6);
    const bare = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/forum/meetings/${id}`,
      headers: secretariat.headers,
      payload: meetingBody(moved),
    });
    expect(bare.statusCode).toBe(422);
    expect(bare.json().error.code).toBe('DATE_LOCKED');
    expect(bare.json().error.message).toContain('terkunci');
    expect(bare.json().error.details.fields[0].field).toBe('dateCorrectionReason');
    const unchanged = (await t.app.inject({ url: `/api/v1/forum/meetings/${id}` })).json().data;
    expect(unchanged.meetingDate).toBe(held);
    expect(unchanged.dateCorrections).toEqual([]);

    const formEdit = await t.app.inject({
      url: `/forum/pertemuan/${id}/ubah`,
      headers: { accept: 'text/html', cookie: secretariat.cookie },
    });
    expect(formEdit.body).toContain('name="dateCorrectionReason"');
    const formBare = await t.app.inject({
      method: 'POST',
      url: `/forum/pertemuan/${id}/ubah`,
      headers: { cookie: secretariat.cookie, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
      payload: new URLSearchParams({ _csrf: secretariat.csrf, title: 'Rapat evaluasi', meetingDate: moved }).toString(),
    });
    expect(formBare.statusCode).toBe(422);
    expect(formBare.body).toContain('Tanggal terkunci: tuliskan alasan koreksi');

    const reason = 'Tanggal salah ketik saat pencatatan awal.';
    const ok = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/forum/meetings/${id}`,
      headers: secretariat.headers,
      payload: meetingBody(moved, { dateCorrectionReason: reason }),
    });
    expect(ok.statusCode).toBe(200);
    const json = ok.json().data;
    expect(json.meetingDate).toBe(moved);
    expect(json.advanceJudgedAgainst).toBe(held);
    expect(json.sharedInAdvance).toBe(false);
    expect(json.documents[0]).toMatchObject({ daysBeforeMeeting: -12, sharedInAdvance: false });
    expect(json.dateCorrections).toEqual([
      expect.objectContaining({
        field: 'meetingDate',
        originalValue: held,
        newValue: moved,
        reason,
        correctedBy: { role: 'forum', organization: expect.stringContaining('Bapelitbangda') },
      }),
    ]);

    const page = await t.app.inject({ url: `/forum/pertemuan/${id}`, headers: { accept: 'text/html' } });
    expect(page.body).toContain('Koreksi tanggal');
    expect(page.body).toContain(reason);
    expect(page.body).toContain('tetap dinilai terhadap tanggal aslinya');
    expect(page.body).toContain('dibagikan 12 hari SETELAH pertemuan');
    const en = await t.app.inject({
      url: `/forum/pertemuan/${id}`,
      headers: { accept: 'text/html', cookie: 'terbuka_lang=en' },
    });
    expect(en.body).toContain('is still judged against its original date');
    const list = (await t.app.inject({ url: '/api/v1/forum' })).json().data.meetings;
    expect(list.find((m: { id: string }) => m.id === id).sharedInAdvance).toBe(false);
    const audit = await t.db.selectFrom('audit_log').select('action').where('action', '=', 'date.correct').execute();
    expect(audit).toHaveLength(1);
  });

  it('locks the date of a meeting with minutes but no documents', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/forum/meetings',
      headers: secretariat.headers,
      payload: meetingBody('2025-06-10', { minutes: 'Notulen rapat.' }),
    });
    const id = created.json().data.id as string;
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/forum/meetings/${id}`,
      headers: secretariat.headers,
      payload: meetingBody('2025-06-20', { minutes: 'Notulen rapat.' }),
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('DATE_LOCKED');
  });
});
