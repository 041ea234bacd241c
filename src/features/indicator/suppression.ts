import { parentKode } from './period.js';

export interface Cell {
  wilayahKode: string;
  /** Cells with the same group key (indicator, source, period) form one table. */
  groupKey: string;
  value: number;
}

export type SuppressionReason = 'primary' | 'secondary';

/**
 * Statistical disclosure control for counts of people.
 * Primary: a count 0 < n < threshold is hidden ("<threshold"). A zero discloses nothing about a
 * person and stays visible.
 * Secondary: a parent's published total minus its children's published values must not reveal a
 * hidden child. In each family (a parent and its children in one table), when exactly one child
 * is hidden, the next smallest visible child is hidden too; when no other child is left to hide,
 * the parent total is hidden. Families are revisited until nothing changes, because hiding a
 * kecamatan can expose a kelurahan family or the city family in turn.
 * Returns the reason per cell index for every hidden cell.
 */
export function suppressCells(cells: readonly Cell[], threshold: number): Map<number, SuppressionReason> {
  const hidden = new Map<number, SuppressionReason>();
  if (threshold <= 0) return hidden;
  cells.forEach((c, i) => {
    if (c.value > 0 && c.value < threshold) hidden.set(i, 'primary');
  });
  if (!hidden.size) return hidden;

  const index = new Map<string, number>();
  cells.forEach((c, i) => {
    index.set(`${c.groupKey}|${c.wilayahKode}`, i);
  });
  const families = new Map<string, { parent: number | undefined; children: number[] }>();
  cells.forEach((c, i) => {
    const parent = parentKode(c.wilayahKode);
    if (!parent) return;
    const key = `${c.groupKey}|${parent}`;
    let fam = families.get(key);
    if (!fam) families.set(key, (fam = { parent: index.get(key), children: [] }));
    fam.children.push(i);
  });

  let changed = true;
  while (changed) {
    changed = false;
    for (const fam of families.values()) {
      if (fam.parent === undefined || hidden.has(fam.parent)) continue; // no published total to subtract from
      const hiddenChildren = fam.children.filter((i) => hidden.has(i));
      if (hiddenChildren.length !== 1) continue;
      const candidates = fam.children.filter((i) => !hidden.has(i)).sort((a, b) => cells[a]!.value - cells[b]!.value);
      const next = candidates[0];
      if (next !== undefined) hidden.set(next, 'secondary');
      else hidden.set(fam.parent, 'secondary');
      changed = true;
    }
  }
  return hidden;
}
