import type { Kysely } from 'kysely';
import type { Db } from '../../storage/database.js';
import { searchProviderFor } from '../../storage/dialects/search.js';
import { compiledOnce } from '../../storage/compiled-query.js';
import type { Database } from '../../storage/schema.js';
import { CATALOG_FTS } from './catalog.index.js';
import type { FacetField } from './catalog.table.js';

/**
 * The catalogue's facet values and sort keys, held in memory per database: counting facets over
 * ten thousand datasets is a few map increments here instead of a GROUP BY per field. The
 * snapshot is reloaded whenever `catalog_state.version` changes (every index write changes it).
 */
export interface EntryKeys {
  id: string;
  name: string;
  titleSort: string;
  modified: string;
  created: string;
  organizationId: string;
  /** Ids (into the snapshot's `facetValues`) of this entry's facet values. */
  facetIds: number[];
}

/** One facet value of the catalogue, numbered so that counting is an array increment. */
export interface FacetValue {
  field: FacetField;
  value: string;
}

export interface CatalogSnapshot {
  version: string;
  entries: Map<string, EntryKeys>;
  /** field → value → dataset ids */
  inverted: Map<FacetField, Map<string, Set<string>>>;
  facetValues: FacetValue[];
  /** Full-text handle → dataset id (see SearchProvider.matchHandles). */
  handles: Map<string | number, string>;
  /** Entries in ascending order of one key (id breaking ties), computed on first use. */
  sorted: Map<SortField, EntryKeys[]>;
  /** Facet counts over every entry, computed on first use. */
  allCounts: Map<FacetField, Map<string, number>> | null;
}

export type SortField = 'titleSort' | 'name' | 'modified' | 'created' | 'id';

/** Entries sorted by a key ascending, ties by id (so the reverse is the descending order). */
export function sortedBy(snap: CatalogSnapshot, key: SortField): EntryKeys[] {
  let list = snap.sorted.get(key);
  if (!list) {
    list = [...snap.entries.values()].sort((a, b) =>
      a[key] < b[key] ? -1 : a[key] > b[key] ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
    );
    snap.sorted.set(key, list);
  }
  return list;
}

/** Facet counts over some entries: one array increment per value, then maps for what was seen. */
export function countFacets(
  snap: CatalogSnapshot,
  entries: Iterable<EntryKeys>,
  fields: Set<FacetField>,
): Map<FacetField, Map<string, number>> {
  const tally = new Int32Array(snap.facetValues.length);
  const seen: number[] = [];
  for (const e of entries) {
    const ids = e.facetIds;
    for (let i = 0; i < ids.length; i++) if (tally[ids[i]!]!++ === 0) seen.push(ids[i]!);
  }
  const counts = new Map<FacetField, Map<string, number>>();
  for (const f of fields) counts.set(f, new Map());
  for (const id of seen) counts.get(snap.facetValues[id]!.field)?.set(snap.facetValues[id]!.value, tally[id]!);
  return counts;
}

const stateVersion = compiledOnce(
  (db: Kysely<Database>, id: number) => db.selectFrom('catalog_state').select('version').where('id', '=', id),
  [1],
);

const snapshots = new WeakMap<Db, CatalogSnapshot>();
const loading = new WeakMap<Db, Promise<CatalogSnapshot>>();

async function load(db: Db, version: string): Promise<CatalogSnapshot> {
  const [entries, facets, handles] = await Promise.all([
    db
      .selectFrom('catalog_entries')
      .select(['dataset_id', 'name', 'title_sort', 'metadata_modified', 'metadata_created', 'organization_id'])
      .execute(),
    db.selectFrom('catalog_facets').select(['dataset_id', 'field', 'value']).execute(),
    searchProviderFor(db as Kysely<any>)
      .handles(CATALOG_FTS)
      .execute(db),
  ]);
  const map = new Map<string, EntryKeys>();
  for (const e of entries)
    map.set(e.dataset_id, {
      id: e.dataset_id,
      name: e.name,
      titleSort: e.title_sort,
      modified: e.metadata_modified,
      created: e.metadata_created,
      organizationId: e.organization_id,
      facetIds: [],
    });
  const inverted = new Map<FacetField, Map<string, Set<string>>>();
  const facetValues: FacetValue[] = [];
  const numbered = new Map<string, number>();
  for (const f of facets) {
    const entry = map.get(f.dataset_id);
    if (!entry) continue;
    const key = f.field + '\u0000' + f.value;
    let id = numbered.get(key);
    if (id === undefined) {
      id = facetValues.push({ field: f.field, value: f.value }) - 1;
      numbered.set(key, id);
    }
    entry.facetIds.push(id);
    let byValue = inverted.get(f.field);
    if (!byValue) inverted.set(f.field, (byValue = new Map()));
    let ids = byValue.get(f.value);
    if (!ids) byValue.set(f.value, (ids = new Set()));
    ids.add(f.dataset_id);
  }
  const byHandle = new Map(handles.rows.map((h) => [h.handle, h.doc_id]));
  return { version, entries: map, inverted, facetValues, handles: byHandle, sorted: new Map(), allCounts: null };
}

/** The current snapshot (one small query to check the version; a reload after index writes). */
export async function catalogSnapshot(db: Db): Promise<CatalogSnapshot> {
  // Checked on every search: compiled once, and synchronous on SQLite (committed data only).
  const version = (await stateVersion(db, 1))[0]?.version ?? 'none';
  const current = snapshots.get(db);
  if (current && current.version === version) return current;
  const pending = loading.get(db);
  if (pending) {
    const s = await pending;
    if (s.version === version) return s;
  }
  const promise = load(db, version);
  loading.set(db, promise);
  try {
    const s = await promise;
    snapshots.set(db, s);
    return s;
  } finally {
    if (loading.get(db) === promise) loading.delete(db);
  }
}
