import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp, TestUser } from '../../../../test/helpers/test-app.js';
import { DIALECTS } from '../../../../test/helpers/test-env.js';
import { CSV, HTML_PAGE, stagingActors, UNKNOWN_CODE, WATER, type stagingClient } from './staging.fixtures.js';

const WATER_2025 = 'RW;Sambungan PDAM\n01;130\n02;99\n03;41\n04;12\n';

describe.each(DIALECTS)('replacing the file of a resource staged as new for a published dataset (%s)', (dialect) => {
  let t: TestApp;
  let produsen: TestUser;
  let other: TestUser;
  let walidata: TestUser;
  let c: ReturnType<typeof stagingClient>;

  beforeAll(async () => {
    ({ t, produsen, other, walidata, c } = await stagingActors(dialect));
  });
  afterAll(() => t.close());

  const tableCount = async () => (await t.db.introspection.getTables()).length;

  it('takes the newer file through the API; the walidata reviews its rows and publishing makes them public', async () => {
    const { id } = await c.published('pdam-baru', [['penduduk.csv', CSV]]);
    const added = await c.upload(produsen, '/api/v1/datasets/pdam-baru/resources', 'pdam.csv', WATER, {
      name: 'Sambungan PDAM',
    });
    const newId = added.json().data.id as string;
    const oldFile = await c.originalOf(newId);
    const tables = await tableCount();
    const link = (
      await c.api(produsen, 'POST', '/api/v1/datasets/pdam-baru/resources', {
        name: 'Peta',
        url: 'https://contoh.id/peta.pdf',
      })
    ).json().data.id as string;

    // Someone else's file, and a staged link (it has no file), are refused.
    expect(
      (await c.upload(other, `/api/v1/datasets/pdam-baru/resources/${newId}`, 'x.csv', CSV, {}, 'PUT')).statusCode,
    ).toBe(403);
    expect(
      (await c.upload(produsen, `/api/v1/datasets/pdam-baru/resources/${link}`, 'x.csv', CSV, {}, 'PUT')).json().error
        .code,
    ).toBe('RESOURCE_NOT_FOUND');

    const replaced = await c.upload(
      produsen,
      `/api/v1/datasets/pdam-baru/resources/${newId}`,
      'pdam-2025.csv',
      WATER_2025,
      {},
      'PUT',
    );
    expect(replaced.statusCode).toBe(202);
    expect(replaced.json().data).toMatchObject({
      id: newId,
      staged: 'new',
      name: 'Sambungan PDAM',
      rowCount: 4,
      ingest: { state: 'done' },
    });
    const revision = (await c.api(produsen, 'GET', '/api/v1/datasets/pdam-baru')).json().data.revision;
    expect(revision.newResources[0]).toEqual({
      id: newId,
      kind: 'upload',
      name: 'Sambungan PDAM',
      format: 'CSV',
      fileName: 'pdam-2025.csv',
      url: null,
      rows: 4,
    });
    // The resource keeps its id; the load's hidden row and the old table and file are gone.
    expect((await c.pendingRows(id)).sort()).toEqual([newId, link].sort());
    expect(await tableCount()).toBe(tables);
    expect(await c.stored(oldFile)).toBe(false);
    expect(await c.stored(await c.originalOf(newId))).toBe(true);
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['action', 'before_json'])
      .where('entity_id', '=', newId)
      .where('action', '=', 'resource.stage_replace')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.before_json).toContain('pdam.csv');
    // Still hidden from the public.
    expect((await c.api(null, 'GET', `/api/v1/datasets/pdam-baru/resources/${newId}`)).statusCode).toBe(404);

    expect((await c.api(produsen, 'POST', '/api/v1/datasets/pdam-baru/submit')).json().data.revision.state).toBe(
      'submitted',
    );
    const review = (await c.page(walidata, '/data/periksa/pdam-baru')).body;
    expect(review).toContain('Sambungan PDAM');
    expect(review).toContain('(pdam-2025.csv)');
    expect(review).toContain('5 baris dibaca, 4 dimuat');
    expect(review).not.toContain('(pdam.csv)');

    expect((await c.api(walidata, 'POST', '/api/v1/datasets/pdam-baru/publish')).json().data.version).toBe(2);
    expect((await c.api(null, 'GET', `/api/3/action/datastore_search?resource_id=${newId}`)).json().result.total).toBe(
      4,
    );
    expect((await c.api(null, 'GET', `/api/v1/datasets/pdam-baru/resources/${newId}`)).json().data).toMatchObject({
      rowCount: 4,
    });
    expect((await t.app.inject({ url: `/dataset/pdam-baru/sumber-daya/${newId}/berkas` })).body).toBe(WATER_2025);
    const v2 = (await c.api(null, 'GET', '/api/v1/datasets/pdam-baru/versions/2')).json().data;
    expect(v2.resources.find((r: { id: string }) => r.id === newId)).toMatchObject({ rowCount: 4 });
  });

  it('takes the newer file from the form on the dataset page, loading in the background; a failed one leaves the staged resource as it was', async () => {
    const { id } = await c.published('pdam-web', [['penduduk.csv', CSV]]);
    const added = await c.webUpload(produsen, '/dataset/pdam-web/sumber-daya/baru', 'pdam.csv', WATER, {
      name: 'Sambungan PDAM',
    });
    const resourceUrl = added.headers.location as string;
    await c.settled(produsen, resourceUrl);
    const newId = resourceUrl.split('/').at(-1)!;
    const oldFile = await c.originalOf(newId);
    const replaceUrl = `/dataset/pdam-web/sumber-daya/${newId}/data-baru`;

    const datasetPage = (await c.page(produsen, '/dataset/pdam-web')).body;
    expect(datasetPage).toContain('Ganti berkas');
    expect(datasetPage).toContain(`action="${replaceUrl}"`);
    expect((await c.page(produsen, '/dataset/pdam-web', 'en')).body).toContain('Replace the file');
    expect((await c.page(walidata, '/dataset/pdam-web')).body).not.toContain('Ganti berkas');
    // The staged resource's own page offers the same form (with the upload options).
    const ownPage = (await c.page(produsen, resourceUrl)).body;
    expect(ownPage).toContain('<h2>Ganti berkas</h2>');
    expect(ownPage).toContain(`action="${replaceUrl}"`);
    expect((await c.page(walidata, resourceUrl)).body).not.toContain('Ganti berkas');

    // A file that cannot be read is refused on the resource's page at once.
    const html = await c.webUpload(produsen, replaceUrl, 'halaman.csv', HTML_PAGE);
    expect(html.statusCode).toBe(422);
    expect(html.body).toContain('halaman web');
    // One that fails to load: the error is on the resource's page, the staged resource is unchanged.
    const bad = await c.webUpload(produsen, replaceUrl, 'rusak.csv', UNKNOWN_CODE, { wilayahColumn: 'kode_wilayah' });
    expect(bad.statusCode).toBe(303);
    expect(bad.headers.location).toBe(resourceUrl);
    let body = await c.settled(produsen, resourceUrl);
    expect(body).toContain('Impor gagal');
    expect(body).toContain('rusak.csv');
    const own = (await c.api(produsen, 'GET', '/api/v1/datasets/pdam-web')).json().data;
    expect(own.revision.newResources[0]).toMatchObject({ id: newId, fileName: 'pdam.csv', rows: 3 });
    expect(own.stagedLoads[0]).toMatchObject({ resourceId: newId, fileName: 'rusak.csv', ingest: { state: 'failed' } });
    const failedFile = await c.originalOf((await c.pendingRows(id)).find((r) => r !== newId)!);
    expect(await c.stored(oldFile)).toBe(true);

    // A good file supersedes the failed one and replaces the data once loaded.
    expect((await c.webUpload(produsen, replaceUrl, 'pdam-2025.csv', WATER_2025)).statusCode).toBe(303);
    body = await c.settled(produsen, resourceUrl);
    expect(body).toContain('Impor selesai');
    expect(body).toContain('4 baris');
    expect(body).toContain('belum tampil untuk publik');
    const after = (await c.api(produsen, 'GET', '/api/v1/datasets/pdam-web')).json().data;
    expect(after.stagedLoads).toBeUndefined();
    expect(after.revision.newResources[0]).toMatchObject({ id: newId, fileName: 'pdam-2025.csv', rows: 4 });
    expect(await c.pendingRows(id)).toEqual([newId]);
    expect(await c.stored(oldFile)).toBe(false);
    expect(await c.stored(failedFile)).toBe(false);

    // Discarding the staged resource takes its file too.
    const file = await c.originalOf(newId);
    expect((await c.form(produsen, `/dataset/pdam-web/perubahan/${newId}/batal`)).statusCode).toBe(303);
    expect(await c.pendingRows(id)).toEqual([]);
    expect(await c.stored(file)).toBe(false);
  });

  it('tries a new upload whose load failed again with another file, keeping its name', async () => {
    const { id } = await c.published('pdam-ulang', [['penduduk.csv', CSV]]);
    // A declared wilayah column with a code that does not exist: the load fails in the background.
    const added = await c.webUpload(
      produsen,
      '/dataset/pdam-ulang/sumber-daya/baru',
      'pdam.csv',
      'kode_wilayah,sambungan\n35.77.99.9999,7\n',
      { name: 'Sambungan PDAM', description: 'Per kelurahan', wilayahColumn: 'kode_wilayah' },
    );
    const failedUrl = added.headers.location as string;
    const failedId = failedUrl.split('/').at(-1)!;
    const failedFile = await c.originalOf(failedId);
    let body = await c.settled(produsen, failedUrl);
    expect(body).toContain('Impor gagal');
    expect(body).toContain('gagal dimuat, jadi sumber daya baru ini tidak ikut versi 2');
    expect(body).not.toContain('belum tampil untuk publik');
    expect(body).toContain('<h2>Unggah berkas lain</h2>');
    expect(body).toContain('Batalkan unggahan ini');
    expect((await c.page(produsen, failedUrl, 'en')).body).toContain('Upload another file');
    expect((await c.page(walidata, failedUrl)).body).not.toContain('<h2>Unggah berkas lain</h2>');
    // Its JSON twin does not call it a staged new resource either.
    const failedJson = (await c.api(produsen, 'GET', `/api/v1/datasets/pdam-ulang/resources/${failedId}`)).json().data;
    expect(failedJson).toMatchObject({
      id: failedId,
      ingest: { state: 'failed', errorCode: 'INGEST_WILAYAH_UNKNOWN' },
    });
    expect(failedJson.staged).toBeUndefined();

    // Another file: a new upload with the same name and description; the failed one and its file are gone.
    const retry = await c.webUpload(
      produsen,
      `/dataset/pdam-ulang/sumber-daya/${failedId}/data-baru`,
      'pdam-2025.csv',
      WATER,
    );
    expect(retry.statusCode).toBe(303);
    const retryUrl = retry.headers.location as string;
    expect(retryUrl).not.toBe(failedUrl);
    body = await c.settled(produsen, retryUrl);
    expect(body).toContain('Impor selesai');
    expect(body).toContain('belum tampil untuk publik');
    const retryId = retryUrl.split('/').at(-1)!;
    expect(await c.pendingRows(id)).toEqual([retryId]);
    expect(await c.stored(failedFile)).toBe(false);
    const own = (await c.api(produsen, 'GET', '/api/v1/datasets/pdam-ulang')).json().data;
    expect(own.revision.newResources).toEqual([
      expect.objectContaining({ id: retryId, name: 'Sambungan PDAM', fileName: 'pdam-2025.csv', rows: 3 }),
    ]);
    expect(own.stagedLoads).toBeUndefined();
    expect(
      (await t.db.selectFrom('resources').select('description').where('id', '=', retryId).executeTakeFirstOrThrow())
        .description,
    ).toBe('Per kelurahan');
    expect((await c.page(produsen, `/dataset/pdam-ulang/sumber-daya/${failedId}`)).statusCode).toBe(404);

    // Through the API: PUT on the failed upload's row answers with the new one.
    const again = await c.webUpload(
      produsen,
      '/dataset/pdam-ulang/sumber-daya/baru',
      'lagi.csv',
      'kode_wilayah,sambungan\n35.77.99.9999,7\n',
      { name: 'Lagi', wilayahColumn: 'kode_wilayah' },
    );
    const againId = (again.headers.location as string).split('/').at(-1)!;
    await c.settled(produsen, again.headers.location as string);
    const put = await c.upload(
      produsen,
      `/api/v1/datasets/pdam-ulang/resources/${againId}`,
      'lagi-2.csv',
      WATER,
      {},
      'PUT',
    );
    expect(put.statusCode).toBe(202);
    expect(put.json().data).toMatchObject({ name: 'Lagi' });
    expect(put.json().data.id).not.toBe(againId);
  });
});
