import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KyselyPlugin } from 'kysely';
import { createTestUser, type TestApp, type TestUser } from '../../../test/helpers/test-app.js';
import { DIALECTS } from '../../../test/helpers/test-env.js';
import { CSV, stagingActors, type stagingClient } from './resources/staging.fixtures.js';
import { datasetUrls } from './dataset.urls.js';
import { listDetails } from './dataset-detail.service.js';
import type { DatasetCapabilities } from './dataset.policy.js';
import * as repo from './dataset.repository.js';

/** The mark each capability leaves on the dataset page: its button or form. */
const marks = (name: string, resourceId: string): Record<keyof DatasetCapabilities, string> => ({
  edit: `href="${datasetUrls.edit(name)}"`,
  addResource: `href="${datasetUrls.newResource(name)}"`,
  submit: `action="${datasetUrls.submit(name)}"`,
  review: `href="${datasetUrls.review(name)}"`,
  withdraw: `action="${datasetUrls.withdraw(name)}"`,
  stage: `action="${datasetUrls.stageData(name, resourceId)}" enctype="multipart/form-data"`,
});

const NOTHING: DatasetCapabilities = {
  edit: false,
  addResource: false,
  submit: false,
  review: false,
  withdraw: false,
  stage: false,
};

describe.each(DIALECTS)('the dataset page and its JSON twin (%s)', (dialect) => {
  let t: TestApp;
  let produsen: TestUser;
  let walidata: TestUser;
  let warga: TestUser;
  let c: ReturnType<typeof stagingClient>;
  let resourceId: string;

  beforeAll(async () => {
    ({ t, produsen, walidata, c } = await stagingActors(dialect));
    warga = await createTestUser(t.db, ['warga']);
  });
  afterAll(() => t.close());
  const api = (...args: Parameters<typeof c.api>) => c.api(...args);

  /** Each capability of the JSON (none for a visitor) against the page: present exactly when granted. */
  async function expectDoorsAgree(user: TestUser | null, name: string, expected: DatasetCapabilities) {
    const json = (await api(user, 'GET', datasetUrls.api(name))).json().data;
    const page = await c.page(user, datasetUrls.page(name));
    expect(page.statusCode).toBe(200);
    if (user) expect(json.capabilities).toEqual(expected);
    else expect(json.capabilities).toBeUndefined();
    for (const [key, mark] of Object.entries(marks(name, resourceId)) as Array<[keyof DatasetCapabilities, string]>) {
      expect({ key, shown: page.body.includes(mark) }).toEqual({ key, shown: expected[key] });
    }
  }

  it('shows the buttons the JSON capabilities grant, for a produsen, a walidata and visitors, in every state', async () => {
    const created = await api(produsen, 'POST', '/api/v1/datasets', {
      name: 'pintu-rw',
      organization: 'kelurahan-oro-oro-ombo',
      title: 'Penduduk per RW',
      notes: 'Deskripsi data untuk uji (DCAT-AP mewajibkan deskripsi).',
    });
    expect(created.statusCode).toBe(201);
    const uploaded = await c.upload(produsen, datasetUrls.apiResources('pintu-rw'), 'penduduk.csv', CSV);
    resourceId = uploaded.json().data.id;

    // A draft: its producer edits and submits it; the walidata sees it but has nothing to do yet.
    await expectDoorsAgree(produsen, 'pintu-rw', { ...NOTHING, edit: true, addResource: true, submit: true });
    await expectDoorsAgree(walidata, 'pintu-rw', NOTHING);

    // Submitted: the walidata reviews it.
    await api(produsen, 'POST', '/api/v1/datasets/pintu-rw/submit');
    await expectDoorsAgree(produsen, 'pintu-rw', NOTHING);
    await expectDoorsAgree(walidata, 'pintu-rw', { ...NOTHING, review: true });

    // Published: the producer prepares the next version, the walidata may withdraw it, visitors only read.
    await api(walidata, 'POST', '/api/v1/datasets/pintu-rw/review', { decision: 'approve', comments: [] });
    await expectDoorsAgree(produsen, 'pintu-rw', { ...NOTHING, edit: true, addResource: true, stage: true });
    await expectDoorsAgree(walidata, 'pintu-rw', { ...NOTHING, withdraw: true });
    await expectDoorsAgree(warga, 'pintu-rw', NOTHING);
    await expectDoorsAgree(null, 'pintu-rw', NOTHING);
  });

  it('lists datasets with the same organisation, tags and groups as each one shows, in queries that do not grow with the list', async () => {
    for (const n of [1, 2, 3]) {
      const res = await api(produsen, 'POST', '/api/v1/datasets', {
        name: `daftar-${n}`,
        organization: 'kelurahan-oro-oro-ombo',
        title: `Daftar ${n}`,
        notes: 'Deskripsi data untuk uji (DCAT-AP mewajibkan deskripsi).',
        tags: [`tag-${n}`, 'bersama'],
      });
      expect(res.statusCode).toBe(201);
    }
    const list = (await api(produsen, 'GET', '/api/v1/datasets?mine=true&limit=50')).json().data as Array<
      Record<string, unknown>
    >;
    expect(list.length).toBeGreaterThanOrEqual(4);
    for (const item of list) {
      const one = (await api(produsen, 'GET', datasetUrls.api(String(item['name'])))).json().data;
      expect(item).toEqual(Object.fromEntries(Object.keys(item).map((k) => [k, one[k]])));
    }

    let queries = 0;
    const counting: KyselyPlugin = {
      transformQuery: (args) => {
        queries++;
        return args.node;
      },
      transformResult: async (args) => args.result,
    };
    const db = t.db.withPlugin(counting);
    const { rows } = await repo.listDatasets(t.db, { limit: 50, offset: 0 });
    const counts = [];
    for (const n of [1, rows.length]) {
      queries = 0;
      const details = await listDetails(db, rows.slice(0, n));
      expect(details).toHaveLength(n);
      counts.push(queries);
    }
    expect(counts[0]).toBeGreaterThan(0);
    expect(counts[1]).toBe(counts[0]);
  });
});
