import type { Db } from '../../storage/database.js';
import { searchCatalog, type Clause, type CatalogQuery } from './catalog.query.js';
import { facetDisplayNames } from './catalog.facets.js';
import { FACET_FIELDS, type FacetField } from './catalog.table.js';
import type { CkanPackage } from '../ckan/ckan.package.js';

export const PAGE_SIZE = 20;
export const CATALOG_SORTS = ['relevance', 'modified', 'title', 'created', 'name'] as const;
export type CatalogSort = (typeof CATALOG_SORTS)[number];

/** What the public catalogue page and its JSON twin accept. */
export interface CatalogParams {
  q: string;
  filters: Partial<Record<FacetField, string[]>>;
  sort: CatalogSort;
  page: number;
  pageSize?: number;
}

export interface CatalogPage {
  params: CatalogParams;
  count: number;
  pages: number;
  results: CkanPackage[];
  facets: Partial<Record<FacetField, { value: string; label: string; count: number; selected: boolean }[]>>;
}

const SORTS: Record<CatalogSort, CatalogQuery['sort']> = {
  relevance: [
    { key: 'score', desc: true },
    { key: 'metadata_modified', desc: true },
  ],
  modified: [{ key: 'metadata_modified', desc: true }],
  title: [{ key: 'title', desc: false }],
  created: [{ key: 'metadata_created', desc: true }],
  name: [{ key: 'name', desc: false }],
};

/** Reads the page's query string: `q`, one repeatable key per facet, `sort`, `page`. */
export function catalogParamsFrom(query: Record<string, unknown>): CatalogParams {
  const filters: CatalogParams['filters'] = {};
  for (const f of FACET_FIELDS) {
    const v = query[f];
    const values = (Array.isArray(v) ? v : v === undefined ? [] : [v])
      .map(String)
      .map((s) => s.trim())
      .filter(Boolean)
      .slice(0, 20);
    if (values.length) filters[f] = [...new Set(values)];
  }
  const sort = CATALOG_SORTS.includes(query['sort'] as CatalogSort) ? (query['sort'] as CatalogSort) : 'relevance';
  const page = Math.min(Math.max(1, Number.parseInt(String(query['page'] ?? '1'), 10) || 1), 10_000);
  return { q: String(query['q'] ?? '').slice(0, 200), filters, sort, page };
}

/** One page of the public catalogue with facet counts (values within a facet are alternatives). */
export async function browseCatalog(db: Db, params: CatalogParams): Promise<CatalogPage> {
  const size = params.pageSize ?? PAGE_SIZE;
  const clauses: Clause[] = Object.entries(params.filters).map(([field, values]) => ({
    kind: 'term',
    field: field as FacetField,
    values: values!,
    negate: false,
  }));
  const result = await searchCatalog(db, {
    text: params.q,
    clauses,
    sort: SORTS[params.sort],
    start: (params.page - 1) * size,
    rows: size,
    facetFields: [...FACET_FIELDS],
    facetLimit: 10,
    facetMinCount: 1,
  });
  const names = await facetDisplayNames(db, result.facets);
  const facets: CatalogPage['facets'] = {};
  for (const field of FACET_FIELDS) {
    const selected = params.filters[field] ?? [];
    const items = (result.facets[field] ?? []).map((i) => ({
      value: i.value,
      label: names[field]?.get(i.value) ?? i.value,
      count: i.count,
      selected: selected.includes(i.value),
    }));
    // A selected value always shows (so it can be removed), even past the top ten.
    for (const v of selected)
      if (!items.some((i) => i.value === v))
        items.push({ value: v, label: names[field]?.get(v) ?? v, count: 0, selected: true });
    facets[field] = items;
  }
  return {
    params,
    count: result.count,
    pages: Math.max(1, Math.ceil(result.count / size)),
    results: result.results,
    facets,
  };
}

/** The query string of the catalogue with one change (for facet links, sorting and paging). */
export function catalogQueryString(
  params: CatalogParams,
  change: { toggle?: [FacetField, string]; page?: number; sort?: CatalogSort } = {},
): string {
  const qs = new URLSearchParams();
  if (params.q) qs.set('q', params.q);
  for (const f of FACET_FIELDS) {
    let values = params.filters[f] ?? [];
    if (change.toggle?.[0] === f)
      values = values.includes(change.toggle[1])
        ? values.filter((v) => v !== change.toggle![1])
        : [...values, change.toggle[1]];
    for (const v of values) qs.append(f, v);
  }
  const sort = change.sort ?? params.sort;
  if (sort !== 'relevance') qs.set('sort', sort);
  const page = change.page ?? (change.toggle || change.sort ? 1 : params.page);
  if (page > 1) qs.set('page', String(page));
  const s = qs.toString();
  return s ? `?${s}` : '';
}
