import type { Kysely } from 'kysely';
import type { Db, DbOrTrx } from '../../storage/database.js';
import { searchProviderFor, type FullTextSpec } from '../../storage/dialects/search.js';
import { newId, nowIso } from '../../ids.js';
import { buildPackageDict, type CkanPackage } from '../ckan/ckan.package.js';
import type { FacetField } from './catalog.table.js';

export const CATALOG_FTS: FullTextSpec = { table: 'catalog_entries', key: 'dataset_id' };

function facetRows(pkg: CkanPackage, spatialCodes: string[]): { field: FacetField; value: string }[] {
  const rows: { field: FacetField; value: string }[] = [
    { field: 'organization', value: pkg.organization.name },
    { field: 'license_id', value: pkg.license_id },
    ...pkg.tags.map((t) => ({ field: 'tags' as const, value: t.name })),
    ...pkg.groups.map((g) => ({ field: 'groups' as const, value: g.name })),
    ...pkg.resources.filter((r) => r.format).map((r) => ({ field: 'res_format' as const, value: r.format })),
    ...spatialCodes.map((c) => ({ field: 'wilayah' as const, value: c })),
  ];
  const seen = new Set<string>();
  return rows
    .filter((r) => r.value && !seen.has(r.field + '\0' + r.value) && seen.add(r.field + '\0' + r.value))
    .map((r) => ({ ...r, value: r.value.slice(0, 300) }));
}

async function touch(db: DbOrTrx): Promise<void> {
  await db.updateTable('catalog_state').set({ version: newId() }).where('id', '=', 1).execute();
}

async function removeEntry(db: DbOrTrx, datasetId: string): Promise<void> {
  await touch(db);
  await searchProviderFor(db as Kysely<any>).remove(db as Kysely<any>, CATALOG_FTS, datasetId);
  await db.deleteFrom('catalog_facets').where('dataset_id', '=', datasetId).execute();
  await db.deleteFrom('catalog_entries').where('dataset_id', '=', datasetId).execute();
}

/**
 * Brings one dataset's catalogue entry in step with its tables: published and not private →
 * (re)indexed with its current package dict, facets and search text; anything else → removed.
 * Call it after publishing, withdrawing, or changing a published dataset (inside the same
 * transaction when there is one).
 */
export async function reindexDataset(db: DbOrTrx, datasetId: string): Promise<void> {
  const d = await db
    .selectFrom('datasets')
    .select(['id', 'state', 'private', 'spatial_codes', 'concept', 'definition', 'source', 'unit'])
    .where('id', '=', datasetId)
    .executeTakeFirst();
  if (!d || d.state !== 'published' || Number(d.private) !== 0) {
    await removeEntry(db, datasetId);
    return;
  }
  const pkg = await buildPackageDict(db, datasetId);
  if (!pkg) return removeEntry(db, datasetId);
  let codes: string[] = [];
  try {
    codes = (JSON.parse(d.spatial_codes) as unknown[]).map(String);
  } catch {
    codes = [];
  }
  await removeEntry(db, datasetId);
  await db
    .insertInto('catalog_entries')
    .values({
      dataset_id: pkg.id,
      name: pkg.name,
      title: pkg.title,
      title_sort: pkg.title.toLowerCase().slice(0, 300),
      organization_id: pkg.owner_org,
      metadata_created: pkg.metadata_created ?? '',
      metadata_modified: pkg.metadata_modified ?? '',
      package_json: JSON.stringify(pkg),
      indexed_at: nowIso(),
    })
    .execute();
  const facets = facetRows(pkg, codes);
  if (facets.length)
    await db
      .insertInto('catalog_facets')
      .values(facets.map((f) => ({ ...f, dataset_id: pkg.id })))
      .execute();
  const body = [
    pkg.name,
    pkg.notes,
    pkg.organization.title,
    pkg.organization.name,
    ...pkg.tags.map((t) => t.name),
    ...pkg.groups.map((g) => g.title),
    ...pkg.resources.map((r) => `${r.name} ${r.description} ${r.format}`),
    d.concept,
    d.definition,
    d.source,
    d.unit,
    ...codes,
  ].join(' ');
  await searchProviderFor(db as Kysely<any>).put(db as Kysely<any>, CATALOG_FTS, pkg.id, { title: pkg.title, body });
}

/** Re-indexes every dataset (and drops entries of datasets that are gone). Returns the number indexed. */
export async function rebuildCatalogIndex(db: Db): Promise<number> {
  const ids = await db
    .selectFrom('datasets')
    .select('id')
    .where('state', '=', 'published')
    .where('private', '=', 0)
    .execute();
  await db.transaction().execute(async (trx) => {
    const stale = await trx.selectFrom('catalog_entries').select('dataset_id').execute();
    for (const s of stale) await removeEntry(trx, s.dataset_id);
    for (const { id } of ids) await reindexDataset(trx, id);
  });
  return ids.length;
}

/** On startup: rebuilds the index when it is missing entries for published datasets. */
export async function ensureCatalogIndex(db: Db): Promise<boolean> {
  const [indexed, published] = await Promise.all([
    db
      .selectFrom('catalog_entries')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('datasets')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('state', '=', 'published')
      .where('private', '=', 0)
      .executeTakeFirstOrThrow(),
  ]);
  if (Number(indexed.n) === Number(published.n)) return false;
  await rebuildCatalogIndex(db);
  return true;
}
