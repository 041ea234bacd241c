import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Db } from '../../storage/database.js';
import { searchProviderFor } from '../../storage/dialects/search.js';
import type { CkanPackage } from '../ckan/ckan.package.js';
import { CATALOG_FTS } from './catalog.index.js';
import { FACET_FIELDS, type FacetField } from './catalog.table.js';

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

const COLUMN: Record<Exclude<SortKey, 'score'>, string> = {
  metadata_modified: 'metadata_modified', metadata_created: 'metadata_created', title: 'title_sort', name: 'name', id: 'dataset_id',
};

function condition(db: Db, clause: Clause): RawBuilder<unknown> | null {
  let inner: RawBuilder<unknown>;
  if (clause.kind === 'term') {
    if (!clause.values.length) return null;
    const values = sql.join(clause.values);
    const anyValue = clause.values.includes('*');
    if (clause.field === 'name') inner = anyValue ? sql`1 = 1` : sql`e.name in (${values})`;
    else if (clause.field === 'id') inner = anyValue ? sql`1 = 1` : sql`e.dataset_id in (${values})`;
    else if (clause.field === 'owner_org') inner = anyValue ? sql`1 = 1` : sql`e.organization_id in (${values})`;
    else if (anyValue) inner = sql`exists (select 1 from catalog_facets f where f.dataset_id = e.dataset_id and f.field = ${clause.field})`;
    else inner = sql`exists (select 1 from catalog_facets f where f.dataset_id = e.dataset_id and f.field = ${clause.field} and f.value in (${values}))`;
  } else if (clause.kind === 'range') {
    const col = sql.ref(`e.${clause.field}`);
    const parts: RawBuilder<unknown>[] = [];
    if (clause.from) parts.push(sql`${col} >= ${clause.from}`);
    if (clause.to) parts.push(sql`${col} <= ${clause.to}`);
    if (!parts.length) return null;
    inner = sql.join(parts, sql` and `);
  } else if (clause.kind === 'any') {
    const parts = clause.clauses.map((c) => condition(db, c) ?? sql`1 = 1`);
    if (!parts.length) return null;
    inner = sql.join(parts, sql` or `);
  } else if (clause.kind === 'all') {
    inner = sql`1 = 1`;
  } else {
    const matches = searchProviderFor(db as Kysely<any>).matches(CATALOG_FTS, clause.text);
    if (!matches) return null;
    inner = sql`e.dataset_id in (select doc_id from (${matches}) t)`;
  }
  return clause.negate ? sql`not (${inner})` : sql`(${inner})`;
}

/** Searches the public catalogue: count, one page of package dicts, and facet counts. */
export async function searchCatalog(db: Db, query: CatalogQuery): Promise<CatalogResult> {
  const matches = query.text.trim() ? searchProviderFor(db as Kysely<any>).matches(CATALOG_FTS, query.text) : null;
  const from = matches ? sql`catalog_entries e inner join (${matches}) m on m.doc_id = e.dataset_id` : sql`catalog_entries e`;
  const conds = query.clauses.map((c) => condition(db, c)).filter((c): c is RawBuilder<unknown> => c !== null);
  const where = conds.length ? sql`where ${sql.join(conds, sql` and `)}` : sql``;

  const order: RawBuilder<unknown>[] = [];
  for (const s of query.sort) {
    if (s.key === 'score') { if (matches) order.push(sql`m.doc_rank ${sql.raw(s.desc ? 'asc' : 'desc')}`); continue; }
    order.push(sql`${sql.ref(`e.${COLUMN[s.key]}`)} ${sql.raw(s.desc ? 'desc' : 'asc')}`);
  }
  if (!query.sort.some((s) => s.key === 'id')) order.push(sql`e.dataset_id asc`);

  const countQuery = sql<{ n: number }>`select count(*) as n from ${from} ${where}`.execute(db);
  const pageQuery = query.rows > 0
    ? sql<{ package_json: string }>`select e.package_json from ${from} ${where} order by ${sql.join(order)} limit ${query.rows} offset ${query.start}`.execute(db)
    : Promise.resolve({ rows: [] as { package_json: string }[] });

  const facetFields = query.facetFields.filter((f) => (FACET_FIELDS as readonly string[]).includes(f));
  const facetQuery = facetFields.length
    ? (matches || conds.length
      ? sql<{ field: FacetField; value: string; n: number }>`select f.field, f.value, count(*) as n from catalog_facets f where f.field in (${sql.join(facetFields)}) and f.dataset_id in (select e.dataset_id from ${from} ${where}) group by f.field, f.value`
      : sql<{ field: FacetField; value: string; n: number }>`select f.field, f.value, count(*) as n from catalog_facets f where f.field in (${sql.join(facetFields)}) group by f.field, f.value`).execute(db)
    : Promise.resolve({ rows: [] as { field: FacetField; value: string; n: number }[] });

  const [count, page, facetRows] = await Promise.all([countQuery, pageQuery, facetQuery]);
  const facets: Partial<Record<FacetField, FacetCount[]>> = {};
  for (const field of facetFields) facets[field] = [];
  for (const r of facetRows.rows) {
    const n = Number(r.n);
    if (n >= query.facetMinCount) facets[r.field]!.push({ value: r.value, count: n });
  }
  for (const field of facetFields) {
    const list = facets[field]!.sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
    if (query.facetLimit >= 0) list.splice(query.facetLimit);
  }
  return {
    count: Number(count.rows[0]?.n ?? 0),
    results: page.rows.map((r) => JSON.parse(r.package_json) as CkanPackage),
    facets,
  };
}
