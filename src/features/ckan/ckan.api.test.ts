import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/helpers/test-env.js';
import { createTestApp, type TestApp } from '../../../test/helpers/test-app.js';
import { insertDataset } from '../catalog/catalog.fixtures.js';
import { PENDUDUK_FIELDS, PENDUDUK_ROWS } from '../datastore/datastore.fixtures.js';

const PACKAGE_KEYS = [
  'author',
  'author_email',
  'creator_user_id',
  'extras',
  'groups',
  'id',
  'isopen',
  'license_id',
  'license_title',
  'license_url',
  'maintainer',
  'maintainer_email',
  'metadata_created',
  'metadata_modified',
  'name',
  'notes',
  'num_resources',
  'num_tags',
  'organization',
  'owner_org',
  'private',
  'resources',
  'state',
  'tags',
  'title',
  'type',
  'url',
  'version',
].sort();
const RESOURCE_KEYS = [
  'created',
  'datastore_active',
  'description',
  'format',
  'hash',
  'id',
  'last_modified',
  'metadata_modified',
  'mimetype',
  'name',
  'package_id',
  'position',
  'size',
  'state',
  'url',
  'url_type',
].sort();
const ORG_KEYS = [
  'approval_status',
  'created',
  'description',
  'id',
  'image_url',
  'is_organization',
  'name',
  'state',
  'title',
  'type',
].sort();
const NAIVE_DATE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$/;

