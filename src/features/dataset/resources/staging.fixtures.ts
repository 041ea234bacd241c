import { expect } from 'vitest';
import { createTestApp, createTestUser, type TestApp, type TestUser } from '../../../../test/helpers/test-app.js';
import type { DialectName } from '../../../../test/helpers/test-env.js';
import { multipart } from '../../../../test/helpers/multipart.js';
import { fileStoreOf } from '../../../files/file-store.js';

/**
 * Test fixtures for resource changes of published datasets: requests as a producer, the walidata
 * or a visitor, a dataset published through the real workflow, and the stored original files.
 * Not used by the running app.
 */
export const CSV = 'RW;Jumlah Penduduk\n01;1.234\n02;2.345\n';
export const WATER = 'RW;Sambungan PDAM\n01;120\n02;95\n03;40\n';
/** A readable file that fails to load when its code column is declared the wilayah column (the code does not exist). */
export const UNKNOWN_CODE = 'kode_wilayah;Sambungan PDAM\n35.77.09.9999;12\n';
export const HTML_PAGE = '<!doctype html><html><body>Login</body></html>';

/** A test app with a kelurahan produsen, a produsen of another kelurahan, the walidata and their client. */
export async function stagingActors(dialect: DialectName) {
  const t = await createTestApp(dialect);
  const produsen = await createTestUser(t.db, [['produsen', 'kelurahan-oro-oro-ombo']]);
  const other = await createTestUser(t.db, [['produsen', 'kelurahan-klegen']]);
  const walidata = await createTestUser(t.db, ['walidata']);
  return { t, produsen, other, walidata, c: stagingClient(t, { produsen, walidata }) };
}

export function stagingClient(t: TestApp, users: { produsen: TestUser; walidata: TestUser; organization?: string }) {
  const { produsen, walidata } = users;
  const api = (
    user: TestUser | null,
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    payload?: unknown,
  ) =>
    t.app.inject({
      method,
      url,
      headers: user ? user.headers : {},
      ...(payload !== undefined ? { payload: payload as object } : {}),
    });
  const page = (user: TestUser | null, url: string, lang?: string) =>
    t.app.inject({
      url,
      headers: {
        ...(user ? user.headers : {}),
        accept: 'text/html',
        ...(lang ? { cookie: `${user ? user.headers.cookie + '; ' : ''}terbuka_lang=${lang}` } : {}),
      },
    });
  const upload = (
    user: TestUser,
    url: string,
    fileName: string,
    content: string,
    fields: Record<string, string> = {},
    method: 'POST' | 'PUT' = 'POST',
  ) => {
    const body = multipart(fields, { name: fileName, content });
    return t.app.inject({ method, url, headers: { ...user.headers, ...body.headers }, payload: body.payload });
  };
  const webUpload = (
    user: TestUser,
    url: string,
    fileName: string,
    content: string,
    fields: Record<string, string> = {},
  ) => {
    const body = multipart({ _csrf: user.csrf, ...fields }, { name: fileName, content });
    return t.app.inject({
      method: 'POST',
      url: `${url}`,
      headers: { ...user.headers, ...body.headers, accept: 'text/html' },
      payload: body.payload,
    });
  };
  const form = (user: TestUser, url: string, fields: Record<string, string> = {}) =>
    t.app.inject({
      method: 'POST',
      url,
      headers: { ...user.headers, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: user.csrf, ...fields }).toString(),
    });

  /** Reloads a page that refreshes itself while a load runs, until it stops. */
  async function settled(user: TestUser, url: string): Promise<string> {
    let body = '';
    for (let i = 0; i < 100; i++) {
      body = (await page(user, url)).body;
      if (!body.includes('http-equiv="refresh"')) return body;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`${url} kept loading`);
  }

  /** A dataset published as version 1 with the given uploaded resources; returns its id and resource ids. */
  async function published(name: string, files: Array<[string, string]>): Promise<{ id: string; resources: string[] }> {
    const created = await api(produsen, 'POST', '/api/v1/datasets', {
      name,
      organization: users.organization ?? 'kelurahan-oro-oro-ombo',
      title: `Data ${name}`,
      notes: 'Deskripsi data untuk uji (DCAT-AP mewajibkan deskripsi).',
      licenseId: 'cc-by-4.0',
      updateFrequency: 'annual',
    });
    expect(created.statusCode).toBe(201);
    const resources = [];
    for (const [fileName, content] of files) {
      const res = await upload(produsen, `/api/v1/datasets/${name}/resources`, fileName, content, {
        name: fileName.replace(/\.csv$/, ''),
      });
      expect(res.statusCode).toBe(201);
      resources.push(res.json().data.id as string);
    }
    await api(produsen, 'POST', `/api/v1/datasets/${name}/submit`);
    expect((await api(walidata, 'POST', `/api/v1/datasets/${name}/publish`)).json().data.version).toBe(1);
    return { id: created.json().data.id, resources };
  }

  /** Hidden rows (staged new resources and new data) of a dataset. */
  const pendingRows = async (datasetId: string) =>
    (
      await t.db
        .selectFrom('resources')
        .select('id')
        .where('dataset_id', '=', datasetId)
        .where('state', '=', 'pending')
        .execute()
    ).map((r) => r.id);

  /** The stored original of a resource row, as the path relative to the data folder (what the row keeps). */
  const originalOf = async (resourceId: string) =>
    (await t.db.selectFrom('resources').select('original_file').where('id', '=', resourceId).executeTakeFirstOrThrow())
      .original_file!;
  /** Whether the file store (local disk or database, FILE_STORE) still holds the original. */
  const stored = (relative: string) => fileStoreOf(t.config.dataDir).exists(relative);

  return { api, page, upload, webUpload, form, settled, published, pendingRows, originalOf, stored };
}
