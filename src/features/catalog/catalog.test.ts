import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/helpers/test-env.js';
import { createTestApp, createTestUser, type TestApp } from '../../../test/helpers/test-app.js';
import { insertDataset } from './catalog.fixtures.js';
import { searchCatalog, searchSnapshot, type CatalogQuery } from './catalog.query.js';
import { catalogSnapshot } from './catalog.snapshot.js';
import { reindexDataset, rebuildCatalogIndex, ensureCatalogIndex } from './catalog.index.js';
import { PAGE_SIZE } from './catalog.service.js';

describe.each(DIALECTS)('catalogue search (%s)', (dialect) => {
  let t: TestApp;
  let airId: string;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    await insertDataset(t.db, {
      name: 'penduduk',
      title: 'Jumlah Penduduk Kelurahan Sogaten',
      org: 'kelurahan-sogaten',
      tags: ['kependudukan'],
      groups: ['sosial'],
      spatial: ['35.77.02.1002'],
      resources: [{ name: 'Data', format: 'csv' }],
    });
    airId = (
      await insertDataset(t.db, {
        name: 'air-bersih',
        title: 'Akses Air Bersih',
        notes: 'Rumah tangga dengan akses air minum layak (PDAM).',
        org: 'dlh',
        tags: ['lingkungan'],
        groups: ['lingkungan-hidup'],
        resources: [{ name: 'Air', format: 'xlsx' }],
      })
    ).id;
    await insertDataset(t.db, {
      name: 'posyandu',
      title: 'Posyandu Aktif per Kelurahan',
      org: 'kelurahan-sogaten',
      tags: ['kesehatan', 'kependudukan'],
      license: 'odc-odbl',
      spatial: ['35.77.02.1002'],
      resources: [{ name: 'Data', format: 'csv' }],
    });
    await insertDataset(t.db, {
      name: 'rahasia',
      title: 'Draf Penduduk Rahasia',
      state: 'draft',
      tags: ['kependudukan'],
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('finds published datasets by words in title, notes and tags, never drafts', async () => {
    const search = async (q: string) =>
      (await t.app.inject({ url: `/api/v1/catalog?q=${encodeURIComponent(q)}` })).json();
    expect((await search('penduduk')).data.map((d: { name: string }) => d.name)).toEqual(['penduduk']);
    expect((await search('PDAM')).data[0].name).toBe('air-bersih');
    expect((await search('kependudukan')).meta.total).toBe(2);
    expect((await search('posyan')).meta.total).toBe(1);
    expect((await search('"); drop table datasets; --')).meta.total).toBe(0);
    expect((await search('')).meta.total).toBe(3);
  });

  it('filters by facets (OR within a facet, AND across) and counts them', async () => {
    const res = (await t.app.inject({ url: '/api/v1/catalog?organization=kelurahan-sogaten&res_format=CSV' })).json();
    expect(res.meta.total).toBe(2);
    const facets = res.meta.facets;
    expect(facets.tags).toEqual(
      expect.arrayContaining([{ value: 'kependudukan', label: 'kependudukan', count: 2, selected: false }]),
    );
    expect(facets.organization[0]).toMatchObject({
      value: 'kelurahan-sogaten',
      label: 'Kantor Kelurahan Sogaten',
      selected: true,
    });
    expect(facets.wilayah[0]).toMatchObject({ value: '35.77.02.1002', label: 'Sogaten', count: 2 });
    expect(facets.license_id).toEqual(
      expect.arrayContaining([expect.objectContaining({ value: 'odc-odbl', count: 1 })]),
    );
    const or = (await t.app.inject({ url: '/api/v1/catalog?tags=lingkungan&tags=kesehatan&sort=name' })).json();
    expect(or.data.map((d: { name: string }) => d.name)).toEqual(['air-bersih', 'posyandu']);
  });

  it('renders /data with a GET form, facet links and results (no JavaScript)', async () => {
    const res = await t.app.inject({ url: '/data?q=penduduk', headers: { accept: 'text/html' } });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<form method="get" action="/data" role="search"');
    expect(res.body).toContain('href="/dataset/penduduk"');
    expect(res.body).not.toContain('/dataset/air-bersih"');
    expect(res.body).toContain('href="/data?q=penduduk&amp;tags=kependudukan"');
    const filtered = await t.app.inject({ url: '/data?tags=lingkungan', headers: { accept: 'text/html' } });
    expect(filtered.body).toContain('aria-current="true"');
    expect(filtered.body).toContain('<input type="hidden" name="tags" value="lingkungan">');
    expect(filtered.body).toContain('1 dataset ditemukan');
  });

  it('keeps the index in step: withdraw removes, republish restores, rebuild is idempotent', async () => {
    await t.db.updateTable('datasets').set({ state: 'withdrawn' }).where('id', '=', airId).execute();
    await reindexDataset(t.db, airId);
    expect((await t.app.inject({ url: '/api/v1/catalog?q=PDAM' })).json().meta.total).toBe(0);
    await t.db
      .updateTable('datasets')
      .set({ state: 'published', title: 'Akses Air Minum Layak' })
      .where('id', '=', airId)
      .execute();
    await reindexDataset(t.db, airId);
    expect((await t.app.inject({ url: '/api/v1/catalog?q=minum%20layak' })).json().data[0].title).toBe(
      'Akses Air Minum Layak',
    );
    await t.db.deleteFrom('catalog_entries').execute();
    expect(await ensureCatalogIndex(t.db)).toBe(true);
    expect(await rebuildCatalogIndex(t.db)).toBe(3);
    expect((await t.app.inject({ url: '/api/v1/catalog' })).json().meta.total).toBe(3);
  });

  it('does not trust full-text matches taken after the index moved past its snapshot', async () => {
    const query: CatalogQuery = {
      text: 'posyandu',
      clauses: [],
      sort: [{ key: 'score', desc: true }],
      start: 0,
      rows: 10,
      facetFields: [],
      facetLimit: -1,
      facetMinCount: 1,
    };
    const snap = await catalogSnapshot(t.db);
    expect((await searchSnapshot(t.db, query, snap)).count).toBe(1);
    // Any index write changes the version; the old snapshot's handle map may no longer fit.
    const posyandu = await t.db
      .selectFrom('datasets')
      .select('id')
      .where('name', '=', 'posyandu')
      .executeTakeFirstOrThrow();
    await reindexDataset(t.db, posyandu.id);
    await expect(searchSnapshot(t.db, query, snap)).rejects.toThrow();
    const fresh = await searchCatalog(t.db, query);
    expect(fresh.results.map((p) => p.name)).toEqual(['posyandu']);
  });

  it('shows staff links on the catalogue only to producers and the walidata, and a home tile', async () => {
    const page = async (headers: Record<string, string> = {}) =>
      (await t.app.inject({ url: '/data', headers: { ...headers, accept: 'text/html' } })).body;
    const visitor = await page();
    expect(visitor).not.toContain('href="/data/saya"');
    expect(visitor).not.toContain('href="/data/periksa"');
    const produsen = await createTestUser(t.db, [['produsen', 'kelurahan-sogaten']]);
    const own = await page(produsen.headers);
    expect(own).toContain('href="/data/saya"');
    expect(own).toContain('href="/data/baru"');
    expect(own).not.toContain('href="/data/periksa"');
    const walidata = await createTestUser(t.db, ['walidata']);
    expect(await page(walidata.headers)).toContain('href="/data/periksa"');
    const home = (await t.app.inject({ url: '/', headers: { accept: 'text/html' } })).body;
    expect(home).toContain('href="/data"');
    expect(home).toContain('<span class="stat">3</span> <span class="muted">dataset terbit</span>');
  });

  it('pages by relevance consistently when matches tie (ties broken by last change, then id)', async () => {
    // Identical texts rank equally; their order comes from metadata_modified (newest first).
    for (let i = 0; i < 7; i++) {
      const modified = new Date(Date.UTC(2024, 0, 1 + ((i * 3) % 7))).toISOString();
      await insertDataset(t.db, {
        name: `sampah-${i}`,
        title: 'Timbulan Sampah Kelurahan',
        notes: 'Volume sampah harian.',
        org: 'dlh',
        modified,
      });
    }
    const page = async (n: number, size: number) =>
      (
        await searchCatalog(t.db, {
          text: 'sampah',
          clauses: [],
          sort: [
            { key: 'score', desc: true },
            { key: 'metadata_modified', desc: true },
          ],
          start: n * size,
          rows: size,
          facetFields: [],
          facetLimit: 10,
          facetMinCount: 1,
        })
      ).results.map((r) => r.name);
    const all = await page(0, 100);
    // Days 1, 4, 7, 3, 6, 2, 5 for sampah-0…6: newest first.
    expect(all).toEqual(['sampah-2', 'sampah-4', 'sampah-6', 'sampah-1', 'sampah-3', 'sampah-5', 'sampah-0']);
    for (const size of [1, 2, 3]) {
      const paged: string[] = [];
      for (let n = 0; n * size < all.length; n++) paged.push(...(await page(n, size)));
      expect(paged).toEqual(all);
    }
  });
});

// Its own database: more datasets than a page would change the counts the tests above check.
describe.each(DIALECTS)('catalogue paging (%s)', (dialect) => {
  let t: TestApp;
  const TOTAL = PAGE_SIZE + 3;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    for (let i = 0; i < TOTAL; i++) {
      // Several datasets share a modification time, so the order must break ties the same way on every page.
      await insertDataset(t.db, {
        name: `halaman-${String(i).padStart(2, '0')}`,
        title: `Data Halaman ${i}`,
        org: 'dlh',
        modified: new Date(Date.UTC(2024, 0, 1 + (i % 5))).toISOString(),
      });
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  it('pages stably', async () => {
    const names: string[] = [];
    const pages: Array<{ data: Array<{ name: string }>; meta: { total: number; page: number; pages: number } }> = [];
    for (let page = 1; page <= 3; page++) {
      const res = (await t.app.inject({ url: `/api/v1/catalog?sort=modified&page=${page}` })).json();
      pages.push(res);
      names.push(...res.data.map((d: { name: string }) => d.name));
    }
    expect(pages.map((p) => p.data.length)).toEqual([PAGE_SIZE, 3, 0]);
    expect(pages.map((p) => p.meta)).toMatchObject([1, 2, 3].map((page) => ({ total: TOTAL, page, pages: 2 })));
    expect(pages[1]!.data.some((d) => pages[0]!.data.some((e) => e.name === d.name))).toBe(false);
    expect(new Set(names).size).toBe(TOTAL);
  });
});
