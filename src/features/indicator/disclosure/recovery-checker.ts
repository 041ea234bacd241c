import { variableRange, variableRanges, type Bound, type LinearRow, type Solver } from './lp-solver.js';

export type Mark = 'primary' | 'secondary';

/** One cell of a published table: its published value, or the mark shown in its place. */
export type PublishedCell = { key: string; value: number; mark?: undefined } | { key: string; mark: Mark; value?: undefined };

/**
 * total = sum(parts) + residual. The residual is 0 for a table that adds up; the protection passes
 * the real difference (e.g. unallocated people) so that its audit assumes an attacker who knows it.
 */
export interface Relation { total: string; parts: readonly string[]; residual?: number }

export interface LinkedTable {
  cells: readonly PublishedCell[];
  relations: readonly Relation[];
  threshold: number;
}

export interface Recovery {
  key: string;
  mark: Mark;
  /** What the attacker can pin the cell to from the equations, the marks and non-negativity. */
  min: number;
  max: number;
  /** The same without the marks: equations and non-negativity only. */
  bareMin: number;
  bareMax: number;
  recovered: boolean;
}

const EPS = 1e-6;

export interface CheckOptions {
  /** Report only these cells. */
  only?: ReadonlySet<string>;
  /** Audit only the components (unknowns linked by relations) holding one of these cells. */
  dirty?: ReadonlySet<string>;
  withSecondary?: boolean;
  /**
   * Cache of each primary cell's structural interval (what the attacker learns when every
   * non-zero cell is hidden). It does not depend on the suppression pattern, so callers that
   * check one table again and again (the protection) pass one map for all rounds.
   */
  structural?: Map<string, [number, number, number, number]>;
}

/**
 * The attacker model (the specification of the protection). Variables are the hidden cells and
 * the cells a relation names but the table does not publish (missing: unknown, never zero).
 * Constraints: every relation, every variable >= 0, a "<T" cell in [1, T-1] (zeros are
 * published, so a primary cell is at least 1), published cells are constants. For every primary
 * cell, linear programming gives the interval the attacker can pin it to. It is RECOVERED when that
 * interval is narrower than its label already says (min > 1 or max < T-1), or when the equations
 * alone pin it to an interval narrower than T. Secondary cells are reported when `withSecondary`.
 */
export function checkRecovery(solver: Solver, table: LinkedTable, opts: CheckOptions = {}): Recovery[] {
  const T = table.threshold;
  const published = new Map<string, number>();
  const marks = new Map<string, Mark>();
  for (const c of table.cells) {
    if (c.mark) marks.set(c.key, c.mark);
    else published.set(c.key, c.value);
  }
  const isVar = (k: string) => !published.has(k);
  // Union-find over the unknowns: two unknowns in one relation are in one component.
  const parent = new Map<string, string>();
  const find = (k: string): string => {
    let r = k;
    while (parent.get(r) !== r) r = parent.get(r)!;
    parent.set(k, r);
    return r;
  };
  const add = (k: string) => { if (!parent.has(k)) parent.set(k, k); };
  const unknownsOf = (rel: Relation) => [rel.total, ...rel.parts].filter(isVar);
  for (const rel of table.relations) {
    const vars = unknownsOf(rel);
    vars.forEach(add);
    for (let i = 1; i < vars.length; i++) parent.set(find(vars[i]!), find(vars[0]!));
  }
  for (const k of marks.keys()) add(k);
  const components = new Map<string, { vars: string[]; relations: Relation[] }>();
  for (const k of parent.keys()) {
    const root = find(k);
    let comp = components.get(root);
    if (!comp) components.set(root, (comp = { vars: [], relations: [] }));
    comp.vars.push(k);
  }
  for (const rel of table.relations) {
    const vars = unknownsOf(rel);
    if (vars.length) components.get(find(vars[0]!))!.relations.push(rel);
  }

  const out: Recovery[] = [];
  for (const comp of components.values()) {
    const targets = comp.vars.filter((k) => {
      const m = marks.get(k);
      return (m === 'primary' || (m === 'secondary' && opts.withSecondary)) && (!opts.only || opts.only.has(k));
    });
    if (!targets.length || (opts.dirty && !comp.vars.some((k) => opts.dirty!.has(k)))) continue;
    const index = new Map(comp.vars.map((k, i) => [k, i]));
    const rows: LinearRow[] = comp.relations.map((rel) => {
      const coef = new Map<number, number>();
      let rhs = rel.residual ?? 0;
      const term = (k: string, c: number) => {
        const v = published.get(k);
        if (v === undefined) coef.set(index.get(k)!, (coef.get(index.get(k)!) ?? 0) + c);
        else rhs -= c * v;
      };
      // total - sum(parts) = residual
      term(rel.total, 1);
      for (const p of rel.parts) term(p, -1);
      return { terms: [...coef].filter(([, c]) => c !== 0), rhs };
    }).filter((r) => r.terms.length);
    const labelled: Bound[] = comp.vars.map((k) => (marks.get(k) === 'primary' ? { lo: 1, hi: T - 1 } : { lo: 0, hi: Infinity }));
    const bare: Bound[] = comp.vars.map(() => ({ lo: 0, hi: Infinity }));
    const [withMarks, withoutMarks] = variableRanges(solver, rows, [labelled, bare], targets.map((k) => index.get(k)!));
    targets.forEach((key, n) => {
      const mark = marks.get(key)!;
      const withLabels = withMarks![n]!;
      const withoutLabels = withoutMarks![n]!;
      // An infeasible system means the published table contradicts itself: nothing is learnt
      // from it, and the protection's own audit never builds one (it passes the residuals).
      const [min, max] = withLabels ?? (mark === 'primary' ? [1, T - 1] : [0, Infinity]);
      const [bareMin, bareMax] = withoutLabels ?? [0, Infinity];
      let recovered = mark === 'primary'
        && (min > 1 + EPS || max < T - 1 - EPS || bareMax - bareMin < T - EPS);
      if (recovered) {
        // What no suppression can hide (hiding everything but the zeros) is not a recovery: a
        // total of two "<5" cells is at least 2 whatever else is hidden.
        const cache = opts.structural ?? new Map();
        let s = cache.get(key);
        if (!s) cache.set(key, (s = structuralRange(solver, table, key)));
        const [sMin, sMax, sBareMin, sBareMax] = s;
        recovered = min > Math.max(1, sMin) + EPS || max < Math.min(T - 1, sMax) - EPS
          || bareMax - bareMin < Math.min(T, sBareMax - sBareMin) - EPS;
      }
      out.push({ key, mark, min, max, bareMin, bareMax, recovered });
    });
  }
  return out;
}

