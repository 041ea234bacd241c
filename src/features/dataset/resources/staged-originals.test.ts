import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp, TestUser } from '../../../../test/helpers/test-app.js';
import { DIALECTS } from '../../../../test/helpers/test-env.js';
import { fileStoreOf } from '../../../files/file-store.js';
import { CSV, HTML_PAGE, stagingActors, UNKNOWN_CODE, WATER, type stagingClient } from './staging.fixtures.js';

describe.each(DIALECTS)('original files of staged uploads that are never published (%s)', (dialect) => {
  let t: TestApp;
  let produsen: TestUser;
  let walidata: TestUser;
  let c: ReturnType<typeof stagingClient>;

  beforeAll(async () => {
    ({ t, produsen, walidata, c } = await stagingActors(dialect));
  });
  afterAll(() => t.close());

  /** Every stored original's key (local disk or database, FILE_STORE). */
  async function storedFiles(): Promise<string[]> {
    const keys: string[] = [];
    for await (const { key } of fileStoreOf(t.config.dataDir).list()) if (key.startsWith('uploads/')) keys.push(key);
    return keys.sort();
  }
  const onlyPending = async (datasetId: string) => {
    const rows = await c.pendingRows(datasetId);
    expect(rows).toHaveLength(1);
    return rows[0]!;
  };

  it('deletes the file when the producer discards it, a newer file replaces it, its failed load is dismissed, or the dataset is withdrawn', async () => {
    const {
      id,
      resources: [live],
    } = await c.published('arsip-air', [['arsip.csv', CSV]]);
    const published = await c.originalOf(live!);
    const before = await storedFiles();
    expect(before).toContain(published);

    // A staged new resource discarded from the page.
    const added = await c.upload(produsen, '/api/v1/datasets/arsip-air/resources', 'baru.csv', WATER);
    const addedFile = await c.originalOf(added.json().data.id);
    expect(await c.stored(addedFile)).toBe(true);
    expect((await c.form(produsen, `/dataset/arsip-air/perubahan/${added.json().data.id}/batal`)).statusCode).toBe(303);
    expect(await c.stored(addedFile)).toBe(false);

    // New data replaced by newer data for the same resource, then discarded through the API.
    expect(
      (await c.upload(produsen, `/api/v1/datasets/arsip-air/resources/${live}/pending`, 'a.csv', CSV)).statusCode,
    ).toBe(202);
    const first = await c.originalOf(await onlyPending(id));
    expect(
      (await c.upload(produsen, `/api/v1/datasets/arsip-air/resources/${live}/pending`, 'b.csv', WATER)).statusCode,
    ).toBe(202);
    const second = await c.originalOf(await onlyPending(id));
    expect(await c.stored(first)).toBe(false);
    expect(await c.stored(second)).toBe(true);
    expect((await c.api(produsen, 'DELETE', `/api/v1/datasets/arsip-air/staged/${live}`)).statusCode).toBe(200);
    expect(await c.stored(second)).toBe(false);

    // A file refused at once (unreadable) is not kept.
    const resourceUrl = `/dataset/arsip-air/sumber-daya/${live}`;
    const filesBefore = await storedFiles();
    expect((await c.webUpload(produsen, `${resourceUrl}/data-baru`, 'halaman.csv', HTML_PAGE)).statusCode).toBe(422);
    expect(await storedFiles()).toEqual(filesBefore);
    // A file that fails to load in the background stays (its error is on the page) until dismissed.
    await c.webUpload(produsen, `${resourceUrl}/data-baru`, 'rusak.csv', UNKNOWN_CODE, {
      wilayahColumn: 'kode_wilayah',
    });
    expect(await c.settled(produsen, resourceUrl)).toContain('Impor gagal');
    const failed = await c.originalOf(await onlyPending(id));
    expect(await c.stored(failed)).toBe(true);
    const loadId = (await c.api(produsen, 'GET', '/api/v1/datasets/arsip-air')).json().data.stagedLoads[0].id as string;
    expect((await c.form(produsen, `/dataset/arsip-air/perubahan/${loadId}/batal`)).statusCode).toBe(303);
    expect(await c.stored(failed)).toBe(false);
    // A load that fails while the API waits is dropped with its file at once.
    const refused = await c.upload(
      produsen,
      `/api/v1/datasets/arsip-air/resources/${live}/pending`,
      'rusak.csv',
      '<!doctype html><html></html>',
    );
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.code).toBe('INGEST_HTML_NOT_DATA');
    expect(await storedFiles()).toEqual(before);

    // New data dropped because the resource is staged for removal.
    await c.upload(produsen, `/api/v1/datasets/arsip-air/resources/${live}/pending`, 'c.csv', CSV);
    const dropped = await c.originalOf(await onlyPending(id));
    expect((await c.api(produsen, 'DELETE', `/api/v1/datasets/arsip-air/resources/${live}`)).statusCode).toBe(202);
    expect(await c.stored(dropped)).toBe(false);
    await c.api(produsen, 'DELETE', `/api/v1/datasets/arsip-air/staged/${live}`);

    // Withdrawing drops every staged file; the published original stays downloadable.
    await c.upload(produsen, '/api/v1/datasets/arsip-air/resources', 'lagi.csv', WATER);
    await c.upload(produsen, `/api/v1/datasets/arsip-air/resources/${live}/pending`, 'd.csv', WATER);
    expect(await storedFiles()).toHaveLength(before.length + 2);
    expect(
      (await c.api(walidata, 'POST', '/api/v1/datasets/arsip-air/withdraw', { reason: 'Tidak dikumpulkan lagi.' }))
        .statusCode,
    ).toBe(200);
    expect(await storedFiles()).toEqual(before);
    expect((await t.app.inject({ url: `/dataset/arsip-air/versi/1/berkas/${live}` })).body).toBe(CSV);
  });

  it('keeps a file that another row or an earlier published version still refers to', async () => {
    const {
      id,
      resources: [live],
    } = await c.published('arsip-listrik', [['listrik.csv', CSV]]);
    const v1File = await c.originalOf(live!);
    await c.upload(produsen, `/api/v1/datasets/arsip-listrik/resources/${live}/pending`, 'listrik-2025.csv', WATER);
    await c.api(produsen, 'POST', '/api/v1/datasets/arsip-listrik/submit');
    expect((await c.api(walidata, 'POST', '/api/v1/datasets/arsip-listrik/publish')).json().data.version).toBe(2);
    const v2File = await c.originalOf(live!);
    expect(v2File).not.toBe(v1File);

    // Two rows can share one stored file (a restored backup, a copied row): the staged row is made to.
    const share = async (file: string) => {
      await c.upload(produsen, `/api/v1/datasets/arsip-listrik/resources/${live}/pending`, 'salinan.csv', CSV);
      const pendingId = await onlyPending(id);
      await fileStoreOf(t.config.dataDir).remove(await c.originalOf(pendingId));
      await t.db.updateTable('resources').set({ original_file: file }).where('id', '=', pendingId).execute();
      expect((await c.api(produsen, 'DELETE', `/api/v1/datasets/arsip-listrik/staged/${live}`)).statusCode).toBe(200);
      expect(await c.pendingRows(id)).toEqual([]);
    };
    // Only version 1's snapshot still names this file.
    await share(v1File);
    expect(await c.stored(v1File)).toBe(true);
    expect((await t.app.inject({ url: `/dataset/arsip-listrik/versi/1/berkas/${live}` })).body).toBe(CSV);
    // The live resource names this one.
    await share(v2File);
    expect(await c.stored(v2File)).toBe(true);
    expect((await t.app.inject({ url: `/dataset/arsip-listrik/sumber-daya/${live}/berkas` })).body).toBe(WATER);
  });
});
