import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/helpers/test-env.js';
import { createTestApp, createTestUser, type TestApp, type TestUser } from '../../../test/helpers/test-app.js';
import { formFields } from '../../../test/helpers/html-form.js';
import { orgId, planBody } from './plan.fixtures.js';

const FORM = 'application/x-www-form-urlencoded';

// The finding: a lead OPD's produsen removed the other lead OPDs through PATCH and so took the plan over.
describe.each(DIALECTS)('only the point of contact changes a plan’s lead OPDs (%s)', (dialect) => {
  let t: TestApp;
  let admin: TestUser;
  let produsen: TestUser;
  let planId: string;
  let leads: string[];
  beforeAll(async () => {
    t = await createTestApp(dialect);
    admin = await createTestUser(t.db, ['admin']);
    produsen = await createTestUser(t.db, [['produsen', 'dlh']]);
    leads = [await orgId(t.db, 'bapelitbangda'), await orgId(t.db, 'dlh')];
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/plans',
      headers: admin.headers,
      payload: await planBody(t.db, { leadOrganizationIds: leads }),
    });
    expect(res.statusCode, res.body).toBe(201);
    planId = res.json().data.id;
  });
  afterAll(async () => {
    await t?.close();
  });

  const patch = (user: TestUser, payload: object, lang = 'id') =>
    t.app.inject({
      method: 'PATCH',
      url: `/api/v1/plans/${planId}`,
      headers: { ...user.headers, 'accept-language': lang },
      payload,
    });
  const storedLeads = async () =>
    (await t.app.inject({ url: `/api/v1/plans/${planId}`, headers: admin.headers }))
      .json()
      .data.leadInstitutions.map((o: { id: string }) => o.id)
      .sort();

  it('refuses a lead produsen who removes the other leads, with 403 and the reason, and changes nothing', async () => {
    const res = await patch(produsen, { leadOrganizationIds: [leads[1]], foreword: 'Diambil alih' });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('PLAN_LEADS_POINT_OF_CONTACT');
    expect(res.json().error.message).toContain('Hanya narahubung (admin)');
    const en = await patch(produsen, { leadOrganizationIds: [leads[1]] }, 'en');
    expect(en.json().error.message).toContain('Only the action plan’s point of contact');
    expect(await storedLeads()).toEqual([...leads].sort());
    const plan = (await t.app.inject({ url: `/api/v1/plans/${planId}`, headers: admin.headers })).json().data;
    expect(plan.foreword).not.toBe('Diambil alih');
  });

  it('lets the produsen edit other fields, the lead list sent unchanged (in any order)', async () => {
    const res = await patch(produsen, { leadOrganizationIds: [...leads].reverse(), foreword: 'Pengantar OPD' });
    expect(res.statusCode, res.body).toBe(200);
    expect((await patch(produsen, { engagement: 'Forum tiap bulan' })).statusCode).toBe(200);
  });

  it('refuses the same change through the edit form with 403 and the message on the field', async () => {
    const url = `/rencana-aksi/${planId}/ubah`;
    const page = await t.app.inject({ url, headers: { cookie: produsen.cookie, accept: 'text/html' } });
    expect(page.statusCode).toBe(200);
    const fields = formFields(page.body, url);
    fields.set('_csrf', produsen.csrf);
    fields.delete('leadOrganizationIds');
    fields.append('leadOrganizationIds', leads[1]!);
    const res = await t.app.inject({
      method: 'POST',
      url,
      headers: { cookie: produsen.cookie, accept: 'text/html', 'content-type': FORM },
      payload: fields.toString(),
    });
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('Hanya narahubung (admin) rencana aksi yang dapat mengubah daftar OPD pengampu');
    expect(await storedLeads()).toEqual([...leads].sort());
  });

  it('lets the point of contact (admin) change the lead list', async () => {
    const res = await patch(admin, { leadOrganizationIds: [leads[0]] });
    expect(res.statusCode, res.body).toBe(200);
    expect(await storedLeads()).toEqual([leads[0]]);
  });
});
