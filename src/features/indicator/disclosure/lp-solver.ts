import * as highsModule from 'highs';
import type { Highs } from 'highs';

/** The HiGHS solver (WebAssembly, bundled in the npm package: no network, no native add-on). */
export type Solver = Highs;

// The package is CommonJS with an ES entry: its types describe the CommonJS shape, so the loader
// is `default` at run time from the ES entry and `default.default` through the CommonJS types.
type Loader = () => Promise<Highs>;
const ns = highsModule as unknown as { default: Loader | { default: Loader } };
const loadHighs: Loader = typeof ns.default === 'function' ? ns.default : ns.default.default;

let loading: Promise<Solver> | undefined;

/** Loads HiGHS once per process (~40 ms); every caller shares the instance. */
export function loadSolver(): Promise<Solver> {
  loading ??= loadHighs();
  return loading;
}

export interface LinearRow {
  /** Variable index → coefficient. */
  terms: Array<[number, number]>;
  /** Right-hand side: sum(coef * var) = rhs. */
  rhs: number;
}

export interface Bound {
  lo: number;
  hi: number;
}

function lpBody(rows: readonly LinearRow[], bounds: readonly Bound[]): string {
  const out: string[] = ['Subject To'];
  rows.forEach((row, i) => {
    const terms = row.terms.map(([v, c], k) => `${c < 0 ? '-' : k ? '+' : ''} ${Math.abs(c)} x${v}`).join(' ');
    out.push(` c${i}: ${terms} = ${row.rhs}`);
  });
  out.push('Bounds');
  bounds.forEach((b, i) => {
    const hi = Number.isFinite(b.hi) ? ` <= ${b.hi}` : '';
    out.push(Number.isFinite(b.hi) ? ` ${b.lo} <= x${i}${hi}` : ` x${i} >= ${b.lo}`);
  });
  out.push('End');
  return out.join('\n');
}

/**
 * The same as variableRange for many targets over one system: one persistent HiGHS model, the
 * objective moved from target to target, so each solve starts from the previous basis.
 * `boundSets` gives alternative bounds (e.g. with and without the marks); results are per set.
 */
export function variableRanges(
  solver: Solver,
  rows: readonly LinearRow[],
  boundSets: ReadonlyArray<readonly Bound[]>,
  targets: readonly number[],
): Array<Array<[number, number] | null>> {
  const first = boundSets[0]!;
  const model = solver.createModel({ format: 'lp', data: `Minimize\n obj: 0 x0\n${lpBody(rows, first)}` });
  try {
    model.options.set({ output_flag: false, presolve: 'off' });
    const status = solver.constants.modelStatus;
    const sense = solver.constants.objectiveSense;
    const col = (i: number) => model.getColByName(`x${i}`);
    // Variables in no row are not in the LP text: their range is their bounds.
    const present = first.map((_, i) => {
      try {
        return col(i);
      } catch {
        return -1;
      }
    });
    const solveOne = (s: typeof sense.minimize): number | null => {
      model.changeObjectiveSense(s);
      model.run();
      const st = model.getModelStatus();
      if (st === status.optimal) return model.getObjectiveValue();
      if (st === status.unbounded || st === status.unboundedOrInfeasible)
        return s === sense.minimize ? -Infinity : Infinity;
      if (st === status.infeasible) return null;
      throw new Error(`LP solver: status ${st}`);
    };
    return boundSets.map((bounds) => {
      bounds.forEach((b, i) => {
        if (present[i]! >= 0) model.changeColBounds(present[i]!, b.lo, Number.isFinite(b.hi) ? b.hi : solver.infinity);
      });
      return targets.map((t): [number, number] | null => {
        const c = present[t]!;
        if (c < 0) return [bounds[t]!.lo, bounds[t]!.hi];
        model.changeColCost(c, 1);
        const lo = solveOne(sense.minimize);
        const hi = lo === null ? null : solveOne(sense.maximize);
        model.changeColCost(c, 0);
        return lo === null || hi === null ? null : [lo, hi];
      });
    });
  } finally {
    model.dispose();
  }
}
