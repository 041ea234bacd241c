import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp, TestUser } from '../../../test/helpers/test-app.js';
import { DIALECTS } from '../../../test/helpers/test-env.js';
import { stagingActors, type stagingClient } from '../dataset/resources/staging.fixtures.js';
import { smallCountColumns } from './people-counts.js';

/** Job seekers per kelurahan: Sogaten's 3 is a count small enough to point at people. */
const JOB_SEEKERS =
  'kode_wilayah;kelurahan;jumlah_pencari_kerja;luas_ha\n' +
  '35.77.01.1001;Kelun;48;120\n' +
  '35.77.01.1002;Sogaten;3;2\n' +
  '35.77.01.1003;Pangongangan;0;95\n' +
  '35.77.02.1004;Klegen;61;140\n';

describe.each(DIALECTS)('small counts of people in the datastore (%s)', (dialect) => {
  let t: TestApp;
  let produsen: TestUser;
  let walidata: TestUser;
  let c: ReturnType<typeof stagingClient>;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    ({ t, produsen, walidata, c } = await stagingActors(dialect));
  });
  afterAll(() => t.close());

  async function submitted(name: string): Promise<string> {
    await c.api(produsen, 'POST', '/api/v1/datasets', {
      name,
      organization: 'kelurahan-oro-oro-ombo',
      title: `Pencari kerja ${name}`,
      notes: 'Deskripsi data untuk uji (DCAT-AP mewajibkan deskripsi).',
      licenseId: 'cc-by-4.0',
      updateFrequency: 'annual',
    });
    const res = await c.upload(produsen, `/api/v1/datasets/${name}/resources`, 'pencari-kerja.csv', JOB_SEEKERS, {
      name: 'Pencari kerja',
    });
    expect(res.statusCode).toBe(201);
    const findings = res.json().data.quality.personalData;
    // Whole-table count of the small cells (0 and the area column are not counts of people).
    expect(findings).toEqual([
      expect.objectContaining({ column: 'jumlah_pencari_kerja', kind: 'small_counts', matches: 1, sampled: 4 }),
    ]);
    ids[name] = res.json().data.id;
    return ids[name]!;
  }

  /** Every public door of a resource: CKAN, our API, dumps in every format, explorer, chart, pages, original. */
  const doors = (name: string, id: string) => [
    `/api/3/action/datastore_search?resource_id=${id}`,
    `/api/v1/datastore/${id}`,
    `/datastore/dump/${id}`,
    `/datastore/dump/${id}?format=tsv`,
    `/datastore/dump/${id}?format=json`,
    `/datastore/dump/${id}?format=xlsx`,
    `/dataset/${name}/resource/${id}`,
    `/dataset/${name}/resource/${id}?chart=bar&cat=kelurahan&val=jumlah_pencari_kerja`,
    `/dataset/${name}/sumber-daya/${id}`,
    `/dataset/${name}/sumber-daya/${id}/berkas`,
  ];
  const statuses = async (name: string, id: string) =>
    Promise.all(doors(name, id).map(async (url) => [url, (await t.app.inject({ url })).statusCode] as const));

  it('refuses to publish them as they are', async () => {
    await submitted('pk-tolak');
    await c.api(produsen, 'POST', '/api/v1/datasets/pk-tolak/submit');
    const res = await c.api(walidata, 'POST', '/api/v1/datasets/pk-tolak/publish');
    expect(res.statusCode).toBe(409);
    expect(res.json().error.details.findings).toEqual([
      expect.objectContaining({ column: 'jumlah_pencari_kerja', kind: 'small_counts' }),
    ]);
    for (const [url, status] of await statuses('pk-tolak', ids['pk-tolak']!)) expect(status, url).toBe(404);
  });

  it('publishes them only as restricted: every public door answers 404', async () => {
    const id = await submitted('pk-terbatas');
    expect((await c.api(produsen, 'POST', '/api/v1/datasets/pk-terbatas/privacy/restrict')).json().data.public).toBe(
      false,
    );
    await c.api(produsen, 'POST', '/api/v1/datasets/pk-terbatas/submit');
    expect((await c.api(walidata, 'POST', '/api/v1/datasets/pk-terbatas/publish')).statusCode).toBe(200);
    for (const [url, status] of await statuses('pk-terbatas', id)) expect(status, url).toBe(404);
    // Its producers still read it.
    expect((await c.api(produsen, 'GET', `/api/v1/datastore/${id}`)).statusCode).toBe(200);
  });

  it('publishes them when the walidata confirms, with a reason, that the figures are already public (then the original is public too)', async () => {
    const id = await submitted('pk-terbuka');
    const res = await c.api(walidata, 'POST', `/api/v1/datasets/pk-terbuka/resources/${id}/privacy`, {
      column: 'jumlah_pencari_kerja',
      action: 'override',
      reason: 'Sudah terbit di Madiun Dalam Angka 2024, tabel 3.2.',
      confirm: true,
    });
    expect(res.statusCode).toBe(200);
    await c.api(produsen, 'POST', '/api/v1/datasets/pk-terbuka/submit');
    expect((await c.api(walidata, 'POST', '/api/v1/datasets/pk-terbuka/publish')).statusCode).toBe(200);
    for (const [url, status] of await statuses('pk-terbuka', id)) expect(status, url).toBe(200);
    const audit = await t.db
      .selectFrom('audit_log')
      .select('after_json')
      .where('action', '=', 'privacy.override')
      .execute();
    expect(audit.map((a) => a.after_json).join()).toContain('Madiun Dalam Angka');
  });

  it("drops a count column on the producer's request, leaving the others", async () => {
    const id = await submitted('pk-hapus');
    const res = await c.api(produsen, 'POST', `/api/v1/datasets/pk-hapus/resources/${id}/privacy`, {
      column: 'jumlah_pencari_kerja',
      action: 'drop',
    });
    expect(res.json().data.unresolved).toBe(0);
    // Small counts are not masked: a "<5" cell is suppression, whose totals need protecting too.
    await c.api(produsen, 'POST', '/api/v1/datasets/pk-hapus/submit');
    expect((await c.api(walidata, 'POST', '/api/v1/datasets/pk-hapus/publish')).statusCode).toBe(200);
    const fields = (await c.api(null, 'GET', `/api/3/action/datastore_search?resource_id=${id}`))
      .json()
      .result.fields.map((f: { id: string }) => f.id);
    expect(fields).toEqual(['_id', 'kode_wilayah', 'kelurahan', 'luas_ha']);
  });
});

