import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/helpers/test-env.js';
import { createTestApp, createTestUser, type TestApp } from '../../../test/helpers/test-app.js';
import { forumDemoSeed } from './forum-demo.seed.js';

describe.each(DIALECTS)('forum demo seed (%s)', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('adds marked example members and meetings once, in the example forum apart from the real one', async () => {
    expect(await forumDemoSeed.run(t.db)).toContain('6 example members');
    expect(await forumDemoSeed.run(t.db)).toBe('forum: already seeded');
    const page = await t.app.inject({ url: '/forum/contoh', headers: { accept: 'text/html' } });
    expect(page.body).toContain('Multipihak');
    expect(page.body).toContain('[Contoh] Perwakilan Yayasan Bambu Nusantara');
    expect(page.body).toContain('[Contoh] Tata kerja forum multipihak');
    expect(page.body).toContain('class="badge example"');
    const forum = (await t.app.inject({ url: '/api/v1/forum/example' })).json().data;
    expect(forum.isExample).toBe(true);
    expect(forum.membersBySector).toEqual({ government: 2, civil_society: 1, academia: 1, private: 1, citizen: 1 });
    const upcoming = forum.meetings.find((m: { documents: unknown[] }) => m.documents.length === 1);
    expect(upcoming.sharedInAdvance).toBe(true);
    const examplePlan = (await t.app.inject({ url: '/api/v1/plans' }))
      .json()
      .data.find((p: { isExample: boolean }) => p.isExample);
    expect(forum.meetings.every((m: { planId: string }) => m.planId === examplePlan.id)).toBe(true);
    // The real forum is untouched: no members, no meetings, no rules, not multi-stakeholder, a link to the example.
    const real = (await t.app.inject({ url: '/api/v1/forum' })).json().data;
    expect(real).toMatchObject({ isExample: false, rules: '', members: [], meetings: [], multiStakeholder: false });
    const realPage = await t.app.inject({ url: '/forum', headers: { accept: 'text/html' } });
    expect(realPage.body).not.toContain('[Contoh]');
    expect(realPage.body).toContain('href="/forum/contoh"');
    const home = await t.app.inject({ url: '/', headers: { accept: 'text/html' } });
    expect(home.body).toContain('href="/forum"');
    expect(home.body).toContain('<span class="stat">0</span> <span class="muted">anggota aktif</span>');
  });

  it('refuses to tie a real meeting to the example plan, and keeps an edited example meeting on it', async () => {
    const admin = await createTestUser(t.db, ['admin']);
    const examplePlan = (await t.app.inject({ url: '/api/v1/plans' }))
      .json()
      .data.find((p: { isExample: boolean }) => p.isExample);
    const refused = await t.app.inject({
      method: 'POST',
      url: '/api/v1/forum/meetings',
      headers: admin.headers,
      payload: { title: 'Rapat sungguhan', meetingDate: '2025-06-01', planId: examplePlan.id },
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.details.fields).toEqual([
      { field: 'planId', message: expect.stringContaining('rencana aksi sungguhan') },
    ]);
    expect((await t.app.inject({ url: '/api/v1/forum' })).json().data.meetings).toEqual([]);
    const example = (await t.app.inject({ url: '/api/v1/forum/example' })).json().data.meetings[0];
    const {
      id,
      attendance,
      documents,
      sharedInAdvance,
      isExample,
      url,
      version,
      advanceJudgedAgainst,
      dateCorrections,
      ...fields
    } = example;
    const edited = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/forum/meetings/${id}`,
      headers: admin.headers,
      payload: {
        ...fields,
        title: '[Contoh] Rapat pemantauan (diubah)',
        attendanceGovernment: attendance.government,
        attendanceCivilSociety: attendance.civil_society,
        attendanceAcademia: attendance.academia,
        attendancePrivate: attendance.private,
        attendanceCitizen: attendance.citizen,
      },
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json().data).toMatchObject({ planId: examplePlan.id, isExample: true });
  });
});
