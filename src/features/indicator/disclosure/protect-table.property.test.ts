import { beforeAll, describe, expect, it } from 'vitest';
import { buildLinkedTable, type GroupIndicator } from './linked-table.js';
import { generateTable, rng, type Shape } from './generated-tables.js';
import { loadSolver, type Solver } from './lp-solver.js';
import { protectTable } from './protect-table.js';
import { checkRecovery } from './recovery-checker.js';
import type { PublishedCell } from './published-table.js';

const T = 5;
let solver: Solver;
beforeAll(async () => {
  solver = await loadSolver();
});

const KEL = [
  '35.77.01.1001',
  '35.77.01.1002',
  '35.77.01.1003',
  '35.77.02.1001',
  '35.77.02.1002',
  '35.77.03.1001',
  '35.77.03.1002',
  '35.77.03.1003',
];

function randomShape(seed: number): Shape {
  const r = rng(seed * 7919);
  const periods = (['year', 'quarters', 'months'] as const)[Math.floor(r() * 3)]!;
  // Kept small enough for a unit test: monthly tables with breakdowns cost the most LP solves.
  const n = 2 + Math.floor(r() * (periods === 'months' ? 3 : KEL.length - 1));
  return {
    kelurahan: KEL.slice(0, n),
    withKecamatan: r() < 0.5,
    periods,
    members: r() < 0.5 ? ['male', 'female'] : r() < 0.5 && periods !== 'months' ? ['a', 'b', 'c'] : [],
    smallShare: periods === 'months' ? 0.15 : 0.3,
  };
}

describe('linked-table protection holds on random tables (property)', () => {
  it('leaves no primary cell recoverable, on 40 random tables of every shape', () => {
    let primaries = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const shape = randomShape(seed);
      const inds: GroupIndicator[] = [
        { id: 'total', protect: true, breakdownOf: null, dimension: null },
        ...shape.members.map((m) => ({ id: m, protect: true, breakdownOf: 'total', dimension: 'sex' })),
      ];
      const sources = inds.map((i) => ({ id: `s-${i.id}`, indicatorId: i.id, linkKey: 'org' }));
      const values = generateTable(seed, shape, {
        total: 'total',
        members: Object.fromEntries(shape.members.map((m) => [m, m])),
        source: (id) => `s-${id}`,
      });
      const table = buildLinkedTable(values, inds, sources);
      const hidden = protectTable(solver, table, new Set(inds.map((i) => i.id)), T);
      primaries += [...hidden.values()].filter((m) => m === 'primary').length;
      const cells = values.map((v): PublishedCell => {
        const key = `${v.indicatorId}|${v.sourceId}|${v.wilayahKode}|${v.period}`;
        const mark = hidden.get(key);
        return mark ? { key, mark } : { key, value: v.value };
      });
      // The attacker's relations: the same structure, no knowledge of any residual.
      const relations = table.relations.map((rel) => ({ total: rel.total, parts: rel.parts }));
      const recovered = checkRecovery(solver, { cells, relations, threshold: T }).filter((x) => x.recovered);
      expect({ seed, shape, recovered }).toEqual({ seed, shape, recovered: [] });
    }
    expect(primaries).toBeGreaterThan(60);
  }, 120_000);
});
