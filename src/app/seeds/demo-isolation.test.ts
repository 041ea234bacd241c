import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/helpers/test-env.js';
import { createTestApp, createTestUser, type TestApp, type TestUser } from '../../../test/helpers/test-app.js';
import { commitmentBody, milestoneBody } from '../../features/plan/plan.fixtures.js';
import { MADIUN_PLAN_TITLE } from '../../features/plan/plan.seed.js';
import { EXAMPLE_PLAN_TITLE } from '../../features/plan/plan-demo.seed.js';
import { findPlan } from '../../features/plan/plan.repository.js';
import { inceptionSuggestions } from '../../features/monitoring/inception.service.js';
import { translator } from '../../i18n/i18n.js';
import { contentSeeds } from './content.seed.js';
import { demoSeeds } from './demo.seed.js';

const TODAY = '2025-12-01';

/**
 * Every real figure and export a visitor, a monitor or OGP would read, for the real plan: compared
 * byte for byte before and after the demo seeds run.
 */
async function realFigures(t: TestApp, admin: TestUser, planId: string) {
  const get = async (url: string, headers: Record<string, string> = {}) => {
    const res = await t.app.inject({ url, headers });
    expect(res.statusCode, url).toBe(200);
    return res.body;
  };
  const json = async (url: string, headers: Record<string, string> = {}) => JSON.parse(await get(url, headers)).data;
  const plans = (await json('/api/v1/plans')) as Array<{ isExample: boolean }>;
  const home = await get('/', { accept: 'text/html' });
  const plan = await findPlan(t.db, planId);
  return {
    planJson: await json(`/api/v1/plans/${planId}`),
    realPlans: plans.filter((p) => !p.isExample),
    csv: await get(`/api/v1/plans/${planId}/commitments.csv`),
    exportJson: await get(`/api/v1/plans/${planId}/export.json`),
    document: await get(`/rencana-aksi/${planId}/cetak`, { accept: 'text/html' }),
    planFeed: await get(`/rencana-aksi/${planId}/feed.atom`),
    commitmentFeed: await get('/komitmen/IDMDN0001/feed.atom'),
    homeStats: [...home.matchAll(/<span class="stat">([^<]*)<\/span>/g)].map((m) => m[1]),
    forum: await json('/api/v1/forum'),
    inception: await inceptionSuggestions(t.db, translator('id'), plan!, TODAY),
    kelurahan: (await json('/api/v1/wilayah/35.77.02.1002/profile')).sections['rencana-aksi'],
    schedule: await json('/api/v1/monitoring/schedule', { cookie: admin.cookie }),
  };
}

