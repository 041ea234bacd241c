import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/helpers/test-env.js';
import { createTestApp, createTestUser, type TestApp, type TestUser } from '../../../test/helpers/test-app.js';
import { commitmentBody, planBody } from './plan.fixtures.js';

const FORM = { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' };

/** Following a plan: a button on the plan page, then news of its stages and of its commitments, once per change. */
describe.each(DIALECTS)('following a plan (%s)', (dialect) => {
  let t: TestApp;
  let admin: TestUser;
  let citizen: TestUser;
  let planId: string;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    admin = await createTestUser(t.db, ['admin']);
    citizen = await createTestUser(t.db, ['warga']);
    planId = (
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/plans',
        headers: admin.headers,
        payload: await planBody(t.db),
      })
    ).json().data.id;
  });
  afterAll(async () => {
    await t?.close();
  });

  const mine = async () =>
    (await t.app.inject({ url: '/api/v1/me/notifications', headers: { cookie: citizen.cookie } })).json()
      .data as Array<{ title: string; url: string }>;

  it('follows from the plan page and hears about stage changes and commitment changes, each once', async () => {
    const page = await t.app.inject({
      url: `/rencana-aksi/${planId}`,
      headers: { accept: 'text/html', cookie: citizen.cookie },
    });
    expect(page.body).toContain('name="entityType" value="plan"');
    const follow = await t.app.inject({
      method: 'POST',
      url: '/ikuti',
      headers: { ...FORM, cookie: citizen.cookie },
      payload: new URLSearchParams({
        _csrf: citizen.csrf,
        entityType: 'plan',
        entityId: planId,
        action: 'follow',
        next: `/rencana-aksi/${planId}`,
      }).toString(),
    });
    expect(follow.statusCode).toBe(303);
    expect(
      (await t.app.inject({ url: `/rencana-aksi/${planId}`, headers: { accept: 'text/html', cookie: citizen.cookie } }))
        .body,
    ).toContain('Berhenti mengikuti');

    const moved = await t.app.inject({
      method: 'POST',
      url: `/rencana-aksi/${planId}/status`,
      headers: { ...FORM, cookie: admin.cookie },
      payload: `_csrf=${admin.csrf}&to=co-creation`,
    });
    expect(moved.statusCode).toBe(303);
    expect((await mine())[0]).toMatchObject({
      title: 'Rencana Aksi Uji 2025–2028: kini Ko-kreasi',
      url: `/rencana-aksi/${planId}`,
    });
    expect(
      (await t.app.inject({ url: '/api/v1/me/notifications', headers: { cookie: admin.cookie } })).json().data,
    ).toHaveLength(0);

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
      url: '/api/v1/follows',
      headers: citizen.headers,
      payload: { entityType: 'commitment', entityId: c.id },
    });
    const before = (await mine()).length;
    const patch = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/commitments/${c.ogpId}`,
      headers: admin.headers,
      payload: { title: 'Pendampingan kelurahan wisata (revisi)' },
    });
    expect(patch.statusCode).toBe(200);
    const after = await mine();
    expect(after.length).toBe(before + 1);
    expect(after[0]!.url).toBe(`/komitmen/${c.ogpId}`);
  });
});
