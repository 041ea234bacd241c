import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp, TestUser } from '../../../test/helpers/test-app.js';
import { DIALECTS } from '../../../test/helpers/test-env.js';
import { stagingActors, type stagingClient } from '../dataset/resources/staging.fixtures.js';
import { people, residentCsv } from './privacy.fixtures.js';
import { rescanUnscannedTables } from './privacy-rescan.js';

describe.each(DIALECTS)('tables published before the detector existed (%s)', (dialect) => {
  let t: TestApp;
  let produsen: TestUser;
  let walidata: TestUser;
  let c: ReturnType<typeof stagingClient>;
  beforeAll(async () => {
    ({ t, produsen, walidata, c } = await stagingActors(dialect));
  });
  afterAll(() => t.close());

  it('finds their personal data, closes the original at once and gates their next version', async () => {
    const list = people(33, 9);
    await c.api(produsen, 'POST', '/api/v1/datasets', {
      name: 'warga-lama',
      organization: 'kelurahan-oro-oro-ombo',
      title: 'Warga lama',
      notes: 'Deskripsi data untuk uji (DCAT-AP mewajibkan deskripsi).',
      licenseId: 'cc-by-4.0',
      updateFrequency: 'annual',
    });
    const id = (
      await c.upload(produsen, '/api/v1/datasets/warga-lama/resources', 'warga.csv', residentCsv(list))
    ).json().data.id as string;
    // As an older version left it: a report without findings, an open original, published (the finding 1).
    const store = await t.db
      .selectFrom('datastore_tables')
      .select('quality_json')
      .where('resource_id', '=', id)
      .executeTakeFirstOrThrow();
    const { personalData: _gone, ...legacy } = JSON.parse(store.quality_json);
    await t.db
      .updateTable('datastore_tables')
      .set({ quality_json: JSON.stringify(legacy) })
      .where('resource_id', '=', id)
      .execute();
    await t.db.deleteFrom('private_originals').execute();
    await c.api(produsen, 'POST', '/api/v1/datasets/warga-lama/submit');
    expect((await c.api(walidata, 'POST', '/api/v1/datasets/warga-lama/publish')).statusCode).toBe(200);
    expect((await t.app.inject({ url: `/dataset/warga-lama/sumber-daya/${id}/berkas` })).statusCode).toBe(200);

    const found = await rescanUnscannedTables(t.storage, 5);
    expect(found).toEqual([expect.objectContaining({ dataset: 'warga-lama', resourceId: id, publicNow: true })]);
    expect(found[0]!.findings.map((f) => f.column).sort()).toEqual(['email', 'nama', 'nik', 'no_hp', 'no_kk']);
    expect((await t.app.inject({ url: `/dataset/warga-lama/sumber-daya/${id}/berkas` })).statusCode).toBe(404);
    // Its data is withheld from the public on every datastore door until the findings are resolved.
    const search = await t.app.inject({ url: `/api/3/action/datastore_search?resource_id=${id}` });
    expect(search.statusCode).not.toBe(200);
    expect(search.body).not.toContain(list[0]!.nik);
    for (const url of [`/api/v1/datastore/${id}`, `/datastore/dump/${id}`, `/datastore/dump/${id}?format=json`]) {
      const res = await t.app.inject({ url });
      expect({ url, status: res.statusCode < 400 }).toEqual({ url, status: false });
    }
    expect((await t.app.inject({ url: `/api/v1/datastore/${id}`, headers: walidata.headers })).statusCode).toBe(200);
    expect((await c.page(walidata, '/dataset/warga-lama/privasi')).body).toContain('<code>nik</code>');
    // A second run leaves scanned tables (and their resolutions) alone.
    expect(await rescanUnscannedTables(t.storage, 5)).toEqual([]);
    // The next version cannot be approved while the findings are open.
    await c.api(produsen, 'PATCH', '/api/v1/datasets/warga-lama', {
      title: 'Warga lama (revisi)',
      licenseId: 'cc-by-4.0',
      updateFrequency: 'annual',
    });
    await c.api(produsen, 'POST', '/api/v1/datasets/warga-lama/submit');
    expect((await c.api(walidata, 'POST', '/api/v1/datasets/warga-lama/publish')).json().error.code).toBe(
      'PRIVACY_UNRESOLVED',
    );
  });
});
