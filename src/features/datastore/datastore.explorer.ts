import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../../storage/database.js';
import type { DatastoreField } from '../ingest/ingest.table.js';
import type { DatastoreMeta } from './datastore.repository.js';
import { parseSearchParams, type DatastoreSearch } from './datastore.params.js';
import { executeSearch, whereClause, type SearchOutcome } from './datastore.search.js';
import { filtersFromQuery } from './datastore.service.js';

export const PAGE_SIZES = [25, 50, 100] as const;
/** Summaries and charts read at most this many matching rows, so a page stays fast on any table. */
export const SUMMARY_ROW_CAP = 100_000;
export const CHART_MAX_CATEGORIES = 40;
export const AGGREGATES = ['sum', 'avg', 'count'] as const;
export type Aggregate = (typeof AGGREGATES)[number];

export interface ExplorerState {
  q: string;
  filters: Record<string, string>;
  sort: string;
  dir: 'asc' | 'desc';
  page: number;
  size: number;
  chart: { type: 'bar' | 'line'; category: string; value: string; agg: Aggregate } | null;
}

export interface ColumnSummary {
  field: DatastoreField;
  count: number;
  missing: number;
  min: number | string | null;
  max: number | string | null;
  mean: number | null;
  top: { value: string; count: number }[];
}

export interface ExplorerData {
  state: ExplorerState;
  search: DatastoreSearch;
  outcome: SearchOutcome;
  summaries: ColumnSummary[];
  summaryRows: number;
  summaryCapped: boolean;
  chart: { categories: string[]; values: (number | null)[]; truncated: boolean } | null;
}

const isNumeric = (f: DatastoreField) => f.type === 'int' || f.type === 'float';
const one = (v: unknown): string =>
  Array.isArray(v) ? String(v[0] ?? '') : v === undefined || v === null ? '' : String(v);

/** Reads the explorer's GET form. Column names are checked later against the table's fields. */
export function explorerState(query: Record<string, unknown>, meta: DatastoreMeta): ExplorerState {
  const filters: Record<string, string> = {};
  const fromQuery = filtersFromQuery(query) ?? {};
  for (const [k, v] of Object.entries(fromQuery)) filters[k] = one(v);
  const size = PAGE_SIZES.includes(Number(one(query['size'])) as 25) ? Number(one(query['size'])) : 25;
  const page = Math.min(Math.max(1, Number.parseInt(one(query['page']), 10) || 1), 1_000_000);
  const numeric = meta.fields.filter(isNumeric);
  const categorical = meta.fields.filter((f) => !isNumeric(f) && f.type !== 'bool');
  let chart: ExplorerState['chart'] = null;
  const requested = one(query['chart']);
  const category =
    one(query['cat']) ||
    (meta.wilayahColumn && categorical.some((f) => f.id === meta.wilayahColumn)
      ? meta.wilayahColumn
      : (categorical[0]?.id ?? ''));
  const value = one(query['val']) || numeric[0]?.id || '';
  const agg = (AGGREGATES as readonly string[]).includes(one(query['agg'])) ? (one(query['agg']) as Aggregate) : 'sum';
  if (category && (value || agg === 'count'))
    chart = { type: requested === 'line' ? 'line' : 'bar', category, value, agg };
  return {
    q: one(query['q']).slice(0, 200),
    filters,
    sort: one(query['sort']),
    dir: one(query['dir']) === 'desc' ? 'desc' : 'asc',
    page,
    size,
    chart,
  };
}

function aggregateSql(agg: Aggregate, column: string): RawBuilder<unknown> {
  if (agg === 'count') return sql`count(*)`;
  return agg === 'avg' ? sql`avg(${sql.id(column)})` : sql`sum(${sql.id(column)})`;
}

