import { parentKode, periodType } from '../period.js';
import type { Relation } from './published-table.js';

/** One stored value of an indicator in a linked group. */
export interface GroupValue {
  indicatorId: string;
  sourceId: string;
  wilayahKode: string;
  period: string;
  value: number;
}

export interface GroupIndicator {
  id: string;
  /** Small counts of this indicator's cells are hidden (primary suppression). */
  protect: boolean;
  /** The total this indicator is a breakdown of, and along which dimension (sex, age…). */
  breakdownOf: string | null;
  dimension: string | null;
}

/**
 * A source of an indicator in the group. Breakdown cells link to the total's cells of the source
 * with the same link key: the organisation, or the producer text when the source has none.
 */
export interface GroupSource {
  id: string;
  indicatorId: string;
  linkKey: string;
}

export interface Node {
  key: string;
  indicatorId: string;
  sourceId: string;
  wilayahKode: string;
  period: string;
  value: number | null;
}

export interface BuiltTable {
  /** Every cell the relations name: stored values, and missing cells (value null: unknowns). */
  nodes: Map<string, Node>;
  relations: Relation[];
}

export const cellKey = (indicatorId: string, sourceId: string, wilayahKode: string, period: string) =>
  `${indicatorId}|${sourceId}|${wilayahKode}|${period}`;

/** The period a period adds up into: month → quarter → year. */
export function periodParent(period: string): string | null {
  const type = periodType(period);
  if (type === 'month') return `${period.slice(0, 4)}-Q${Math.ceil(Number(period.slice(5, 7)) / 3)}`;
  if (type === 'quarter') return period.slice(0, 4);
  return null;
}

/**
 * The whole published table of one linked group, as cells and additive relations:
 * - areas: a parent equals the sum of its children, for each indicator, source and period;
 * - periods: a year equals the sum of its quarters, a quarter the sum of its months;
 * - breakdowns: a total equals the sum of its members along each dimension, for each area and period.
 * A cell a relation needs but nobody stored (a kecamatan when only kelurahan and the city have
 * values; the quarters of a year published only by month) is a missing node: an unknown, never a
 * zero, so "city minus the visible kelurahan" is seen through it. The node set is closed under all
 * three kinds of relation. Children that are not stored at all (and have no stored descendants)
 * are left out, which is conservative: the attacker is assumed to know they are zero.
 * Each relation carries the residual of the stored figures (0 when they add up; a real
 * difference such as unallocated people otherwise; missing nodes are summed from their children).
 */
