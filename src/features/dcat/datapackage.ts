import type { Selectable } from 'kysely';
import type { Db } from '../../storage/database.js';
import type { DatasetTable } from '../dataset/dataset.table.js';
import type { DatastoreField } from '../ingest/ingest.table.js';
import type { CkanPackage } from '../ckan/ckan.package.js';
import { licenseInfo } from '../ckan/ckan.licenses.js';
import { datasetIri } from './dcat.mapping.js';
import { mediaTypeOf } from './dcat.vocabularies.js';

const TABLE_SCHEMA_TYPES: Record<DatastoreField['type'], string> = {
  text: 'string',
  int: 'integer',
  float: 'number',
  bool: 'boolean',
  date: 'date',
  period: 'string',
};

/**
 * A period column in Table Schema: `year` and `yearmonth` where every value has that granularity
 * (they are exact: 2024, 2024-01); otherwise a string with the pattern of the sortable text.
 */
function periodSchema(f: DatastoreField): Record<string, unknown> {
  if (f.period === 'year') return { type: 'year' };
  if (f.period === 'month') return { type: 'yearmonth' };
  return { type: 'string', constraints: { pattern: '\\d{4}(-(0[1-9]|1[0-2]|Q[1-4]|S[12]))?' } };
}

/** A Frictionless name: lower case a-z0-9 . _ - only. */
export const frictionlessName = (s: string, fallback: string): string =>
  s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 100) || fallback;

/**
 * The dataset as a Frictionless Data Package (v2): one resource per resource; those in the
 * datastore are tabular with a Table Schema built from their fields and point at the CSV dump.
 */
export async function buildDataPackage(
  db: Db,
  base: string,
  pkg: CkanPackage,
  d: Selectable<DatasetTable>,
): Promise<Record<string, unknown>> {
  const ids = pkg.resources.map((r) => r.id);
  const stores = ids.length
    ? await db
        .selectFrom('datastore_tables')
        .select(['resource_id', 'fields_json'])
        .where('resource_id', 'in', ids)
        .execute()
    : [];
  const fieldsOf = new Map(stores.map((s) => [s.resource_id, JSON.parse(s.fields_json) as DatastoreField[]]));
  const used = new Set<string>();
  const licence = licenseInfo(pkg.license_id);
  const resources = pkg.resources.map((r, i) => {
    let name = frictionlessName(r.name, `resource-${i + 1}`);
    for (let k = 2; used.has(name); k++) name = `${frictionlessName(r.name, 'resource')}-${k}`;
    used.add(name);
    const fields = fieldsOf.get(r.id);
    const common = { name, title: r.name, ...(r.description ? { description: r.description } : {}) };
    if (fields && r.datastore_active) {
      return {
        ...common,
        type: 'table',
        path: `${base}/datastore/dump/${encodeURIComponent(r.id)}`,
        format: 'csv',
        mediatype: 'text/csv',
        encoding: 'utf-8',
        dialect: {
          $schema: 'https://datapackage.org/profiles/2.0/tabledialect.json',
          delimiter: ',',
          header: true,
          lineTerminator: '\r\n',
        },
        schema: {
          $schema: 'https://datapackage.org/profiles/2.0/tableschema.json',
          fields: [
            { name: '_id', type: 'integer', title: 'Nomor baris', constraints: { required: true, unique: true } },
            ...fields.map((f) => ({
              name: f.id,
              type: TABLE_SCHEMA_TYPES[f.type],
              title: f.label,
              ...(f.type === 'bool' ? { trueValues: ['true'], falseValues: ['false'] } : {}),
              ...(f.type === 'period' ? periodSchema(f) : {}),
              ...(f.unit ? { unit: f.unit } : {}),
            })),
          ],
          primaryKey: ['_id'],
          missingValues: [''],
        },
      };
    }
    const url = r.url.startsWith('/') ? base + r.url : r.url;
    const media = r.mimetype ?? mediaTypeOf(r.format);
    return {
      ...common,
      path: url,
      ...(r.format ? { format: r.format.toLowerCase() } : {}),
      ...(media ? { mediatype: media } : {}),
      ...(r.size !== null ? { bytes: r.size } : {}),
    };
  });
  return {
    $schema: 'https://datapackage.org/profiles/2.0/datapackage.json',
    name: frictionlessName(pkg.name, 'dataset'),
    id: datasetIri(base, pkg.name),
    title: pkg.title,
    ...(pkg.notes ? { description: pkg.notes } : {}),
    homepage: datasetIri(base, pkg.name),
    ...(pkg.version ? { version: `${pkg.version}.0.0` } : {}),
    ...(d.created_at ? { created: d.created_at.replace(/\.\d+Z$/, 'Z') } : {}),
    // The v2 schema wants at least one keyword when the key is there (issue 22 item 5).
    ...(pkg.tags.length ? { keywords: pkg.tags.map((t) => t.name) } : {}),
    licenses: [
      licence.url
        ? { name: pkg.license_id, path: licence.url, title: licence.title }
        : { name: pkg.license_id, title: licence.title },
    ],
    contributors: [{ title: pkg.organization.title, roles: ['publisher'] }],
    ...(d.source ? { sources: [{ title: d.source }] } : {}),
    resources: resources.length
      ? resources
      : [
          {
            name: 'metadata',
            path: `${base}/dataset/${encodeURIComponent(pkg.name)}.jsonld`,
            format: 'jsonld',
            mediatype: 'application/ld+json',
          },
        ],
  };
}
