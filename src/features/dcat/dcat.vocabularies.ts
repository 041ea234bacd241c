import { langLit, lit, node, type RdfNode, type Term } from './rdf.js';

/**
 * The EU controlled vocabularies DCAT-AP 3 asks for (publications.europa.eu authority tables),
 * and how Terbuka's own codes map onto them. Each concept is written with its type and label in
 * the document itself, so a validator needs no external vocabulary to check the classes.
 * docs/dcat.md lists these tables for people.
 */
const AUTHORITY = 'http://publications.europa.eu/resource/authority';

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

/** Catalogue topic group (dataset.seed.ts) → EU data themes; a group not listed here gets no dcat:theme. */
export const THEMES_OF_GROUP: Record<string, readonly string[]> = {
  kependudukan: ['SOCI'],
  kesehatan: ['HEAL'],
  pendidikan: ['EDUC'],
  ekonomi: ['ECON'],
  sosial: ['SOCI'],
  infrastruktur: ['TRAN', 'REGI'],
  lingkungan: ['ENVI'],
  pemerintahan: ['GOVE'],
  pariwisata: ['EDUC', 'ECON'],
};

/** The EU data-theme labels (English, as in the authority table). */
const THEME_LABELS: Record<string, string> = {
  AGRI: 'Agriculture, fisheries, forestry and food',
  ECON: 'Economy and finance',
  EDUC: 'Education, culture and sport',
  ENER: 'Energy',
  ENVI: 'Environment',
  GOVE: 'Government and public sector',
  HEAL: 'Health',
  INTR: 'International issues',
  JUST: 'Justice, legal system and public safety',
  REGI: 'Regions and cities',
  SOCI: 'Population and society',
  TECH: 'Science and technology',
  TRAN: 'Transport',
};

/** Resource format (CKAN's `format`) → EU file-type code and IANA media type. */
const FILE_TYPES: Record<string, { code: string; media: string }> = {
  CSV: { code: 'CSV', media: 'text/csv' },
  TSV: { code: 'TSV', media: 'text/tab-separated-values' },
  JSON: { code: 'JSON', media: 'application/json' },
  XLSX: { code: 'XLSX', media: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
  XLS: { code: 'XLS', media: 'application/vnd.ms-excel' },
  PDF: { code: 'PDF', media: 'application/pdf' },
  GEOJSON: { code: 'GEOJSON', media: 'application/geo+json' },
  XML: { code: 'XML', media: 'application/xml' },
  ZIP: { code: 'ZIP', media: 'application/zip' },
};

export const mediaTypeOf = (format: string): string | null => FILE_TYPES[format.toUpperCase()]?.media ?? null;

const DATA_THEME_SCHEME = `${AUTHORITY}/data-theme`;

export function themeNodes(groups: readonly string[]): RdfNode[] {
  const codes = [...new Set(groups.flatMap((g) => THEMES_OF_GROUP[g] ?? []))];
  return codes.map((code) =>
    node(
      ['skos:Concept'],
      [
        ['skos:prefLabel', langLit(THEME_LABELS[code]!, 'en')],
        [
          'skos:inScheme',
          node(['skos:ConceptScheme'], [['dct:title', langLit('Data theme', 'en')]], DATA_THEME_SCHEME),
        ],
      ],
      `${DATA_THEME_SCHEME}/${code}`,
    ),
  );
}

export const frequencyNode = (frequency: string): RdfNode =>
  node(['dct:Frequency'], [], `${AUTHORITY}/frequency/${FREQUENCY[frequency] ?? 'UNKNOWN'}`);

/** Indonesian, from the EU language table (ISO 639-3 code IND). */
export const INDONESIAN: RdfNode = node(['dct:LinguisticSystem'], [], `${AUTHORITY}/language/IND`);

export function fileTypeNode(format: string): RdfNode | null {
  const type = FILE_TYPES[format.toUpperCase()];
  return type ? node(['dct:MediaTypeOrExtent'], [], `${AUTHORITY}/file-type/${type.code}`) : null;
}

export const mediaTypeNode = (media: string): RdfNode =>
  node(['dct:MediaType'], [], `https://www.iana.org/assignments/media-types/${media}`);

/**
 * A licence as a dct:LicenseDocument IRI. Licences without a public text ("not specified",
 * "other") get the portal's own licence list entry, which answers 200, instead of a text.
 */
export function licenceNode(base: string, id: string, url: string, title: string): RdfNode {
  const target = url || `${base}/api/3/action/license_list#${encodeURIComponent(id)}`;
  return node(['dct:LicenseDocument'], [['rdfs:label', lit(title)]], target);
}

export const documentNode = (url: string): Term => node(['foaf:Document'], [], url);
