/** One public dataset in the search index, with its CKAN package dict ready to send. */
export interface CatalogEntryTable {
  dataset_id: string;
  name: string;
  title: string;
  /** Lower-cased title for sorting by name. */
  title_sort: string;
  organization_id: string;
  metadata_created: string;
  metadata_modified: string;
  /** JSON text: the CKAN package dict (see ckan/ckan.package.ts). */
  package_json: string;
  indexed_at: string;
}

/** Facet fields, named as CKAN names them (plus `wilayah`). */
export const FACET_FIELDS = ['organization', 'groups', 'tags', 'res_format', 'license_id', 'wilayah'] as const;
export type FacetField = (typeof FACET_FIELDS)[number];

export interface CatalogFacetTable {
  field: FacetField;
  value: string;
  dataset_id: string;
}

/** One row (id 1): changes on every index write. */
export interface CatalogStateTable {
  id: number;
  version: string;
}

/** This feature's tables in the schema Kysely sees (storage/schema.ts). */
declare module '../../storage/schema.js' {
  interface Database {
    catalog_entries: CatalogEntryTable;
    catalog_facets: CatalogFacetTable;
    catalog_state: CatalogStateTable;
  }
}
