import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/helpers/test-env.js';
import {
  createTestApp,
  createTestUser,
  anonymousVisitor,
  type TestApp,
  type TestUser,
} from '../../../test/helpers/test-app.js';
import { ogpMadiunSeed, MADIUN_PLAN_TITLE } from './plan.seed.js';
import { commitmentDemoSeed } from '../commitment/commitment-demo.seed.js';
import { EXAMPLE_PLAN_TITLE } from './plan-demo.seed.js';
import { commitmentBody } from './plan.fixtures.js';
import { OGP_DATASET_COLUMNS } from '../plan-export/dataset.service.js';

const form = (data: Record<string, string | string[]>) => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(data)) for (const x of Array.isArray(v) ? v : [v]) p.append(k, x);
  return p.toString();
};
const FORM = { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' };

describe.each(DIALECTS)('action-plan seeds, public tracker and staff forms (%s)', (dialect) => {
  let t: TestApp;
  let admin: TestUser;
  let warga: TestUser;
  let planId: string;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    admin = await createTestUser(t.db, ['admin']);
    warga = await createTestUser(t.db, ['warga']);
  });
  afterAll(async () => {
    await t?.close();
  });

  it("seeds Madiun's real plan metadata and the three flagship ideas as ideas, idempotently", async () => {
    await ogpMadiunSeed.run(t.db);
    expect(await ogpMadiunSeed.run(t.db)).toBe('sudah ada');
    const plans = (await t.app.inject({ url: '/api/v1/plans' })).json().data;
    expect(plans).toHaveLength(1);
    expect(plans[0]).toMatchObject({
      title: MADIUN_PLAN_TITLE,
      status: 'implementation',
      submittedOn: '2025-07-16',
      periodEnd: '2028-10-31',
      commitmentCount: 0,
    });
    expect(plans[0].leadInstitutions.map((o: { slug: string }) => o.slug)).toEqual([
      'bapelitbangda',
      'disbudparpora',
      'dlh',
    ]);
    planId = plans[0].id;
    const profile = (await t.app.inject({ url: '/api/v1/ogp-profile' })).json().data;
    expect(profile).toMatchObject({
      jurisdictionName: 'Kota Madiun',
      joinedOn: '2024-04-16',
      launchedOn: '2025-04-30',
    });
    const ideas = (await t.app.inject({ url: `/api/v1/ideas?plan=${planId}` })).json().data;
    expect(ideas).toHaveLength(3);
    expect(
      ideas.every(
        (i: { channel: string; source: string; response: unknown }) =>
          i.channel === 'offline' && i.source.includes('Bappeda') && i.response === null,
      ),
    ).toBe(true);
    expect(ideas.map((i: { theme: string }) => i.theme).sort()).toEqual(['ketenagakerjaan', 'pariwisata', 'satu-data']);
  });

  it('adds demo commitments, visibly marked, in their own example plan with example IDs', async () => {
    expect(await commitmentDemoSeed.run(t.db)).toBe('3 komitmen contoh');
    expect(await commitmentDemoSeed.run(t.db)).toBe('0 komitmen contoh');
    const real = (await t.app.inject({ url: `/api/v1/plans/${planId}` })).json().data;
    expect(real.commitments).toEqual([]);
    const plans = (await t.app.inject({ url: '/api/v1/plans' })).json().data;
    const example = plans.find((p: { isExample: boolean }) => p.isExample);
    expect(example.title).toBe(EXAMPLE_PLAN_TITLE);
    const plan = (await t.app.inject({ url: `/api/v1/plans/${example.id}` })).json().data;
    expect(plan.commitments.map((c: { ogpId: string }) => c.ogpId)).toEqual([
      'IDMDN-CONTOH-01',
      'IDMDN-CONTOH-02',
      'IDMDN-CONTOH-03',
    ]);
    expect(
      plan.commitments.every(
        (c: { title: string; isExample: boolean }) => c.title.startsWith('[Contoh]') && c.isExample,
      ),
    ).toBe(true);
    const page = await t.app.inject({
      url: `/komitmen/${plan.commitments[0].ogpId}`,
      headers: { accept: 'text/html' },
    });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('class="badge example">contoh');
    const csv = await t.app.inject({ url: `/api/v1/plans/${example.id}/commitments.csv` });
    expect(csv.statusCode).toBe(200);
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe(OGP_DATASET_COLUMNS.map((c) => (c.includes(',') ? `"${c}"` : c)).join(','));
    expect(lines).toHaveLength(1 + plan.commitments.length);
    expect(lines[1]).toContain(plan.commitments[0].ogpId);
  });

  it('shows real commitments that touch a kelurahan on its profile, never the example ones', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: `/api/v1/plans/${planId}/commitments`,
      headers: admin.headers,
      payload: await commitmentBody(t.db),
    });
    expect(created.statusCode).toBe(201);
    expect(created.json().data.ogpId).toBe('IDMDN0001');
    const res = await t.app.inject({ url: '/wilayah/35.77.02.1002', headers: { accept: 'text/html' } });
    expect(res.body).toContain('id="rencana-aksi"');
    expect(res.body).toContain('Pendampingan kelurahan wisata');
    expect(res.body).not.toContain('[Contoh]');
    const json = (await t.app.inject({ url: '/api/v1/wilayah/35.77.02.1002/profile' })).json();
    expect(json.data.sections['rencana-aksi'].map((c: { title: string }) => c.title)).toEqual([
      'Pendampingan kelurahan wisata',
    ]);
  });

  it('renders the plan page with an accessible SVG chart and table equivalents', async () => {
    const res = await t.app.inject({ url: `/rencana-aksi/${planId}`, headers: { accept: 'text/html' } });
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/<svg[^>]*role="img"[^>]*aria-labelledby="[^"]+"><title id=/);
    expect(res.body).toContain('<desc id=');
    expect(res.body).toContain('Kemajuan per lembaga pemimpin (OPD)');
    expect(res.body).toContain('Kemajuan per kelurahan');
    expect(res.body).toContain('<th scope="col">');
    expect(res.body).toContain('rel="alternate" type="application/json" href="/api/v1/plans/');
    const index = await t.app.inject({ url: '/rencana-aksi', headers: { accept: 'text/html' } });
    expect(index.body).toContain('Kota Madiun');
    expect(index.body).toContain(MADIUN_PLAN_TITLE);
  });

  it('re-renders the staff plan form with a linked error summary on bad dates, and refuses warga', async () => {
    const bad = await t.app.inject({
      method: 'POST',
      url: '/rencana-aksi/baru',
      headers: { ...FORM, cookie: admin.cookie },
      payload: form({ _csrf: admin.csrf, title: 'Rencana uji', periodStart: '2027-01-01', periodEnd: '2026-01-01' }),
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('class="error-summary"');
    expect(bad.body).toContain('<a href="#periodEnd">Tanggal selesai tidak boleh sebelum tanggal mulai.</a>');
    expect(bad.body).toContain('value="Rencana uji"');
    const ok = await t.app.inject({
      method: 'POST',
      url: '/rencana-aksi/baru',
      headers: { ...FORM, cookie: admin.cookie },
      payload: form({ _csrf: admin.csrf, title: 'Rencana uji', periodStart: '2026-01-01', periodEnd: '2027-01-01' }),
    });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toMatch(/^\/rencana-aksi\/[0-9a-f-]{36}$/);
    expect(
      (await t.app.inject({ url: '/rencana-aksi/baru', headers: { accept: 'text/html', cookie: warga.cookie } }))
        .statusCode,
    ).toBe(403);
    const byWarga = await t.app.inject({
      method: 'POST',
      url: '/rencana-aksi/baru',
      headers: { ...FORM, cookie: warga.cookie },
      payload: form({ _csrf: warga.csrf, title: 'Rencana warga', periodStart: '2026-01-01', periodEnd: '2027-01-01' }),
    });
    expect(byWarga.statusCode).toBe(403);
    expect((await t.app.inject({ url: '/api/v1/plans' })).json().meta.total).toBe(3);
  });

  it('takes an anonymous idea through the form into moderation, and a staff response form', async () => {
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/plans/${planId}/transition`,
      headers: admin.headers,
      payload: { to: 'closed', earlyClosureReason: 'Ditutup sebelum akhir periode untuk uji.' },
    });
    const closed = await t.app.inject({ url: '/ide', headers: { accept: 'text/html' } });
    expect(closed.body).toContain('Saat ini tidak ada rencana aksi yang menerima ide.');
    const draft = (await t.app.inject({ url: '/api/v1/plans' }))
      .json()
      .data.find((p: { status: string }) => p.status === 'draft');
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/plans/${draft.id}/transition`,
      headers: admin.headers,
      payload: { to: 'co-creation' },
    });
    const res = await t.app.inject({
      method: 'POST',
      url: '/ide',
      headers: { ...FORM, cookie: anonymousVisitor(t.db).cookie },
      payload: form({
        _csrf: anonymousVisitor(t.db).csrf,
        planId: draft.id,
        title: 'Lampu jalan',
        body: 'Tambah lampu jalan di gang sempit.',
        theme: 'layanan-publik',
        wilayahKode: '',
      }),
    });
    expect(res.statusCode).toBe(303);
    // An anonymous sender lands on their private tracking page.
    expect(res.headers.location).toMatch(/^\/ide\/lacak\/[\w-]{40,}\?baru=1$/);
    const short = await t.app.inject({
      method: 'POST',
      url: '/ide',
      headers: { ...FORM, cookie: anonymousVisitor(t.db).cookie },
      payload: form({
        _csrf: anonymousVisitor(t.db).csrf,
        planId: draft.id,
        title: 'X',
        body: 'pendek',
        theme: 'layanan-publik',
      }),
    });
    expect(short.statusCode).toBe(422);
    expect(short.body).toContain('href="#title"');
    const queue = await t.app.inject({ url: '/ide/moderasi', headers: { accept: 'text/html', cookie: admin.cookie } });
    expect(queue.body).toContain('Lampu jalan');
    expect(
      (await t.app.inject({ url: '/ide/moderasi', headers: { accept: 'text/html', cookie: warga.cookie } })).statusCode,
    ).toBe(403);
  });
});

