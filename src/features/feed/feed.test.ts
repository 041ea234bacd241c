import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/helpers/test-env.js';
import { createTestApp, type TestApp } from '../../../test/helpers/test-app.js';
import { newId } from '../../ids.js';
import { translator } from '../../i18n/i18n.js';
import { recordVersion } from '../history/history.service.js';
import { insertCommitment, insertMilestone, insertPlan } from '../monitoring/fixtures.test-helper.js';
import { buildAtomFeed, escapeXml } from './atom.js';
import { feedLinkTags } from './feed.links.js';

describe('Atom builder', () => {
  it('escapes text and orders entries newest first', () => {
    const xml = buildAtomFeed({
      id: 'tag:x,2025:f',
      title: 'A & <B>',
      selfUrl: 'https://x/f.atom',
      alternateUrl: 'https://x/',
      updated: '2025-01-01T00:00:00Z',
      author: 'T',
      entries: [
        { id: 'tag:x,2025:1', title: 'old', updated: '2025-01-02T00:00:00Z', link: 'https://x/1?a=1&b=2' },
        { id: 'tag:x,2025:2', title: 'new "quoted"', updated: '2025-02-01T00:00:00Z', link: 'https://x/2' },
      ],
    });
    expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"')).toBe(
      true,
    );
    expect(xml).toContain('<title>A &amp; &lt;B&gt;</title>');
    expect(xml).toContain('href="https://x/1?a=1&amp;b=2"');
    expect(xml).toContain('<updated>2025-02-01T00:00:00Z</updated>\n  <link rel="self"');
    expect(xml.indexOf('new &quot;quoted&quot;')).toBeLessThan(xml.indexOf('<title>old</title>'));
    expect(escapeXml('a\u0001b')).toBe('ab');
  });

  it('gives page heads the alternate link tags', () => {
    expect(feedLinkTags(translator('id'), { ogpId: 'IDMDN0001' }).value).toBe(
      '<link rel="alternate" type="application/atom+xml" href="/komitmen/IDMDN0001/feed.atom" title="Umpan Atom perubahan">',
    );
  });
});

describe.each(DIALECTS)('Atom feeds (%s)', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('lists versions and new public evidence of a commitment and of its plan', async () => {
    const planId = await insertPlan(t.db, { title: 'Rencana & <uji>' });
    const c = await insertCommitment(t.db, planId, { title: 'Kelurahan cinta statistik' });
    const m = await insertMilestone(t.db, c.id);
    const actor = { id: null, label: 'Bapelitbangda' };
    await recordVersion(t.db, actor, 'commitment', c.id, { title: 'Kelurahan cinta statistik', description: 'Awal' });
    await recordVersion(t.db, actor, 'commitment', c.id, {
      title: 'Kelurahan cinta statistik',
      description: 'Diperluas ke 13 kelurahan',
    });
    await recordVersion(t.db, actor, 'milestone', m, { activity: 'Pelatihan agen statistik', status: 'in_progress' });
    await t.db
      .insertInto('evidence')
      .values({
        id: newId(),
        milestone_id: m,
        commitment_id: c.id,
        kind: 'link',
        title: 'SK agen statistik',
        url: 'https://madiunkota.go.id/sk.pdf',
        file_name: null,
        media_type: null,
        size_bytes: null,
        sha256: null,
        evidence_date: '2026-02-01',
        visibility: 'public',
        uploaded_by: null,
        uploader_organization_id: null,
        created_at: new Date().toISOString(),
      })
      .execute();
    await t.db
      .insertInto('evidence')
      .values({
        id: newId(),
        milestone_id: m,
        commitment_id: c.id,
        kind: 'link',
        title: 'Catatan internal',
        url: 'https://x/internal',
        file_name: null,
        media_type: null,
        size_bytes: null,
        sha256: null,
        evidence_date: '2026-02-02',
        visibility: 'internal',
        uploaded_by: null,
        uploader_organization_id: null,
        created_at: new Date().toISOString(),
      })
      .execute();

    const res = await t.app.inject({ url: `/komitmen/${c.ogpId}/feed.atom` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    expect(res.body).toContain(`<title>Perubahan komitmen ${c.ogpId}: Kelurahan cinta statistik</title>`);
    expect((res.body.match(/<entry>/g) ?? []).length).toBe(4);
    expect(res.body).toContain('<summary type="text">Diubah: Uraian komitmen</summary>');
    expect(res.body).toContain('SK agen statistik');
    expect(res.body).not.toContain('Catatan internal');
    expect(res.body).toContain(`/komitmen/${c.ogpId}#versi-2`);
    // The milestone's entry leads to the milestone on the commitment page, and that anchor exists.
    const milestoneEntry = (res.body.split('<entry>').find((x) => x.includes(`${c.ogpId} · Pelatihan`)) ?? '').trim();
    expect(milestoneEntry).toContain(`/komitmen/${c.ogpId}#milestone-${m}"`);
    expect(milestoneEntry).not.toContain('#versi-');
    const evidenceEntry = res.body.split('<entry>').find((x) => x.includes('SK agen statistik')) ?? '';
    expect(evidenceEntry).toContain(`/komitmen/${c.ogpId}#milestone-${m}"`);
    const page = await t.app.inject({ url: `/komitmen/${c.ogpId}` });
    expect(page.body).toContain(`id="milestone-${m}"`);

    const plan = await t.app.inject({
      url: `/rencana-aksi/${planId}/feed.atom`,
      headers: { cookie: 'terbuka_lang=en' },
    });
    expect(plan.body).toContain('<title>Changes to the action plan: Rencana &amp; &lt;uji&gt;</title>');
    expect((plan.body.match(/<entry>/g) ?? []).length).toBe(4);
    expect((await t.app.inject({ url: '/komitmen/IDMDN9999/feed.atom' })).statusCode).toBe(404);
  });
});
