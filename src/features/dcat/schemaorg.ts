import type { DatasetTable } from '../dataset/dataset.table.js';
import { datasetUrls } from '../dataset/dataset.urls.js';
import { licenseInfo } from '../ckan/ckan.licenses.js';
import type { CkanPackage } from '../ckan/ckan.package.js';
import { spatialCodes, utc } from './dcat.mapping.js';
import { mediaTypeOf } from './dcat.vocabularies.js';

/** schema.org wants 50–5000 characters of description; short notes are completed from the metadata. */
function description(d: Pick<DatasetTable, 'title' | 'notes' | 'definition'>, publisher: string | null): string {
  let text = d.notes.trim();
  if (text.length < 50)
    text = [
      text,
      d.definition,
      `${d.title}${publisher ? ` — data dari ${publisher}` : ''}, Satu Data Kelurahan Kota Madiun.`,
    ]
      .filter(Boolean)
      .join(' ');
  return text.length > 5000 ? text.slice(0, 4999) + '…' : text;
}

/**
 * schema.org Dataset for search engines. Built from the dataset row alone when the package dict
 * is not at hand, and richer (keywords, publisher, downloads) when it is. Places carry their names.
 */
export function schemaOrgDataset(
  base: string,
  d: DatasetTable,
  pkg: CkanPackage | null,
  places: ReadonlyMap<string, string>,
): Record<string, unknown> {
  const url = base + datasetUrls.page(d.name);
  const licence = licenseInfo(d.license_id);
  const codes = spatialCodes(d);
  const publisher = pkg
    ? {
        '@type': 'Organization',
        name: pkg.organization.title,
        url: `${base}/data?organization=${encodeURIComponent(pkg.organization.name)}`,
      }
    : null;
  return {
    '@context': 'https://schema.org/',
    '@type': 'Dataset',
    name: d.title,
    description: description(d, pkg?.organization.title ?? null),
    url,
    identifier: [d.id, url],
    ...(licence.url ? { license: licence.url } : {}),
    isAccessibleForFree: true,
    ...(d.published_at ? { datePublished: d.published_at } : {}),
    dateModified: d.metadata_modified,
    ...(d.temporal_start || d.temporal_end
      ? { temporalCoverage: `${d.temporal_start ?? '..'}/${d.temporal_end ?? '..'}` }
      : {}),
    ...(codes.length
      ? {
          spatialCoverage: codes.map((c) => ({
            '@type': 'Place',
            name: places.get(c) ?? c,
            identifier: c,
            url: `${base}/wilayah/${encodeURIComponent(c)}`,
          })),
        }
      : {}),
    ...(d.unit || d.measure ? { variableMeasured: [d.measure, d.unit].filter(Boolean).join(' — ') } : {}),
    ...(pkg
      ? {
          keywords: pkg.tags.map((t) => t.name),
          creator: publisher,
          publisher,
          ...(pkg.version ? { version: pkg.version } : {}),
          distribution: pkg.resources.map((r) => ({
            '@type': 'DataDownload',
            name: r.name,
            contentUrl: r.url.startsWith('/') ? base + r.url : r.url,
            encodingFormat: r.mimetype ?? mediaTypeOf(r.format) ?? r.format,
            ...(utc(r.metadata_modified) ? { dateModified: utc(r.metadata_modified) } : {}),
          })),
        }
      : {}),
    includedInDataCatalog: { '@type': 'DataCatalog', name: 'Satu Data Kelurahan', url: `${base}/data` },
  };
}