describe.each(DIALECTS)('small counts beyond the sample (%s)', (dialect) => {
  let t: TestApp;
  let c: ReturnType<typeof stagingClient>;
  let produsen: TestUser;
  beforeAll(async () => {
    ({ t, produsen, c } = await stagingActors(dialect));
  });
  afterAll(() => t.close());

  it('reads the whole table when the sample shows no small count, so a rare one is still found', async () => {
    // 5,000 rows: more than the 2,000 cells a column keeps in its sample; one small cell among them.
    const lines = ['rw;jumlah_penduduk'];
    for (let i = 0; i < 5000; i++) lines.push(`${i};${i === 4321 ? 2 : 100 + (i % 50)}`);
    await c.api(produsen, 'POST', '/api/v1/datasets', {
      name: 'pk-besar',
      organization: 'kelurahan-oro-oro-ombo',
      title: 'Besar',
      notes: 'Deskripsi data untuk uji (DCAT-AP mewajibkan deskripsi).',
      licenseId: 'cc-by-4.0',
      updateFrequency: 'annual',
    });
    const res = await c.upload(produsen, '/api/v1/datasets/pk-besar/resources', 'besar.csv', lines.join('\n') + '\n');
    expect(res.statusCode).toBe(201);
    expect(res.json().data.quality.personalData).toEqual([
      expect.objectContaining({ column: 'jumlah_penduduk', kind: 'small_counts', matches: 1 }),
    ]);
    // Whether or not the sample drew that row: given a sample without it, the table is read whole.
    const store = await t.db
      .selectFrom('datastore_tables')
      .selectAll()
      .where('resource_id', '=', res.json().data.id)
      .executeTakeFirstOrThrow();
    const fields = JSON.parse(store.fields_json);
    const sample = {
      values: [
        ['1', '2'],
        ['100', '101', '102'],
      ],
      rows: 5000,
    };
    expect(await smallCountColumns(t.db, store.table_name, fields, 5, sample)).toEqual([
      { column: 'jumlah_penduduk', small: 1, cells: 5000 },
    ]);
    // A sample that covers every row is enough on its own.
    expect(await smallCountColumns(t.db, store.table_name, fields, 5, { ...sample, rows: 3 })).toEqual([]);
  });
});
