import { sql, type Kysely } from 'kysely';
import type { Db } from '../../storage/database.js';
import { searchProviderFor } from '../../storage/dialects/search.js';
import type { CkanPackage } from '../ckan/ckan.package.js';
import { CATALOG_FTS } from './catalog.index.js';
import { FACET_FIELDS, type FacetField } from './catalog.table.js';
import { catalogSnapshot, countFacets, sortedBy, type CatalogSnapshot, type EntryKeys } from './catalog.snapshot.js';

export type TermField = FacetField | 'name' | 'id' | 'owner_org';
export type DateField = 'metadata_modified' | 'metadata_created';

export type Clause =
  | { kind: 'term'; field: TermField; values: string[]; negate: boolean }
  | { kind: 'range'; field: DateField; from: string | null; to: string | null; negate: boolean }
  | { kind: 'text'; text: string; negate: boolean }
  | { kind: 'any'; clauses: Clause[]; negate: boolean }
  /** Matches every dataset (`*:*`, `type:dataset`), or none when negated. */
  | { kind: 'all'; negate: boolean };

export type SortKey = 'score' | 'metadata_modified' | 'metadata_created' | 'title' | 'name' | 'id';

export interface CatalogQuery {
  /** Free text: every word must match (the last as a prefix). */
  text: string;
  /** All must hold (AND); a term clause's values are alternatives (OR). */
  clauses: Clause[];
  sort: { key: SortKey; desc: boolean }[];
  start: number;
  rows: number;
  facetFields: FacetField[];
  /** Values per facet field (after sorting by count); -1 = all. */
  facetLimit: number;
  facetMinCount: number;
}

export interface FacetCount {
  value: string;
  count: number;
}

export interface CatalogResult {
  count: number;
  results: CkanPackage[];
  facets: Partial<Record<FacetField, FacetCount[]>>;
}

type IdSet = Set<string>;

function intersect(a: IdSet | null, b: IdSet): IdSet {
  if (a === null) return b;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  const out = new Set<string>();
  for (const id of small) if (large.has(id)) out.add(id);
  return out;
}

/**
 * The index changed between the snapshot's version check and a full-text match: the match's
 * handles (SQLite reuses the rowid of a deleted last row) may belong to other datasets than the
 * snapshot maps them to.
 */
class StaleSnapshot extends Error {}

/** Dataset id → rank (lower is better, in that order) of the datasets matching the words, or null for no words. */
async function textMatches(db: Db, snap: CatalogSnapshot, text: string): Promise<Map<string, number> | null> {
  const matches = searchProviderFor(db as Kysely<any>).matchHandles(CATALOG_FTS, text);
  if (!matches) return null;
  // Best match first: a relevance-sorted page then needs only the ties around its end sorted.
  const { rows } = await sql<{
    handle: string | number;
    doc_rank: number;
    version: string | null;
  }>`select handle, doc_rank, (select version from catalog_state where id = 1) as version from (${matches}) m order by doc_rank`.execute(
    db,
  );
  if (rows.length > 0 && (rows[0]!.version ?? 'none') !== snap.version) throw new StaleSnapshot();
  const ranks = new Map<string, number>();
  for (const r of rows) {
    const id = snap.handles.get(r.handle);
    if (id !== undefined) ranks.set(id, Number(r.doc_rank));
  }
  return ranks;
}

/** The ids a clause admits (before negation). */
async function clauseIds(db: Db, snap: CatalogSnapshot, clause: Clause): Promise<IdSet> {
  const all = () => new Set(snap.entries.keys());
  let ids: IdSet;
  if (clause.kind === 'all') ids = all();
  else if (clause.kind === 'text') {
    const m = await textMatches(db, snap, clause.text);
    ids = m ? new Set(m.keys()) : all();
  } else if (clause.kind === 'range') {
    ids = new Set();
    for (const e of snap.entries.values()) {
      const v = clause.field === 'metadata_modified' ? e.modified : e.created;
      if ((clause.from === null || v >= clause.from) && (clause.to === null || v <= clause.to)) ids.add(e.id);
    }
  } else if (clause.kind === 'any') {
    ids = new Set();
    for (const c of clause.clauses) for (const id of await admitted(db, snap, c)) ids.add(id);
  } else if (clause.values.includes('*')) {
    ids =
      clause.field === 'name' || clause.field === 'id' || clause.field === 'owner_org'
        ? all()
        : new Set([...(snap.inverted.get(clause.field)?.values() ?? [])].flatMap((x) => [...x]));
  } else if (clause.field === 'name')
    ids = new Set([...snap.entries.values()].filter((e) => clause.values.includes(e.name)).map((e) => e.id));
  else if (clause.field === 'id') ids = new Set(clause.values.filter((v) => snap.entries.has(v)));
  else if (clause.field === 'owner_org')
    ids = new Set([...snap.entries.values()].filter((e) => clause.values.includes(e.organizationId)).map((e) => e.id));
  else {
    ids = new Set();
    const byValue = snap.inverted.get(clause.field);
    for (const v of clause.values) for (const id of byValue?.get(v) ?? []) ids.add(id);
  }
  return ids;
}

async function admitted(db: Db, snap: CatalogSnapshot, clause: Clause): Promise<IdSet> {
  const ids = await clauseIds(db, snap, clause);
  if (!clause.negate) return ids;
  const out = new Set<string>();
  for (const id of snap.entries.keys()) if (!ids.has(id)) out.add(id);
  return out;
}

type Comparable = (a: EntryKeys, b: EntryKeys) => number;

