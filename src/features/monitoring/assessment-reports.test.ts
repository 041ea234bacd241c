import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/helpers/test-env.js';
import { createTestApp, createTestUser, type TestApp, type TestUser } from '../../../test/helpers/test-app.js';
import { multipart } from '../../../test/helpers/multipart.js';
import { form, insertCommitment, insertPlan, orgId } from './fixtures.test-helper.js';

// The reports at the end of the cycle: the monitoring body's end-of-commitment assessment with its
// evidence files, and the lead institution's self-assessments.
describe.each(DIALECTS)('end-of-commitment and self-assessments (%s)', (dialect) => {
  let t: TestApp;
  let monitor: TestUser, warga: TestUser, produsen: TestUser, lead: TestUser;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    monitor = await createTestUser(t.db, [['monitor', 'akademisi']]);
    warga = await createTestUser(t.db, ['warga']);
    produsen = await createTestUser(t.db, [['produsen', 'dlh']]);
    lead = await createTestUser(t.db, [['produsen', 'disbudparpora']]);
  });
  afterAll(async () => {
    await t?.close();
  });

  const schedule = async (asOf: string, user = monitor) =>
    (await t.app.inject({ url: `/api/v1/monitoring/schedule?asOf=${asOf}`, headers: { cookie: user.cookie } })).json();

  it('records the end-of-commitment assessment with up to 3 evidence files; an older plan must rate each claimed value', async () => {
    // A plan from before the IRM's 2021 refresh: "did it open government" per value is still its indicator.
    const planId = await insertPlan(t.db, { submittedOn: '2019-01-16', periodStart: '2019-01-01' });
    const c = await insertCommitment(t.db, planId, {
      title: 'Kelurahan wisata',
      values: { access: true, participation: true },
      endMonth: '2020-12',
    });
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/follows',
      headers: warga.headers,
      payload: { entityType: 'commitment', entityId: c.id },
    });
    const missing = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/commitments/${c.ogpId}/end-assessment`,
      headers: monitor.headers,
      payload: { completion: 'substantial', ogAccessInfo: 'major', lessons: 'Pendampingan pokdarwis berjalan baik.' },
    });
    expect(missing.statusCode).toBe(422);
    expect(missing.json().error.details.fields).toEqual([
      { field: 'ogCivicParticipation', message: 'Nilai ini dinyatakan dalam komitmen: pilih penilaiannya.' },
    ]);
    const pdf = (name: string) => ({
      field: 'files',
      name,
      type: 'application/pdf',
      content: Buffer.from(`%PDF-1.4\n${name}\n`),
    });
    const fields = {
      completion: 'substantial',
      ogAccessInfo: 'major',
      ogCivicParticipation: 'marginal',
      lessons: 'Pendampingan pokdarwis berjalan baik.',
    };
    const draft = multipart({ _csrf: monitor.csrf, ...fields }, [pdf('a.pdf'), pdf('b.pdf')]);
    const post = await t.app.inject({
      method: 'POST',
      url: `/monitoring/komitmen/${c.ogpId}/akhir`,
      headers: { cookie: monitor.cookie, 'content-type': draft.contentType, accept: 'text/html' },
      payload: draft.payload,
    });
    expect(post.statusCode).toBe(303);
    expect((await t.app.inject({ url: `/api/v1/plans/${planId}/monitoring` })).json().data.endAssessments).toHaveLength(
      0,
    );
    const tooMany = multipart({ _csrf: monitor.csrf, ...fields, publish: '1' }, [pdf('c.pdf'), pdf('d.pdf')]);
    const refused = await t.app.inject({
      method: 'POST',
      url: `/monitoring/komitmen/${c.ogpId}/akhir`,
      headers: { cookie: monitor.cookie, 'content-type': tooMany.contentType, accept: 'text/html' },
      payload: tooMany.payload,
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('Maksimal 3 berkas bukti per penilaian.');
    const big = multipart({}, [
      {
        field: 'files',
        name: 'besar.pdf',
        type: 'application/pdf',
        content: Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(10 * 1024 * 1024 + 1)]),
      },
    ]);
    const tooBig = await t.app.inject({
      method: 'POST',
      url: `/api/v1/commitments/${c.ogpId}/end-assessment/files`,
      headers: {
        authorization: '',
        cookie: monitor.cookie,
        'x-csrf-token': monitor.csrf,
        'content-type': big.contentType,
      },
      payload: big.payload,
    });
    expect(tooBig.statusCode).toBe(422);
    const publish = multipart({ _csrf: monitor.csrf, ...fields, publish: '1' }, [pdf('c.pdf')]);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: `/monitoring/komitmen/${c.ogpId}/akhir`,
          headers: { cookie: monitor.cookie, 'content-type': publish.contentType },
          payload: publish.payload,
        })
      ).statusCode,
    ).toBe(303);
    const json = (await t.app.inject({ url: `/api/v1/plans/${planId}/monitoring` })).json().data.endAssessments[0];
    expect(json).toMatchObject({
      ogpId: c.ogpId,
      completion: 'substantial',
      openedGovernment: { accessInfo: 'major', civicParticipation: 'marginal', publicAccountability: null },
      earlyResults: null,
      published: true,
    });
    expect(json.files).toHaveLength(3);
    expect((await t.app.inject({ url: json.files[0].url })).body).toContain('%PDF-1.4');
    const page = await t.app.inject({
      url: `/rencana-aksi/${planId}/pemantauan`,
      headers: { accept: 'text/html', cookie: 'terbuka_lang=en' },
    });
    expect(page.body).toContain('Did it open government: Civic participation');
    expect(page.body).toContain('Marginal');
    const notes = (await t.app.inject({ url: '/api/v1/me/notifications', headers: { cookie: warga.cookie } })).json()
      .data;
    expect(notes[0].title).toBe(`Penilaian akhir komitmen ${c.ogpId} terbit`);
  });

  it('lets the lead institution publish self-assessments; others get 403; dates must be in order', async () => {
    const planId = await insertPlan(t.db, {
      submittedOn: '2025-07-16',
      leadOrgIds: [await orgId(t.db, 'disbudparpora')],
    });
    const report = {
      title: 'Swa-penilaian semester I',
      periodStart: '2025-07-16',
      periodEnd: '2026-01-15',
      body: 'Tiga komitmen berjalan; satu tertunda karena anggaran.',
    };
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: `/api/v1/plans/${planId}/self-assessments`,
          headers: warga.headers,
          payload: report,
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: `/api/v1/plans/${planId}/self-assessments`,
          headers: produsen.headers,
          payload: report,
        })
      ).statusCode,
    ).toBe(403);
    const wrong = await t.app.inject({
      method: 'POST',
      url: `/monitoring/rencana/${planId}/swa-penilaian`,
      ...form(lead, { ...report, periodEnd: '2025-01-01' }),
    });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.body).toContain('href="#periodEnd"');
    const created = await t.app.inject({
      method: 'POST',
      url: `/api/v1/plans/${planId}/self-assessments`,
      headers: lead.headers,
      payload: report,
    });
    expect(created.statusCode).toBe(201);
    const item = (await schedule('2026-02-01')).data.find(
      (i: { planId: string; kind: string }) => i.planId === planId && i.kind === 'self_assessment',
    );
    expect(item).toMatchObject({ basisDate: '2026-01-15', dueDate: '2026-07-15', status: 'upcoming' });
    const page = await t.app.inject({ url: `/rencana-aksi/${planId}/pemantauan`, headers: { accept: 'text/html' } });
    expect(page.body).toContain('Swa-penilaian semester I');
  });
});
