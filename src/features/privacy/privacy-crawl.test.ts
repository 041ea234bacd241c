import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp, TestUser } from '../../../test/helpers/test-app.js';
import { DIALECTS } from '../../../test/helpers/test-env.js';
import { crawl, type CrawledPage } from '../../../test/helpers/crawl.js';
import { stagingActors, type stagingClient } from '../dataset/resources/staging.fixtures.js';
import { people, residentCsv, type Person } from './privacy.fixtures.js';
import { nikShape } from './personal-values.js';

const MASKED = people(33, 1);
const DROPPED = people(33, 2);
const RESTRICTED = people(33, 3);
const REFUSED = people(12, 4);
const ALL: Person[] = [...MASKED, ...DROPPED, ...RESTRICTED, ...REFUSED];
/** NIK, KK, phone and e-mail of every seeded person: none may be in any public response. */
const SECRETS = ALL.flatMap((p) => [p.nik, p.kk, p.hp, p.email]);
const PERSONAL = ['nik', 'no_kk', 'nama', 'no_hp', 'email'];
/** A column the detector flags by its header that holds no personal data (places, not people). */
const ATTRACTIONS =
  'nama;pengunjung_2024\nSun City Madiun;120450\nPahlawan Street Center;98211\nAlun Alun Madiun;301877\nTaman Lalu Lintas;45090\n';

describe.each(DIALECTS)('privacy crawl: no seeded personal data is reachable by a visitor (%s)', (dialect) => {
  let t: TestApp;
  let produsen: TestUser;
  let walidata: TestUser;
  let c: ReturnType<typeof stagingClient>;
  let pages: CrawledPage[];
  const ids: Record<string, string> = {};

  async function dataset(name: string, csv: string): Promise<string> {
    const created = await c.api(produsen, 'POST', '/api/v1/datasets', {
      name,
      organization: 'kelurahan-oro-oro-ombo',
      title: `Data ${name}`,
      notes: 'Deskripsi data untuk uji (DCAT-AP mewajibkan deskripsi).',
      licenseId: 'cc-by-4.0',
      updateFrequency: 'annual',
    });
    expect(created.statusCode).toBe(201);
    // Through the normal upload (the API door; the web and CLI doors run the same ingest).
    const res = await c.upload(produsen, `/api/v1/datasets/${name}/resources`, `${name}.csv`, csv, {
      name: `Tabel ${name}`,
    });
    expect(res.statusCode).toBe(201);
    ids[name] = res.json().data.id;
    expect((await c.api(produsen, 'POST', `/api/v1/datasets/${name}/submit`)).statusCode).toBe(200);
    const refused = await c.api(walidata, 'POST', `/api/v1/datasets/${name}/publish`);
    expect(refused.statusCode).toBe(409);
    expect(
      (
        await c.api(walidata, 'POST', `/api/v1/datasets/${name}/review`, {
          decision: 'return',
          comments: [{ field: 'general', comment: 'Tangani data pribadi.' }],
        })
      ).statusCode,
    ).toBe(200);
    return ids[name]!;
  }
  const resolve = async (name: string, body: object, user = produsen) =>
    expect(
      (await c.api(user, 'POST', `/api/v1/datasets/${name}/resources/${ids[name]}/privacy`, body)).statusCode,
    ).toBe(200);
  const publish = async (name: string) => {
    expect((await c.api(produsen, 'POST', `/api/v1/datasets/${name}/submit`)).statusCode).toBe(200);
    expect((await c.api(walidata, 'POST', `/api/v1/datasets/${name}/publish`)).statusCode).toBe(200);
  };

  beforeAll(async () => {
    ({ t, produsen, walidata, c } = await stagingActors(dialect));
    await dataset('warga-samaran', residentCsv(MASKED));
    for (const column of PERSONAL) await resolve('warga-samaran', { column, action: 'mask' });
    await publish('warga-samaran');
    await dataset('warga-dihapus', residentCsv(DROPPED));
    for (const column of PERSONAL) await resolve('warga-dihapus', { column, action: 'drop' });
    await publish('warga-dihapus');
    await dataset('warga-terbatas', residentCsv(RESTRICTED));
    expect((await c.api(produsen, 'POST', '/api/v1/datasets/warga-terbatas/privacy/restrict')).statusCode).toBe(200);
    await publish('warga-terbatas');
    await dataset('wisata', ATTRACTIONS);
    await resolve(
      'wisata',
      { column: 'nama', action: 'override', reason: 'Nama tempat wisata, bukan nama orang.', confirm: true },
      walidata,
    );
    await publish('wisata');
    // Submitted and refused: it stays unpublished.
    await dataset('warga-ditolak', residentCsv(REFUSED));

    const start = [
      '/',
      '/data',
      '/api/3/action/package_list',
      '/api/3/action/package_search?rows=1000',
      '/api/3/action/current_package_list_with_resources',
      '/api/v1/datasets?limit=200',
      '/api/v1/organizations',
      '/api/v1/indicators',
      '/catalog.jsonld',
      '/catalog.ttl',
    ];
    for (const name of Object.keys(ids))
      start.push(
        `/dataset/${name}`,
        `/dataset/${name}.ttl`,
        `/dataset/${name}.jsonld`,
        `/api/3/action/package_show?id=${name}`,
      );
    pages = await crawl(t.app, { start, origin: t.config.baseUrl, max: 1200, skip: ['/keluar', '/static/'] });
    if (process.env.CRAWL_DEBUG) console.log(pages.length, JSON.stringify(pages.map((p) => [p.status, p.url])));
  }, 240_000);
  afterAll(() => t.close());

  it('reaches the published tables (the crawl is not blind)', () => {
    const ok = (url: string) => pages.some((p) => p.url.startsWith(url) && p.status === 200);
    expect(ok(`/api/3/action/datastore_search?resource_id=${ids['warga-samaran']}`)).toBe(true);
    expect(ok(`/datastore/dump/${ids['warga-dihapus']}`)).toBe(true);
    expect(pages.find((p) => p.url === `/datastore/dump/${ids['warga-samaran']}?format=xlsx`)?.text).toContain('HMAC:');
    expect(pages.some((p) => p.status === 200 && p.text.includes('Pahlawan Street Center'))).toBe(true);
    expect(pages.length).toBeGreaterThan(80);
  });

  it('finds no seeded NIK, KK, phone number or e-mail address in any response', () => {
    const leaks = pages.flatMap((p) => SECRETS.filter((s) => p.text.includes(s)).map((s) => `${p.url}: ${s}`));
    expect(leaks).toEqual([]);
    // Nor anything else shaped like a NIK or KK number.
    const shaped = pages.flatMap((p) =>
      (p.text.match(/(?<!\d)\d{16}(?!\d)/g) ?? []).filter((n) => nikShape(n)).map((n) => `${p.url}: ${n}`),
    );
    expect(shaped).toEqual([]);
  });

  it('serves the original of a dataset whose only finding was a false positive', async () => {
    expect(pages.find((p) => p.url === `/dataset/wisata/sumber-daya/${ids['wisata']}/berkas`)?.status).toBe(200);
  });

  it('answers 404 for the originals, the restricted and the refused datasets', async () => {
    for (const name of ['warga-samaran', 'warga-dihapus']) {
      const res = await t.app.inject({ url: `/dataset/${name}/sumber-daya/${ids[name]}/berkas` });
      expect(res.statusCode).toBe(404);
      expect(pages.find((p) => p.url === `/dataset/${name}/sumber-daya/${ids[name]}/berkas`)?.status ?? 404).toBe(404);
    }
    for (const name of ['warga-terbatas', 'warga-ditolak']) {
      const reached = pages.filter((p) => p.url.includes(ids[name]!) || p.url.startsWith(`/dataset/${name}`));
      expect(reached.length).toBeGreaterThan(0);
      expect(reached.filter((p) => p.status !== 404).map((p) => p.url)).toEqual([]);
      expect(
        (await t.app.inject({ url: `/api/3/action/datastore_search?resource_id=${ids[name]}` })).json().success,
      ).toBe(false);
    }
  });
});

