import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { startBrowserHarness, seriousAxeViolations, screenshot, type BrowserHarness } from '../helpers/browser.js';
import { createTestUser } from '../helpers/test-app.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

async function signedIn(h: BrowserHarness, cookieHeader: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await h.browser.newContext({ baseURL: h.baseUrl, viewport: { width: 412, height: 915 } });
  await context.addCookies(
    cookieHeader.split('; ').map((c) => {
      const [name, ...rest] = c.split('=');
      return { name: name!, value: rest.join('='), url: h.baseUrl };
    }),
  );
  return { context, page: await context.newPage() };
}

describe("action plan: from a citizen's idea to an evidence-backed result (browser)", () => {
  let h: BrowserHarness;
  beforeAll(async () => {
    h = await startBrowserHarness('sqlite');
  });
  afterAll(async () => {
    await h?.close();
  });

  it('walks plan → commitment → idea → reasoned response → evidence → public progress', async () => {
    const admin = await createTestUser(h.storage.db, ['admin']);
    const warga = await createTestUser(h.storage.db, ['warga']);
    const staff = await signedIn(h, admin.cookie);
    const citizen = await signedIn(h, warga.cookie);
    const s = staff.page;

    // Staff creates a plan and opens co-creation.
    await s.goto('/rencana-aksi/baru');
    await s.fill('#title', 'Rencana Aksi Uji Peramban');
    await s.fill('#periodStart', '2025-07-01');
    await s.fill('#periodEnd', '2028-10-31');
    await s.click('button[type=submit]:has-text("Simpan")');
    await s.waitForURL(/\/rencana-aksi\/[0-9a-f-]{36}$/);
    const planUrl = new URL(s.url()).pathname;
    await s.click('button:has-text("Ko-kreasi")');
    await s.waitForURL(`**${planUrl}`);
    expect(await s.textContent('main')).toContain('Ko-kreasi');

    // A commitment with two milestones.
    await s.click('a:has-text("Tambah komitmen")');
    await s.fill('#title', 'Data pencari kerja per kelurahan');
    await s.fill('#description', 'Membuka jumlah pencari kerja terverifikasi per kelurahan setiap bulan.');
    await s.check('#valueAccessInfo');
    await s.fill('#valueAccessInfoWhy', 'Warga dapat melihat data ketenagakerjaan kelurahannya.');
    await s.fill('#startMonth', '2025-09');
    await s.fill('#endMonth', '2027-12');
    await s.selectOption('#leadOrganizationId', { label: 'Dinas Tenaga Kerja dan KUKM Kota Madiun' });
    await s.check('#kelurahanCodes input[value="35.77.02.1002"]');
    await s.click('button[type=submit]:has-text("Simpan")');
    await s.waitForURL(/\/komitmen\/IDMDN0001$/);
    for (const [activity, start, end] of [
      ['Pendataan pintu ke pintu', '2025-09-01', '2025-12-31'],
      ['Dasbor data kelurahan terbit', '2026-01-01', '2026-06-30'],
    ] as const) {
      await s.click('a:has-text("Tambah tonggak")');
      await s.fill('#activity', activity);
      await s.fill('#deliverable', `Keluaran: ${activity}`);
      await s.fill('#startDate', start);
      await s.fill('#endDate', end);
      await s.selectOption('#responsibleOrganizationId', { label: 'Dinas Tenaga Kerja dan KUKM Kota Madiun' });
      await s.click('button[type=submit]:has-text("Simpan")');
      await s.waitForURL(/\/komitmen\/IDMDN0001#milestone-/);
    }
    expect(await s.textContent('main')).toContain('Dasbor data kelurahan terbit');

    // A citizen submits an idea.
    const c = citizen.page;
    await c.goto('/ide');
    await c.fill('#title', 'Angka pengangguran per kelurahan');
    await c.fill('#body', 'Mohon data pencari kerja dibuka per kelurahan agar program tepat sasaran.');
    await c.selectOption('#theme', 'ketenagakerjaan');
    await c.selectOption('#wilayahKode', { label: 'Sogaten' });
    await c.click('button:has-text("Kirim ide")');
    await c.waitForURL(/\/ide\/[0-9a-f-]{36}$/);
    const ideaUrl = new URL(c.url()).pathname;
    expect(await c.textContent('main')).toContain('Ide ini belum ditanggapi.');

    // Staff answers it with a reasoned response linking the commitment.
    await s.goto(ideaUrl);
    await s.click('a:has-text("Beri tanggapan beralasan")');
    await s.check('label:has-text("Digabung ke komitmen") >> xpath=preceding-sibling::input[1]');
    await s.fill('#reason', 'Digabung ke komitmen data pencari kerja per kelurahan.');
    await s.check('label:has-text("IDMDN0001") >> xpath=preceding-sibling::input[1]');
    await s.fill('#responderTitle', 'Kepala Bidang PPM Bapelitbangda');
    await s.click('button:has-text("Simpan tanggapan")');
    await s.waitForURL(`**${ideaUrl}`);
    expect(await s.textContent('main')).toContain('Kepala Bidang PPM Bapelitbangda');

    // A milestone is completed with evidence.
    await s.goto('/komitmen/IDMDN0001');
    await s.click('a:has-text("Perbarui tonggak “Pendataan pintu ke pintu”")');
    await s.fill('form[enctype="multipart/form-data"] #title', 'Rekap pendataan pintu ke pintu');
    await s.fill('#evidenceDate', '2025-12-20');
    await s.setInputFiles('#file', { name: 'rekap-pendataan.pdf', mimeType: 'application/pdf', buffer: PDF });
    await s.click('button:has-text("Unggah")');
    await s.waitForURL(/\/tonggak\/[0-9a-f-]{36}\/ubah#bukti$/);
    expect(await s.textContent('main')).toContain('Rekap pendataan pintu ke pintu');
    await s.check('label:has-text("Selesai") >> xpath=preceding-sibling::input[1]');
    await s.click('form:not([enctype]) button:has-text("Simpan") >> nth=0');
    await s.waitForURL(/\/komitmen\/IDMDN0001#milestone-/);

    // The public page shows the progress, the evidence and the trail from the idea.
    const publicContext = await h.browser.newContext({ baseURL: h.baseUrl, viewport: { width: 412, height: 915 } });
    const p = await publicContext.newPage();
    await p.goto('/komitmen/IDMDN0001');
    const text = (await p.textContent('main')) ?? '';
    expect(text).toContain('50 %');
    expect(text).toContain('Substansial');
    expect(text).toContain('Rekap pendataan pintu ke pintu');
    expect(text).toContain('Angka pengangguran per kelurahan');
    expect(await p.getAttribute('a:has-text("Rekap pendataan pintu ke pintu")', 'href')).toMatch(
      /^\/api\/v1\/evidence\/[0-9a-f-]{36}\/file$/,
    );
    await screenshot(p, 'action-plan-commitment');
    expect(await seriousAxeViolations(p)).toEqual([]);
    for (const [url, name] of [
      [planUrl, 'action-plan-plan'],
      ['/rencana-aksi', 'action-plan-index'],
      ['/ide', 'action-plan-ideas'],
      [ideaUrl, 'action-plan-idea'],
      ['/wilayah/35.77.02.1002', 'action-plan-kelurahan'],
    ] as const) {
      await p.goto(url);
      await screenshot(p, name);
      expect({ url, violations: await seriousAxeViolations(p) }).toEqual({ url, violations: [] });
    }
    expect(await p.textContent('main')).toContain('Data pencari kerja per kelurahan');

    // The plan page links to its feed (also in <head>), monitoring reports, printable document and exports.
    await p.goto(planUrl);
    expect(await p.locator('head link[rel=alternate][type="application/atom+xml"]').count()).toBe(1);
    for (const href of ['/feed.atom', '/pemantauan', '/cetak', '/cetak.pdf', '/commitments.csv', '/export.json'])
      expect(await p.locator(`main a[href$="${href}"]`).count(), href).toBe(1);

    // Staff forms (empty and re-rendered with a linked error summary) pass axe too.
    const milestone = await h.storage.db
      .selectFrom('milestones')
      .select('id')
      .orderBy('position')
      .executeTakeFirstOrThrow();
    const ideaId = ideaUrl.split('/').pop()!;
    const problems: Record<string, unknown> = {};
    for (const url of [
      `${planUrl}/ubah`,
      `${planUrl}/komitmen/baru`,
      '/komitmen/IDMDN0001/ubah',
      '/komitmen/IDMDN0001/tonggak/baru',
      `/tonggak/${milestone.id}/ubah`,
      `/ide/${ideaId}/tanggapan`,
      '/ide/catat',
      '/ide/moderasi',
      '/rencana-aksi/profil/ubah',
      '/rencana-aksi/baru',
      '/monitoring/jadwal',
      planUrl,
      '/komitmen/IDMDN0001',
    ]) {
      const res = await s.goto(url);
      expect(res?.status(), url).toBe(200);
      const violations = await seriousAxeViolations(s);
      if (violations.length) problems[url] = violations;
    }
    await s.goto(`${planUrl}/komitmen/baru`);
    await s.click('main button[type=submit]');
    expect(await s.locator('.error-summary a[href="#title"]').count()).toBe(1);
    const invalid = await seriousAxeViolations(s);
    if (invalid.length) problems['commitment form with errors'] = invalid;
    await s.goto('/komitmen/IDMDN0001/tonggak/baru');
    await s.fill('#startDate', '2026-05-01');
    await s.fill('#endDate', '2026-01-01');
    await s.click('main button[type=submit]');
    expect(await s.locator('.error-summary').count()).toBe(1);
    const invalidMilestone = await seriousAxeViolations(s);
    if (invalidMilestone.length) problems['milestone form with errors'] = invalidMilestone;
    expect(problems).toEqual({});
    await Promise.all([staff.context.close(), citizen.context.close(), publicContext.close()]);
  }, 240_000);
});
