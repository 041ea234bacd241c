import type { Selectable } from 'kysely';
import type { Db } from '../../storage/database.js';
import type { DatasetTable } from '../dataset/dataset.table.js';
import { datasetUrls } from '../dataset/dataset.urls.js';
import { licenseInfo } from '../ckan/ckan.licenses.js';
import type { CkanPackage } from '../ckan/ckan.package.js';
import { iri, lit, langLit, node, type RdfNode, type Term } from './rdf.js';
import {
  INDONESIAN,
  documentNode,
  fileTypeNode,
  frequencyNode,
  licenceNode,
  mediaTypeNode,
  mediaTypeOf,
  themeNodes,
} from './dcat.vocabularies.js';

/** A public dataset with what its DCAT description needs beyond the package dict. */
export interface DcatItem {
  pkg: CkanPackage;
  row: Selectable<DatasetTable>;
  /** Wilayah code → name. */
  places: Map<string, string>;
  /** When version 1 was published (dct:issued); the latest change is dct:modified. */
  firstPublished: string | null;
}

type Prop = [string, Term];

/** CKAN's naive UTC date → xsd:dateTime with the Z it means. */
export const utc = (naive: string | null): string | null => (naive ? naive.replace(/\.\d+$/, '') + 'Z' : null);
const isoSeconds = (iso: string | null): string | null => (iso ? iso.replace(/\.\d+Z$/, 'Z') : null);
const dateTime = (p: string, v: string | null): Prop[] => (v ? [[p, lit(v, 'xsd:dateTime')]] : []);

export function datasetIri(base: string, name: string): string {
  return base + datasetUrls.page(name);
}

export const distributionIri = (base: string, name: string, resourceId: string): string =>
  `${datasetIri(base, name)}/resource/${encodeURIComponent(resourceId)}`;

export function spatialCodes(d: Pick<Selectable<DatasetTable>, 'spatial_codes'>): string[] {
  try {
    return (JSON.parse(d.spatial_codes) as unknown[]).map(String);
  } catch {
    return [];
  }
}

/** An organisation as a foaf:Agent (typed both ways: validators do not read the FOAF ontology). */
export const agentNode = (name: string, identifier?: string): RdfNode =>
  node(
    ['foaf:Agent', 'foaf:Organization'],
    [['foaf:name', lit(name)], ...(identifier ? [['dct:identifier', lit(identifier)] as Prop] : [])],
  );

function distributionNode(base: string, pkg: CkanPackage, r: CkanPackage['resources'][number]): RdfNode {
  const url = r.url.startsWith('/') ? base + r.url : r.url;
  const media = r.mimetype ?? mediaTypeOf(r.format);
  const format = r.format ? fileTypeNode(r.format) : null;
  const licence = licenseInfo(pkg.license_id);
  const id = distributionIri(base, pkg.name, r.id);
  return node(
    ['dcat:Distribution'],
    [
      ['dct:title', langLit(r.name, 'id')],
      ...(r.description ? [['dct:description', langLit(r.description, 'id')] as Prop] : []),
      ['dcat:accessURL', iri(id)],
      ...(url ? [['dcat:downloadURL', iri(url)] as Prop] : []),
      ...(format ? [['dct:format', format] as Prop] : []),
      ...(media ? [['dcat:mediaType', mediaTypeNode(media)] as Prop] : []),
      ...(r.size !== null ? [['dcat:byteSize', lit(r.size, 'xsd:nonNegativeInteger')] as Prop] : []),
      ['dct:license', licenceNode(base, pkg.license_id, licence.url, licence.title)],
      ...dateTime('dct:issued', utc(r.created)),
      ...dateTime('dct:modified', utc(r.metadata_modified)),
    ],
    id,
  );
}

