import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/helpers/test-env.js';
import { createTestApp, createTestUser, type TestApp, type TestUser } from '../../../test/helpers/test-app.js';
import { commitmentBody, milestoneBody, planBody } from './plan.fixtures.js';
import { todayLocal } from '../../time/local-time.js';
import { formFields } from '../../../test/helpers/html-form.js';

const FORM = { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' };
const shiftYears = (date: string, years: number) => `${Number(date.slice(0, 4)) + years}${date.slice(4)}`;

describe.each(DIALECTS)('plan lifecycle dates and the closed plan (%s)', (dialect) => {
  let t: TestApp;
  let admin: TestUser;
  let disbud: TestUser;

  beforeEach(async () => {
    t = await createTestApp(dialect);
    admin = await createTestUser(t.db, ['admin']);
    disbud = await createTestUser(t.db, [['produsen', 'disbudparpora']]);
  });
  afterEach(async () => {
    await t?.close();
  });

  const makePlan = async (overrides: Record<string, unknown> = {}) => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/plans',
      headers: admin.headers,
      payload: await planBody(t.db, overrides),
    });
    expect(res.statusCode).toBe(201);
    return res.json().data.id as string;
  };
  const setStatus = (id: string, status: 'submitted' | 'implementation') =>
    t.db.updateTable('plans').set({ status }).where('id', '=', id).execute();
  const transition = (id: string, payload: Record<string, unknown>) =>
    t.app.inject({ method: 'POST', url: `/api/v1/plans/${id}/transition`, headers: admin.headers, payload });

  it('refuses implementation before the period starts', async () => {
    const today = todayLocal();
    const id = await makePlan({
      periodStart: shiftYears(today, 1),
      periodEnd: shiftYears(today, 3),
      termEndDate: shiftYears(today, 3),
    });
    await setStatus(id, 'submitted');
    const res = await transition(id, { to: 'implementation' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('PLAN_PERIOD_NOT_STARTED');
    expect(res.json().error.message).toContain(shiftYears(today, 1));
    expect((await t.app.inject({ url: `/api/v1/plans/${id}` })).json().data.status).toBe('submitted');
  });

  it('closes early only with a reason, which the plan page and JSON then show', async () => {
    const id = await makePlan();
    await setStatus(id, 'implementation');
    const bare = await transition(id, { to: 'closed' });
    expect(bare.statusCode).toBe(422);
    expect(bare.json().error.code).toBe('PLAN_EARLY_CLOSURE_REASON');
    expect(bare.json().error.details.fields[0].field).toBe('earlyClosureReason');
    const form = await t.app.inject({
      method: 'POST',
      url: `/rencana-aksi/${id}/status`,
      headers: { ...FORM, cookie: admin.cookie },
      payload: `_csrf=${admin.csrf}&to=closed&earlyClosureReason=`,
    });
    expect(form.statusCode).toBe(422);
    expect(form.body).toContain('class="error-summary"');
    expect(form.body).toContain('Tuliskan alasan penutupan sebelum akhir periode');
    expect((await t.app.inject({ url: `/api/v1/plans/${id}` })).json().data.status).toBe('implementation');

    const reason = 'Periode dipersingkat karena pergantian kepala daerah.';
    const done = await t.app.inject({
      method: 'POST',
      url: `/rencana-aksi/${id}/status`,
      headers: { ...FORM, cookie: admin.cookie },
      payload: `_csrf=${admin.csrf}&to=closed&earlyClosureReason=${encodeURIComponent(reason)}`,
    });
    expect(done.statusCode).toBe(303);
    const json = (await t.app.inject({ url: `/api/v1/plans/${id}` })).json().data;
    expect(json).toMatchObject({ status: 'closed', earlyClosureReason: reason });
    const page = await t.app.inject({ url: `/rencana-aksi/${id}`, headers: { accept: 'text/html' } });
    expect(page.body).toContain('ditutup sebelum akhir periodenya');
    expect(page.body).toContain(reason);
  });

  it('makes a closed plan read-only: plan, commitments, milestones and evidence answer 409 PLAN_CLOSED', async () => {
    const id = await makePlan();
    const c = await t.app.inject({
      method: 'POST',
      url: `/api/v1/plans/${id}/commitments`,
      headers: admin.headers,
      payload: await commitmentBody(t.db),
    });
    const ogpId = c.json().data.ogpId as string;
    const m = await t.app.inject({
      method: 'POST',
      url: `/api/v1/commitments/${ogpId}/milestones`,
      headers: disbud.headers,
      payload: await milestoneBody(t.db),
    });
    const milestoneId = m.json().data.id as string;
    await setStatus(id, 'implementation');
    expect(
      (await transition(id, { to: 'closed', earlyClosureReason: 'Ditutup lebih awal untuk uji.' })).statusCode,
    ).toBe(200);

    const writes = [
      { method: 'PATCH' as const, url: `/api/v1/commitments/${ogpId}`, payload: { budgetSource: 'APBN' } },
      { method: 'PATCH' as const, url: `/api/v1/commitments/${ogpId}`, payload: { title: 'Judul diganti diam-diam' } },
      { method: 'PATCH' as const, url: `/api/v1/plans/${id}`, payload: { title: 'Rencana diganti' } },
      { method: 'POST' as const, url: `/api/v1/commitments/${ogpId}/milestones`, payload: await milestoneBody(t.db) },
      { method: 'PATCH' as const, url: `/api/v1/milestones/${milestoneId}`, payload: { progressPercent: 40 } },
      {
        method: 'POST' as const,
        url: `/api/v1/milestones/${milestoneId}/evidence-links`,
        payload: { title: 'Notulen', url: 'https://example.org/notulen', evidenceDate: '2025-10-01' },
      },
      { method: 'POST' as const, url: `/api/v1/plans/${id}/commitments`, payload: await commitmentBody(t.db) },
    ];
    for (const w of writes) {
      const res = await t.app.inject({ ...w, headers: admin.headers });
      expect(res.statusCode, `${w.method} ${w.url}`).toBe(409);
      expect(res.json().error.code).toBe('PLAN_CLOSED');
      expect(res.json().error.message).toContain('sudah ditutup');
    }
    const after = (await t.app.inject({ url: `/api/v1/commitments/${ogpId}` })).json().data;
    expect(after.title).toBe('Pendampingan kelurahan wisata');
    expect(after.milestones).toHaveLength(1);
    expect(after.milestones[0].percent).toBe(0);
    expect(after.milestones[0].evidence).toHaveLength(0);
    const edit = await t.app.inject({
      url: `/komitmen/${ogpId}/ubah`,
      headers: { accept: 'text/html', cookie: admin.cookie },
    });
    const fields = formFields(edit.body, `/komitmen/${ogpId}/ubah`);
    fields.set('title', 'Lewat formulir');
    const page = await t.app.inject({
      method: 'POST',
      url: `/komitmen/${ogpId}/ubah`,
      headers: { ...FORM, cookie: admin.cookie },
      payload: fields.toString(),
    });
    expect(page.statusCode).toBe(409);
    expect(page.body).toContain('sudah ditutup');
    // The pages offer no edit, add or report link on a closed plan, and say why.
    const html = async (url: string) =>
      (await t.app.inject({ url, headers: { accept: 'text/html', cookie: admin.cookie } })).body;
    const planPage = await html(`/rencana-aksi/${id}`);
    expect(planPage).toContain('sudah ditutup dan menjadi catatan publik yang tetap');
    expect(planPage).not.toContain(`href="/rencana-aksi/${id}/ubah"`);
    const commitmentPage = await html(`/komitmen/${ogpId}`);
    expect(commitmentPage).not.toContain(`href="/komitmen/${ogpId}/ubah"`);
    expect(commitmentPage).not.toContain(`href="/tonggak/${milestoneId}/ubah"`);
  });

  it("corrects a submitted plan's submission date only with a reason; the inception deadline keeps the original", async () => {
    const id = await makePlan({ submittedOn: '2025-07-16', endorsedOn: '2025-07-10' });
    await setStatus(id, 'implementation');
    const bare = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/plans/${id}`,
      headers: admin.headers,
      payload: { submittedOn: '2025-09-01' },
    });
    expect(bare.statusCode).toBe(422);
    expect(bare.json().error.code).toBe('DATE_LOCKED');
    expect(bare.json().error.details.fields[0].field).toBe('submittedOnCorrectionReason');
    expect((await t.app.inject({ url: `/api/v1/plans/${id}` })).json().data.submittedOn).toBe('2025-07-16');
    const reason = 'Tanggal pengajuan tercatat salah; surat pengantar bertanggal 1 September.';
    const ok = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/plans/${id}`,
      headers: admin.headers,
      payload: { submittedOn: '2025-09-01', submittedOnCorrectionReason: reason },
    });
    expect(ok.statusCode).toBe(200);
    const json = (await t.app.inject({ url: `/api/v1/plans/${id}` })).json().data;
    expect(json.submittedOn).toBe('2025-09-01');
    expect(json.dateCorrections).toEqual([
      expect.objectContaining({ field: 'submittedOn', originalValue: '2025-07-16', newValue: '2025-09-01', reason }),
    ]);
    const page = await t.app.inject({ url: `/rencana-aksi/${id}`, headers: { accept: 'text/html' } });
    expect(page.body).toContain(reason);
    expect(page.body).toContain('Tenggat penilaian awal tetap dihitung dari tanggal aslinya');
    const schedule = await t.app.inject({ url: '/api/v1/monitoring/schedule', headers: admin.headers });
    const inception = schedule
      .json()
      .data.find((i: { planId: string; kind: string }) => i.planId === id && i.kind === 'inception');
    expect(inception).toMatchObject({ basisDate: '2025-07-16', dueDate: '2025-09-16' });
  });
});
