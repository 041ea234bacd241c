import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isomorphic } from 'rdf-isomorphic';
import type { Quad } from 'n3';
import { DIALECTS } from '../../../test/helpers/test-env.js';
import { createTestApp, type TestApp } from '../../../test/helpers/test-app.js';
import { insertDataset } from '../catalog/catalog.fixtures.js';
import { reindexDataset } from '../catalog/catalog.index.js';
import { PENDUDUK_FIELDS, PENDUDUK_ROWS } from '../datastore/datastore.fixtures.js';
import { RDF_FORMATS, type RdfFormat } from './dcat.negotiation.js';
import { dcatApViolations, parseRdf } from './rdf-parse.fixtures.js';

const FORMATS = Object.keys(RDF_FORMATS) as RdfFormat[];
const EU = 'http://publications.europa.eu/resource/authority';
const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
const DCT = 'http://purl.org/dc/terms/';

const objectsOf = (quads: Quad[], subject: string, predicate: string) =>
  quads.filter((q) => q.subject.value === subject && q.predicate.value === predicate).map((q) => q.object);
const typesOf = (quads: Quad[], subject: string) => objectsOf(quads, subject, RDF_TYPE).map((o) => o.value);

describe.each(DIALECTS)('DCAT-AP 3.0.1 conformance, one graph in three syntaxes (%s)', (dialect) => {
  let t: TestApp;
  let base: string;
  let fullId: string;
  const get = (url: string, accept?: string) => t.app.inject({ url, headers: accept ? { accept } : {} });
  const graphOf = async (url: string, format: RdfFormat) => {
    const res = await get(url);
    expect(res.statusCode, url).toBe(200);
    expect(res.headers['content-type']).toContain(RDF_FORMATS[format].type);
    return parseRdf(format, res.body);
  };

  beforeAll(async () => {
    t = await createTestApp(dialect);
    base = t.config.baseUrl.replace(/\/$/, '');
    // A dataset using every field the catalogue has.
    const full = await insertDataset(t.db, {
      name: 'penduduk-lengkap',
      title: 'Penduduk per kelurahan',
      notes: 'Jumlah penduduk per kelurahan, menurut tahun.',
      tags: ['kependudukan', 'penduduk'],
      groups: ['kependudukan', 'infrastruktur'],
      spatial: ['35.77.02.1002'],
      license: 'cc-by-4.0',
      modified: '2025-05-01T00:00:00.000Z',
      extra: { source: 'Dinas Kependudukan dan Pencatatan Sipil' },
      resources: [
        { name: 'Penduduk 2023–2024', fields: PENDUDUK_FIELDS, rows: PENDUDUK_ROWS },
        { name: 'Peta sebaran', format: 'pdf' },
        { name: 'Catatan', format: 'docx' },
      ],
    });
    fullId = full.id;
    for (const [version, at] of [
      [1, '2024-02-01T08:00:00.000Z'],
      [2, '2025-05-01T00:00:00.000Z'],
    ] as const)
      await t.db
        .insertInto('dataset_versions')
        .values({
          dataset_id: full.id,
          version,
          metadata_json: '{}',
          resources_json: '[]',
          published_at: at,
          published_by: null,
        })
        .execute();
    // And one with as little as the walidata lets through: a title, a description, an OPD, a licence.
    const minimal = await insertDataset(t.db, { name: 'minimal', title: 'Data minimal', license: 'notspecified' });
    await t.db
      .updateTable('datasets')
      .set({ contact_name: '', contact_email: '', temporal_start: null, temporal_end: null, source: '', method: '' })
      .where('id', '=', minimal.id)
      .execute();
    await reindexDataset(t.db, minimal.id);
    for (const name of ['a', 'b']) await insertDataset(t.db, { name: `seri-${name}`, title: `Seri ${name}` });
    await insertDataset(t.db, {
      name: 'tanpa-lisensi',
      title: 'Tanpa lisensi',
      license: 'notspecified',
      resources: [{ name: 'Tabel', format: 'xlsx' }],
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('validates the catalogue and every dataset document against the DCAT-AP 3.0.1 shapes with 0 violations', async () => {
    for (const format of FORMATS) {
      expect(await dcatApViolations(await graphOf(`/catalog.${format}`, format)), `catalog.${format}`).toEqual([]);
      for (const name of ['penduduk-lengkap', 'minimal', 'tanpa-lisensi'])
        expect(await dcatApViolations(await graphOf(`/dataset/${name}.${format}`, format)), name).toEqual([]);
    }
  });

  it('writes Turtle, JSON-LD and RDF/XML of the same catalogue and dataset as isomorphic graphs', async () => {
    for (const url of ['/catalog', '/dataset/penduduk-lengkap', '/dataset/minimal']) {
      const [ttl, jsonld, rdf] = await Promise.all(FORMATS.map((f) => graphOf(`${url}.${f}`, f)));
      expect(ttl!.length).toBeGreaterThan(10);
      // The catalogue's Hydra page IRIs name the syntax (catalog.ttl?page=1 …); compare without them.
      const strip = (qs: Quad[]) =>
        qs.filter((q) => !/\/catalog\.(ttl|jsonld|rdf)\?/.test(q.subject.value + q.object.value));
      expect(isomorphic(strip(ttl!), strip(jsonld!)), `${url}: Turtle ≅ JSON-LD`).toBe(true);
      expect(isomorphic(strip(ttl!), strip(rdf!)), `${url}: Turtle ≅ RDF/XML`).toBe(true);
    }
  });

  it('uses EU vocabulary IRIs, typed, for formats, media types, licences, themes and the language', async () => {
    const g = await graphOf('/dataset/penduduk-lengkap.ttl', 'ttl');
    const dataset = `${base}/dataset/penduduk-lengkap`;
    const dists = objectsOf(g, dataset, 'http://www.w3.org/ns/dcat#distribution');
    expect(dists.map((d) => d.termType)).toEqual(['NamedNode', 'NamedNode', 'NamedNode']);
    const formats = dists.flatMap((d) => objectsOf(g, d.value, `${DCT}format`).map((f) => f.value));
    expect(formats).toEqual([`${EU}/file-type/CSV`, `${EU}/file-type/PDF`]);
    expect(typesOf(g, `${EU}/file-type/CSV`)).toEqual([`${DCT}MediaTypeOrExtent`]);
    expect(typesOf(g, 'https://www.iana.org/assignments/media-types/text/csv')).toEqual([`${DCT}MediaType`]);
    expect(typesOf(g, 'https://creativecommons.org/licenses/by/4.0/')).toEqual([`${DCT}LicenseDocument`]);
    // The dataset IRI is its landing page (as in ckanext-dcat), so it is also the foaf:Document.
    expect(typesOf(g, dataset).sort()).toEqual([
      'http://www.w3.org/ns/dcat#Dataset',
      'http://xmlns.com/foaf/0.1/Document',
    ]);
    const themes = objectsOf(g, dataset, 'http://www.w3.org/ns/dcat#theme').map((o) => o.value);
    expect(themes.sort()).toEqual([`${EU}/data-theme/REGI`, `${EU}/data-theme/SOCI`, `${EU}/data-theme/TRAN`]);
    expect(objectsOf(g, dataset, `${DCT}language`).map((o) => o.value)).toEqual([`${EU}/language/IND`]);
    // The source agency is the creator (an agent), not a dct:source text.
    expect(objectsOf(g, dataset, `${DCT}source`)).toEqual([]);
    const [creator] = objectsOf(g, dataset, `${DCT}creator`);
    expect(objectsOf(g, creator!.value, 'http://xmlns.com/foaf/0.1/name')[0]!.value).toBe(
      'Dinas Kependudukan dan Pencatatan Sipil',
    );
    // dct:issued is the first publication, dct:modified the latest change.
    expect(objectsOf(g, dataset, `${DCT}issued`)[0]!.value).toBe('2024-02-01T08:00:00Z');
    expect(objectsOf(g, dataset, `${DCT}modified`)[0]!.value).toBe('2025-05-01T00:00:00Z');
    // The wilayah is an IRI with its name.
    const place = `${base}/wilayah/35.77.02.1002`;
    expect(objectsOf(g, dataset, `${DCT}spatial`).map((o) => o.value)).toEqual([place]);
    expect(objectsOf(g, place, 'http://www.w3.org/2004/02/skos/core#prefLabel')[0]!.value).toBe('Sogaten');
    // "Not specified" is a licence IRI that answers, not a text.
    const unlicensed = await graphOf('/dataset/tanpa-lisensi.ttl', 'ttl');
    const licence = `${base}/api/3/action/license_list#notspecified`;
    expect(typesOf(unlicensed, licence)).toEqual([`${DCT}LicenseDocument`]);
    expect((await get(licence.replace(base, '').replace(/#.*/, ''))).statusCode).toBe(200);
    const catalog = await graphOf('/catalog.ttl', 'ttl');
    expect(objectsOf(catalog, `${base}/catalog`, `${DCT}publisher`)).toHaveLength(1);
    expect(objectsOf(catalog, `${base}/catalog`, `${DCT}language`).map((o) => o.value)).toEqual([`${EU}/language/IND`]);
    expect(typesOf(catalog, `${base}/data`)).toEqual(['http://xmlns.com/foaf/0.1/Document']);
  });

  it('answers /catalog by content negotiation, HTML by default', async () => {
    const html = await get('/catalog', 'text/html,application/xhtml+xml,*/*;q=0.8');
    expect(html.statusCode).toBe(303);
    expect(html.headers.location).toBe('/data');
    expect((await get('/catalog')).statusCode).toBe(303);
    for (const format of FORMATS) {
      const res = await get('/catalog', `${RDF_FORMATS[format].type}, */*;q=0.1`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain(RDF_FORMATS[format].type);
      expect(res.headers.vary).toContain('accept');
      expect((await parseRdf(format, res.body)).length).toBeGreaterThan(10);
    }
  });

  it('serves a dataset by name or UUID, in each syntax, and by content negotiation on its page', async () => {
    for (const format of FORMATS) {
      const byName = await get(`/dataset/penduduk-lengkap.${format}`);
      const byId = await get(`/dataset/${fullId}.${format}`);
      expect(byId.statusCode).toBe(200);
      expect(byId.body).toBe(byName.body);
      const negotiated = await get('/dataset/penduduk-lengkap', RDF_FORMATS[format].type);
      expect(negotiated.statusCode).toBe(200);
      expect(negotiated.headers['content-type']).toContain(RDF_FORMATS[format].type);
      expect(negotiated.body).toBe(byName.body);
      expect((await get(`/dataset/${fullId}`, RDF_FORMATS[format].type)).body).toBe(byName.body);
    }
    const page = await get(`/dataset/${fullId}`, 'text/html');
    expect(page.statusCode).toBe(301);
    expect(page.headers.location).toBe('/dataset/penduduk-lengkap');
    expect((await get('/dataset/penduduk-lengkap', 'text/html')).headers['content-type']).toContain('text/html');
    expect((await get(`/dataset/${fullId}/datapackage.json`)).statusCode).toBe(200);
    expect((await get('/dataset/tidak-ada.rdf')).statusCode).toBe(404);
    expect((await get('/dataset/tidak-ada', 'text/turtle')).statusCode).toBe(404);
  });

  it('links every RDF syntax and the datapackage from the dataset and catalogue pages', async () => {
    const page = (await get('/dataset/penduduk-lengkap', 'text/html')).body;
    for (const format of FORMATS)
      expect(page).toContain(
        `<link rel="alternate" type="${RDF_FORMATS[format].type}" href="${base}/dataset/penduduk-lengkap.${format}"`,
      );
    expect(page).toContain(`href="${base}/dataset/penduduk-lengkap/datapackage.json"`);
    const ld = JSON.parse(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(page)![1]!);
    expect(ld.spatialCoverage).toEqual([
      { '@type': 'Place', name: 'Sogaten', identifier: '35.77.02.1002', url: `${base}/wilayah/35.77.02.1002` },
    ]);
    const catalogPage = (await get('/data', 'text/html')).body;
    for (const format of FORMATS)
      expect(catalogPage).toContain(
        `<link rel="alternate" type="${RDF_FORMATS[format].type}" href="${base}/catalog.${format}"`,
      );
  });

  it('leaves out empty keywords in datapackage.json', async () => {
    expect((await get('/dataset/minimal/datapackage.json')).json()).not.toHaveProperty('keywords');
    expect((await get('/dataset/penduduk-lengkap/datapackage.json')).json().keywords).toEqual([
      'kependudukan',
      'penduduk',
    ]);
  });
});