/**
 * Searches the public catalogue: count, one page of package dicts, and facet counts. Full text
 * runs in the database (FTS5 / tsvector); filters, facets and sorting run on the in-memory
 * snapshot of facet values and sort keys; the page's package dicts come from the database.
 */
export async function searchCatalog(db: Db, query: CatalogQuery): Promise<CatalogResult> {
  // An index write between the snapshot and the full-text match: search again on the new snapshot.
  for (let attempt = 1; ; attempt++) {
    try {
      return await searchSnapshot(db, query, await catalogSnapshot(db));
    } catch (error) {
      if (!(error instanceof StaleSnapshot) || attempt === 3) throw error;
    }
  }
}

/** {@link searchCatalog} on one snapshot; throws StaleSnapshot when the index has moved on. */
export async function searchSnapshot(db: Db, query: CatalogQuery, snap: CatalogSnapshot): Promise<CatalogResult> {
  const ranks = query.text.trim() ? await textMatches(db, snap, query.text) : null;
  let ids: IdSet | null = ranks ? new Set(ranks.keys()) : null;
  for (const clause of query.clauses) ids = intersect(ids, await admitted(db, snap, clause));
  const matching = ids ?? new Set(snap.entries.keys());

  const facetFields = new Set(
    query.facetFields.filter((f) => (FACET_FIELDS as readonly string[]).includes(f)),
  ) as Set<FacetField>;
  // The matching entries (null: all of them).
  let matched: EntryKeys[] | null = null;
  let counts: Map<FacetField, Map<string, number>>;
  if (ids === null) {
    // Everything matches: the snapshot keeps these counts.
    if (!snap.allCounts) snap.allCounts = countFacets(snap, snap.entries.values(), new Set(FACET_FIELDS));
    counts = new Map([...facetFields].map((f) => [f, snap.allCounts!.get(f) ?? new Map<string, number>()]));
  } else {
    matched = [];
    for (const id of matching) {
      const e = snap.entries.get(id);
      if (e) matched.push(e);
    }
    counts = countFacets(snap, matched, facetFields);
  }
  const count = matched?.length ?? snap.entries.size;

  let page: EntryKeys[] = [];
  const sort = query.sort.filter((s) => s.key !== 'score' || ranks);
  const end = query.start + query.rows;
  if (query.rows > 0 && query.start < count) {
    const single =
      sort.length === 0
        ? { key: 'id' as const, desc: false }
        : sort.length === 1 && sort[0]!.key !== 'score'
          ? sort[0]!
          : null;
    if (single) {
      // One key: walk the snapshot's presorted order and stop at the end of the page.
      const key = (
        {
          metadata_modified: 'modified',
          metadata_created: 'created',
          title: 'titleSort',
          name: 'name',
          id: 'id',
          score: 'id',
        } as const
      )[single.key];
      const list = sortedBy(snap, key);
      let seen = 0;
      for (let i = 0; i < list.length && page.length < query.rows; i++) {
        const e = list[single.desc ? list.length - 1 - i : i]!;
        if (ids !== null && !matching.has(e.id)) continue;
        if (seen++ >= query.start) page.push(e);
      }
    } else {
      const rankOf = new Map<EntryKeys, number>();
      const comparators: Comparable[] = [];
      for (const s of sort) {
        const dir = s.desc ? -1 : 1;
        if (s.key === 'score') {
          comparators.push((a, b) => dir * ((rankOf.get(b) ?? 0) - (rankOf.get(a) ?? 0)));
          continue;
        }
        const key = (
          {
            metadata_modified: 'modified',
            metadata_created: 'created',
            title: 'titleSort',
            name: 'name',
            id: 'id',
          } as const
        )[s.key];
        comparators.push((a, b) => (a[key] < b[key] ? -dir : a[key] > b[key] ? dir : 0));
      }
      comparators.push((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      const entries: EntryKeys[] = [];
      if (ranks && sort[0]!.key === 'score' && sort[0]!.desc) {
        // `ranks` iterates best match first: take entries up to the page's end, plus the ones
        // that tie with the last of them (only those can still change places), then sort those.
        let lastRank = NaN;
        for (const [id, rank] of ranks) {
          if (entries.length >= end && rank !== lastRank) break;
          if (ids !== null && !matching.has(id)) continue;
          const e = snap.entries.get(id);
          if (!e) continue;
          entries.push(e);
          lastRank = rank;
        }
      } else entries.push(...(matched ?? snap.entries.values()));
      // Ranks looked up once per entry, not once per comparison.
      if (ranks) for (const e of entries) rankOf.set(e, ranks.get(e.id) ?? 0);
      entries.sort((a, b) => {
        for (const c of comparators) {
          const r = c(a, b);
          if (r) return r;
        }
        return 0;
      });
      page = entries.slice(query.start, end);
    }
  }
  const pageIds = page.map((e) => e.id);
  const rows = pageIds.length
    ? await db
        .selectFrom('catalog_entries')
        .select(['dataset_id', 'package_json'])
        .where('dataset_id', 'in', pageIds)
        .execute()
    : [];
  const byId = new Map(rows.map((r) => [r.dataset_id, r.package_json]));

  const facets: Partial<Record<FacetField, FacetCount[]>> = {};
  for (const [field, m] of counts) {
    const list = [...m]
      .filter(([, n]) => n >= query.facetMinCount)
      .map(([value, n]) => ({ value, count: n }))
      .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
    if (query.facetLimit >= 0) list.splice(query.facetLimit);
    facets[field] = list;
  }
  return {
    count,
    results: pageIds.filter((id) => byId.has(id)).map((id) => JSON.parse(byId.get(id)!) as CkanPackage),
    facets,
  };
}
