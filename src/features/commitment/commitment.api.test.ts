import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/helpers/test-env.js';
import { createTestApp, createTestUser, type TestApp, type TestUser } from '../../../test/helpers/test-app.js';
import { commitmentBody, milestoneBody, orgId, PDF, planBody } from '../plan/plan.fixtures.js';
import { multipart } from '../../../test/helpers/multipart.js';

// Each test starts from a fresh database with one plan and builds what it needs, so any test
// runs alone (`-t`) or in any order; OGP IDs are numbered across the whole database.
describe.each(DIALECTS)('commitments, milestones and evidence (%s)', (dialect) => {
  let t: TestApp;
  let admin: TestUser;
  let disbud: TestUser;
  let dlh: TestUser;
  let warga: TestUser;
  let planId: string;

  beforeEach(async () => {
    t = await createTestApp(dialect, { EVIDENCE_MAX_MB: '1' });
    admin = await createTestUser(t.db, ['admin']);
    disbud = await createTestUser(t.db, [['produsen', 'disbudparpora']]);
    dlh = await createTestUser(t.db, [['produsen', 'dlh']]);
    warga = await createTestUser(t.db, ['warga']);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/plans',
      headers: admin.headers,
      payload: await planBody(t.db),
    });
    expect(res.statusCode).toBe(201);
    planId = res.json().data.id;
  });
  afterEach(async () => {
    await t?.close();
  });

  /** A commitment that passes every rule (led by disbudparpora unless overridden), added by the admin. */
  const addCommitment = async (overrides: Record<string, unknown> = {}): Promise<string> => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/plans/${planId}/commitments`,
      headers: admin.headers,
      payload: await commitmentBody(t.db, overrides),
    });
    expect(res.statusCode).toBe(201);
    return res.json().data.ogpId;
  };
  /** A milestone of the commitment, added by disbudparpora's produsen. */
  const addMilestone = async (ogpId: string, overrides: Record<string, unknown> = {}): Promise<string> => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/commitments/${ogpId}/milestones`,
      headers: disbud.headers,
      payload: await milestoneBody(t.db, overrides),
    });
    expect(res.statusCode).toBe(201);
    return res.json().data.id;
  };
  /**
   * What the progress and history tests start from: disbudparpora's commitment (title revised) with
   * milestones of weight 3 and 1, public file evidence and an internal link on the first, and DLH's
   * commitment with no milestones; both in Sogaten.
   */
  const story = async () => {
    const ogpId = await addCommitment();
    await addCommitment({ title: 'Satu data kelurahan', leadOrganizationId: await orgId(t.db, 'dlh') });
    expect(
      (
        await t.app.inject({
          method: 'PATCH',
          url: `/api/v1/commitments/${ogpId}`,
          headers: disbud.headers,
          payload: { title: 'Pendampingan kelurahan wisata (diperbarui)' },
        })
      ).statusCode,
    ).toBe(200);
    const milestoneId = await addMilestone(ogpId, { weight: 3 });
    await addMilestone(ogpId, {
      activity: 'Festival kelurahan wisata',
      startDate: '2026-01-01',
      endDate: '2026-12-31',
    });
    const good = multipart(
      { title: 'SK Pokdarwis', evidenceDate: '2025-11-20', visibility: 'public' },
      { name: 'sk-pokdarwis.pdf', content: PDF, type: 'application/pdf' },
    );
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: `/api/v1/milestones/${milestoneId}/evidence`,
          headers: { ...disbud.headers, ...good.headers },
          payload: good.payload,
        })
      ).statusCode,
    ).toBe(201);
    const link = {
      title: 'Notulen internal',
      url: 'https://madiunkota.go.id/notulen',
      evidenceDate: '2025-11-21',
      visibility: 'internal',
    };
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: `/api/v1/milestones/${milestoneId}/evidence-links`,
          headers: disbud.headers,
          payload: link,
        })
      ).statusCode,
    ).toBe(201);
    return { ogpId, milestoneId };
  };

  it('generates OGP IDs in the jurisdiction pattern and keeps every template field', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/plans/${planId}/commitments`,
      headers: admin.headers,
      payload: await commitmentBody(t.db),
    });
    expect(res.statusCode).toBe(201);
    const c = res.json().data;
    expect(c.ogpId).toBe('IDMDN0001');
    expect(c.ogpValues).toEqual([{ value: 'civic_participation', justification: 'Warga ikut menentukan atraksi.' }]);
    expect(c.leadInstitution.slug).toBe('disbudparpora');
    expect(c.supportingInstitutions.map((o: { slug: string }) => o.slug)).toEqual(['yayasan-bambu-nusantara']);
    expect(c.budget).toEqual({ amount: 150000000, source: 'APBD' });
    expect(c.sdgGoals).toEqual([8, 11]);
    expect(c.kelurahanCodes).toEqual(['35.77.02.1002']);
    expect(c.progress).toEqual({ percent: 0, completion: 'not_started' });
    const second = await t.app.inject({
      method: 'POST',
      url: `/api/v1/plans/${planId}/commitments`,
      headers: admin.headers,
      payload: await commitmentBody(t.db, {
        title: 'Satu data kelurahan',
        leadOrganizationId: await orgId(t.db, 'dlh'),
      }),
    });
    expect(second.json().data.ogpId).toBe('IDMDN0002');
  });

  it('requires at least one OGP value with its justification, and technology only on top of another', async () => {
    await addCommitment();
    await addCommitment({ title: 'Satu data kelurahan', leadOrganizationId: await orgId(t.db, 'dlh') });
    const none = await t.app.inject({
      method: 'POST',
      url: `/api/v1/plans/${planId}/commitments`,
      headers: admin.headers,
      payload: await commitmentBody(t.db, { valueCivicParticipation: false }),
    });
    expect(none.statusCode).toBe(422);
    expect(none.json().error.details.fields[0]).toEqual({
      field: 'valueAccessInfo',
      message: expect.stringContaining('nilai OGP'),
    });
    const noWhy = await t.app.inject({
      method: 'POST',
      url: `/api/v1/plans/${planId}/commitments`,
      headers: admin.headers,
      payload: await commitmentBody(t.db, { valueCivicParticipationWhy: '' }),
    });
    expect(noWhy.json().error.details.fields.map((f: { field: string }) => f.field)).toContain(
      'valueCivicParticipationWhy',
    );
    const techOnly = await t.app.inject({
      method: 'POST',
      url: `/api/v1/plans/${planId}/commitments`,
      headers: admin.headers,
      payload: await commitmentBody(t.db, {
        valueCivicParticipation: false,
        valueTechnology: true,
        valueTechnologyWhy: 'Aplikasi',
      }),
    });
    expect(techOnly.statusCode).toBe(422);
    const count = await t.db
      .selectFrom('commitments')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(2);
  });

  it('refuses months in the wrong order or outside the plan period with 422', async () => {
    const order = await t.app.inject({
      method: 'POST',
      url: `/api/v1/plans/${planId}/commitments`,
      headers: admin.headers,
      payload: await commitmentBody(t.db, { startMonth: '2026-05', endMonth: '2026-01' }),
    });
    expect(order.statusCode).toBe(422);
    expect(order.json().error.details.fields).toContainEqual({
      field: 'endMonth',
      message: 'Tanggal selesai tidak boleh sebelum tanggal mulai.',
    });
    const after = await t.app.inject({
      method: 'POST',
      url: `/api/v1/plans/${planId}/commitments`,
      headers: admin.headers,
      payload: await commitmentBody(t.db, { endMonth: '2029-03' }),
    });
    expect(after.statusCode).toBe(422);
  });

  it('lets a produsen edit only commitments their organisation leads', async () => {
    const ogpId = await addCommitment();
    const other = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/commitments/${ogpId}`,
      headers: dlh.headers,
      payload: { title: 'Diubah oleh DLH' },
    });
    expect(other.statusCode).toBe(403);
    expect(other.json().error.code).toBe('COMMITMENT_NOT_YOURS');
    const own = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/commitments/${ogpId}`,
      headers: disbud.headers,
      payload: { title: 'Pendampingan kelurahan wisata (diperbarui)' },
    });
    expect(own.json().error).toBeUndefined();
    expect(own.json().data.title).toBe('Pendampingan kelurahan wisata (diperbarui)');
    const steal = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/commitments/${ogpId}`,
      headers: disbud.headers,
      payload: { leadOrganizationId: await orgId(t.db, 'dlh') },
    });
    expect(steal.statusCode).toBe(403);
    const byWarga = await t.app.inject({
      method: 'POST',
      url: `/api/v1/plans/${planId}/commitments`,
      headers: warga.headers,
      payload: await commitmentBody(t.db),
    });
    expect(byWarga.statusCode).toBe(403);
  });

  it('answers unknown and malformed IDs with 404 and 400', async () => {
    expect((await t.app.inject({ url: '/api/v1/commitments/IDMDN0999' })).statusCode).toBe(404);
    expect((await t.app.inject({ url: '/api/v1/commitments/bukan-id' })).statusCode).toBe(400);
    expect(
      (
        await t.app.inject({
          method: 'PATCH',
          url: '/api/v1/milestones/123',
          headers: admin.headers,
          payload: { weight: 2 },
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (
        await t.app.inject({
          method: 'PATCH',
          url: '/api/v1/milestones/00000000-0000-4000-8000-000000000000',
          headers: admin.headers,
          payload: { weight: 2 },
        })
      ).statusCode,
    ).toBe(404);
  });

  it('validates milestones: deliverable, owner, date order, plan period and term end', async () => {
    const ogpId = await addCommitment();
    const url = `/api/v1/commitments/${ogpId}/milestones`;
    const order = await t.app.inject({
      method: 'POST',
      url,
      headers: disbud.headers,
      payload: await milestoneBody(t.db, { startDate: '2026-03-01', endDate: '2026-01-01' }),
    });
    expect(order.statusCode).toBe(422);
    expect(order.json().error.details.fields).toContainEqual({
      field: 'endDate',
      message: 'Tanggal selesai tidak boleh sebelum tanggal mulai.',
    });
    const late = await t.app.inject({
      method: 'POST',
      url,
      headers: disbud.headers,
      payload: await milestoneBody(t.db, { endDate: '2029-01-31' }),
    });
    expect(late.statusCode).toBe(422);
    const missing = await t.app.inject({
      method: 'POST',
      url,
      headers: disbud.headers,
      payload: { activity: 'Tanpa keluaran', startDate: '2025-09-01', endDate: '2025-10-01' },
    });
    expect(missing.statusCode).toBe(400);
    const ok = await t.app.inject({
      method: 'POST',
      url,
      headers: disbud.headers,
      payload: await milestoneBody(t.db, { weight: 3 }),
    });
    expect(ok.statusCode).toBe(201);
    const second = await t.app.inject({
      method: 'POST',
      url,
      headers: disbud.headers,
      payload: await milestoneBody(t.db, {
        activity: 'Festival kelurahan wisata',
        startDate: '2026-01-01',
        endDate: '2026-12-31',
      }),
    });
    expect(second.statusCode).toBe(201);
  });

  it('will not mark a milestone complete without evidence', async () => {
    const milestoneId = await addMilestone(await addCommitment(), { weight: 3 });
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/milestones/${milestoneId}`,
      headers: disbud.headers,
      payload: { status: 'complete' },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('MILESTONE_NEEDS_EVIDENCE');
    const m = await t.db
      .selectFrom('milestones')
      .select('status')
      .where('id', '=', milestoneId)
      .executeTakeFirstOrThrow();
    expect(m.status).toBe('not_started');
  });

  it('checks evidence files for size and type and stores them with a content hash', async () => {
    const milestoneId = await addMilestone(await addCommitment(), { weight: 3 });
    const url = `/api/v1/milestones/${milestoneId}/evidence`;
    const fields = { title: 'SK Pokdarwis', evidenceDate: '2025-11-20', visibility: 'public' };
    const big = multipart(fields, { name: 'besar.pdf', content: Buffer.concat([PDF, Buffer.alloc(1024 * 1024 + 10)]) });
    const tooLarge = await t.app.inject({
      method: 'POST',
      url,
      headers: { ...disbud.headers, ...big.headers },
      payload: big.payload,
    });
    expect(tooLarge.statusCode).toBe(413);
    expect(tooLarge.json().error.code).toBe('EVIDENCE_TOO_LARGE');
    const exe = multipart(fields, { name: 'virus.exe', content: Buffer.from('MZ....') });
    const forbidden = await t.app.inject({
      method: 'POST',
      url,
      headers: { ...disbud.headers, ...exe.headers },
      payload: exe.payload,
    });
    expect(forbidden.statusCode).toBe(415);
    expect(forbidden.json().error.message).toContain('pdf');
    const fake = multipart(fields, { name: 'palsu.pdf', content: Buffer.from('bukan pdf') });
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url,
          headers: { ...disbud.headers, ...fake.headers },
          payload: fake.payload,
        })
      ).statusCode,
    ).toBe(415);
    const byOther = multipart(fields, { name: 'sk.pdf', content: PDF });
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url,
          headers: { ...dlh.headers, ...byOther.headers },
          payload: byOther.payload,
        })
      ).statusCode,
    ).toBe(403);
    expect(await t.db.selectFrom('evidence').selectAll().execute()).toHaveLength(0);

    const good = multipart(fields, { name: 'sk-pokdarwis.pdf', content: PDF, type: 'application/pdf' });
    const res = await t.app.inject({
      method: 'POST',
      url,
      headers: { ...disbud.headers, ...good.headers },
      payload: good.payload,
    });
    expect(res.statusCode).toBe(201);
    const e = res.json().data;
    expect(e.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(e.uploader.name).toContain('Kebudayaan');
    expect(e.sizeBytes).toBe(PDF.length);
    const file = await t.app.inject({ url: e.url });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.rawPayload.equals(PDF)).toBe(true);

    const link = await t.app.inject({
      method: 'POST',
      url: `/api/v1/milestones/${milestoneId}/evidence-links`,
      headers: disbud.headers,
      payload: {
        title: 'Notulen internal',
        url: 'https://madiunkota.go.id/notulen',
        evidenceDate: '2025-11-21',
        visibility: 'internal',
      },
    });
    expect(link.statusCode).toBe(201);
  });

  it('rolls progress up by weight and shows it on the IRM scale', async () => {
    const { ogpId, milestoneId } = await story();
    const done = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/milestones/${milestoneId}`,
      headers: disbud.headers,
      payload: { status: 'complete', completedOn: '2025-12-15' },
    });
    expect(done.json().error).toBeUndefined();
    expect(done.json().data.percent).toBe(100);
    const c = (await t.app.inject({ url: `/api/v1/commitments/${ogpId}` })).json().data;
    expect(c.progress).toEqual({ percent: 75, completion: 'substantial' });
    expect(c.milestones[0].evidence.map((e: { title: string }) => e.title)).toEqual(['SK Pokdarwis']);
    const staffView = (
      await t.app.inject({ url: `/api/v1/commitments/${ogpId}`, headers: { cookie: disbud.cookie } })
    ).json().data;
    expect(staffView.milestones[0].evidence).toHaveLength(2);
    const plan = (await t.app.inject({ url: `/api/v1/plans/${planId}` })).json().data;
    expect(plan.progress.percent).toBe(37.5);
    expect(plan.commitments).toHaveLength(2);
    expect(plan.progressByLead.find((g: { label: string }) => g.label.startsWith('Dinas Kebudayaan')).percent).toBe(75);
    expect(plan.progressByKelurahan).toContainEqual({
      key: '35.77.02.1002',
      label: 'Sogaten',
      commitments: 2,
      percent: 37.5,
    });
  });

  it('records a version for every commitment and milestone change and audits it', async () => {
    const { milestoneId } = await story();
    expect(
      (
        await t.app.inject({
          method: 'PATCH',
          url: `/api/v1/milestones/${milestoneId}`,
          headers: disbud.headers,
          payload: { status: 'complete', completedOn: '2025-12-15' },
        })
      ).statusCode,
    ).toBe(200);
    const versions = await t.db.selectFrom('entity_versions').select(['entity_type']).execute();
    expect(versions.filter((v) => v.entity_type === 'milestone').length).toBeGreaterThanOrEqual(4);
    expect(versions.filter((v) => v.entity_type === 'commitment').length).toBeGreaterThanOrEqual(6);
    const audit = await t.db.selectFrom('audit_log').select('action').execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        'commitment.create',
        'commitment.update',
        'milestone.create',
        'milestone.update',
        'evidence.add',
      ]),
    );
  });
});
