import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/helpers/test-env.js';
import { createTestApp, createTestUser, type TestApp, type TestUser } from '../../../test/helpers/test-app.js';
import { insertCommitment, insertPlan } from '../monitoring/fixtures.test-helper.js';

describe.each(DIALECTS)('readiness problems only while a plan can be submitted (%s)', (dialect) => {
  let t: TestApp;
  let admin: TestUser;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    admin = await createTestUser(t.db, ['admin']);
  });
  afterAll(async () => {
    await t?.close();
  });
  const page = async (url: string) =>
    (await t.app.inject({ url, headers: { cookie: admin.cookie, accept: 'text/html' } })).body;

  it('asks for fixes on a draft plan and its commitments, and not once the plan is in implementation', async () => {
    // The same incomplete commitment (no milestones, no lead) in a draft and in a running plan.
    const draft = await insertPlan(t.db, { status: 'draft', endorsedOn: null, submittedOn: null });
    const draftCommitment = await insertCommitment(t.db, draft);
    const running = await insertPlan(t.db, { status: 'implementation', endorsedOn: null });
    const runningCommitment = await insertCommitment(t.db, running);

    const draftPlan = await page(`/rencana-aksi/${draft}`);
    expect(draftPlan).toMatch(/\d+ hal menghalangi pengajuan/);
    const draftPage = await page(`/komitmen/${draftCommitment.ogpId}`);
    expect(draftPage).toContain('id="validasi"');
    expect(draftPage).toMatch(/\d+ hal perlu diperbaiki sebelum rencana aksi diajukan/);

    const runningPlan = await page(`/rencana-aksi/${running}`);
    expect(runningPlan).not.toContain('menghalangi pengajuan');
    expect(runningPlan).not.toContain('Semua syarat pengajuan terpenuhi.');
    const runningPage = await page(`/komitmen/${runningCommitment.ogpId}`);
    expect(runningPage).not.toContain('id="validasi"');
    expect(runningPage).not.toContain('sebelum rencana aksi diajukan');
    // The editor still has the edit links: only the submission checklist is gone.
    expect(runningPage).toContain(`href="/komitmen/${runningCommitment.ogpId}/ubah"`);
  });
});
