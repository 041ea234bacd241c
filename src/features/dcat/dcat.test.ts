import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/helpers/test-env.js';
import { createTestApp, type TestApp } from '../../../test/helpers/test-app.js';
import { insertDataset } from '../catalog/catalog.fixtures.js';
import { PENDUDUK_FIELDS, PENDUDUK_ROWS } from '../datastore/datastore.fixtures.js';
import { langLit, node, toQuads, toRdfXml, toTurtle, toJsonLd } from './rdf.js';
import { parseJsonLd, parseRdfXml, parseTurtle } from './rdf-parse.fixtures.js';

type Graph = { '@context': Record<string, string>; '@graph': Record<string, unknown>[] };
const byType = (g: Graph, type: string) =>
  g['@graph'].filter((n) => n['@type'] === type || (Array.isArray(n['@type']) && n['@type'].includes(type)));
const byId = (g: Graph, id: unknown) => g['@graph'].find((n) => n['@id'] === (id as { '@id': string })['@id'])!;

describe('RDF writers', () => {
  it('escape quotes, backslashes, line breaks, markup and odd IRIs so each syntax reads back the same text', async () => {
    const text = 'a "b" \\ c\nd\te\r <x> & \'y\' — ü';
    const quads = toQuads([node(['dcat:Dataset'], [['dct:title', langLit(text, 'id')]], 'http://x/a%20b?c=1&d=é')]);
    for (const back of [
      parseTurtle(await toTurtle(quads)),
      await parseJsonLd(JSON.stringify(await toJsonLd(quads))),
      await parseRdfXml(toRdfXml(quads)),
    ]) {
      const title = back.find((q) => q.predicate.value === 'http://purl.org/dc/terms/title')!;
      expect(title.object.value).toBe(text);
      expect(title.subject.value).toBe('http://x/a%20b?c=1&d=é');
    }
  });
});

