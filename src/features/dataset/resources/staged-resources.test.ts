import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp, TestUser } from '../../../../test/helpers/test-app.js';
import { DIALECTS } from '../../../../test/helpers/test-env.js';
import { multipart } from '../../../../test/helpers/multipart.js';
import { CSV, HTML_PAGE, stagingActors, UNKNOWN_CODE, WATER, type stagingClient } from './staging.fixtures.js';

describe.each(DIALECTS)('resource changes of a published dataset wait for the walidata (%s)', (dialect) => {
  let t: TestApp;
  let produsen: TestUser;
  let other: TestUser;
  let walidata: TestUser;
  let c: ReturnType<typeof stagingClient>;

  beforeAll(async () => {
    ({ t, produsen, other, walidata, c } = await stagingActors(dialect));
  });
  afterAll(() => t.close());

  const tableNames = async () =>
    (await t.db.introspection.getTables())
      .map((x) => x.name)
      .filter((n) => !n.startsWith('sqlite_'))
      .sort();

  it('stages a new upload, a new link and a removal, hidden from the public until the walidata approves them', async () => {
    const {
      resources: [kept, removed],
    } = await c.published('air-bersih', [
      ['penduduk.csv', CSV],
      ['lama.csv', CSV],
    ]);
    const added = await c.upload(produsen, '/api/v1/datasets/air-bersih/resources', 'pdam.csv', WATER, {
      name: 'Sambungan PDAMXYZ',
    });
    expect(added.statusCode).toBe(202);
    expect(added.json().data).toMatchObject({
      staged: 'new',
      name: 'Sambungan PDAMXYZ',
      rowCount: 3,
      ingest: { state: 'done' },
    });
    expect(added.json().data.quality).toBeTruthy();
    const newId = added.json().data.id as string;
    const link = await c.api(produsen, 'POST', '/api/v1/datasets/air-bersih/resources', {
      name: 'Peta jaringan',
      url: 'https://contoh.id/peta-pdam.pdf',
      format: 'pdf',
    });
    expect(link.statusCode).toBe(202);
    expect(link.json().data).toMatchObject({ staged: 'new', urlType: '', format: 'PDF' });
    const linkId = link.json().data.id as string;
    const removal = await c.api(produsen, 'DELETE', `/api/v1/datasets/air-bersih/resources/${removed}`);
    expect(removal.statusCode).toBe(202);
    expect(removal.json().data).toEqual({ resourceId: removed, staged: 'removal' });
    // Someone from another organisation cannot stage anything.
    expect((await c.upload(other, '/api/v1/datasets/air-bersih/resources', 'x.csv', CSV)).statusCode).toBe(403);
    expect((await c.api(other, 'DELETE', `/api/v1/datasets/air-bersih/resources/${kept}`)).statusCode).toBe(403);

    // The public sees version 1 everywhere.
    const publicIds = (await c.api(null, 'GET', '/api/v1/datasets/air-bersih'))
      .json()
      .data.resources.map((r: { id: string }) => r.id);
    expect(publicIds).toEqual([kept, removed]);
    const pkg = (await c.api(null, 'GET', '/api/3/action/package_show?id=air-bersih')).json().result;
    expect(pkg.resources.map((r: { id: string }) => r.id)).toEqual([kept, removed]);
    expect((await c.api(null, 'GET', `/api/3/action/resource_show?id=${newId}`)).json().success).toBe(false);
    expect((await c.api(null, 'GET', `/api/3/action/datastore_search?resource_id=${newId}`)).json().success).toBe(
      false,
    );
    expect(
      (await c.api(null, 'GET', `/api/3/action/datastore_search?resource_id=${removed}`)).json().result.total,
    ).toBe(2);
    expect((await t.app.inject({ url: `/datastore/dump/${newId}` })).statusCode).toBe(404);
    expect((await c.page(null, `/dataset/air-bersih/sumber-daya/${newId}`)).statusCode).toBe(404);
    expect((await t.app.inject({ url: `/dataset/air-bersih/sumber-daya/${newId}/berkas` })).statusCode).toBe(404);
    expect((await c.api(null, 'GET', `/api/v1/datasets/air-bersih/resources/${newId}`)).statusCode).toBe(404);
    const ttl = (await t.app.inject({ url: '/dataset/air-bersih.ttl' })).body;
    expect(ttl).toContain(kept);
    expect(ttl).not.toContain(newId);
    expect(ttl).not.toContain('peta-pdam.pdf');
    expect((await c.api(null, 'GET', '/api/3/action/package_search?q=PDAMXYZ')).json().result.count).toBe(0);
    const visitorPage = (await c.page(null, '/dataset/air-bersih')).body;
    expect(visitorPage).not.toContain('Sambungan PDAMXYZ');
    expect(visitorPage).toContain('lama');

    // The producer sees what waits for the next version, in both languages.
    const own = (await c.api(produsen, 'GET', '/api/v1/datasets/air-bersih')).json().data;
    expect(own.resources.map((r: { id: string }) => r.id)).toEqual([kept, removed]);
    expect(own.revision.state).toBe('draft');
    expect(own.revision.newResources).toEqual([
      { id: newId, kind: 'upload', name: 'Sambungan PDAMXYZ', format: 'CSV', fileName: 'pdam.csv', url: null, rows: 3 },
      {
        id: linkId,
        kind: 'link',
        name: 'Peta jaringan',
        format: 'PDF',
        fileName: null,
        url: 'https://contoh.id/peta-pdam.pdf',
        rows: null,
      },
    ]);
    expect(own.revision.removals).toEqual([{ resourceId: removed, name: 'lama' }]);
    const ownPage = (await c.page(produsen, '/dataset/air-bersih')).body;
    expect(ownPage).toContain('Perubahan sumber daya');
    expect(ownPage).toContain('Sumber daya baru Sambungan PDAMXYZ: pdam.csv (3 baris)');
    expect(ownPage).toContain('Tautan baru Peta jaringan (https://contoh.id/peta-pdam.pdf)');
    expect(ownPage).toContain('lama dihapus pada versi 2');
    expect(ownPage).toContain('Dihapus pada versi 2');
    expect((await c.page(produsen, '/dataset/air-bersih', 'en')).body).toContain(
      'New resource Sambungan PDAMXYZ: pdam.csv (3 rows)',
    );
    const stagedPage = await c.page(produsen, `/dataset/air-bersih/sumber-daya/${newId}`);
    expect(stagedPage.statusCode).toBe(200);
    expect(stagedPage.body).toContain('belum tampil untuk publik');
    expect(stagedPage.body).toContain('Laporan mutu data');

    // The walidata checks the staged changes with their quality report.
    expect((await c.api(produsen, 'POST', '/api/v1/datasets/air-bersih/submit')).json().data.revision.state).toBe(
      'submitted',
    );
    const review = (await c.page(walidata, '/data/periksa/air-bersih')).body;
    expect(review).toContain('Sumber daya baru yang menunggu pemeriksaan');
    expect(review).toContain('Sambungan PDAMXYZ');
    expect(review).toContain('https://contoh.id/peta-pdam.pdf');
    expect(review).toContain('Laporan mutu data');
    expect(review).toContain('Sumber daya yang akan dihapus');
    // While the walidata has it, nothing changes.
    expect((await c.upload(produsen, '/api/v1/datasets/air-bersih/resources', 'y.csv', CSV)).statusCode).toBe(409);
    expect((await c.api(produsen, 'DELETE', `/api/v1/datasets/air-bersih/staged/${newId}`)).statusCode).toBe(409);
    expect((await c.api(produsen, 'DELETE', `/api/v1/datasets/air-bersih/resources/${kept}`)).statusCode).toBe(409);

    const approved = await c.api(walidata, 'POST', '/api/v1/datasets/air-bersih/publish');
    expect(approved.json().data.version).toBe(2);
    expect(approved.json().data.resources.map((r: { id: string }) => r.id)).toEqual([kept, newId, linkId]);
    expect((await c.api(null, 'GET', `/api/3/action/datastore_search?resource_id=${newId}`)).json().result.total).toBe(
      3,
    );
    expect((await c.api(null, 'GET', `/api/3/action/datastore_search?resource_id=${removed}`)).json().success).toBe(
      false,
    );
    expect((await c.api(null, 'GET', '/api/3/action/package_search?q=PDAMXYZ')).json().result.count).toBe(1);
    expect((await t.app.inject({ url: '/dataset/air-bersih.ttl' })).body).toContain(newId);
    expect((await c.page(null, `/dataset/air-bersih/sumber-daya/${newId}`)).statusCode).toBe(200);
    const v1 = (await c.api(null, 'GET', '/api/v1/datasets/air-bersih/versions/1')).json().data;
    expect(v1.resources.map((r: { id: string }) => r.id)).toEqual([kept, removed]);
    const v2 = (await c.api(null, 'GET', '/api/v1/datasets/air-bersih/versions/2')).json().data;
    expect(v2.resources.map((r: { id: string; rowCount: number | null }) => [r.id, r.rowCount])).toEqual([
      [kept, 2],
      [newId, 3],
      [linkId, null],
    ]);
    // The removed resource keeps its original file for version 1, without a datastore table.
    expect((await t.app.inject({ url: `/dataset/air-bersih/versi/1/berkas/${removed}` })).body).toBe(CSV);
    expect(
      (await t.db.selectFrom('resources').select('state').where('id', '=', removed).executeTakeFirstOrThrow()).state,
    ).toBe('deleted');
    expect(
      await t.db
        .selectFrom('datastore_tables')
        .select('resource_id')
        .where('resource_id', '=', removed)
        .executeTakeFirst(),
    ).toBeUndefined();
    const audit = (
      await t.db.selectFrom('audit_log').select('action').where('entity_type', '=', 'resource').execute()
    ).map((a) => a.action);
    expect(audit).toEqual(
      expect.arrayContaining([
        'resource.stage_upload',
        'resource.stage_create',
        'resource.stage_link',
        'resource.stage_delete',
        'resource.create',
        'resource.link',
        'resource.delete',
      ]),
    );
  });

  it('lets the producer take staged changes back, and leaves no hidden rows or tables behind', async () => {
    const {
      id,
      resources: [live],
    } = await c.published('sampah', [['sampah.csv', CSV]]);
    const before = await tableNames();
    const added = await c.upload(produsen, '/api/v1/datasets/sampah/resources', 'baru.csv', WATER);
    const addedId = added.json().data.id as string;
    expect(await tableNames()).toHaveLength(before.length + 1);
    // Discarding from the page (HTML form, no JavaScript).
    const discarded = await c.form(produsen, `/dataset/sampah/perubahan/${addedId}/batal`);
    expect(discarded.statusCode).toBe(303);
    expect(discarded.headers.location).toBe('/dataset/sampah');
    expect(await c.pendingRows(id)).toEqual([]);
    expect(await tableNames()).toEqual(before);
    // A removal taken back through the API.
    expect((await c.api(produsen, 'DELETE', `/api/v1/datasets/sampah/resources/${live}`)).statusCode).toBe(202);
    const kept = await c.api(produsen, 'DELETE', `/api/v1/datasets/sampah/staged/${live}`);
    expect(kept.statusCode).toBe(200);
    expect(kept.json().data.revision.removals).toEqual([]);
    expect((await c.api(produsen, 'DELETE', `/api/v1/datasets/sampah/staged/${live}`)).statusCode).toBe(404);
    // Newer data for the same resource replaces the older one.
    expect(
      (await c.upload(produsen, `/api/v1/datasets/sampah/resources/${live}/pending`, 'a.csv', CSV)).statusCode,
    ).toBe(202);
    expect(
      (await c.upload(produsen, `/api/v1/datasets/sampah/resources/${live}/pending`, 'b.csv', WATER)).statusCode,
    ).toBe(202);
    expect(await c.pendingRows(id)).toHaveLength(1);
    expect((await c.api(produsen, 'GET', '/api/v1/datasets/sampah')).json().data.revision.pendingData).toEqual([
      { resourceId: live, fileName: 'b.csv', rows: 3 },
    ]);
    // Replacing the data through the API (PUT) of a published resource is staged the same way, and waits for the load.
    const replaced = await c.upload(produsen, `/api/v1/datasets/sampah/resources/${live}`, 'e.csv', CSV, {}, 'PUT');
    expect(replaced.statusCode).toBe(202);
    expect(replaced.json().data).toMatchObject({ id: live, rowCount: 2 });
    expect(await c.pendingRows(id)).toHaveLength(1);
    expect((await c.api(produsen, 'GET', '/api/v1/datasets/sampah')).json().data.revision.pendingData).toEqual([
      { resourceId: live, fileName: 'e.csv', rows: 2 },
    ]);
    expect((await c.api(null, 'GET', `/api/3/action/datastore_search?resource_id=${live}`)).json().result.total).toBe(
      2,
    );
    // Staging a removal drops the new data staged for that resource.
    expect((await c.api(produsen, 'DELETE', `/api/v1/datasets/sampah/resources/${live}`)).statusCode).toBe(202);
    expect(await c.pendingRows(id)).toEqual([]);
    expect(
      (await c.upload(produsen, `/api/v1/datasets/sampah/resources/${live}/pending`, 'c.csv', CSV)).json().error.code,
    ).toBe('RESOURCE_REMOVAL_STAGED');
    await c.api(produsen, 'DELETE', `/api/v1/datasets/sampah/staged/${live}`);
    // Removing a staged new resource through the resource API discards it.
    const fresh = (await c.upload(produsen, '/api/v1/datasets/sampah/resources', 'sebentar.csv', WATER)).json().data
      .id as string;
    expect(await c.pendingRows(id)).toEqual([fresh]);
    const gone = await c.api(produsen, 'DELETE', `/api/v1/datasets/sampah/resources/${fresh}`);
    expect(gone.statusCode).toBe(202);
    expect(gone.json().data).toEqual({ resourceId: fresh, staged: 'discarded' });
    expect(await c.pendingRows(id)).toEqual([]);
    // Withdrawing the dataset discards everything staged.
    await c.upload(produsen, '/api/v1/datasets/sampah/resources', 'lagi.csv', WATER);
    await c.upload(produsen, `/api/v1/datasets/sampah/resources/${live}/pending`, 'd.csv', WATER);
    await c.api(produsen, 'POST', '/api/v1/datasets/sampah/resources', { name: 'Tautan', url: 'https://contoh.id/x' });
    expect(await c.pendingRows(id)).toHaveLength(3);
    expect(
      (await c.api(walidata, 'POST', '/api/v1/datasets/sampah/withdraw', { reason: 'Tidak dikumpulkan lagi.' })).json()
        .data.state,
    ).toBe('withdrawn');
    expect(await c.pendingRows(id)).toEqual([]);
    expect(await tableNames()).toEqual(before);
    expect(await t.db.selectFrom('staged_loads').select('id').where('dataset_id', '=', id).execute()).toEqual([]);
    const audit = await t.db
      .selectFrom('audit_log')
      .select('after_json')
      .where('action', '=', 'resource.unstage')
      .where('after_json', 'like', '%"dataset":"sampah"%')
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => JSON.parse(a.after_json!).kind)).toEqual(['new', 'removal', 'removal', 'new']);
  });

  it('loads web uploads in the background with progress on the resource page; a failed load leaves the revision as it was', async () => {
    const {
      id,
      resources: [live],
    } = await c.published('listrik', [['listrik.csv', CSV]]);
    const resourceUrl = `/dataset/listrik/sumber-daya/${live}`;
    const ok = await c.webUpload(produsen, `${resourceUrl}/data-baru`, 'listrik-2025.csv', WATER);
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe(resourceUrl);
    let body = await c.settled(produsen, resourceUrl);
    expect(body).toContain('Data baru untuk versi 2');
    expect(body).toContain('Data baru listrik-2025.csv (3 baris) menunggu persetujuan walidata');
    expect((await c.api(null, 'GET', `/api/3/action/datastore_search?resource_id=${live}`)).json().result.total).toBe(
      2,
    );

    // The form sent without a file: the resource page asks for one.
    const noFileForm = multipart({ _csrf: produsen.csrf, sheet: '' });
    const noFile = await t.app.inject({
      method: 'POST',
      url: `${resourceUrl}/data-baru`,
      headers: { ...produsen.headers, ...noFileForm.headers, accept: 'text/html' },
      payload: noFileForm.payload,
    });
    expect(noFile.statusCode).toBe(422);
    expect(noFile.body).toContain('Pilih berkas untuk diunggah.');

    // A file that cannot be read is refused on the resource page at once; nothing is staged.
    const html = await c.webUpload(produsen, `${resourceUrl}/data-baru`, 'halaman.csv', HTML_PAGE);
    expect(html.statusCode).toBe(422);
    expect(html.body).toContain('halaman web');
    expect(html.body).toContain('Data baru listrik-2025.csv (3 baris)');
    expect((await c.api(produsen, 'GET', '/api/v1/datasets/listrik')).json().data.stagedLoads ?? []).toEqual([]);

    // A readable file that fails to load fails in the background: the error is shown, the staged data stays.
    const bad = await c.webUpload(produsen, `${resourceUrl}/data-baru`, 'rusak.csv', UNKNOWN_CODE, {
      wilayahColumn: 'kode_wilayah',
    });
    expect(bad.statusCode).toBe(303);
    body = await c.settled(produsen, resourceUrl);
    expect(body).toContain('Impor gagal');
    expect(body).toContain('rusak.csv');
    expect(body).toContain('tetap seperti sebelumnya');
    expect(body).toContain('Data baru listrik-2025.csv (3 baris)');
    const own = (await c.api(produsen, 'GET', '/api/v1/datasets/listrik')).json().data;
    expect(own.revision.pendingData).toEqual([{ resourceId: live, fileName: 'listrik-2025.csv', rows: 3 }]);
    expect(own.stagedLoads).toHaveLength(1);
    expect(own.stagedLoads[0]).toMatchObject({
      resourceId: live,
      fileName: 'rusak.csv',
      ingest: { state: 'failed', errorCode: 'INGEST_WILAYAH_UNKNOWN' },
    });
    const resourceJson = (await c.api(produsen, 'GET', `/api/v1/datasets/listrik/resources/${live}`)).json().data;
    expect(resourceJson.stagedLoad).toMatchObject({ fileName: 'rusak.csv', ingest: { state: 'failed' } });
    expect((await c.page(produsen, '/dataset/listrik')).body).toContain('rusak.csv untuk listrik');
    // A load still running holds back the submission.
    const loadId = own.stagedLoads[0].id as string;
    await t.db.updateTable('ingest_jobs').set({ state: 'running' }).where('id', '=', loadId).execute();
    expect((await c.api(produsen, 'POST', '/api/v1/datasets/listrik/submit')).json().error.code).toBe(
      'DATASET_LOADS_RUNNING',
    );
    await t.db.updateTable('ingest_jobs').set({ state: 'failed' }).where('id', '=', loadId).execute();
    // Dismissing the failed load.
    expect((await c.form(produsen, `/dataset/listrik/perubahan/${loadId}/batal`)).statusCode).toBe(303);
    expect((await c.api(produsen, 'GET', '/api/v1/datasets/listrik')).json().data.stagedLoads).toBeUndefined();
    expect(await c.pendingRows(id)).toHaveLength(1);

    // A new resource uploaded from the web form loads in the background too, on its own (hidden) page.
    const empty = await c.webUpload(produsen, '/dataset/listrik/sumber-daya/baru', 'kosong.csv', '', {
      name: 'Kosong',
    });
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain('Berkas kosong.');
    const form1 = await c.page(produsen, '/dataset/listrik/sumber-daya/baru');
    expect(form1.body).toContain('Dataset ini sudah terbit');
    const added = await c.webUpload(produsen, '/dataset/listrik/sumber-daya/baru', 'pelanggan.csv', WATER, {
      name: 'Pelanggan listrik',
    });
    expect(added.statusCode).toBe(303);
    const addedUrl = added.headers.location as string;
    expect(addedUrl).toMatch(/^\/dataset\/listrik\/sumber-daya\//);
    body = await c.settled(produsen, addedUrl);
    expect(body).toContain('Impor selesai');
    expect(body).toContain('belum tampil untuk publik');
    expect((await c.page(null, addedUrl)).statusCode).toBe(404);
    expect((await c.page(walidata, addedUrl)).statusCode).toBe(200);
    const linked = await c.form(produsen, '/dataset/listrik/sumber-daya/baru', {
      linkName: 'Tarif',
      url: 'https://contoh.id/tarif',
    });
    expect(linked.statusCode).toBe(303);
    expect(linked.headers.location).toBe('/dataset/listrik');
    const revision = (await c.api(produsen, 'GET', '/api/v1/datasets/listrik')).json().data.revision;
    expect(revision.newResources.map((r: { name: string }) => r.name)).toEqual(['Pelanggan listrik', 'Tarif']);
    // Removal from the resource page (HTML form).
    const removed = await c.form(produsen, `${resourceUrl}/hapus`);
    expect(removed.statusCode).toBe(303);
    expect((await c.page(produsen, resourceUrl)).body).toContain('Sumber daya ini dihapus pada versi 2');
    expect(
      (await c.api(null, 'GET', '/api/v1/datasets/listrik')).json().data.resources.map((r: { id: string }) => r.id),
    ).toEqual([live]);
  });
});
