import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/helpers/test-env.js';
import { createTestApp, createTestUser, type TestApp, type TestUser } from '../../../test/helpers/test-app.js';
import { commitmentBody, milestoneBody, planBody } from '../plan/plan.fixtures.js';

describe.each(DIALECTS)("a completed milestone's date, which the end review is due from (%s)", (dialect) => {
  let t: TestApp;
  let admin: TestUser;
  let disbud: TestUser;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    admin = await createTestUser(t.db, ['admin']);
    disbud = await createTestUser(t.db, [['produsen', 'disbudparpora']]);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('moves only as a correction with a reason; the review stays due from the original date', async () => {
    const inject = (method: 'POST' | 'PATCH', url: string, payload: Record<string, unknown>, user = admin) =>
      t.app.inject({ method, url, headers: user.headers, payload });
    const planId = (await inject('POST', '/api/v1/plans', await planBody(t.db))).json().data.id;
    const { ogpId } = (await inject('POST', `/api/v1/plans/${planId}/commitments`, await commitmentBody(t.db))).json()
      .data;
    const m = (
      await inject('POST', `/api/v1/commitments/${ogpId}/milestones`, await milestoneBody(t.db), disbud)
    ).json().data;
    await inject('POST', `/api/v1/milestones/${m.id}/evidence-links`, {
      title: 'SK Pokdarwis',
      url: 'https://madiunkota.go.id/sk.pdf',
      evidenceDate: '2025-12-20',
    });
    const done = await inject(
      'PATCH',
      `/api/v1/milestones/${m.id}`,
      { status: 'complete', completedOn: '2025-12-20' },
      disbud,
    );
    expect(done.statusCode).toBe(200);
    await t.db.updateTable('plans').set({ status: 'implementation' }).where('id', '=', planId).execute();

    const bare = await inject('PATCH', `/api/v1/milestones/${m.id}`, { completedOn: '2026-02-10' }, disbud);
    expect(bare.statusCode).toBe(422);
    expect(bare.json().error.code).toBe('DATE_LOCKED');
    expect(bare.json().error.details.fields[0].field).toBe('completedOnCorrectionReason');
    const reason = 'SK ditandatangani 10 Februari, bukan 20 Desember.';
    const ok = await inject(
      'PATCH',
      `/api/v1/milestones/${m.id}`,
      { completedOn: '2026-02-10', completedOnCorrectionReason: reason },
      disbud,
    );
    expect(ok.statusCode).toBe(200);
    const doc = (await t.app.inject({ url: `/api/v1/commitments/${ogpId}` })).json().data;
    expect(doc.milestones[0].completedOn).toBe('2026-02-10');
    expect(doc.dateCorrections).toEqual([
      expect.objectContaining({ milestoneId: m.id, originalValue: '2025-12-20', newValue: '2026-02-10', reason }),
    ]);
    const page = await t.app.inject({ url: `/komitmen/${ogpId}`, headers: { accept: 'text/html' } });
    expect(page.body).toContain(reason);
    expect(page.body).toContain('tetap dihitung dari tanggal selesai aslinya');
    // The schedule lists a plan's reviews once it has a submission date.
    await t.db.updateTable('plans').set({ submitted_on: '2025-07-16' }).where('id', '=', planId).execute();
    const items = (await t.app.inject({ url: '/api/v1/monitoring/schedule', headers: admin.headers })).json().data;
    const end = items.find(
      (i: { kind: string; ogpId: string | null }) => i.kind === 'end_of_commitment' && i.ogpId === ogpId,
    );
    expect(end).toMatchObject({ basisDate: '2025-12-20', dueDate: '2026-01-20' });
  });
});
