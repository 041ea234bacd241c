import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/helpers/test-env.js';
import { createTestApp, createTestUser, type TestApp, type TestUser } from '../../../test/helpers/test-app.js';
import { planBody } from '../plan/plan.fixtures.js';

const FORM = { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' };

/** Staff record ideas raised offline (Musrenbang, workshops) through the HTML form. */
describe.each(DIALECTS)('recording offline ideas in the staff form (%s)', (dialect) => {
  let t: TestApp;
  let bappeda: TestUser;
  let warga: TestUser;
  let planId: string;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const admin = await createTestUser(t.db, ['admin']);
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
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/plans/${planId}/transition`,
      headers: admin.headers,
      payload: { to: 'co-creation' },
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  const post = (user: TestUser, fields: Record<string, string>) =>
    t.app.inject({
      method: 'POST',
      url: '/ide/catat',
      headers: { ...FORM, cookie: user.cookie },
      payload: new URLSearchParams({ _csrf: user.csrf, ...fields }).toString(),
    });
  const idea = {
    title: 'Pelatihan pemandu wisata',
    body: 'Warga Sogaten meminta pelatihan pemandu wisata kampung.',
    theme: 'pariwisata',
    wilayahKode: '35.77.02.1002',
  };

  it('records a Musrenbang idea with its source and date, shown publicly with its kelurahan', async () => {
    const res = await post(bappeda, {
      ...idea,
      planId,
      sourceLabel: 'Musrenbang Kelurahan Sogaten 2025',
      receivedOn: '2025-02-12',
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toMatch(/^\/ide\/[0-9a-f-]{36}$/);
    const page = await t.app.inject({ url: res.headers.location as string, headers: { accept: 'text/html' } });
    expect(page.body).toContain('Musrenbang Kelurahan Sogaten 2025');
    expect(page.body).toContain('Sogaten');
    const json = (await t.app.inject({ url: `/api/v1/ideas?plan=${planId}` })).json().data;
    expect(json[0]).toMatchObject({
      channel: 'offline',
      source: 'Musrenbang Kelurahan Sogaten 2025',
      receivedOn: '2025-02-12',
    });
  });

  it('re-renders the form with a linked error summary when the source is missing, and refuses warga', async () => {
    const bad = await post(bappeda, { ...idea, planId, sourceLabel: '', receivedOn: '2025-02-12' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('href="#sourceLabel"');
    expect(bad.body).toContain('value="Pelatihan pemandu wisata"');
    expect(
      (await post(warga, { ...idea, planId, sourceLabel: 'Musrenbang', receivedOn: '2025-02-12' })).statusCode,
    ).toBe(403);
    expect((await t.app.inject({ url: `/api/v1/ideas?plan=${planId}` })).json().data).toHaveLength(1);
  });
});