describe.each(DIALECTS)('demo content on top of real content (%s)', (dialect) => {
  let t: TestApp;
  let admin: TestUser;
  let planId: string;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    admin = await createTestUser(t.db, ['admin']);
  });
  afterAll(async () => {
    await t?.close();
  });

  const post = async (url: string, payload: object, method: 'POST' | 'PATCH' = 'POST') => {
    const res = await t.app.inject({ method, url, headers: admin.headers, payload });
    expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(300);
    return res.json().data;
  };

  it('seeds real content: the Madiun plan with progress, a real forum', async () => {
    for (const seed of contentSeeds) await seed.run(t.db);
    planId = (await t.db.selectFrom('plans').select('id').where('title', '=', MADIUN_PLAN_TITLE).executeTakeFirst())!
      .id;
    // The commitment and its milestones were drafted before submission (afterwards they change
    // only by formal amendment): build them while the plan is in co-creation, then restore it.
    const setStatus = (status: 'co-creation' | 'implementation') =>
      t.db.updateTable('plans').set({ status }).where('id', '=', planId).execute();
    await setStatus('co-creation');
    const c = await post(`/api/v1/plans/${planId}/commitments`, await commitmentBody(t.db));
    expect(c.ogpId).toBe('IDMDN0001');
    const first = await post(`/api/v1/commitments/${c.ogpId}/milestones`, await milestoneBody(t.db));
    const second = await post(
      `/api/v1/commitments/${c.ogpId}/milestones`,
      await milestoneBody(t.db, {
        activity: 'Profil kelurahan wisata',
        startDate: '2026-01-01',
        endDate: '2026-06-30',
      }),
    );
    await setStatus('implementation');
    const link = { title: 'SK Pokdarwis', url: 'https://madiunkota.go.id/sk', evidenceDate: '2025-11-20' };
    await post(`/api/v1/milestones/${first.id}/evidence-links`, { ...link, visibility: 'public' });
    await post(`/api/v1/milestones/${first.id}`, { status: 'complete', completedOn: '2025-11-30' }, 'PATCH');
    await post(`/api/v1/milestones/${second.id}`, { status: 'in_progress', progressPercent: 40 }, 'PATCH');
    const plan = (await t.app.inject({ url: `/api/v1/plans/${planId}` })).json().data;
    expect(plan.progress.percent).toBe(70);
    await post('/api/v1/forum/members', {
      name: 'Kepala Bapelitbangda',
      sector: 'government',
      selectionMethod: 'Ex officio',
      joinedOn: '2025-04-30',
    });
    await post('/api/v1/forum/members', {
      name: 'Yayasan Bambu Nusantara',
      sector: 'civil_society',
      selectionMethod: 'Seleksi terbuka',
      joinedOn: '2025-04-30',
    });
    await post('/api/v1/forum/meetings', {
      title: 'Lokakarya ko-kreasi',
      meetingDate: '2025-06-10',
      planId,
      attendanceGovernment: 4,
      attendanceCivilSociety: 5,
    });
  });

  it('leaves every real figure, export and feed unchanged, and keeps the demo in its own marked plan', async () => {
    const before = await realFigures(t, admin, planId);
    for (const seed of demoSeeds) await seed.run(t.db);
    const after = await realFigures(t, admin, planId);
    expect(after).toEqual(before);
    expect(after.planJson.progress.percent).toBe(70);
    expect(after.inception.forumExists.note).toContain('2');
    expect(after.inception.csoMeeting.note).toContain('Lokakarya ko-kreasi');
    expect(after.inception.csoMeeting.note).not.toContain('[Contoh]');

    const listed = (await t.app.inject({ url: '/api/v1/plans' })).json().data;
    expect(listed[0].id).toBe(planId); // the real plan comes first, the example after it
    const example = listed.find((p: { isExample: boolean }) => p.isExample);
    expect(example).toMatchObject({ title: EXAMPLE_PLAN_TITLE, planNumber: 1, isExample: true });
    const examplePlan = (await t.app.inject({ url: `/api/v1/plans/${example.id}` })).json().data;
    expect(examplePlan.commitments.map((c: { ogpId: string; isExample: boolean }) => [c.ogpId, c.isExample])).toEqual([
      ['IDMDN-CONTOH-01', true],
      ['IDMDN-CONTOH-02', true],
      ['IDMDN-CONTOH-03', true],
    ]);
    const exampleCsv = (await t.app.inject({ url: `/api/v1/plans/${example.id}/commitments.csv` })).body;
    const rows = exampleCsv
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(rows[0]!.split(',').at(-1)).toBe('Example');
    expect(rows.slice(1).every((r) => r.endsWith(',Yes'))).toBe(true);
    const exampleForum = (await t.app.inject({ url: '/api/v1/forum/example' })).json().data;
    expect(exampleForum.members).toHaveLength(6);
    expect(exampleForum.meetings.every((m: { planId: string }) => m.planId === example.id)).toBe(true);
    const real = (await t.app.inject({ url: '/api/v1/plans' }))
      .json()
      .data.find((p: { id: string }) => p.id === planId);
    expect(real.planNumber).toBe(1);

    // The next real commitment takes the next real number, as if the demo had never run.
    const next = await post(
      `/api/v1/plans/${planId}/commitments`,
      await commitmentBody(t.db, { title: 'Satu data kelurahan' }),
    );
    expect(next.ogpId).toBe('IDMDN0002');
  });
});
