import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/helpers/test-env.js';
import { createTestApp, createTestUser, type TestApp, type TestUser } from '../../../test/helpers/test-app.js';
import { insertPlan } from '../monitoring/fixtures.test-helper.js';

/** The legends of the nested fieldsets inside the fieldset with this id, and the labels under each. */
function groupsOf(page: string, id: string): Array<{ legend: string; labels: string[] }> {
  const start = page.indexOf(`<fieldset class="field" id="${id}">`);
  expect(start).toBeGreaterThan(-1);
  const block = page.slice(start, page.indexOf('</fieldset>\n</fieldset>', start));
  return block
    .split('<fieldset class="choice-group">')
    .slice(1)
    .map((g) => ({
      legend: /<legend>([^<]*)<\/legend>/.exec(g)![1]!,
      labels: [...g.matchAll(/<label for="[^"]+">([^<]*)<\/label>/g)].map((m) => m[1]!),
    }));
}

const sorted = (xs: string[]) =>
  [...xs].sort((a, b) => a.localeCompare(b, 'id', { sensitivity: 'base', numeric: true }));

describe.each(DIALECTS)('long organisation and kelurahan lists are grouped and sorted (%s)', (dialect) => {
  let t: TestApp;
  let admin: TestUser;
  let planId: string;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    admin = await createTestUser(t.db, ['admin']);
    planId = await insertPlan(t.db);
  });
  afterAll(async () => {
    await t?.close();
  });
  const page = async (url: string) =>
    (await t.app.inject({ url, headers: { cookie: admin.cookie, accept: 'text/html' } })).body;

  it('lists the 27 kelurahan under their 3 kecamatan on the commitment form, each by name', async () => {
    const body = await page(`/rencana-aksi/${planId}/komitmen/baru`);
    const groups = groupsOf(body, 'kelurahanCodes');
    expect(groups.map((g) => g.legend)).toEqual(['Kecamatan Kartoharjo', 'Kecamatan Manguharjo', 'Kecamatan Taman']);
    expect(groups.flatMap((g) => g.labels)).toHaveLength(27);
    for (const g of groups) expect(g.labels).toEqual(sorted(g.labels));
    expect(groups[0]!.labels).toContain('Klegen');
  });

  it('lists organisations by kind (OPD first), by name, on the commitment and plan forms and in the lead select', async () => {
    const orgs = await t.db.selectFrom('organizations').select(['name', 'kind']).execute();
    for (const [url, id] of [
      [`/rencana-aksi/${planId}/komitmen/baru`, 'supportingOrganizationIds'],
      [`/rencana-aksi/${planId}/ubah`, 'leadOrganizationIds'],
    ] as const) {
      const body = await page(url);
      const groups = groupsOf(body, id);
      expect(groups[0]!.legend).toBe('Perangkat daerah (OPD)');
      expect(groups.flatMap((g) => g.labels)).toHaveLength(orgs.length);
      const opd = orgs.filter((o) => o.kind === 'opd').map((o) => o.name);
      expect(groups[0]!.labels).toEqual(sorted(opd));
      for (const g of groups) expect(g.labels).toEqual(sorted(g.labels));
    }
    const form = await page(`/rencana-aksi/${planId}/komitmen/baru`);
    const lead = form.slice(
      form.indexOf('<select id="leadOrganizationId"'),
      form.indexOf('</select>', form.indexOf('<select id="leadOrganizationId"')),
    );
    expect(lead).toContain('<optgroup label="Perangkat daerah (OPD)">');
  });

  it('groups the kelurahan select of the idea form by kecamatan', async () => {
    const body = await page('/ide/catat');
    expect(body).toContain('<optgroup label="Kecamatan Taman">');
  });
});
