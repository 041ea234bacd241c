import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { startBrowserHarness, seriousAxeViolations, screenshot, type BrowserHarness } from '../helpers/browser.js';
import { createTestUser } from '../helpers/test-app.js';
import { commitmentBody, milestoneBody, planBody } from '../../src/features/plan/plan.fixtures.js';

async function contextWith(h: BrowserHarness, cookieHeader?: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await h.browser.newContext({ baseURL: h.baseUrl, viewport: { width: 1024, height: 900 } });
  if (cookieHeader)
    await context.addCookies(
      cookieHeader.split('; ').map((c) => {
        const [name, ...rest] = c.split('=');
        return { name: name!, value: rest.join('='), url: h.baseUrl };
      }),
    );
  return { context, page: await context.newPage() };
}

describe('a formal amendment after submission (browser)', () => {
  let h: BrowserHarness;
  beforeAll(async () => {
    h = await startBrowserHarness('sqlite');
  });
  afterAll(async () => {
    await h?.close();
  });

  it('lead staff propose, the point of contact approves, the public commitment page shows the amendment', async () => {
    const db = h.storage.db;
    const admin = await createTestUser(db, ['admin']);
    const lead = await createTestUser(db, [['produsen', 'disbudparpora']]);
    const poc = await createTestUser(db, [['produsen', 'bapelitbangda']]);
    const post = async (url: string, body: unknown) => {
      const res = await fetch(h.baseUrl + url, {
        method: 'POST',
        headers: { ...admin.headers, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(res.status).toBe(201);
      return ((await res.json()) as { data: Record<string, string> }).data;
    };
    const plan = await post('/api/v1/plans', await planBody(db));
    const { ogpId } = await post(`/api/v1/plans/${plan.id}/commitments`, await commitmentBody(db));
    await post(`/api/v1/commitments/${ogpId}/milestones`, await milestoneBody(db));
    await db.updateTable('plans').set({ status: 'implementation' }).where('id', '=', plan.id!).execute();

    // The lead's staff: a direct title edit is refused and points to the amendment form.
    const staff = await contextWith(h, lead.cookie);
    const s = staff.page;
    await s.goto(`/komitmen/${ogpId}/ubah`);
    await s.fill('#title', 'Judul diganti langsung');
    await s.click('button[type=submit]:has-text("Simpan")');
    expect(await s.textContent('.error-summary')).toContain(`/komitmen/${ogpId}/amandemen/baru`);

    await s.goto(`/komitmen/${ogpId}`);
    await s.click('a:has-text("Usulkan amandemen")');
    await s.waitForURL(`**/komitmen/${ogpId}/amandemen/baru`);
    expect(await seriousAxeViolations(s)).toEqual([]);
    await s.fill('#justification', 'Forum meminta cakupan diperluas ke kelurahan pesisir sungai.');
    await s.fill('#title', 'Pendampingan kelurahan wisata tepi sungai');
    await s.click('button[type=submit]:has-text("Kirim usulan amandemen")');
    await s.waitForURL(`**/komitmen/${ogpId}/amandemen#amandemen`);
    expect(await s.textContent('main')).toContain('Diusulkan');

    // The point of contact approves on the commitment page.
    const contact = await contextWith(h, poc.cookie);
    const p = contact.page;
    await p.goto(`/komitmen/${ogpId}`);
    await p.click('button:has-text("Setujui amandemen 1")');
    await p.waitForURL(`**/komitmen/${ogpId}#amandemen`);

    // Anyone sees the amendment, with what changed and why.
    const visitor = await contextWith(h);
    const v = visitor.page;
    await v.goto(`/komitmen/${ogpId}`);
    const main = (await v.textContent('main')) ?? '';
    expect(main).toContain('Pendampingan kelurahan wisata tepi sungai');
    expect(main).toContain('Amandemen 1');
    expect(main).toContain('Disetujui');
    expect(main).toContain('Forum meminta cakupan diperluas');
    await screenshot(v, 'amendment-public');
    expect(await seriousAxeViolations(v)).toEqual([]);
    await Promise.all([staff.context.close(), contact.context.close(), visitor.context.close()]);
  });
});