describe.each(DIALECTS)('privacy crawl: the check itself sees a leak (%s)', (dialect) => {
  it('reports the values of a table published by a wrong override, on the datastore doors and dumps', async () => {
    const { t, produsen, walidata, c } = await stagingActors(dialect);
    try {
      const list = people(5, 8);
      await c.api(produsen, 'POST', '/api/v1/datasets', {
        name: 'bocor',
        organization: 'kelurahan-oro-oro-ombo',
        title: 'Bocor',
        notes: 'Deskripsi data untuk uji (DCAT-AP mewajibkan deskripsi).',
        licenseId: 'cc-by-4.0',
        updateFrequency: 'annual',
      });
      const id = (await c.upload(produsen, '/api/v1/datasets/bocor/resources', 'bocor.csv', residentCsv(list))).json()
        .data.id as string;
      for (const column of PERSONAL) {
        const res = await c.api(walidata, 'POST', `/api/v1/datasets/bocor/resources/${id}/privacy`, {
          column,
          action: 'override',
          reason: 'Keliru: contoh kebocoran untuk uji.',
          confirm: true,
        });
        expect(res.statusCode).toBe(200);
      }
      await c.api(produsen, 'POST', '/api/v1/datasets/bocor/submit');
      expect((await c.api(walidata, 'POST', '/api/v1/datasets/bocor/publish')).statusCode).toBe(200);
      const pages = await crawl(t.app, {
        start: ['/data'],
        origin: t.config.baseUrl,
        max: 300,
        skip: ['/keluar', '/static/'],
      });
      const leaking = new Set(
        pages.filter((p) => list.some((x) => p.text.includes(x.nik))).map((p) => p.url.split('?')[0]),
      );
      for (const door of [`/api/3/action/datastore_search`, `/api/v1/datastore/${id}`, `/datastore/dump/${id}`])
        expect(leaking.has(door), door).toBe(true);
      // Inside the XLSX dump too, and in the original file the overrides reopened.
      expect(pages.find((p) => p.url === `/datastore/dump/${id}?format=xlsx`)?.text).toContain(list[0]!.nik);
      expect(leaking.has(`/dataset/bocor/sumber-daya/${id}/berkas`)).toBe(true);
    } finally {
      await t.close();
    }
  }, 120_000);
});
