import type { Selectable } from 'kysely';
import type { Db } from '../../storage/database.js';
import type { DatasetTable } from '../dataset/dataset.table.js';
import { datasetUrls } from '../dataset/dataset.urls.js';
import { licenseInfo } from '../ckan/ckan.licenses.js';
import type { CkanPackage } from '../ckan/ckan.package.js';
import { iri, lit, langLit, node, type RdfNode, type Term } from './rdf.js';

const FREQUENCY: Record<string, string> = {
  daily: 'DAILY',
  weekly: 'WEEKLY',
  monthly: 'MONTHLY',
  quarterly: 'QUARTERLY',
  semiannual: 'ANNUAL_2',
  annual: 'ANNUAL',
  irregular: 'IRREG',
  once: 'NEVER',
};
const MEDIA_TYPES: Record<string, string> = {
  CSV: 'text/csv',
  TSV: 'text/tab-separated-values',
  JSON: 'application/json',
  XLSX: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  XLS: 'application/vnd.ms-excel',
  PDF: 'application/pdf',
  GEOJSON: 'application/geo+json',
  XML: 'application/xml',
  ZIP: 'application/zip',
};

export const mediaTypeOf = (format: string): string | null => MEDIA_TYPES[format.toUpperCase()] ?? null;

/** CKAN's naive UTC date → xsd:dateTime with the Z it means. */
export const utc = (naive: string | null): string | null => (naive ? naive.replace(/\.\d+$/, '') + 'Z' : null);

export function datasetIri(base: string, name: string): string {
  return base + datasetUrls.page(name);
}

export function spatialCodes(d: Pick<Selectable<DatasetTable>, 'spatial_codes'>): string[] {
  try {
    return (JSON.parse(d.spatial_codes) as unknown[]).map(String);
  } catch {
    return [];
  }
}

/** One dataset as DCAT (DCAT-AP style), with its distributions. */
export function datasetNode(base: string, pkg: CkanPackage, d: Selectable<DatasetTable>): RdfNode {
  const dt = (v: string | null) => (v ? [lit(v, 'xsd:dateTime')] : []);
  const props: RdfNode['props'] = [
    ['dct:title', langLit(pkg.title, 'id')],
    ['dct:identifier', lit(pkg.id)],
    ...(pkg.notes ? [['dct:description', langLit(pkg.notes, 'id')] as [string, Term]] : []),
    ...pkg.tags.map((t) => ['dcat:keyword', langLit(t.name, 'id')] as [string, Term]),
    ...pkg.groups.map(
      (g) => ['dcat:theme', iri(`${base}/data?groups=${encodeURIComponent(g.name)}`)] as [string, Term],
    ),
    ...dt(d.published_at ? d.published_at.replace(/\.\d+Z$/, 'Z') : null).map(
      (v) => ['dct:issued', v] as [string, Term],
    ),
    ...dt(utc(pkg.metadata_modified)).map((v) => ['dct:modified', v] as [string, Term]),
    ['dcat:landingPage', iri(datasetIri(base, pkg.name))],
    [
      'dct:accrualPeriodicity',
      iri(`http://publications.europa.eu/resource/authority/frequency/${FREQUENCY[d.update_frequency] ?? 'UNKNOWN'}`),
    ],
    ...spatialCodes(d).map(
      (code) =>
        [
          'dct:spatial',
          node(
            ['dct:Location'],
            [
              ['rdfs:label', lit(code)],
              ['dct:identifier', lit(code)],
            ],
            `${base}/wilayah/${encodeURIComponent(code)}`,
          ),
        ] as [string, Term],
    ),
    ...(d.temporal_start || d.temporal_end
      ? [
          [
            'dct:temporal',
            node(
              ['dct:PeriodOfTime'],
              [
                ...(d.temporal_start ? [['dcat:startDate', lit(d.temporal_start, 'xsd:date')] as [string, Term]] : []),
                ...(d.temporal_end ? [['dcat:endDate', lit(d.temporal_end, 'xsd:date')] as [string, Term]] : []),
              ],
            ),
          ] as [string, Term],
        ]
      : []),
    [
      'dct:publisher',
      node(
        ['foaf:Organization'],
        [
          ['foaf:name', lit(pkg.organization.title)],
          ['dct:identifier', lit(pkg.organization.name)],
        ],
      ),
    ],
    ...(d.contact_name || d.contact_email
      ? [
          [
            'dcat:contactPoint',
            node(
              ['vcard:Organization'],
              [
                ['vcard:fn', lit(d.contact_name || pkg.organization.title)],
                ...(d.contact_email ? [['vcard:hasEmail', iri(`mailto:${d.contact_email}`)] as [string, Term]] : []),
              ],
            ),
          ] as [string, Term],
        ]
      : []),
    ...(pkg.version ? [['adms:version', lit(pkg.version)] as [string, Term]] : []),
    ...(d.source ? [['dct:source', lit(d.source)] as [string, Term]] : []),
  ];
  const licence = licenseInfo(pkg.license_id);
  for (const r of pkg.resources) {
    const url = r.url.startsWith('/') ? base + r.url : r.url;
    const media = r.mimetype ?? mediaTypeOf(r.format);
    props.push([
      'dcat:distribution',
      node(
        ['dcat:Distribution'],
        [
          ['dct:title', langLit(r.name, 'id')],
          ...(r.description ? [['dct:description', langLit(r.description, 'id')] as [string, Term]] : []),
          ['dcat:accessURL', iri(`${datasetIri(base, pkg.name)}/resource/${encodeURIComponent(r.id)}`)],
          ...(url ? [['dcat:downloadURL', iri(url)] as [string, Term]] : []),
          ...(r.format ? [['dct:format', lit(r.format)] as [string, Term]] : []),
          ...(media
            ? [['dcat:mediaType', iri(`https://www.iana.org/assignments/media-types/${media}`)] as [string, Term]]
            : []),
          ...(r.size !== null ? [['dcat:byteSize', lit(r.size, 'xsd:nonNegativeInteger')] as [string, Term]] : []),
          ...(licence.url
            ? [['dct:license', iri(licence.url)] as [string, Term]]
            : [['dct:license', lit(licence.title)] as [string, Term]]),
          ...dt(utc(r.created)).map((v) => ['dct:issued', v] as [string, Term]),
          ...dt(utc(r.metadata_modified)).map((v) => ['dct:modified', v] as [string, Term]),
        ],
        `${datasetIri(base, pkg.name)}/resource/${encodeURIComponent(r.id)}`,
      ),
    ]);
  }
  return node(['dcat:Dataset'], props, datasetIri(base, pkg.name));
}

/** Package dicts and dataset rows for public datasets, in one round trip each. */
export async function loadPublic(
  db: Db,
  ids: string[],
): Promise<{ pkg: CkanPackage; row: Selectable<DatasetTable> }[]> {
  if (!ids.length) return [];
  const [entries, rows] = await Promise.all([
    db.selectFrom('catalog_entries').select(['dataset_id', 'package_json']).where('dataset_id', 'in', ids).execute(),
    db.selectFrom('datasets').selectAll().where('id', 'in', ids).execute(),
  ]);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const pkgs = new Map(entries.map((e) => [e.dataset_id, JSON.parse(e.package_json) as CkanPackage]));
  return ids.filter((id) => pkgs.has(id) && byId.has(id)).map((id) => ({ pkg: pkgs.get(id)!, row: byId.get(id)! }));
}