export function buildLinkedTable(
  values: readonly GroupValue[],
  indicators: readonly GroupIndicator[],
  sources: readonly GroupSource[],
): BuiltTable {
  const byId = new Map(indicators.map((i) => [i.id, i]));
  const linkOf = new Map(sources.map((s) => [s.id, s.linkKey]));
  const sourceFor = (indicatorId: string, linkKey: string) =>
    sources.find((s) => s.indicatorId === indicatorId && s.linkKey === linkKey)?.id;
  // Members of each total per dimension.
  const members = new Map<string, Map<string, string[]>>();
  for (const ind of indicators) {
    if (!ind.breakdownOf || !byId.has(ind.breakdownOf)) continue;
    const dims = members.get(ind.breakdownOf) ?? new Map<string, string[]>();
    members.set(ind.breakdownOf, dims);
    const dim = ind.dimension ?? 'other';
    dims.set(dim, [...(dims.get(dim) ?? []), ind.id]);
  }

  const nodes = new Map<string, Node>();
  const queue: Node[] = [];
  const ensure = (
    indicatorId: string,
    sourceId: string,
    wilayahKode: string,
    period: string,
    value: number | null = null,
  ) => {
    const key = cellKey(indicatorId, sourceId, wilayahKode, period);
    if (nodes.has(key)) return;
    const node = { key, indicatorId, sourceId, wilayahKode, period, value };
    nodes.set(key, node);
    queue.push(node);
  };
  for (const v of values) ensure(v.indicatorId, v.sourceId, v.wilayahKode, v.period, v.value);

  /** The breakdown relations a node takes part in: [total indicator, its source, dimension, member ids]. */
  const breakdownsOf = (n: Node): Array<{ total: string; totalSource: string; memberIds: string[] }> => {
    const link = linkOf.get(n.sourceId);
    if (link === undefined) return [];
    const out: Array<{ total: string; totalSource: string; memberIds: string[] }> = [];
    const asTotal = members.get(n.indicatorId);
    if (asTotal)
      for (const ids of asTotal.values()) out.push({ total: n.indicatorId, totalSource: n.sourceId, memberIds: ids });
    const ind = byId.get(n.indicatorId);
    if (ind?.breakdownOf && members.has(ind.breakdownOf)) {
      const totalSource = sourceFor(ind.breakdownOf, link);
      const ids = members.get(ind.breakdownOf)!.get(ind.dimension ?? 'other')!;
      if (totalSource) out.push({ total: ind.breakdownOf, totalSource, memberIds: ids });
    }
    return out;
  };

  while (queue.length) {
    const n = queue.pop()!;
    const pw = parentKode(n.wilayahKode);
    if (pw) ensure(n.indicatorId, n.sourceId, pw, n.period);
    const pp = periodParent(n.period);
    if (pp) ensure(n.indicatorId, n.sourceId, n.wilayahKode, pp);
    for (const b of breakdownsOf(n)) {
      ensure(b.total, b.totalSource, n.wilayahKode, n.period);
      const link = linkOf.get(b.totalSource)!;
      for (const m of b.memberIds) {
        const src = sourceFor(m, link);
        if (src) ensure(m, src, n.wilayahKode, n.period);
      }
    }
  }

  const relations: Relation[] = [];
  const children = (parentOf: (n: Node) => string | null) => {
    const groups = new Map<string, string[]>();
    for (const n of nodes.values()) {
      const p = parentOf(n);
      if (!p || !nodes.has(p)) continue;
      const list = groups.get(p);
      if (list) list.push(n.key);
      else groups.set(p, [n.key]);
    }
    for (const [total, parts] of groups) relations.push({ total, parts });
  };
  children((n) => {
    const p = parentKode(n.wilayahKode);
    return p ? cellKey(n.indicatorId, n.sourceId, p, n.period) : null;
  });
  children((n) => {
    const p = periodParent(n.period);
    return p ? cellKey(n.indicatorId, n.sourceId, n.wilayahKode, p) : null;
  });
  for (const n of nodes.values()) {
    const dims = members.get(n.indicatorId);
    const link = linkOf.get(n.sourceId);
    if (!dims || link === undefined) continue;
    for (const ids of dims.values()) {
      const parts = ids
        .map((m) => sourceFor(m, link))
        .flatMap((src, i) => (src ? [cellKey(ids[i]!, src, n.wilayahKode, n.period)] : []))
        .filter((k) => nodes.has(k));
      if (parts.length) relations.push({ total: n.key, parts });
    }
  }
  withResiduals(nodes, relations);
  return { nodes, relations };
}

/** Missing nodes get the sum of their children (bottom-up, 0 when none is known); each relation keeps its residual. */
function withResiduals(nodes: Map<string, Node>, relations: Relation[]): void {
  const imputed = new Map<string, number>();
  const cellValue = (k: string) => nodes.get(k)!.value ?? imputed.get(k);
  let changed = true;
  while (changed) {
    changed = false;
    for (const rel of relations) {
      if (cellValue(rel.total) !== undefined) continue;
      const parts = rel.parts.map(cellValue);
      if (parts.every((v) => v !== undefined)) {
        imputed.set(rel.total, parts.reduce((a, b) => a! + b!, 0)!);
        changed = true;
      }
    }
  }
  for (const rel of relations) {
    const total = cellValue(rel.total) ?? 0;
    const sum = rel.parts.reduce((a, k) => a + (cellValue(k) ?? 0), 0);
    rel.residual = total - sum;
  }
}

/** Each cell's relations (as total or as part), for walking a table cell by cell. */
export function relationsByCell(relations: readonly Relation[]): Map<string, Relation[]> {
  const byCell = new Map<string, Relation[]>();
  for (const rel of relations) {
    for (const k of [rel.total, ...rel.parts]) {
      const list = byCell.get(k);
      if (list) list.push(rel);
      else byCell.set(k, [rel]);
    }
  }
  return byCell;
}
