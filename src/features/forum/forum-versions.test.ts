import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/helpers/test-env.js';
import { createTestApp, createTestUser, type TestApp, type TestUser } from '../../../test/helpers/test-app.js';
import { etagChecks, twoEditors } from '../../../test/helpers/versioning.js';

const meeting = {
  title: 'Rapat forum triwulan',
  meetingDate: '2026-02-10',
  location: 'Balai Kota',
  agenda: 'Tinjauan kemajuan komitmen',
  attendanceGovernment: 5,
  attendanceCivilSociety: 4,
  attendanceAcademia: 1,
  attendancePrivate: 0,
  attendanceCitizen: 3,
  minutes: 'Notulen lengkap rapat',
  decisions: 'Keputusan: rapat berikut Mei',
};

describe.each(DIALECTS)('forum meetings: versions and whole/partial updates (%s)', (dialect) => {
  let t: TestApp;
  let secretariat: TestUser;
  let id: string;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    secretariat = await createTestUser(t.db, ['forum']);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/forum/meetings',
      headers: secretariat.headers,
      payload: meeting,
    });
    expect(res.statusCode).toBe(201);
    id = res.json().data.id;
  });
  afterAll(async () => {
    await t?.close();
  });
  const url = () => `/api/v1/forum/meetings/${id}`;
  const stored = async () => (await t.app.inject({ url: url() })).json().data;

  it('PUT with only meetingDate is a 400 naming the missing fields, and nothing changes', async () => {
    const before = await stored();
    const res = await t.app.inject({
      method: 'PUT',
      url: url(),
      headers: secretariat.headers,
      payload: { meetingDate: '2026-03-01' },
    });
    expect(res.statusCode).toBe(400);
    const fields = res.json().error.details.fields.map((f: { field: string }) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['body.agenda', 'body.minutes', 'body.decisions', 'body.title']));
    expect(await stored()).toEqual(before);
  });

  it('PATCH with only meetingDate changes only the date', async () => {
    const before = await stored();
    const res = await t.app.inject({
      method: 'PATCH',
      url: url(),
      headers: secretariat.headers,
      // The meeting has minutes, so its date is locked: moving it is a correction with a reason.
      payload: { meetingDate: '2026-03-01', dateCorrectionReason: 'Salah ketik tanggal rapat' },
    });
    expect(res.statusCode, res.body).toBe(200);
    const after = await stored();
    expect(after).toEqual({
      ...before,
      meetingDate: '2026-03-01',
      version: before.version + 1,
      dateCorrections: [expect.objectContaining({ originalValue: before.meetingDate, newValue: '2026-03-01' })],
    });
    expect(after.agenda).toBe(meeting.agenda);
    expect(after.attendance.total).toBe(13);
  });

  it('an unknown key is a 400 that names it, in PUT and PATCH, in the reader language', async () => {
    for (const method of ['PUT', 'PATCH'] as const) {
      const res = await t.app.inject({
        method,
        url: url(),
        headers: { ...secretariat.headers, cookie: `${secretariat.cookie}; terbuka_lang=en` },
        payload: { ...meeting, notulen: 'x' },
      });
      expect(res.statusCode).toBe(400);
      expect(JSON.stringify(res.json().error.details)).toContain('Unknown keys: notulen');
    }
    const empty = await t.app.inject({ method: 'PATCH', url: url(), headers: secretariat.headers, payload: {} });
    expect(empty.statusCode).toBe(400);
  });

  it('ETag and If-Match on PUT and PATCH: fresh 200 with a new ETag, stale and bogus 412', async () => {
    // The earlier PATCH moved the (locked) date; this PUT moves it back, so it states a reason.
    const whole = { ...meeting, planId: null, dateCorrectionReason: 'Tanggal semula yang benar' };
    await etagChecks(t, secretariat, { getUrl: url(), method: 'PUT', body: whole });
    await etagChecks(t, secretariat, { getUrl: url(), method: 'PATCH', body: { location: 'Aula Bappeda' } });
    const star = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/forum/meetings/00000000-0000-4000-8000-000000000000',
      headers: { ...secretariat.headers, 'if-match': '*' },
      payload: { ...meeting, planId: null },
    });
    expect(star.statusCode).toBe(412);
  });

  it('two editors: the second gets the diff and merges without losing the first edit', async () => {
    const { conflict } = await twoEditors(t, secretariat, {
      editUrl: `/forum/pertemuan/${id}/ubah`,
      action: `/forum/pertemuan/${id}/ubah`,
      a: { location: 'Gedung Sabha Praja' },
      b: { minutes: 'Notulen versi editor kedua' },
    });
    expect(conflict.body).toContain('Notulen lengkap rapat');
    const after = await stored();
    expect(after.location).toBe('Gedung Sabha Praja');
    expect(after.minutes).toBe('Notulen versi editor kedua');
  });

  it('both editors changing the same field is marked as a conflict holding the second value', async () => {
    const { conflict, merged } = await twoEditors(t, secretariat, {
      editUrl: `/forum/pertemuan/${id}/ubah`,
      action: `/forum/pertemuan/${id}/ubah`,
      a: { decisions: 'Keputusan A' },
      b: { decisions: 'Keputusan B' },
    });
    expect(conflict.body).toContain('keduanya mengubah');
    expect(conflict.body).toContain('aria-invalid="true"');
    expect(merged.get('decisions')).toBe('Keputusan B');
  });
});
