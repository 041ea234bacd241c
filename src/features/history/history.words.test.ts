import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/helpers/test-env.js';
import { createTestApp, createTestUser, type TestApp, type TestUser } from '../../../test/helpers/test-app.js';
import { commitmentBody, milestoneBody, PDF, planBody } from '../plan/plan.fixtures.js';
import { multipart } from '../../../test/helpers/multipart.js';

/** The history a reader sees on the commitment page: words in their language, never stored codes. */
describe.each(DIALECTS)('readable history, history API and plan page links (%s)', (dialect) => {
  let t: TestApp;
  let admin: TestUser;
  let planId: string;
  let milestoneId: string;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    admin = await createTestUser(t.db, ['admin']);
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
      url: `/api/v1/plans/${planId}/commitments`,
      headers: admin.headers,
      payload: await commitmentBody(t.db),
    });
    milestoneId = (
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/commitments/IDMDN0001/milestones',
        headers: admin.headers,
        payload: await milestoneBody(t.db),
      })
    ).json().data.id;
    const file = multipart(
      { title: 'SK Pokdarwis', evidenceDate: '2025-11-20', visibility: 'public' },
      { name: 'sk.pdf', content: PDF, type: 'application/pdf' },
    );
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/milestones/${milestoneId}/evidence`,
      headers: { ...admin.headers, ...file.headers },
      payload: file.payload,
    });
    const done = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/milestones/${milestoneId}`,
      headers: admin.headers,
      payload: { status: 'complete', completedOn: '2025-12-15' },
    });
    expect(done.statusCode).toBe(200);
    await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/commitments/IDMDN0001',
      headers: admin.headers,
      payload: { valueAccessInfo: true, valueAccessInfoWhy: 'Data wisata dibuka.' },
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  const page = async (lang: 'id' | 'en') =>
    (
      await t.app.inject({
        url: '/komitmen/IDMDN0001',
        headers: { accept: 'text/html' },
        cookies: { terbuka_lang: lang },
      })
    ).body;
  const section = (body: string, from: string) => body.slice(body.indexOf(from));

  it('shows statuses, OGP values, SDGs and kelurahan as words, in Indonesian and in English', async () => {
    const id = section(await page('id'), 'Riwayat perubahan');
    expect(id).toContain('Akses informasi: Data wisata dibuka.');
    expect(id).toContain('Partisipasi warga: Warga ikut menentukan atraksi.');
    expect(id).toContain('Selesai (100 %, 1 bukti)');
    expect(id).toContain('SDG 8, SDG 11');
    expect(id).toContain('Sogaten');
    for (const code of ['not_started', 'complete)', 'access_to_information', 'civic_participation', '35.77.02.1002'])
      expect(id).not.toContain(code);
    const en = section(await page('en'), 'Change history');
    expect(en).toContain('Access to information: Data wisata dibuka.');
    expect(en).toContain('Complete (100 %, 1 pieces of evidence)');
    expect(en).not.toContain('not_started');
    expect(en).not.toContain('access_to_information');
  });

  it("shows each milestone's own history with its status change in words", async () => {
    const id = await page('id');
    expect(id).toContain('Riwayat tonggak: Lokakarya pembentukan Pokdarwis');
    const milestoneHistory = section(id, `id="riwayat-${milestoneId}"`);
    expect(milestoneHistory).toContain(
      '<strong>Status:</strong> <del><span class="sr-only">[sebelumnya] </span>Belum dimulai</del>' +
        ' → <ins><span class="sr-only">[sekarang] </span>Selesai</ins>',
    );
    const en = section(await page('en'), `id="riwayat-${milestoneId}"`);
    expect(en).toContain('Not started</del>');
  });

  it('serves the history as JSON for commitments and milestones, with clear errors for bad ids', async () => {
    const c = await t.app.inject({ url: '/api/v1/commitments/IDMDN0001/history' });
    expect(c.statusCode).toBe(200);
    const versions = c.json().data;
    expect(versions[0].version).toBeGreaterThan(versions[versions.length - 1].version);
    expect(versions[0].changes.map((x: { field: string }) => x.field)).toContain('ogpValues');
    const m = (await t.app.inject({ url: `/api/v1/milestones/${milestoneId}/history` })).json().data;
    expect(m[0].changes.find((x: { field: string }) => x.field === 'status')).toEqual({
      field: 'status',
      before: 'not_started',
      after: 'complete',
    });
    expect((await t.app.inject({ url: '/api/v1/commitments/IDMDN9999/history' })).statusCode).toBe(404);
    expect((await t.app.inject({ url: '/api/v1/commitments/bad/history' })).statusCode).toBe(400);
    expect((await t.app.inject({ url: '/api/v1/milestones/123/history' })).statusCode).toBe(400);
    expect(
      (await t.app.inject({ url: '/api/v1/milestones/00000000-0000-4000-8000-000000000000/history' })).statusCode,
    ).toBe(404);
    const spec = (await t.app.inject({ url: '/api/openapi.json' })).json();
    for (const path of ['/api/v1/commitments/{ogpId}/history', '/api/v1/milestones/{id}/history']) {
      expect(spec.paths[path]?.get?.summary, path).toBeTruthy();
      expect(spec.paths[path]?.get?.tags, path).toEqual(['action-plan']);
    }
  });

  it('puts the Atom feeds in the page heads and links feed, monitoring, print, PDF, CSV and JSON from the plan page', async () => {
    const plan = (await t.app.inject({ url: `/rencana-aksi/${planId}`, headers: { accept: 'text/html' } })).body;
    expect(plan).toMatch(
      new RegExp(`<link rel="alternate" type="application/atom\\+xml"[^>]*/rencana-aksi/${planId}/feed\\.atom`),
    );
    for (const href of [
      `/rencana-aksi/${planId}/pemantauan`,
      `/rencana-aksi/${planId}/cetak`,
      `/rencana-aksi/${planId}/cetak.pdf`,
      `/api/v1/plans/${planId}/commitments.csv`,
      `/api/v1/plans/${planId}/export.json`,
      `/rencana-aksi/${planId}/feed.atom" type="application/atom+xml"`,
    ])
      expect(plan, href).toContain(`href="${href}`);
    expect(plan).toContain('Masuk untuk mengikuti perubahan');
    expect(plan).not.toContain('href="/monitoring/jadwal"');
    const staff = (
      await t.app.inject({ url: `/rencana-aksi/${planId}`, headers: { accept: 'text/html', cookie: admin.cookie } })
    ).body;
    expect(staff).toContain('href="/monitoring/jadwal"');
    expect(staff).toContain('name="entityType" value="plan"');
    const commitment = await page('id');
    expect(commitment).toMatch(
      /<link rel="alternate" type="application\/atom\+xml"[^>]*\/komitmen\/IDMDN0001\/feed\.atom/,
    );
    expect(commitment).toContain('href="/komitmen/IDMDN0001/feed.atom"');
    expect(commitment).toContain(`href="/rencana-aksi/${planId}/pemantauan#IDMDN0001"`);
  });
});