/** Everything the explorer page shows: one page of rows, column summaries and the chart's data. */
export async function exploreDatastore(db: Db, meta: DatastoreMeta, state: ExplorerState): Promise<ExplorerData> {
  const search = parseSearchParams(
    {
      filters: Object.keys(state.filters).length ? state.filters : undefined,
      q: state.q || undefined,
      sort: state.sort ? `"${state.sort.replace(/"/g, '""')}" ${state.dir}` : undefined,
      limit: state.size,
      offset: (state.page - 1) * state.size,
    },
    meta.fields,
    { limitPolicy: 'reject' },
  );
  const outcome = await executeSearch(db, meta, search);

  const table = sql.table(meta.tableName);
  const where = whereClause(search);
  const sample = sql`(select * from ${table} ${where} limit ${SUMMARY_ROW_CAP}) s`;
  const columns = meta.fields;
  const aggregates: RawBuilder<unknown>[] = [sql`count(*) as n`];
  columns.forEach((f, i) => {
    aggregates.push(sql`count(${sql.id(f.id)}) as ${sql.id(`c${i}`)}`);
    if (isNumeric(f) || f.type === 'date' || f.type === 'period')
      aggregates.push(
        sql`min(${sql.id(f.id)}) as ${sql.id(`mn${i}`)}`,
        sql`max(${sql.id(f.id)}) as ${sql.id(`mx${i}`)}`,
      );
    if (isNumeric(f)) aggregates.push(sql`avg(${sql.id(f.id)}) as ${sql.id(`av${i}`)}`);
  });
  const statsRow =
    (await sql<Record<string, unknown>>`select ${sql.join(aggregates)} from ${sample}`.execute(db)).rows[0] ?? {};
  const summaryRows = Number(statsRow['n'] ?? 0);
  const summaries: ColumnSummary[] = [];
  for (const [i, f] of columns.entries()) {
    const count = Number(statsRow[`c${i}`] ?? 0);
    let top: ColumnSummary['top'] = [];
    if (f.type === 'text' || f.type === 'bool') {
      const rows = (
        await sql<{
          v: unknown;
          n: number;
        }>`select ${sql.id(f.id)} as v, count(*) as n from ${sample} where ${sql.id(f.id)} is not null
          group by ${sql.id(f.id)} order by count(*) desc, ${sql.id(f.id)} limit 5`.execute(db)
      ).rows;
      top = rows.map((r) => ({
        value: f.type === 'bool' ? (Number(r.v) === 1 ? 'true' : 'false') : String(r.v),
        count: Number(r.n),
      }));
    }
    const num = (v: unknown) => (v === null || v === undefined ? null : isNumeric(f) ? Number(v) : String(v));
    summaries.push({
      field: f,
      count,
      missing: summaryRows - count,
      min: num(statsRow[`mn${i}`]),
      max: num(statsRow[`mx${i}`]),
      mean: statsRow[`av${i}`] === null || statsRow[`av${i}`] === undefined ? null : Number(statsRow[`av${i}`]),
      top,
    });
  }

  let chart: ExplorerData['chart'] = null;
  const c = state.chart;
  if (c) {
    const ids = new Set(meta.fields.map((f) => f.id));
    const valueOk = c.agg === 'count' || meta.fields.some((f) => f.id === c.value && isNumeric(f));
    if (ids.has(c.category) && valueOk) {
      const rows = (
        await sql<{
          k: unknown;
          v: unknown;
        }>`select ${sql.id(c.category)} as k, ${aggregateSql(c.agg, c.value)} as v from ${sample}
          group by ${sql.id(c.category)} order by ${sql.id(c.category)} limit ${CHART_MAX_CATEGORIES + 1}`.execute(db)
      ).rows;
      chart = {
        categories: rows.slice(0, CHART_MAX_CATEGORIES).map((r) => (r.k === null ? '—' : String(r.k))),
        values: rows.slice(0, CHART_MAX_CATEGORIES).map((r) => (r.v === null ? null : Number(r.v))),
        truncated: rows.length > CHART_MAX_CATEGORIES,
      };
    }
  }
  return { state, search, outcome, summaries, summaryRows, summaryCapped: summaryRows >= SUMMARY_ROW_CAP, chart };
}
