import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/helpers/test-env.js';
import { createTestApp, createTestUser, type TestApp, type TestUser } from '../../../test/helpers/test-app.js';
import { etagChecks, twoEditors } from '../../../test/helpers/versioning.js';
import { commitmentBody, milestoneBody, planBody } from '../plan/plan.fixtures.js';

describe.each(DIALECTS)('plans, commitments, milestones: versions and whole/partial updates (%s)', (dialect) => {
  let t: TestApp;
  let admin: TestUser;
  let planId: string, ogpId: string, milestoneId: string;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    admin = await createTestUser(t.db, ['admin']);
    const plan = await t.app.inject({
      method: 'POST',
      url: '/api/v1/plans',
      headers: admin.headers,
      payload: await planBody(t.db),
    });
    expect(plan.statusCode, plan.body).toBe(201);
    planId = plan.json().data.id;
    const c = await t.app.inject({
      method: 'POST',
      url: `/api/v1/plans/${planId}/commitments`,
      headers: admin.headers,
      payload: await commitmentBody(t.db),
    });
    expect(c.statusCode, c.body).toBe(201);
    ogpId = c.json().data.ogpId;
    const m = await t.app.inject({
      method: 'POST',
      url: `/api/v1/commitments/${ogpId}/milestones`,
      headers: admin.headers,
      payload: await milestoneBody(t.db),
    });
    expect(m.statusCode, m.body).toBe(201);
    milestoneId = m.json().data.id;
  });
  afterAll(async () => {
    await t?.close();
  });
  const get = async (url: string) => (await t.app.inject({ url, headers: { cookie: admin.cookie } })).json().data;

  it('plan: ETag/If-Match on PUT and PATCH; PUT needs every field; unknown keys named', async () => {
    await etagChecks(t, admin, { getUrl: `/api/v1/plans/${planId}`, method: 'PATCH', body: { foreword: 'Baru.' } });
    const whole = {
      ...(await planBody(t.db)),
      submittedOn: null,
      endorsedOn: null,
      endorsementNote: '',
      translations: { en: { foreword: 'English foreword.' } },
    };
    await etagChecks(t, admin, { getUrl: `/api/v1/plans/${planId}`, method: 'PUT', body: whole });
    const before = await get(`/api/v1/plans/${planId}`);
    const partial = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/plans/${planId}`,
      headers: admin.headers,
      payload: { title: 'Hanya judul' },
    });
    expect(partial.statusCode).toBe(400);
    expect(JSON.stringify(partial.json().error.details)).toContain('body.foreword');
    const unknown = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/plans/${planId}`,
      headers: admin.headers,
      payload: { judul: 'x' },
    });
    expect(unknown.statusCode).toBe(400);
    expect(JSON.stringify(unknown.json().error.details)).toContain('Kunci tidak dikenal: judul');
    expect((await get(`/api/v1/plans/${planId}`)).version).toBe(before.version);
  });

  it('plan: two editors, the second gets the diff and merges', async () => {
    await twoEditors(t, admin, {
      editUrl: `/rencana-aksi/${planId}/ubah`,
      action: `/rencana-aksi/${planId}/ubah`,
      a: { foreword: 'Pengantar dari editor pertama' },
      b: { engagement: 'Keterlibatan dari editor kedua' },
    });
    const plan = await get(`/api/v1/plans/${planId}`);
    expect(plan.foreword).toBe('Pengantar dari editor pertama');
    expect(plan.engagement).toBe('Keterlibatan dari editor kedua');
  });

  it('commitment: ETag/If-Match on PUT and PATCH; PUT needs every field; PATCH changes one', async () => {
    const url = `/api/v1/commitments/${ogpId}`;
    await etagChecks(t, admin, { getUrl: url, method: 'PATCH', body: { sector: 'Ekonomi kreatif' } });
    const whole = {
      ...(await commitmentBody(t.db)),
      ideaIds: [],
      valueAccessInfo: false,
      valueAccessInfoWhy: '',
      valueCivicParticipationWhy: 'Warga ikut menentukan atraksi.',
      valuePublicAccountability: false,
      valuePublicAccountabilityWhy: '',
      valueTechnology: false,
      valueTechnologyWhy: '',
      translations: {},
    };
    const put = await t.app.inject({ method: 'PUT', url, headers: admin.headers, payload: whole });
    expect(put.statusCode, put.body).toBe(200);
    const before = await get(url);
    const missing = await t.app.inject({
      method: 'PUT',
      url,
      headers: admin.headers,
      payload: { title: 'Judul saja' },
    });
    expect(missing.statusCode).toBe(400);
    expect(JSON.stringify(missing.json().error.details)).toContain('body.problem');
    const patch = await t.app.inject({
      method: 'PATCH',
      url,
      headers: admin.headers,
      payload: { title: 'Judul baru' },
    });
    expect(patch.statusCode, patch.body).toBe(200);
    const after = await get(url);
    expect(after.title).toBe('Judul baru');
    expect(after.problem).toBe(before.problem);
  });

  it('commitment: two editors, the second gets the diff and merges', async () => {
    await twoEditors(t, admin, {
      editUrl: `/komitmen/${ogpId}/ubah`,
      action: `/komitmen/${ogpId}/ubah`,
      a: { policyArea: 'Pariwisata berkelanjutan' },
      b: { budgetSource: 'APBD dan CSR' },
    });
    const c = await get(`/api/v1/commitments/${ogpId}`);
    expect(c.policyArea).toBe('Pariwisata berkelanjutan');
  });

  it('the English versions survive a conflicting edit: kept, merged and named in the diff', async () => {
    const url = `/api/v1/commitments/${ogpId}`;
    const english = { title: 'Tourism kelurahan support', problem: 'Tourism potential is not managed with residents.' };
    const set = await t.app.inject({
      method: 'PATCH',
      url,
      headers: admin.headers,
      payload: { translations: { en: english } },
    });
    expect(set.statusCode, set.body).toBe(200);
    const { conflict, merged } = await twoEditors(t, admin, {
      editUrl: `/komitmen/${ogpId}/ubah`,
      action: `/komitmen/${ogpId}/ubah`,
      a: { 'translations.en.title': 'Support for tourism kelurahan' },
      b: { sector: 'Ekonomi kreatif' },
    });
    // The other editor's English title is in the diff and in the merge; the untouched one is kept.
    expect(conflict.body).toContain('Support for tourism kelurahan');
    expect(merged.get('translations.en.title')).toBe('Support for tourism kelurahan');
    expect(merged.get('translations.en.problem')).toBe(english.problem);
    const c = await get(url);
    expect(c.translations.en).toMatchObject({ title: 'Support for tourism kelurahan', problem: english.problem });
    expect(c.sector).toBe('Ekonomi kreatif');
  });

  it('milestone: GET has an ETag; If-Match on PUT and PATCH; two editors merge', async () => {
    const url = `/api/v1/milestones/${milestoneId}`;
    await etagChecks(t, admin, { getUrl: url, method: 'PATCH', body: { progressPercent: 20, status: 'in_progress' } });
    const whole = { ...(await milestoneBody(t.db)), status: 'in_progress', progressPercent: 30, completedOn: null };
    await etagChecks(t, admin, { getUrl: url, method: 'PUT', body: whole });
    const missing = await t.app.inject({ method: 'PUT', url, headers: admin.headers, payload: { weight: 2 } });
    expect(missing.statusCode).toBe(400);
    await twoEditors(t, admin, {
      editUrl: `/tonggak/${milestoneId}/ubah`,
      action: `/tonggak/${milestoneId}/ubah`,
      a: { deliverable: 'SK Pokdarwis dari editor pertama' },
      b: { progressPercent: '40' },
    });
    const m = await get(url);
    expect(m.deliverable).toBe('SK Pokdarwis dari editor pertama');
    expect(m.percent).toBe(40);
  });
});
