import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/helpers/test-env.js';
import { createTestApp, createTestUser, type TestApp, type TestUser } from '../../../test/helpers/test-app.js';
import { commitmentBody, milestoneBody, planBody } from '../plan/plan.fixtures.js';

/** Only ideas received inside the plan's co-creation window hold up its submission. */
describe.each(DIALECTS)('the co-creation window and submission (%s)', (dialect) => {
  let t: TestApp;
  let bappeda: TestUser;
  let planId: string;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const admin = await createTestUser(t.db, ['admin']);
    bappeda = await createTestUser(t.db, [['produsen', 'bapelitbangda']]);
    planId = (
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/plans',
        headers: admin.headers,
        payload: await planBody(t.db, {
          cocreationStart: '2025-01-01',
          cocreationEnd: '2025-07-15',
          endorsedOn: '2025-07-10',
        }),
      })
    ).json().data.id;
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/plans/${planId}/transition`,
      headers: admin.headers,
      payload: { to: 'co-creation' },
    });
    const c = (
      await t.app.inject({
        method: 'POST',
        url: `/api/v1/plans/${planId}/commitments`,
        headers: admin.headers,
        payload: await commitmentBody(t.db),
      })
    ).json().data;
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/commitments/${c.ogpId}/milestones`,
      headers: admin.headers,
      payload: await milestoneBody(t.db),
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  const record = (title: string, receivedOn: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/ideas',
      headers: bappeda.headers,
      payload: {
        planId,
        title,
        body: 'Dicatat dari pertemuan tatap muka.',
        theme: 'lainnya',
        sourceLabel: 'Musrenbang Kota 2025',
        receivedOn,
      },
    });

  it('blocks on an unanswered idea from inside the window (its last day included), not on one from before it', async () => {
    const before = (await record('Usulan lama sebelum ko-kreasi', '2024-11-20')).json().data;
    const lastDay = (await record('Usulan hari terakhir ko-kreasi', '2025-07-15')).json().data;
    const blocked = await t.app.inject({
      method: 'POST',
      url: `/api/v1/plans/${planId}/transition`,
      headers: bappeda.headers,
      payload: { to: 'submitted' },
    });
    expect(blocked.statusCode).toBe(422);
    const fields = blocked.json().error.details.fields.map((f: { field: string }) => f.field);
    expect(fields).toEqual([`idea-${lastDay.id}`]);
    expect(fields).not.toContain(`idea-${before.id}`);
    expect((await t.app.inject({ url: `/api/v1/plans/${planId}` })).json().data.status).toBe('co-creation');

    const html = await t.app.inject({
      url: `/rencana-aksi/${planId}`,
      headers: { accept: 'text/html', cookie: bappeda.cookie },
    });
    expect(html.body).toContain(`href="/ide/${lastDay.id}"`);
    expect(html.body).toContain('Usulan hari terakhir ko-kreasi');

    const answer = await t.app.inject({
      method: 'POST',
      url: `/api/v1/ideas/${lastDay.id}/response`,
      headers: bappeda.headers,
      payload: {
        kind: 'not_adopted',
        reason: 'Sudah tercakup program reguler dinas.',
        responderTitle: 'Kepala Bidang PPM',
      },
    });
    expect(answer.statusCode).toBe(200);
    const ok = await t.app.inject({
      method: 'POST',
      url: `/api/v1/plans/${planId}/transition`,
      headers: bappeda.headers,
      payload: { to: 'submitted' },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().data.status).toBe('submitted');
  });

  it('requires the civil-society endorsement to be dated before submission', async () => {
    const late = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/plans/${planId}`,
      headers: bappeda.headers,
      payload: { submittedOn: '2025-07-16', endorsedOn: '2025-08-01' },
    });
    expect(late.statusCode).toBe(422);
    expect(late.json().error.details.fields).toEqual([
      {
        field: 'endorsedOn',
        message: 'Dukungan masyarakat sipil harus dicatat sebelum (atau pada) tanggal pengajuan rencana aksi.',
      },
    ]);
    expect((await t.app.inject({ url: `/api/v1/plans/${planId}` })).json().data.endorsedOn).toBe('2025-07-10');
  });
});