describe.each(DIALECTS)('DCAT, Data Package and schema.org (%s)', (dialect) => {
  let t: TestApp;
  let base: string;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    base = t.config.baseUrl.replace(/\/$/, '');
    await insertDataset(t.db, {
      name: 'penduduk',
      title: 'Penduduk "Sogaten"\\2024',
      notes: 'Jumlah penduduk per kelurahan.\nBaris kedua.',
      tags: ['kependudukan'],
      groups: ['sosial'],
      spatial: ['35.77.02.1002'],
      modified: '2025-05-01T00:00:00.000Z',
      license: 'cc-by-4.0',
      resources: [
        { name: 'Penduduk 2023–2024', fields: PENDUDUK_FIELDS, rows: PENDUDUK_ROWS },
        { name: 'Peta', format: 'pdf' },
      ],
    });
    await insertDataset(t.db, { name: 'draf', title: 'Draf', state: 'draft' });
    for (let i = 0; i < 104; i++)
      await insertDataset(t.db, {
        name: `seri-${i}`,
        title: `Seri ${i}`,
        modified: `2024-0${1 + (i % 9)}-01T00:00:00.000Z`,
      });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('serves the catalogue as JSON-LD with Hydra paging, 100 a page', async () => {
    const res = await t.app.inject({ url: '/catalog.jsonld' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/ld+json');
    const g = res.json() as Graph;
    expect(g['@context']['dcat']).toBe('http://www.w3.org/ns/dcat#');
    const [paging] = byType(g, 'hydra:PagedCollection');
    expect(paging).toMatchObject({
      'hydra:totalItems': { '@value': '105' },
      'hydra:next': { '@id': `${base}/catalog.jsonld?page=2` },
      'hydra:last': { '@id': `${base}/catalog.jsonld?page=2` },
      'hydra:first': { '@id': `${base}/catalog.jsonld?page=1` },
    });
    expect(byType(g, 'dcat:Dataset')).toHaveLength(100);
    expect(byType(g, 'dcat:Catalog')[0]!['dcat:dataset']).toHaveLength(100);
    const page2 = (await t.app.inject({ url: '/catalog.jsonld?page=2' })).json() as Graph;
    expect(byType(page2, 'dcat:Dataset')).toHaveLength(5);
    expect(byType(page2, 'hydra:PagedCollection')[0]!['hydra:next']).toBeUndefined();
    const since = (
      await t.app.inject({ url: `/catalog.jsonld?modified_since=${encodeURIComponent('2025-01-01T00:00:00Z')}` })
    ).json() as Graph;
    expect(byType(since, 'dcat:Dataset').map((d) => d['@id'])).toEqual([`${base}/dataset/penduduk`]);
    expect((await t.app.inject({ url: '/catalog.jsonld?modified_since=kemarin' })).statusCode).toBe(400);
  });

  it('maps a dataset to DCAT with its distributions', async () => {
    const g = (await t.app.inject({ url: '/dataset/penduduk.jsonld' })).json() as Graph;
    const [d] = byType(g, 'dcat:Dataset');
    expect(d).toMatchObject({
      '@id': `${base}/dataset/penduduk`,
      'dct:title': { '@value': 'Penduduk "Sogaten"\\2024', '@language': 'id' },
      'dcat:keyword': { '@value': 'kependudukan', '@language': 'id' },
      'dcat:landingPage': { '@id': `${base}/dataset/penduduk` },
      'dct:accrualPeriodicity': { '@id': 'http://publications.europa.eu/resource/authority/frequency/ANNUAL' },
      'dct:modified': { '@value': '2025-05-01T00:00:00Z', '@type': 'xsd:dateTime' },
      'dct:spatial': { '@id': `${base}/wilayah/35.77.02.1002` },
    });
    expect(byId(g, d!['dct:temporal'])).toMatchObject({
      '@type': 'dct:PeriodOfTime',
      'dcat:startDate': { '@value': '2024-01-01', '@type': 'xsd:date' },
    });
    expect(byId(g, d!['dct:publisher'])['@type']).toEqual(['foaf:Agent', 'foaf:Organization']);
    expect(byId(g, d!['dcat:contactPoint'])).toMatchObject({
      'vcard:hasEmail': { '@id': 'mailto:statistik@madiunkota.go.id' },
    });
    const dists = (d!['dcat:distribution'] as { '@id': string }[]).map((ref) => byId(g, ref));
    expect(dists).toHaveLength(2);
    expect(dists[0]).toMatchObject({
      '@type': 'dcat:Distribution',
      'dct:format': { '@id': 'http://publications.europa.eu/resource/authority/file-type/CSV' },
      'dcat:mediaType': { '@id': 'https://www.iana.org/assignments/media-types/text/csv' },
      'dct:license': { '@id': 'https://creativecommons.org/licenses/by/4.0/' },
      'dcat:byteSize': { '@value': '1234' },
    });
    expect((dists[0]!['dcat:downloadURL'] as { '@id': string })['@id']).toMatch(/\/datastore\/dump\//);
    expect((await t.app.inject({ url: '/dataset/draf.jsonld' })).statusCode).toBe(404);
  });

  it('writes Turtle with prefixes, escaped literals and the right triples', async () => {
    const res = await t.app.inject({ url: '/dataset/penduduk.ttl' });
    expect(res.headers['content-type']).toContain('text/turtle');
    const ttl = res.body;
    expect(ttl).toContain('@prefix dcat: <http://www.w3.org/ns/dcat#>.');
    expect(ttl).toMatch(new RegExp(`<${base}/dataset/penduduk> a dcat:Dataset, foaf:Document;`));
    expect(ttl).toContain('dct:title "Penduduk \\"Sogaten\\"\\\\2024"@id');
    expect(ttl).toContain('dct:description "Jumlah penduduk per kelurahan.\\nBaris kedua."@id');
    expect(ttl).toContain('dct:modified "2025-05-01T00:00:00Z"^^xsd:dateTime');
    expect(ttl).toMatch(new RegExp(`dcat:distribution <${base}/dataset/penduduk/resource/[0-9a-f-]+>, <`));
    expect(ttl.trimEnd().endsWith('.')).toBe(true);
    const cat = (await t.app.inject({ url: '/catalog.ttl?page=2' })).body;
    expect(cat).toContain('a hydra:PagedCollection');
    expect(cat).toContain('hydra:totalItems 105');
    expect(cat).toContain(`hydra:previous <${base}/catalog.ttl?page=1>`);
  });

  it('describes the dataset as a Frictionless Data Package with Table Schemas', async () => {
    const res = await t.app.inject({ url: '/dataset/penduduk/datapackage.json' });
    expect(res.statusCode).toBe(200);
    const dp = res.json();
    expect(dp.$schema).toBe('https://datapackage.org/profiles/2.0/datapackage.json');
    expect(dp.name).toMatch(/^[a-z0-9._-]+$/);
    expect(dp.licenses).toEqual([
      {
        name: 'cc-by-4.0',
        path: 'https://creativecommons.org/licenses/by/4.0/',
        title: 'Creative Commons Attribution 4.0',
      },
    ]);
    expect(dp.resources).toHaveLength(2);
    const table = dp.resources[0];
    expect(table).toMatchObject({ type: 'table', format: 'csv', mediatype: 'text/csv' });
    expect(table.name).toMatch(/^[a-z0-9._-]+$/);
    expect(table.path).toMatch(/^https?:\/\/.+\/datastore\/dump\//);
    expect(table.schema.primaryKey).toEqual(['_id']);
    expect(table.schema.fields.map((f: { name: string; type: string }) => `${f.name}:${f.type}`)).toEqual([
      '_id:integer',
      'kelurahan:string',
      'kode_wilayah:string',
      'tahun:integer',
      'jumlah:integer',
      'rasio:number',
      'aktif:boolean',
      'tanggal:date',
      'catatan:string',
    ]);
    expect(dp.resources[1]).toMatchObject({ format: 'pdf', mediatype: 'application/pdf' });
    // The CSV it points at has exactly the schema's columns.
    const csv = await t.app.inject({ url: table.path.replace(/^https?:\/\/[^/]+/, '') });
    expect(csv.body.split('\r\n')[0]).toBe(table.schema.fields.map((f: { name: string }) => f.name).join(','));
    expect((await t.app.inject({ url: '/dataset/draf/datapackage.json' })).statusCode).toBe(404);
  });

  it('puts schema.org JSON-LD and DCAT alternates in the dataset page head', async () => {
    const res = await t.app.inject({ url: '/dataset/penduduk', headers: { accept: 'text/html' } });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(
      `<link rel="alternate" type="application/ld+json" href="${base}/dataset/penduduk.jsonld"`,
    );
    expect(res.body).toContain(`<link rel="alternate" type="text/turtle" href="${base}/dataset/penduduk.ttl"`);
    const m = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(res.body);
    expect(m).not.toBeNull();
    const ld = JSON.parse(m![1]!);
    expect(ld).toMatchObject({
      '@context': 'https://schema.org/',
      '@type': 'Dataset',
      name: 'Penduduk "Sogaten"\\2024',
      url: `${base}/dataset/penduduk`,
      keywords: ['kependudukan'],
      isAccessibleForFree: true,
      temporalCoverage: '2024-01-01/2024-12-31',
    });
    expect(ld.description.length).toBeGreaterThanOrEqual(50);
    expect(ld.distribution[0]).toMatchObject({ '@type': 'DataDownload', encodingFormat: 'text/csv' });
  });
});
