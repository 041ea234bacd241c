import type { Solver } from './lp-solver.js';
import { relationsByCell, type BuiltTable } from './linked-table.js';
import { checkRecovery } from './recovery-checker.js';
import type { Mark, PublishedCell, Relation } from './published-table.js';
import type { Structural } from './structural-range.js';

/**
 * Linked-table protection in the manner of τ-ARGUS: primary suppression of small counts, then a
 * heuristic choice of complementary cells, audited exactly by the recovery checker (linear
 * programming), repeated until no primary cell can be pinned down.
 * 1. Primary: a stored count 0 < n < T of a protected indicator ("<T"). Zeros stay published.
 * 2. Singleton pass (cheap): a relation whose only unknown is a hidden cell would give it away
 *    by subtraction, so the cheapest complementary cell of that relation is hidden too.
 * 3. Audit: the checker solves the attacker's LP for each primary cell of every component that
 *    changed; for each recovered cell one more cell is hidden in a relation of that cell (the
 *    smallest published value that is at least T, so it gives the primary room; else the largest
 *    below T), falling back to the relations of its component's other unknowns. Repeat.
 * It terminates: every round hides at least one more cell, or stops when nothing is left to hide
 * near a recovered cell (hiding a whole relation leaves nothing to subtract).
 * Returns the mark of every hidden stored cell, by cell key.
 */
export function protectTable(
  solver: Solver,
  table: BuiltTable,
  protectedIndicators: ReadonlySet<string>,
  threshold: number,
): Map<string, Mark> {
  const hidden = new Map<string, Mark>();
  if (threshold <= 1) return hidden;
  for (const n of table.nodes.values()) {
    if (n.value !== null && protectedIndicators.has(n.indicatorId) && n.value > 0 && n.value < threshold)
      hidden.set(n.key, 'primary');
  }
  if (!hidden.size) return hidden;

  const relationsOf = relationsByCell(table.relations);
  const cellValue = (k: string) => table.nodes.get(k)?.value ?? null;
  const isUnknown = (k: string) => hidden.has(k) || cellValue(k) === null;
  /** The cheapest published cell of these relations to hide, or null. */
  const cheapest = (rels: Iterable<Relation>): string | null => {
    let best: string | null = null,
      bestCost = Infinity;
    for (const rel of rels) {
      for (const k of [rel.total, ...rel.parts]) {
        const v = cellValue(k);
        if (v === null || v < 0 || hidden.has(k)) continue;
        // Cells worth at least T cost their value; smaller ones come after all of those.
        const cost = v >= threshold ? v : 1e15 - v;
        if (cost < bestCost || (cost === bestCost && best !== null && k < best)) {
          best = k;
          bestCost = cost;
        }
      }
    }
    return best;
  };

  // 2. Singleton pass.
  let changed = true;
  while (changed) {
    changed = false;
    for (const rel of table.relations) {
      const members = [rel.total, ...rel.parts];
      const unknown = members.filter(isUnknown);
      if (unknown.length !== 1 || !hidden.has(unknown[0]!)) continue;
      const next = cheapest([rel]);
      if (next) {
        hidden.set(next, 'secondary');
        changed = true;
      }
    }
  }

  // 2b. Capacity pass (cheap): in a relation, the other hidden cells must leave a primary cell room
  // to take any value in [1, T-1]; otherwise more cells of that relation are hidden.
  const lower = (k: string) => (hidden.get(k) === 'primary' ? 1 : 0);
  const slack = (keys: string[]) => keys.reduce((a, k) => a + Math.max(0, (cellValue(k) ?? 0) - lower(k)), 0);
  changed = true;
  while (changed) {
    changed = false;
    for (const rel of table.relations) {
      const totalHidden = isUnknown(rel.total);
      for (const p of [rel.total, ...rel.parts]) {
        if (hidden.get(p) !== 'primary') continue;
        const v = cellValue(p)!;
        let need: number, others: string[];
        if (p === rel.total) {
          need = v - 1;
          others = rel.parts.filter((k) => hidden.has(k));
        } else if (!totalHidden) {
          need = threshold - 1 - v;
          others = rel.parts.filter((k) => k !== p && hidden.has(k));
        } else continue;
        if (slack(others) >= need) continue;
        // A total needs room among its parts; a part may take it from its siblings or the total.
        const next = cheapest([p === rel.total ? { total: rel.parts[0]!, parts: rel.parts } : rel]);
        if (next) {
          hidden.set(next, 'secondary');
          changed = true;
        }
      }
    }
  }

  // 3. Exact audit and repair.
  const structural = new Map<string, Structural>();
  // Hiding more cells only relaxes the attacker's system (a constant becomes an unknown), so a
  // cell found safe stays safe: after the first round only the cells recovered last time are
  // checked again.
  let only: Set<string> | undefined; // first round: every primary cell
  for (;;) {
    const cells: PublishedCell[] = [];
    for (const n of table.nodes.values()) {
      if (n.value === null) continue;
      const mark = hidden.get(n.key);
      cells.push(mark ? { key: n.key, mark } : { key: n.key, value: n.value });
    }
    const recovered = checkRecovery(
      solver,
      { cells, relations: table.relations, threshold },
      { only, structural },
    ).filter((r) => r.recovered);
    if (!recovered.length) return hidden;
    const added = new Set<string>();
    for (const r of recovered) {
      let next = cheapest(relationsOf.get(r.key) ?? []);
      // Nothing left to hide in its own relations: look one relation further out at a time, so the
      // cell hidden is as close as possible to the one it must protect.
      if (!next) for (const ring of neighbourhood(r.key, relationsOf, isUnknown)) if ((next = cheapest(ring))) break;
      if (next && !hidden.has(next)) {
        hidden.set(next, 'secondary');
        added.add(next);
      }
    }
    if (!added.size) return hidden; // nothing left to hide near the recovered cells
    only = new Set(recovered.map((r) => r.key));
  }
}

/** The relations around `key`, ring by ring: those of the unknowns one relation away, then two… */
function* neighbourhood(
  key: string,
  relationsOf: Map<string, Relation[]>,
  isUnknown: (k: string) => boolean,
): Generator<Relation[]> {
  const seen = new Set<string>([key]);
  const rels = new Set<Relation>();
  let frontier = [key];
  while (frontier.length) {
    const ring: Relation[] = [];
    const next: string[] = [];
    for (const k of frontier) {
      for (const rel of relationsOf.get(k) ?? []) {
        if (rels.has(rel)) continue;
        rels.add(rel);
        ring.push(rel);
        for (const m of [rel.total, ...rel.parts])
          if (isUnknown(m) && !seen.has(m)) {
            seen.add(m);
            next.push(m);
          }
      }
    }
    if (ring.length) yield ring;
    frontier = next;
  }
}
