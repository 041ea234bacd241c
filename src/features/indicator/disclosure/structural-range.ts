import { variableRanges, type LinearRow, type Solver } from './lp-solver.js';
import type { LinkedTable, Relation } from './published-table.js';
import { relationsByCell } from './linked-table.js';

/** [min, max] with the marks, then [min, max] without them. */
export type Structural = [number, number, number, number];

interface Index {
  zero: Set<string>;
  primary: Set<string>;
  relationsOf: Map<string, Relation[]>;
}
const indexes = new WeakMap<LinkedTable, Index>();
function indexOf(table: LinkedTable) {
  let ix = indexes.get(table);
  if (ix) return ix;
  const relationsOf = relationsByCell(table.relations);
  ix = {
    zero: new Set(table.cells.filter((c) => c.mark === undefined && c.value === 0).map((c) => c.key)),
    primary: new Set(table.cells.filter((c) => c.mark === 'primary').map((c) => c.key)),
    relationsOf,
  };
  indexes.set(table, ix);
  return ix;
}

/**
 * The interval of each primary cell when every cell but the published zeros is hidden: with marks
 * (primaries in [1, T-1], others >= 0) and without. That world is the same for every cell, so the
 * cells of one structural component (cells linked through non-zero cells) share one LP model and
 * its warm start, instead of a model built and parsed per cell. Results go into `cache`.
 */
export function structuralRanges(
  solver: Solver,
  table: LinkedTable,
  keys: readonly string[],
  cache: Map<string, Structural>,
): void {
  const T = table.threshold;
  const { zero, primary, relationsOf } = indexOf(table);
  const wanted = new Set(keys.filter((k) => !cache.has(k)));
  for (const key of wanted) {
    if (cache.has(key)) continue;
    const vars = new Map<string, number>([[key, 0]]);
    const rels = new Set<Relation>();
    const stack = [key];
    while (stack.length) {
      for (const rel of relationsOf.get(stack.pop()!) ?? []) {
        if (rels.has(rel)) continue;
        rels.add(rel);
        for (const m of [rel.total, ...rel.parts]) {
          if (!zero.has(m) && !vars.has(m)) {
            vars.set(m, vars.size);
            stack.push(m);
          }
        }
      }
    }
    const rows: LinearRow[] = [...rels]
      .map((rel) => {
        const coef = new Map<number, number>();
        const term = (k: string, c: number) => {
          const i = vars.get(k);
          if (i !== undefined) coef.set(i, (coef.get(i) ?? 0) + c);
        };
        term(rel.total, 1);
        for (const p of rel.parts) term(p, -1);
        return { terms: [...coef].filter(([, c]) => c !== 0), rhs: rel.residual ?? 0 };
      })
      .filter((r) => r.terms.length);
    const names = [...vars.keys()];
    const targets = names.filter((k) => wanted.has(k));
    const labelled = names.map((k) => (primary.has(k) ? { lo: 1, hi: T - 1 } : { lo: 0, hi: Infinity }));
    const bare = names.map(() => ({ lo: 0, hi: Infinity }));
    const [a, b] = variableRanges(
      solver,
      rows,
      [labelled, bare],
      targets.map((k) => vars.get(k)!),
    );
    targets.forEach((k, i) => {
      const [lo, hi] = a![i] ?? [1, T - 1];
      const [bareLo, bareHi] = b![i] ?? [0, Infinity];
      cache.set(k, [lo, hi, bareLo, bareHi]);
    });
  }
}