/** One dataset as DCAT-AP 3 (docs/dcat.md has the field table). */
export function datasetNode(base: string, item: DcatItem): RdfNode {
  const { pkg, row: d } = item;
  const landing = datasetIri(base, pkg.name);
  const props: Prop[] = [
    ['dct:title', langLit(pkg.title, 'id')],
    ['dct:identifier', lit(pkg.id)],
    ...(pkg.notes ? [['dct:description', langLit(pkg.notes, 'id')] as Prop] : []),
    ...pkg.tags.map((t) => ['dcat:keyword', langLit(t.name, 'id')] as Prop),
    ...themeNodes(pkg.groups.map((g) => g.name)).map((t) => ['dcat:theme', t] as Prop),
    ...dateTime('dct:issued', isoSeconds(item.firstPublished ?? d.published_at)),
    ...dateTime('dct:modified', utc(pkg.metadata_modified)),
    ['dcat:landingPage', documentNode(landing)],
    ['dct:language', INDONESIAN],
    ['dct:accrualPeriodicity', frequencyNode(d.update_frequency)],
    ...spatialCodes(d).map((code) => {
      const name = item.places.get(code);
      const label = name ? [['skos:prefLabel', langLit(name, 'id')] as Prop, ['rdfs:label', lit(name)] as Prop] : [];
      return [
        'dct:spatial',
        node(
          ['dct:Location'],
          [...label, ['dct:identifier', lit(code)]],
          `${base}/wilayah/${encodeURIComponent(code)}`,
        ),
      ] as Prop;
    }),
    ...(d.temporal_start || d.temporal_end
      ? [
          [
            'dct:temporal',
            node(
              ['dct:PeriodOfTime'],
              [
                ...(d.temporal_start ? [['dcat:startDate', lit(d.temporal_start, 'xsd:date')] as Prop] : []),
                ...(d.temporal_end ? [['dcat:endDate', lit(d.temporal_end, 'xsd:date')] as Prop] : []),
              ],
            ),
          ] as Prop,
        ]
      : []),
    ['dct:publisher', agentNode(pkg.organization.title, pkg.organization.name)],
    ...(d.contact_name || d.contact_email
      ? [
          [
            'dcat:contactPoint',
            node(
              ['vcard:Kind', 'vcard:Organization'],
              [
                ['vcard:fn', lit(d.contact_name || pkg.organization.title)],
                ...(d.contact_email ? [['vcard:hasEmail', iri(`mailto:${d.contact_email}`)] as Prop] : []),
              ],
            ),
          ] as Prop,
        ]
      : []),
    ...(pkg.version ? [['dcat:version', lit(pkg.version)] as Prop] : []),
    // The Satu Data source agency ("sumber data") is the agent that produced the data, not a source dataset.
    ...(d.source.trim() ? [['dct:creator', agentNode(d.source.trim())] as Prop] : []),
    ...pkg.resources.map((r) => ['dcat:distribution', distributionNode(base, pkg, r)] as Prop),
  ];
  return node(['dcat:Dataset'], props, landing);
}

/** The catalogue's own description (its datasets are listed by the caller). */
export function catalogNode(base: string, siteName: string, datasets: string[]): RdfNode {
  return node(
    ['dcat:Catalog'],
    [
      ['dct:title', langLit(siteName, 'id')],
      ['dct:description', langLit('Katalog Satu Data Kelurahan Kota Madiun', 'id')],
      ['dct:publisher', agentNode(siteName)],
      ['foaf:homepage', documentNode(`${base}/data`)],
      ['dct:language', INDONESIAN],
      ...datasets.map((id) => ['dcat:dataset', iri(id)] as Prop),
    ],
    `${base}/catalog`,
  );
}

/** Package dicts, dataset rows, place names and first publication dates for public datasets. */
export async function loadPublic(db: Db, ids: string[]): Promise<DcatItem[]> {
  if (!ids.length) return [];
  const [entries, rows, firsts] = await Promise.all([
    db.selectFrom('catalog_entries').select(['dataset_id', 'package_json']).where('dataset_id', 'in', ids).execute(),
    db.selectFrom('datasets').selectAll().where('id', 'in', ids).execute(),
    db
      .selectFrom('dataset_versions')
      .select(['dataset_id', (eb) => eb.fn.min('published_at').as('first')])
      .where('dataset_id', 'in', ids)
      .groupBy('dataset_id')
      .execute(),
  ]);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const firstOf = new Map(firsts.map((f) => [f.dataset_id, f.first as string | null]));
  const codes = [...new Set(rows.flatMap(spatialCodes))];
  const places = codes.length
    ? new Map(
        (await db.selectFrom('wilayah').select(['kode', 'nama']).where('kode', 'in', codes).execute()).map((w) => [
          w.kode,
          w.nama,
        ]),
      )
    : new Map<string, string>();
  const pkgs = new Map(entries.map((e) => [e.dataset_id, JSON.parse(e.package_json) as CkanPackage]));
  return ids
    .filter((id) => pkgs.has(id) && byId.has(id))
    .map((id) => ({ pkg: pkgs.get(id)!, row: byId.get(id)!, places, firstPublished: firstOf.get(id) ?? null }));
}
