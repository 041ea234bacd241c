import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/helpers/test-env.js';
import {
  createTestApp,
  createTestUser,
  csrfFromHtml,
  type TestApp,
  type TestUser,
} from '../../../test/helpers/test-app.js';
import { formFields } from '../../../test/helpers/html-form.js';
import { follow } from '../notification/notification.service.js';
import { commitmentBody, milestoneBody, planBody } from '../plan/plan.fixtures.js';
import { multipart } from '../../../test/helpers/multipart.js';

const FORM = { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' };

describe.each(DIALECTS)('commitment pages, staff forms and followers (%s)', (dialect) => {
  let t: TestApp;
  let admin: TestUser;
  let disbud: TestUser;
  let follower: TestUser;
  let planId: string;
  let milestoneId: string;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    admin = await createTestUser(t.db, ['admin']);
    disbud = await createTestUser(t.db, [['produsen', 'disbudparpora']]);
    follower = await createTestUser(t.db, ['warga']);
    planId = (
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/plans',
        headers: admin.headers,
        payload: await planBody(t.db),
      })
    ).json().data.id;
    const c = (
      await t.app.inject({
        method: 'POST',
        url: `/api/v1/plans/${planId}/commitments`,
        headers: admin.headers,
        payload: await commitmentBody(t.db),
      })
    ).json().data;
    await follow(t.db, t.app.deps.followables, follower.id, 'commitment', c.id);
    milestoneId = (
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/commitments/IDMDN0001/milestones',
        headers: admin.headers,
        payload: await milestoneBody(t.db),
      })
    ).json().data.id;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('shows staff the OGP rule check as a linked summary on the plan and commitment pages', async () => {
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/plans/${planId}/transition`,
      headers: admin.headers,
      payload: { to: 'co-creation' },
    });
    const plan = await t.app.inject({
      url: `/rencana-aksi/${planId}`,
      headers: { accept: 'text/html', cookie: admin.cookie },
    });
    expect(plan.body).toContain('class="error-summary"');
    expect(plan.body).toContain('Dukungan (endorsement) masyarakat sipil atas rencana aksi belum dicatat.');
    expect(plan.body).toContain(`href="/rencana-aksi/${planId}/ubah#endorsedOn"`);
    const blocked = await t.app.inject({
      method: 'POST',
      url: `/rencana-aksi/${planId}/status`,
      headers: { ...FORM, cookie: admin.cookie },
      payload: `_csrf=${admin.csrf}&to=submitted`,
    });
    expect(blocked.statusCode).toBe(422);
    expect(blocked.body).toContain('Rencana aksi belum dapat diajukan');
    const page = await t.app.inject({
      url: '/komitmen/IDMDN0001',
      headers: { accept: 'text/html', cookie: disbud.cookie },
    });
    expect(page.body).toContain('Komitmen ini memenuhi semua aturan untuk diajukan.');
    const anon = await t.app.inject({ url: '/komitmen/IDMDN0001', headers: { accept: 'text/html' } });
    expect(anon.body).not.toContain('id="validasi"');
    expect(anon.body).toContain('Riwayat perubahan');
  });

  it('re-renders the commitment form with field errors and keeps what was typed', async () => {
    const lead = await t.db
      .selectFrom('organizations')
      .select('id')
      .where('slug', '=', 'disbudparpora')
      .executeTakeFirstOrThrow();
    const res = await t.app.inject({
      method: 'POST',
      url: '/komitmen/IDMDN0001/ubah',
      headers: { ...FORM, cookie: disbud.cookie },
      payload:
        `_csrf=${disbud.csrf}&title=Judul+baru&startMonth=2026-06&endMonth=2026-01` +
        `&leadOrganizationId=${encodeURIComponent(lead.id)}`,
    });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain(
      '<a href="#valueAccessInfo">Pilih setidaknya satu nilai OGP dan tuliskan alasannya.</a>',
    );
    expect(res.body).toContain('<a href="#endMonth">');
    expect(res.body).toContain('value="Judul baru"');
    const api = (await t.app.inject({ url: '/api/v1/commitments/IDMDN0001' })).json().data;
    expect(api.title).toBe('Pendampingan kelurahan wisata');
  });

  it('refuses completion without evidence in the form, then accepts it after an upload', async () => {
    const milestone = await t.db
      .selectFrom('milestones')
      .select('responsible_organization_id')
      .where('id', '=', milestoneId)
      .executeTakeFirstOrThrow();
    const completeMilestone =
      `_csrf=${disbud.csrf}&activity=Lokakarya&deliverable=SK&startDate=2025-09-01&endDate=2025-12-31` +
      `&responsibleOrganizationId=${encodeURIComponent(milestone.responsible_organization_id!)}&weight=1&status=complete`;
    const early = await t.app.inject({
      method: 'POST',
      url: `/tonggak/${milestoneId}/ubah`,
      headers: { ...FORM, cookie: disbud.cookie },
      payload: completeMilestone,
    });
    expect(early.statusCode).toBe(422);
    expect(early.body).toContain('<a href="#status">Tambahkan bukti sebelum menandai tonggak selesai.</a>');
    const exe = multipart(
      { _csrf: disbud.csrf, title: 'Berkas aneh', evidenceDate: '2025-12-01', visibility: 'public' },
      { name: 'skrip.exe', content: Buffer.from('MZ') },
    );
    const bad = await t.app.inject({
      method: 'POST',
      url: `/tonggak/${milestoneId}/bukti`,
      headers: { ...exe.headers, accept: 'text/html', cookie: disbud.cookie },
      payload: exe.payload,
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Jenis berkas ini tidak diterima');
    const link = await t.app.inject({
      method: 'POST',
      url: `/tonggak/${milestoneId}/tautan`,
      headers: { ...FORM, cookie: disbud.cookie },
      payload:
        `_csrf=${disbud.csrf}&link-title=Notulen+lokakarya&link-url=${encodeURIComponent('https://madiunkota.go.id/notulen')}` +
        '&link-evidenceDate=2025-12-01&link-visibility=public',
    });
    expect(link.statusCode).toBe(303);
    const done = await t.app.inject({
      method: 'POST',
      url: `/tonggak/${milestoneId}/ubah`,
      headers: { ...FORM, cookie: disbud.cookie },
      payload: completeMilestone,
    });
    expect(done.statusCode).toBe(303);
    const page = await t.app.inject({ url: '/komitmen/IDMDN0001', headers: { accept: 'text/html' } });
    expect(page.body).toContain('Notulen lokakarya');
    expect(page.body).toContain('diunggah oleh Dinas Kebudayaan, Pariwisata, Kepemudaan dan Olahraga Kota Madiun');
    expect(page.body).toContain('<progress max="100" value="100"');
  });

  it('notifies followers of the commitment when it or its milestones change, not the person who changed it', async () => {
    const notes = await t.db.selectFrom('notifications').select(['user_id', 'title']).execute();
    const mine = notes.filter((n) => n.user_id === follower.id).map((n) => n.title);
    expect(mine).toEqual(
      expect.arrayContaining([
        'IDMDN0001: tonggak baru “Lokakarya pembentukan Pokdarwis”',
        'IDMDN0001: tonggak “Lokakarya” selesai',
      ]),
    );
    expect(mine.some((title) => title.includes('bukti baru'))).toBe(true);
    expect(notes.some((n) => n.user_id === disbud.id)).toBe(false);
  });
  it("saves the edit form of the lead organisation's produsen and shows the new value on the page", async () => {
    // A commitment of its own, so the tests above keep theirs as they left it.
    const { ogpId } = (
      await t.app.inject({
        method: 'POST',
        url: `/api/v1/plans/${planId}/commitments`,
        headers: admin.headers,
        payload: await commitmentBody(t.db, { title: 'Peta wisata kelurahan' }),
      })
    ).json().data;
    const form = await t.app.inject({
      url: `/komitmen/${ogpId}/ubah`,
      headers: { accept: 'text/html', cookie: disbud.cookie },
    });
    expect(form.statusCode).toBe(200);
    const fields = formFields(form.body, `/komitmen/${ogpId}/ubah`);
    expect(fields.get('_csrf')).toBe(csrfFromHtml(form.body));
    fields.set('title', 'Peta wisata kelurahan & desa tangguh');
    const saved = await t.app.inject({
      method: 'POST',
      url: `/komitmen/${ogpId}/ubah`,
      headers: { ...FORM, cookie: disbud.cookie },
      payload: fields.toString(),
    });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe(`/komitmen/${ogpId}`);
    const page = await t.app.inject({ url: `/komitmen/${ogpId}`, headers: { accept: 'text/html' } });
    expect(page.body).toContain('Peta wisata kelurahan &amp; desa tangguh');
    const api = (await t.app.inject({ url: `/api/v1/commitments/${ogpId}` })).json().data;
    expect(api).toMatchObject({
      title: 'Peta wisata kelurahan & desa tangguh',
      kelurahanCodes: ['35.77.02.1002'],
      sdgGoals: [8, 11],
      budget: { amount: 150000000, source: 'APBD' },
    });
    expect(api.supportingInstitutions.map((o: { slug: string }) => o.slug)).toEqual(['yayasan-bambu-nusantara']);
  });
});
