import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/helpers/test-env.js';
import { createTestApp, createTestUser, type TestApp, type TestUser } from '../../../test/helpers/test-app.js';
import { multipart } from '../../../test/helpers/multipart.js';
import { newId, nowIso } from '../../ids.js';
import { todayLocal } from '../../time/local-time.js';
import { addMonths, daysLate } from './due-dates.js';
import { form, insertCommitment, insertMilestone, insertPlan, orgId } from './fixtures.test-helper.js';

// What makes a monitoring review trustworthy (issue 13, item 7): the IRM's current early-results
// scale, a reason for reviewing before the end, no self-assessment of the future, how late a review
// was, and an explicit confirmation when the monitor contradicts the platform's own records.
describe.each(DIALECTS)('monitoring review rules (%s)', (dialect) => {
  let t: TestApp;
  let monitor: TestUser, lead: TestUser;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    monitor = await createTestUser(t.db, [['monitor', 'akademisi']]);
    lead = await createTestUser(t.db, [['produsen', 'disbudparpora']]);
  });
  afterAll(async () => {
    await t?.close();
  });

  const putEnd = (ogpId: string, payload: Record<string, unknown>) =>
    t.app.inject({
      method: 'PUT',
      url: `/api/v1/commitments/${ogpId}/end-assessment`,
      headers: monitor.headers,
      payload,
    });
  const monitoring = async (planId: string) =>
    (await t.app.inject({ url: `/api/v1/plans/${planId}/monitoring`, headers: { cookie: monitor.cookie } })).json()
      .data;
  const page = async (planId: string, lang = 'id') =>
    (
      await t.app.inject({
        url: `/rencana-aksi/${planId}/pemantauan`,
        headers: { accept: 'text/html', cookie: `terbuka_lang=${lang}` },
      })
    ).body;
  const lessons = 'Pendampingan pokdarwis berjalan baik.';

  it('refuses unknown keys in every assessment body, naming them, and saves nothing', async () => {
    const planId = await insertPlan(t.db, { submittedOn: '2025-07-16' });
    const c = await insertCommitment(t.db, planId, { values: { access: true }, endMonth: '2025-12' });
    const bodies: Array<[string, string, Record<string, unknown>]> = [
      ['PUT', `/api/v1/commitments/${c.ogpId}/end-assessment`, { completion: 'complete', lesons: lessons }],
      ['PUT', `/api/v1/plans/${planId}/inception-assessment`, { forumExist: { met: true } }],
      ['POST', `/api/v1/plans/${planId}/self-assessments`, { title: 'Laporan', laporan: 'x' }],
    ];
    for (const [method, url, payload] of bodies) {
      const res = await t.app.inject({ method: method as 'PUT' | 'POST', url, headers: monitor.headers, payload });
      expect(res.statusCode, url).toBe(400);
      expect(JSON.stringify(res.json().error.details), url).toContain(Object.keys(payload).at(-1));
    }
    expect(await t.db.selectFrom('end_assessments').select('id').where('commitment_id', '=', c.id).execute()).toEqual(
      [],
    );
  });

  it('rates early results on the IRM scale; "did it open government" stays a separate, optional field', async () => {
    const planId = await insertPlan(t.db, { submittedOn: '2025-07-16' });
    const c = await insertCommitment(t.db, planId, {
      values: { access: true, participation: true },
      endMonth: '2025-12',
    });
    const missing = await putEnd(c.ogpId, { completion: 'complete', lessons });
    expect(missing.statusCode).toBe(422);
    expect(missing.json().error.details.fields).toEqual([
      { field: 'earlyResults', message: 'Pilih hasil awal komitmen ini.' },
    ]);
    expect(await t.db.selectFrom('end_assessments').select('id').where('commitment_id', '=', c.id).execute()).toEqual(
      [],
    );
    const res = await putEnd(c.ogpId, {
      completion: 'complete',
      earlyResults: 'significant',
      ogAccessInfo: 'major',
      lessons,
      publish: true,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().data).toMatchObject({
      earlyResults: 'significant',
      openedGovernment: { accessInfo: 'major', civicParticipation: null },
    });
    const html = await page(planId);
    expect(html).toContain('Hasil awal (skala IRM)');
    expect(html).toContain('Hasil signifikan');
    expect(html).toContain('Apakah membuka pemerintahan: Transparansi (akses informasi)');
    expect(await page(planId, 'en')).toContain('Significant results');
    const formPage = await t.app.inject({
      url: `/monitoring/komitmen/${c.ogpId}/akhir`,
      headers: { cookie: monitor.cookie, accept: 'text/html' },
    });
    expect(formPage.body).toContain('<option value="significant" selected>Hasil signifikan</option>');
    expect(formPage.body).toContain('Apakah membuka pemerintahan? (indikator IRM lama)');
  });

  it('keeps reviews filed before the early-results scale valid: shown, in JSON, and still open to evidence files', async () => {
    const planId = await insertPlan(t.db, { submittedOn: '2025-07-16' });
    const c = await insertCommitment(t.db, planId, { values: { access: true }, endMonth: '2025-12' });
    const now = nowIso();
    // As the migration leaves a review written before the new columns existed.
    await t.db
      .insertInto('end_assessments')
      .values({
        id: newId(),
        commitment_id: c.id,
        completion: 'substantial',
        og_access_info: 'marginal',
        og_civic_participation: null,
        og_public_accountability: null,
        early_results: null,
        before_end_reason: '',
        due_on: null,
        lessons,
        published: 1,
        submitted_by: null,
        submitted_at: now,
        published_at: now,
        updated_at: now,
      })
      .execute();
    const json = (await monitoring(planId)).endAssessments[0];
    expect(json).toMatchObject({
      earlyResults: null,
      openedGovernment: { accessInfo: 'marginal' },
      beforeEndReason: '',
    });
    expect(await page(planId)).toContain('Sedikit');
    const file = multipart({}, [
      { field: 'files', name: 'bukti.pdf', type: 'application/pdf', content: Buffer.from('%PDF-1.4\nbukti\n') },
    ]);
    const attached = await t.app.inject({
      method: 'POST',
      url: `/api/v1/commitments/${c.ogpId}/end-assessment/files`,
      headers: { cookie: monitor.cookie, 'x-csrf-token': monitor.csrf, 'content-type': file.contentType },
      payload: file.payload,
    });
    expect(attached.statusCode).toBe(201);
    expect(attached.json().data).toMatchObject({ earlyResults: null, completion: 'substantial' });
  });

  it("needs a reason for an end review filed before the commitment's end date, and shows it", async () => {
    const planId = await insertPlan(t.db, { submittedOn: '2025-07-16' });
    const c = await insertCommitment(t.db, planId, { endMonth: '2099-12' });
    const body = { completion: 'complete', earlyResults: 'moderate', lessons, publish: true };
    const refused = await putEnd(c.ogpId, { ...body, beforeEndReason: 'awal' });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.details.fields).toEqual([
      {
        field: 'beforeEndReason',
        message: 'Komitmen baru berakhir 2099-12-31: tuliskan alasan menilai lebih awal (minimal 10 karakter).',
      },
    ]);
    expect(await t.db.selectFrom('end_assessments').select('id').where('commitment_id', '=', c.id).execute()).toEqual(
      [],
    );
    const htmlForm = await t.app.inject({
      method: 'POST',
      url: `/monitoring/komitmen/${c.ogpId}/akhir`,
      ...form(monitor, { completion: 'complete', earlyResults: 'moderate', lessons }),
    });
    expect(htmlForm.statusCode).toBe(422);
    expect(htmlForm.body).toContain('href="#beforeEndReason"');
    expect(htmlForm.body).toContain('Komitmen ini berakhir 2099-12-31.');
    const reason = 'Semua tonggak sudah selesai dan diverifikasi lebih awal.';
    const ok = await putEnd(c.ogpId, { ...body, beforeEndReason: reason });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().data).toMatchObject({ beforeEndReason: reason, commitmentEndDate: '2099-12-31' });
    const html = await page(planId);
    expect(html).toContain('Dinilai sebelum komitmen berakhir');
    expect(html).toContain(reason);
    // After the end date no reason is asked for.
    const ended = await insertCommitment(t.db, planId, { endMonth: '2025-12' });
    expect((await putEnd(ended.ogpId, body)).statusCode).toBe(200);
  });

  it('refuses a self-assessment period that ends in the future (422, nothing saved); today is fine', async () => {
    const planId = await insertPlan(t.db, {
      submittedOn: '2025-07-16',
      leadOrgIds: [await orgId(t.db, 'disbudparpora')],
    });
    const today = todayLocal();
    const tomorrow = new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const report = {
      title: 'Swa-penilaian semester',
      periodStart: '2025-07-16',
      periodEnd: tomorrow,
      body: 'Tiga komitmen berjalan; satu tertunda karena anggaran.',
    };
    const api = await t.app.inject({
      method: 'POST',
      url: `/api/v1/plans/${planId}/self-assessments`,
      headers: lead.headers,
      payload: report,
    });
    expect(api.statusCode).toBe(422);
    expect(api.json().error.details.fields).toEqual([
      { field: 'periodEnd', message: `Akhir periode tidak boleh setelah hari ini (${today}).` },
    ]);
    const html = await t.app.inject({
      method: 'POST',
      url: `/monitoring/rencana/${planId}/swa-penilaian`,
      ...form(lead, report),
    });
    expect(html.statusCode).toBe(422);
    expect(html.body).toContain('href="#periodEnd"');
    expect(await t.db.selectFrom('self_assessments').select('id').where('plan_id', '=', planId).execute()).toEqual([]);
    const ok = await t.app.inject({
      method: 'POST',
      url: `/api/v1/plans/${planId}/self-assessments`,
      headers: lead.headers,
      payload: { ...report, periodEnd: today },
    });
    expect(ok.statusCode).toBe(201);
  });

  it('shows how many days after its due date a review was published, and keeps that figure once published', async () => {
    const planId = await insertPlan(t.db, { submittedOn: '2025-07-16' });
    const c = await insertCommitment(t.db, planId, { endMonth: '2025-12' });
    const today = todayLocal();
    const draft = await putEnd(c.ogpId, { completion: 'complete', earlyResults: 'moderate', lessons });
    expect(draft.json().data).toMatchObject({ dueDate: '2026-01-31', daysLate: null });
    const published = await putEnd(c.ogpId, {
      completion: 'complete',
      earlyResults: 'moderate',
      lessons,
      publish: true,
    });
    const late = daysLate('2026-01-31', today);
    expect(late).toBeGreaterThan(0);
    expect(published.json().data).toMatchObject({ dueDate: '2026-01-31', daysLate: late });
    // A milestone completed later moves the calendar's due date, not the published review's.
    await insertMilestone(t.db, c.id, { status: 'complete', completedOn: '2026-06-01' });
    const data = await monitoring(planId);
    expect(data.endAssessments[0]).toMatchObject({ dueDate: '2026-01-31', daysLate: late });
    expect(data.schedule.find((i: { kind: string }) => i.kind === 'end_of_commitment').dueDate).toBe('2026-07-01');
    expect(await page(planId)).toContain(`Terlambat ${late} hari`);
    expect(await page(planId, 'en')).toContain(`${late} days late`);

    const inception = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/plans/${planId}/inception-assessment`,
      headers: monitor.headers,
      payload: { ...noChecks, publish: true },
    });
    expect(inception.statusCode).toBe(200);
    const inceptionDue = addMonths('2025-07-16', 2);
    expect(inception.json().data).toMatchObject({ dueDate: inceptionDue, daysLate: daysLate(inceptionDue, today) });
  });

  const noChecks = Object.fromEntries(
    ['forumExists', 'csoMeeting', 'infoShared', 'pageUpdated', 'endorsement'].map((k) => [
      k,
      { met: false, note: 'Tidak ditemukan bukti di platform.' },
    ]),
  );

  it('warns when "met" is ticked against the platform\'s own note; saving needs a confirmation, which is recorded', async () => {
    // No meetings in the co-creation window: the platform says "0 co-creation meetings".
    const planId = await insertPlan(t.db, { submittedOn: '2025-07-16', endorsedOn: null });
    const answers = { ...noChecks, csoMeeting: { met: true, note: 'Notulen rapat OMS diserahkan di luar platform.' } };
    const put = (payload: Record<string, unknown>) =>
      t.app.inject({
        method: 'PUT',
        url: `/api/v1/plans/${planId}/inception-assessment`,
        headers: monitor.headers,
        payload,
      });
    const refused = await put({ ...answers, publish: true });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.code).toBe('CONTRADICTION_UNCONFIRMED');
    expect(refused.json().error.details.fields.map((f: { field: string }) => f.field)).toEqual([
      'csoMeeting.met',
      'confirmContradiction',
    ]);
    expect(await t.db.selectFrom('inception_assessments').select('id').where('plan_id', '=', planId).execute()).toEqual(
      [],
    );
    // Answering "no" where the platform also says no needs nothing.
    expect((await put({ ...noChecks })).statusCode).toBe(200);

    const fields: Record<string, string> = { publish: '1' };
    for (const [k, v] of Object.entries(answers)) {
      fields[`${k}.met`] = v.met ? 'yes' : 'no';
      fields[`${k}.note`] = v.note;
    }
    const warned = await t.app.inject({
      method: 'POST',
      url: `/monitoring/rencana/${planId}/awal`,
      ...form(monitor, fields),
    });
    expect(warned.statusCode).toBe(422);
    expect(warned.body).toContain('Jawaban berbeda dengan catatan platform');
    expect(warned.body).toContain('0 pertemuan ko-kreasi dihadiri masyarakat sipil');
    expect(warned.body).toContain('name="confirmContradiction"');
    expect(warned.body).toContain('href="#confirmContradiction"');
    expect((await monitoring(planId)).inception.checks.csoMeeting.met).toBe(false);
    const saved = await t.app.inject({
      method: 'POST',
      url: `/monitoring/rencana/${planId}/awal`,
      ...form(monitor, { ...fields, confirmContradiction: '1' }),
    });
    expect(saved.statusCode).toBe(303);
    const json = (await monitoring(planId)).inception;
    expect(json.checks.csoMeeting).toMatchObject({ met: true, confirmedAgainstPlatform: true });
    expect(json.checks.forumExists.confirmedAgainstPlatform).toBe(false);
    expect(await page(planId)).toContain('dikonfirmasi meski catatan platform berbeda');
    const reopened = await t.app.inject({
      url: `/monitoring/rencana/${planId}/awal`,
      headers: { cookie: monitor.cookie, accept: 'text/html' },
    });
    expect(reopened.body).toMatch(/name="confirmContradiction"[^>]*checked/);
    expect((await put({ ...answers, confirmContradiction: true })).statusCode).toBe(200);
  });
});