const indexes = new WeakMap<LinkedTable, { zero: Set<string>; primary: Set<string>; relationsOf: Map<string, Relation[]> }>();
function indexOf(table: LinkedTable) {
  let ix = indexes.get(table);
  if (ix) return ix;
  const relationsOf = new Map<string, Relation[]>();
  for (const rel of table.relations) {
    for (const k of [rel.total, ...rel.parts]) {
      const list = relationsOf.get(k);
      if (list) list.push(rel);
      else relationsOf.set(k, [rel]);
    }
  }
  ix = {
    zero: new Set(table.cells.filter((c) => c.mark === undefined && c.value === 0).map((c) => c.key)),
    primary: new Set(table.cells.filter((c) => c.mark === 'primary').map((c) => c.key)),
    relationsOf,
  };
  indexes.set(table, ix);
  return ix;
}

/**
 * The interval of a primary cell when every cell but the published zeros is hidden: with marks
 * (primaries in [1, T-1], others >= 0) and without. Built over the cell's component in that world.
 */
function structuralRange(solver: Solver, table: LinkedTable, key: string): [number, number, number, number] {
  const T = table.threshold;
  const { zero, primary, relationsOf } = indexOf(table);
  const vars = new Map<string, number>([[key, 0]]);
  const rels = new Set<Relation>();
  const stack = [key];
  while (stack.length) {
    for (const rel of relationsOf.get(stack.pop()!) ?? []) {
      if (rels.has(rel)) continue;
      rels.add(rel);
      for (const m of [rel.total, ...rel.parts]) if (!zero.has(m) && !vars.has(m)) { vars.set(m, vars.size); stack.push(m); }
    }
  }
  const rows: LinearRow[] = [...rels].map((rel) => {
    const coef = new Map<number, number>();
    const term = (k: string, c: number) => { const i = vars.get(k); if (i !== undefined) coef.set(i, (coef.get(i) ?? 0) + c); };
    term(rel.total, 1);
    for (const p of rel.parts) term(p, -1);
    return { terms: [...coef].filter(([, c]) => c !== 0), rhs: rel.residual ?? 0 };
  }).filter((r) => r.terms.length);
  const keys = [...vars.keys()];
  const labelled = keys.map((k) => (primary.has(k) ? { lo: 1, hi: T - 1 } : { lo: 0, hi: Infinity }));
  const bare = keys.map(() => ({ lo: 0, hi: Infinity }));
  const a = variableRange(solver, rows, labelled, 0) ?? [1, T - 1];
  const b = variableRange(solver, rows, bare, 0) ?? [0, Infinity];
  return [a[0], a[1], b[0], b[1]];
}

/** Only the recovered cells. */
export const recoveredCells = (solver: Solver, table: LinkedTable, opts?: CheckOptions) =>
  checkRecovery(solver, table, opts).filter((r) => r.recovered);