describe.each(DIALECTS)('action-plan pages in English (%s)', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    await ogpMadiunSeed.run(t.db);
    await commitmentDemoSeed.run(t.db);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('translates every visible string (no raw message keys) on the public pages', async () => {
    const plans = (await t.app.inject({ url: '/api/v1/plans' })).json().data;
    const plan = plans.find((p: { isExample: boolean }) => !p.isExample);
    const example = plans.find((p: { isExample: boolean }) => p.isExample);
    const idea = (await t.app.inject({ url: `/api/v1/ideas?plan=${plan.id}` })).json().data[0];
    for (const url of [
      '/rencana-aksi',
      `/rencana-aksi/${plan.id}`,
      `/rencana-aksi/${example.id}`,
      '/komitmen/IDMDN-CONTOH-01',
      '/ide',
      `/ide/${idea.id}`,
      '/wilayah/35.77.02.1002',
    ]) {
      const res = await t.app.inject({ url, headers: { accept: 'text/html' }, cookies: { terbuka_lang: 'en' } });
      expect(res.statusCode).toBe(200);
      expect(res.body).not.toMatch(/>[^<]*\b(plan|idea|commitment)\.[a-z][a-zA-Z.]+[^<]*</);
    }
    const page = await t.app.inject({
      url: '/komitmen/IDMDN-CONTOH-01',
      headers: { accept: 'text/html' },
      cookies: { terbuka_lang: 'en' },
    });
    expect(page.body).toContain('The trail from citizens');
    expect(page.body).toContain('Milestones and timeline');
  });
});