describe.each(DIALECTS)('CKAN Action API (%s)', (dialect) => {
  let t: TestApp;
  let pendudukId: string;
  let rid: string;
  const names: string[] = [];
  beforeAll(async () => {
    t = await createTestApp(dialect);
    const p = await insertDataset(t.db, {
      name: 'penduduk-kelurahan',
      title: 'Jumlah Penduduk per Kelurahan',
      org: 'diskominfo',
      tags: ['kependudukan', 'kelurahan'],
      groups: ['sosial'],
      spatial: ['35.77.02.1002'],
      modified: '2025-03-01T08:00:00.000Z',
      extra: { definition: 'Banyaknya penduduk', unit: 'jiwa', indicator_formula: 'Jumlah seluruh penduduk' },
      resources: [
        { name: 'Penduduk 2023-2024', fields: PENDUDUK_FIELDS, rows: PENDUDUK_ROWS },
        { name: 'Lampiran', format: 'xlsx' },
      ],
    });
    pendudukId = p.id;
    rid = p.resourceIds[0]!;
    await insertDataset(t.db, {
      name: 'air-bersih',
      title: 'Akses Air Bersih Rumah Tangga',
      org: 'dlh',
      tags: ['lingkungan', 'kelurahan'],
      groups: ['lingkungan-hidup'],
      modified: '2023-06-01T00:00:00.000Z',
      resources: [{ name: 'Air', format: 'csv' }],
    });
    await insertDataset(t.db, {
      name: 'pencari-kerja',
      title: 'Pencari Kerja Terdaftar',
      org: 'disnaker-kukm',
      tags: ['ketenagakerjaan'],
      license: 'odc-odbl',
      modified: '2024-09-15T00:00:00.000Z',
      resources: [{ name: 'AK1', format: 'json' }],
    });
    await insertDataset(t.db, { name: 'draf-rahasia', title: 'Draf Rahasia', state: 'submitted', tags: ['kelurahan'] });
    await insertDataset(t.db, { name: 'privat', title: 'Data Privat', private: true, tags: ['kelurahan'] });
    for (let i = 0; i < 12; i++) {
      const name = `data-uji-${String(i).padStart(2, '0')}`;
      names.push(name);
      await insertDataset(t.db, {
        name,
        title: `Data Uji ${i}`,
        tags: ['uji'],
        modified: `2024-01-${String(i + 1).padStart(2, '0')}T00:00:00.000Z`,
      });
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  const action = (name: string, query = '') =>
    t.app.inject({ url: `/api/3/action/${name}${query ? '?' + query : ''}` });

  it('answers site_read, the ping CKAN clients send first, by GET and by a JSON POST', async () => {
    expect((await action('site_read')).json()).toMatchObject({ success: true, result: true });
    const posted = await t.app.inject({ method: 'POST', url: '/api/3/action/site_read', payload: {} });
    expect(posted.statusCode).toBe(200);
    expect(posted.json()).toMatchObject({ success: true, result: true });
  });

  it('answers /api/3 and status_show', async () => {
    expect((await t.app.inject({ url: '/api/3' })).json()).toEqual({ version: 3 });
    const res = (await action('status_show')).json();
    expect(res.success).toBe(true);
    expect(res.help).toMatch(/\/api\/3\/action\/help_show\?name=status_show$/);
    expect(res.result.ckan_version).toBe('2.10.4');
    expect(Object.keys(res.result)).toEqual(
      expect.arrayContaining(['ckan_version', 'site_title', 'site_url', 'extensions']),
    );
    const help = (await t.app.inject({ url: res.help.replace(/^https?:\/\/[^/]+/, '') })).json();
    expect(help.result).toContain('status');
  });

  it('package_show returns the full package dict with pinned keys, by name or id', async () => {
    const res = await action('package_show', 'id=penduduk-kelurahan');
    expect(res.statusCode).toBe(200);
    const pkg = res.json().result;
    expect(Object.keys(pkg).sort()).toEqual(PACKAGE_KEYS);
    expect(Object.keys(pkg.organization).sort()).toEqual(ORG_KEYS);
    expect(Object.keys(pkg.resources[0]).sort()).toEqual(RESOURCE_KEYS);
    expect(Object.keys(pkg.tags[0]).sort()).toEqual(['display_name', 'id', 'name', 'state', 'vocabulary_id']);
    expect(pkg.organization).toMatchObject({
      name: 'diskominfo',
      is_organization: true,
      type: 'organization',
      state: 'active',
    });
    expect(pkg).toMatchObject({
      id: pendudukId,
      name: 'penduduk-kelurahan',
      type: 'dataset',
      state: 'active',
      private: false,
      isopen: true,
      license_id: 'cc-by-4.0',
      num_resources: 2,
      num_tags: 2,
    });
    expect(pkg.license_title).toBe('Creative Commons Attribution 4.0');
    expect(pkg.metadata_modified).toBe('2025-03-01T08:00:00.000000');
    expect(pkg.metadata_created).toMatch(NAIVE_DATE);
    expect(pkg.resources[0]).toMatchObject({
      package_id: pendudukId,
      format: 'CSV',
      url_type: 'upload',
      datastore_active: true,
      position: 0,
      state: 'active',
    });
    expect(pkg.resources[0].url).toMatch(/^https?:\/\/.+\/datastore\/dump\//);
    expect(pkg.resources[0].created).toMatch(NAIVE_DATE);
    expect(pkg.groups[0]).toMatchObject({ name: 'sosial' });
    const extras = Object.fromEntries(pkg.extras.map((e: { key: string; value: string }) => [e.key, e.value]));
    expect(extras).toMatchObject({
      'Definisi Indikator': 'Banyaknya penduduk',
      'Satuan Indikator': 'jiwa',
      'Metode Rumus Perhitungan': 'Jumlah seluruh penduduk',
      'Kode Wilayah': '35.77.02.1002',
      'Periode Update Data': 'Tahunan',
      'Cara Pengumpulan Data': 'Pendataan langsung',
    });
    expect((await action('package_show', `id=${pendudukId}`)).json().result.name).toBe('penduduk-kelurahan');
  });

  it("answers unknown, draft and private datasets with CKAN's 404 envelope", async () => {
    for (const id of ['no-such-dataset', 'draf-rahasia', 'privat']) {
      const res = await action('package_show', `id=${id}`);
      expect(res.statusCode).toBe(404);
      expect(res.json()).toEqual({
        help: expect.stringContaining('name=package_show'),
        success: false,
        error: { __type: 'Not Found Error', message: 'Not found' },
      });
    }
    const missing = await action('package_show');
    expect(missing.statusCode).toBe(409);
    expect(missing.json().error).toEqual({ __type: 'Validation Error', id: ['Missing value'] });
  });

  it('package_search returns count, sort, full dicts, facets and search_facets', async () => {
    const res = await action(
      'package_search',
      `facet.field=${encodeURIComponent('["organization","tags","res_format","license_id","groups"]')}&rows=3`,
    );
    const body = res.json();
    expect(Object.keys(body.result).sort()).toEqual(['count', 'facets', 'results', 'search_facets', 'sort']);
    expect(body.result.count).toBe(15);
    expect(body.result.sort).toBe('score desc, metadata_modified desc');
    expect(body.result.results).toHaveLength(3);
    expect(Object.keys(body.result.results[0]).sort()).toEqual(PACKAGE_KEYS);
    expect(body.result.results[0].name).toBe('penduduk-kelurahan');
    expect(body.result.facets.tags).toMatchObject({ kelurahan: 2, uji: 12 });
    expect(body.result.facets.res_format).toEqual({ CSV: 2, XLSX: 1, JSON: 1 });
    expect(body.result.facets.license_id).toEqual({ 'cc-by-4.0': 14, 'odc-odbl': 1 });
    expect(body.result.search_facets.organization).toEqual({
      title: 'organization',
      items: expect.arrayContaining([{ name: 'dlh', display_name: 'Dinas Lingkungan Hidup Kota Madiun', count: 1 }]),
    });
    expect(body.result.search_facets.tags.items[0]).toEqual({ name: 'uji', display_name: 'uji', count: 12 });
    const limited = (await action('package_search', 'facet.field=tags&facet.limit=1&rows=0')).json().result;
    expect(Object.keys(limited.facets.tags)).toEqual(['uji']);
    expect(limited.results).toEqual([]);
    const none = (await action('package_search')).json().result;
    expect(none.facets).toEqual({});
    expect(none.search_facets).toEqual({});
    expect(none.results).toHaveLength(10);
  });

  it('package_search understands q, fq, fq_list, OR, negation and date ranges', async () => {
    const count = async (query: string) => (await action('package_search', query)).json().result.count as number;
    expect(await count('q=penduduk')).toBe(1);
    expect(await count('q=air%20bersih')).toBe(1);
    expect(await count('q=tags:kelurahan')).toBe(2);
    expect(await count(`fq=${encodeURIComponent('tags:kelurahan')}`)).toBe(2);
    expect(await count(`fq=${encodeURIComponent('-tags:uji')}`)).toBe(3);
    expect(await count(`fq=${encodeURIComponent('organization:dlh OR organization:disnaker-kukm')}`)).toBe(2);
    expect(await count(`fq=${encodeURIComponent('res_format:CSV')}`)).toBe(2);
    expect(await count(`fq=${encodeURIComponent('metadata_modified:[2024-06-01T00:00:00Z TO *]')}`)).toBe(2);
    expect(await count(`fq=${encodeURIComponent('metadata_modified:[* TO 2023-12-31T23:59:59Z]')}`)).toBe(1);
    expect(
      await count(`fq_list=${encodeURIComponent('tags:kelurahan')}&fq_list=${encodeURIComponent('organization:dlh')}`),
    ).toBe(1);
    expect(await count(`fq_list=${encodeURIComponent('["tags:kelurahan","-organization:dlh"]')}`)).toBe(1);
    expect(await count(`fq=${encodeURIComponent('+dataset_type:dataset')}`)).toBe(15);
    const bad = await action('package_search', `fq=${encodeURIComponent('nonsense_field:x')}`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.__type).toBe('Search Query Error');
    expect((await action('package_search', 'sort=popularity%20desc')).statusCode).toBe(400);
  });

  it('pages stably with sort=id asc until an empty page, as the CKAN harvester does', async () => {
    const seen: string[] = [];
    let previous = '';
    for (let start = 0; ; start += 4) {
      const page = (await action('package_search', `rows=4&start=${start}&sort=${encodeURIComponent('id asc')}`)).json()
        .result;
      if (!page.results.length) break;
      const ids = page.results.map((p: { id: string }) => p.id);
      expect(ids.join()).not.toBe(previous);
      previous = ids.join();
      seen.push(...ids);
    }
    expect(seen).toHaveLength(15);
    expect(new Set(seen).size).toBe(15);
    expect([...seen].sort()).toEqual(seen);
    const big = (await action('package_search', 'rows=5000')).json().result;
    expect(big.results).toHaveLength(15);
  });

  it('lists packages, organisations, groups, tags and licences', async () => {
    const list = (await action('package_list')).json().result;
    expect(list).toHaveLength(15);
    expect(list).not.toContain('draf-rahasia');
    expect((await action('package_list', 'limit=2&offset=1')).json().result).toEqual(['data-uji-00', 'data-uji-01']);
    const orgs = (await action('organization_list')).json().result;
    expect(orgs).toEqual(expect.arrayContaining(['dlh', 'diskominfo']));
    const full = (await action('organization_list', 'all_fields=true&sort=package_count%20desc&limit=2')).json().result;
    expect(full[0]).toMatchObject({ name: 'diskominfo', package_count: 13, is_organization: true });
    expect(full).toHaveLength(2);
    const org = (await action('organization_show', 'id=dlh&include_datasets=true')).json().result;
    expect(org).toMatchObject({ name: 'dlh', package_count: 1 });
    expect(org.packages[0].name).toBe('air-bersih');
    expect((await action('group_list')).json().result).toEqual(['lingkungan-hidup', 'sosial']);
    expect((await action('group_show', 'id=sosial')).json().result).toMatchObject({
      name: 'sosial',
      package_count: 1,
      is_organization: false,
    });
    expect((await action('tag_list')).json().result).toEqual([
      'kelurahan',
      'kependudukan',
      'ketenagakerjaan',
      'lingkungan',
      'uji',
    ]);
    expect((await action('tag_list', 'query=ke')).json().result).toEqual([
      'kelurahan',
      'kependudukan',
      'ketenagakerjaan',
    ]);
    const licences = (await action('license_list')).json().result;
    expect(licences.find((l: { id: string }) => l.id === 'cc-by-4.0')).toMatchObject({
      title: 'Creative Commons Attribution 4.0',
      od_conformance: 'approved',
    });
    expect((await action('organization_show', 'id=nope')).statusCode).toBe(404);
  });

  it('resource_show returns the resource dict', async () => {
    const res = (await action('resource_show', `id=${rid}`)).json();
    expect(Object.keys(res.result).sort()).toEqual(RESOURCE_KEYS);
    expect(res.result.id).toBe(rid);
    expect((await action('resource_show', 'id=nope')).statusCode).toBe(404);
  });

  it("datastore_search answers in CKAN's shape with _links, filters and a clamped limit", async () => {
    const res = (
      await action(
        'datastore_search',
        `resource_id=${rid}&limit=2&filters=${encodeURIComponent('{"kelurahan":["Sogaten","Manguharjo"]}')}&sort=${encodeURIComponent('jumlah desc')}`,
      )
    ).json();
    expect(res.success).toBe(true);
    const r = res.result;
    expect(Object.keys(r).sort()).toEqual(
      [
        '_links',
        'fields',
        'filters',
        'include_total',
        'limit',
        'records',
        'records_format',
        'resource_id',
        'sort',
        'total',
        'total_estimation_threshold',
        'total_was_estimated',
      ].sort(),
    );
    expect(r.fields[0]).toEqual({ id: '_id', type: 'int' });
    expect(r.fields.find((f: { id: string }) => f.id === 'rasio')).toEqual({
      id: 'rasio',
      type: 'numeric',
      info: { label: 'Rasio Jenis Kelamin' },
    });
    expect(r.total).toBe(4);
    expect(r.records.map((x: { jumlah: number }) => x.jumlah)).toEqual([7510, 7400]);
    expect(r._links.start).toMatch(/^\/api\/3\/action\/datastore_search\?/);
    expect(r._links.next).toContain('offset=2');
    const next = (await t.app.inject({ url: r._links.next })).json().result;
    expect(next.records.map((x: { jumlah: number }) => x.jumlah)).toEqual([5230, 5100]);
    const huge = (await action('datastore_search', `resource_id=${rid}&limit=1000000000`)).json();
    expect(huge.result.limit).toBe(32000);
    const post = await t.app.inject({
      method: 'POST',
      url: '/api/3/action/datastore_search',
      payload: { resource_id: rid, q: 'kartoharjo', fields: ['kelurahan', 'tahun'], records_format: 'lists' },
    });
    expect(post.json().result.records).toEqual([
      ['Kartoharjo', 2023],
      ['Kartoharjo', 2024],
    ]);
  });

  it("datastore_search errors keep CKAN's shapes", async () => {
    const unknown = await action(
      'datastore_search',
      `resource_id=${rid}&filters=${encodeURIComponent('{"nope":"x"}')}`,
    );
    expect(unknown.statusCode).toBe(409);
    expect(unknown.json().error).toEqual({ __type: 'Validation Error', filters: ['field "nope" not in table'] });
    const sort = await action('datastore_search', `resource_id=${rid}&sort=nope`);
    expect(sort.json().error).toEqual({ __type: 'Validation Error', sort: ['field "nope" not in table'] });
    const missing = await action('datastore_search', 'resource_id=does-not-exist');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.__type).toBe('Not Found Error');
    const noId = await action('datastore_search');
    expect(noId.json().error).toEqual({ __type: 'Validation Error', resource_id: ['Missing value'] });
    const injection = (
      await action(
        'datastore_search',
        `resource_id=${rid}&filters=${encodeURIComponent(JSON.stringify({ kelurahan: "x' OR '1'='1" }))}`,
      )
    ).json();
    expect(injection.result.total).toBe(0);
  });

  it("answers unknown and write actions in CKAN's envelope", async () => {
    const unknown = await action('no_such_action');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({ success: false, error: { __type: 'Bad request' } });
    const write = await t.app.inject({ method: 'POST', url: '/api/3/action/package_create', payload: { name: 'x' } });
    expect(write.statusCode).toBe(403);
    expect(write.json().error.__type).toBe('Authorization Error');
    const malformed = await t.app.inject({
      method: 'POST',
      url: '/api/3/action/package_search',
      headers: { 'content-type': 'application/json' },
      payload: '{bad',
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().success).toBe(false);
  });
});
