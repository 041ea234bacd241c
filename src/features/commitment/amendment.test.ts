import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/helpers/test-env.js';
import { createTestApp, createTestUser, type TestApp, type TestUser } from '../../../test/helpers/test-app.js';
import { commitmentBody, milestoneBody, orgId, planBody } from '../plan/plan.fixtures.js';

const FORM = { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' };

describe.each(DIALECTS)('formal amendments after submission (%s)', (dialect) => {
  let t: TestApp;
  let admin: TestUser;
  let disbud: TestUser;
  let bappeda: TestUser;
  let warga: TestUser;
  let planId: string;
  let ogpId: string;
  let milestoneId: string;

  beforeEach(async () => {
    t = await createTestApp(dialect);
    admin = await createTestUser(t.db, ['admin']);
    disbud = await createTestUser(t.db, [['produsen', 'disbudparpora']]);
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
    ogpId = (
      await t.app.inject({
        method: 'POST',
        url: `/api/v1/plans/${planId}/commitments`,
        headers: admin.headers,
        payload: await commitmentBody(t.db),
      })
    ).json().data.ogpId;
    milestoneId = (
      await t.app.inject({
        method: 'POST',
        url: `/api/v1/commitments/${ogpId}/milestones`,
        headers: disbud.headers,
        payload: await milestoneBody(t.db),
      })
    ).json().data.id;
    await t.db.updateTable('plans').set({ status: 'implementation' }).where('id', '=', planId).execute();
  });
  afterEach(async () => {
    await t?.close();
  });

  const api = (user: TestUser, method: 'POST' | 'PATCH', url: string, payload: Record<string, unknown>) =>
    t.app.inject({ method, url, headers: user.headers, payload });
  const commitment = async () => (await t.app.inject({ url: `/api/v1/commitments/${ogpId}` })).json().data;

  it('refuses direct edits of core fields after submission, pointing to the amendment form; progress stays a normal update', async () => {
    const title = await api(disbud, 'PATCH', `/api/v1/commitments/${ogpId}`, { title: 'Judul baru tanpa amandemen' });
    expect(title.statusCode).toBe(422);
    expect(title.json().error.code).toBe('AMENDMENT_REQUIRED');
    expect(title.json().error.message).toContain(`/komitmen/${ogpId}/amandemen/baru`);
    expect(title.json().error.details.fields[0].field).toBe('title');
    const lead = await api(admin, 'PATCH', `/api/v1/commitments/${ogpId}`, {
      leadOrganizationId: await orgId(t.db, 'dlh'),
    });
    expect(lead.json().error.code).toBe('AMENDMENT_REQUIRED');
    const dates = await api(disbud, 'PATCH', `/api/v1/milestones/${milestoneId}`, { endDate: '2026-06-30' });
    expect(dates.json().error.code).toBe('AMENDMENT_REQUIRED');
    const added = await api(disbud, 'POST', `/api/v1/commitments/${ogpId}/milestones`, await milestoneBody(t.db));
    expect(added.json().error.code).toBe('AMENDMENT_REQUIRED');
    expect((await commitment()).title).toBe('Pendampingan kelurahan wisata');
    expect((await commitment()).milestones).toHaveLength(1);
    // Not core: budget source and progress.
    expect(
      (await api(disbud, 'PATCH', `/api/v1/commitments/${ogpId}`, { budgetSource: 'APBD Perubahan' })).statusCode,
    ).toBe(200);
    expect(
      (await api(disbud, 'PATCH', `/api/v1/milestones/${milestoneId}`, { status: 'in_progress', progressPercent: 30 }))
        .statusCode,
    ).toBe(200);
  });

  it('is proposed by lead staff, approved by the point of contact, versioned and shown publicly', async () => {
    const byWarga = await api(warga, 'POST', `/api/v1/commitments/${ogpId}/amendments`, {
      justification: 'Saya ingin mengubah komitmen ini.',
      changes: { title: 'Judul warga' },
    });
    expect(byWarga.statusCode).toBe(403);
    const empty = await api(disbud, 'POST', `/api/v1/commitments/${ogpId}/amendments`, {
      justification: 'Tidak ada yang berubah sebenarnya.',
      changes: { title: 'Pendampingan kelurahan wisata' },
    });
    expect(empty.statusCode, empty.body).toBe(422);
    const proposed = await api(disbud, 'POST', `/api/v1/commitments/${ogpId}/amendments`, {
      justification: 'Anggaran dipotong; cakupan diperkecil dan tenggat tonggak diundur.',
      changes: { title: 'Pendampingan lima kelurahan wisata', endMonth: '2027-06' },
      milestones: [
        { op: 'change', id: milestoneId, endDate: '2026-03-31', deliverable: 'SK Pokdarwis lima kelurahan' },
        {
          op: 'add',
          activity: 'Pelatihan pemandu wisata',
          deliverable: 'Daftar hadir dan sertifikat pelatihan',
          startDate: '2026-04-01',
          endDate: '2026-09-30',
          responsibleOrganizationId: await orgId(t.db, 'disbudparpora'),
          weight: 2,
        },
      ],
    });
    expect(proposed.statusCode).toBe(201);
    const a = proposed.json().data;
    expect(a).toMatchObject({ number: 1, status: 'proposed', decidedAt: null });
    expect(a.changes).toEqual([
      { field: 'title', from: 'Pendampingan kelurahan wisata', to: 'Pendampingan lima kelurahan wisata' },
      { field: 'endMonth', from: '2027-12', to: '2027-06' },
    ]);
    // Nothing changes until approved.
    expect((await commitment()).title).toBe('Pendampingan kelurahan wisata');

    const ownApproval = await api(disbud, 'POST', `/api/v1/commitments/${ogpId}/amendments/${a.id}/approve`, {});
    expect(ownApproval.statusCode).toBe(403);
    const approved = await api(bappeda, 'POST', `/api/v1/commitments/${ogpId}/amendments/${a.id}/approve`, {
      note: 'Disetujui dalam rapat forum.',
    });
    expect(approved.statusCode).toBe(200);
    expect(approved.json().data).toMatchObject({ status: 'approved', decisionNote: 'Disetujui dalam rapat forum.' });
    expect(approved.json().data.decidedBy).toContain('Pengguna');
    expect(approved.json().data.historyVersion).toBeGreaterThan(1);
    const again = await api(admin, 'POST', `/api/v1/commitments/${ogpId}/amendments/${a.id}/approve`, {});
    expect(again.statusCode).toBe(409);

    const after = await commitment();
    expect(after.title).toBe('Pendampingan lima kelurahan wisata');
    expect(after.endMonth).toBe('2027-06');
    expect(after.milestones).toHaveLength(2);
    expect(after.milestones[0]).toMatchObject({ endDate: '2026-03-31', deliverable: 'SK Pokdarwis lima kelurahan' });
    expect(after.milestones[1]).toMatchObject({ activity: 'Pelatihan pemandu wisata', weight: 2 });
    expect(after.amendments[0]).toMatchObject({ number: 1, status: 'approved' });
    const list = (await t.app.inject({ url: `/api/v1/commitments/${ogpId}/amendments` })).json().data;
    expect(list).toHaveLength(1);

    const page = await t.app.inject({ url: `/komitmen/${ogpId}`, headers: { accept: 'text/html' } });
    expect(page.body).toContain('Amandemen 1');
    expect(page.body).toContain('Disetujui');
    expect(page.body).toContain('Anggaran dipotong');
    expect(page.body).toContain('Tonggak baru: Pelatihan pemandu wisata');
    const audit = await t.db.selectFrom('audit_log').select('action').where('action', 'like', 'amendment.%').execute();
    expect(audit.map((r) => r.action).sort()).toEqual(['amendment.approve', 'amendment.propose']);
  });

  it('can be rejected with a reason, leaving the commitment as it was; closed plans take no amendments', async () => {
    const a = (
      await api(disbud, 'POST', `/api/v1/commitments/${ogpId}/amendments`, {
        justification: 'Lembaga pelaksana berganti ke DLH.',
        changes: { leadOrganizationId: await orgId(t.db, 'dlh') },
      })
    ).json().data;
    const noReason = await api(admin, 'POST', `/api/v1/commitments/${ogpId}/amendments/${a.id}/reject`, { note: '' });
    expect(noReason.statusCode).toBe(422);
    const rejected = await api(admin, 'POST', `/api/v1/commitments/${ogpId}/amendments/${a.id}/reject`, {
      note: 'DLH belum menyetujui.',
    });
    expect(rejected.json().data).toMatchObject({ status: 'rejected', decisionNote: 'DLH belum menyetujui.' });
    expect((await commitment()).leadInstitution.slug).toBe('disbudparpora');
    await t.db.updateTable('plans').set({ status: 'closed' }).where('id', '=', planId).execute();
    const closed = await api(disbud, 'POST', `/api/v1/commitments/${ogpId}/amendments`, {
      justification: 'Terlambat, rencana sudah ditutup.',
      changes: { title: 'Judul lain' },
    });
    expect(closed.statusCode).toBe(409);
    expect(closed.json().error.code).toBe('PLAN_CLOSED');
  });

  it('works through the HTML forms without JavaScript', async () => {
    const form = await t.app.inject({
      url: `/komitmen/${ogpId}/amandemen/baru`,
      headers: { accept: 'text/html', cookie: disbud.cookie },
    });
    expect(form.statusCode).toBe(200);
    const { formFields } = await import('../../../test/helpers/html-form.js');
    const fields = formFields(form.body, `/komitmen/${ogpId}/amandemen/baru`);
    fields.set('justification', 'Judul diperjelas atas masukan forum.');
    fields.set('title', 'Pendampingan kelurahan wisata berbasis warga');
    const sent = await t.app.inject({
      method: 'POST',
      url: `/komitmen/${ogpId}/amandemen/baru`,
      headers: { ...FORM, cookie: disbud.cookie },
      payload: fields.toString(),
    });
    expect(sent.statusCode).toBe(303);
    const pocPage = await t.app.inject({
      url: `/komitmen/${ogpId}`,
      headers: { accept: 'text/html', cookie: bappeda.cookie },
    });
    const action = pocPage.body.match(/action="(\/komitmen\/[^"]+\/setujui)"/)![1]!;
    const ok = await t.app.inject({
      method: 'POST',
      url: action,
      headers: { ...FORM, cookie: bappeda.cookie },
      payload: `_csrf=${bappeda.csrf}`,
    });
    expect(ok.statusCode).toBe(303);
    expect((await commitment()).title).toBe('Pendampingan kelurahan wisata berbasis warga');
  });
});
