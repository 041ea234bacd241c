import { variableRanges, type Bound, type LinearRow, type Solver } from './lp-solver.js';
import { structuralRanges, type Structural } from './structural-range.js';
import type { LinkedTable, Mark, Relation } from './published-table.js';

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
  structural?: Map<string, Structural>;
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
  const add = (k: string) => {
    if (!parent.has(k)) parent.set(k, k);
  };
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
    const rows: LinearRow[] = comp.relations
      .map((rel) => {
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
      })
      .filter((r) => r.terms.length);
    const labelled: Bound[] = comp.vars.map((k) =>
      marks.get(k) === 'primary' ? { lo: 1, hi: T - 1 } : { lo: 0, hi: Infinity },
    );
    const bare: Bound[] = comp.vars.map(() => ({ lo: 0, hi: Infinity }));
    const [withMarks, withoutMarks] = variableRanges(
      solver,
      rows,
      [labelled, bare],
      targets.map((k) => index.get(k)!),
    );
    targets.forEach((key, n) => {
      const mark = marks.get(key)!;
      // An infeasible system means the published table contradicts itself: nothing is learnt
      // from it, and the protection's own audit never builds one (it passes the residuals).
      const [min, max] = withMarks![n]! ?? (mark === 'primary' ? [1, T - 1] : [0, Infinity]);
      const [bareMin, bareMax] = withoutMarks![n]! ?? [0, Infinity];
      const recovered = mark === 'primary' && (min > 1 + EPS || max < T - 1 - EPS || bareMax - bareMin < T - EPS);
      out.push({ key, mark, min, max, bareMin, bareMax, recovered });
    });
  }
  // What no suppression can hide (hiding everything but the zeros) is not a recovery: a total of
  // two "<5" cells is at least 2 whatever else is hidden. The structural intervals of all
  // candidates are solved together, one model per structural component.
  const cache = opts.structural ?? new Map<string, Structural>();
  structuralRanges(
    solver,
    table,
    out.filter((r) => r.recovered).map((r) => r.key),
    cache,
  );
  for (const r of out) {
    if (!r.recovered) continue;
    const [sMin, sMax, sBareMin, sBareMax] = cache.get(r.key)!;
    r.recovered =
      r.min > Math.max(1, sMin) + EPS ||
      r.max < Math.min(T - 1, sMax) - EPS ||
      r.bareMax - r.bareMin < Math.min(T, sBareMax - sBareMin) - EPS;
  }
  return out;
}
