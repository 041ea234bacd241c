import { beforeAll, describe, expect, it } from 'vitest';
import { suppressCells } from '../suppression.js';
import { buildLinkedTable, type GroupIndicator, type GroupValue } from './linked-table.js';
import { loadSolver, type Solver } from './lp-solver.js';
import { protectTable } from './protect-table.js';
import { checkRecovery } from './recovery-checker.js';
import type { PublishedCell } from './published-table.js';

const T = 5;
let solver: Solver;
beforeAll(async () => {
  solver = await loadSolver();
});

const v = (indicatorId: string, wilayahKode: string, period: string, value: number): GroupValue => ({
  indicatorId,
  sourceId: `s-${indicatorId}`,
  wilayahKode,
  period,
  value,
});
const plain = (id: string): GroupIndicator => ({ id, protect: true, breakdownOf: null, dimension: null });
const member = (id: string, of: string, dimension: string): GroupIndicator => ({
  id,
  protect: true,
  breakdownOf: of,
  dimension,
});
const sourcesOf = (inds: GroupIndicator[]) =>
  inds.map((i) => ({ id: `s-${i.id}`, indicatorId: i.id, linkKey: 'org-1' }));

/** What the OLD rule published: one family at a time, per indicator, source and period. */
function oldPublished(values: GroupValue[]): Map<string, PublishedCell> {
  const out = new Map<string, PublishedCell>();
  const byIndicator = new Map<string, GroupValue[]>();
  for (const x of values) byIndicator.set(x.indicatorId, [...(byIndicator.get(x.indicatorId) ?? []), x]);
  for (const list of byIndicator.values()) {
    const hidden = suppressCells(
      list.map((x) => ({ wilayahKode: x.wilayahKode, groupKey: `${x.sourceId}|${x.period}`, value: x.value })),
      T,
    );
    list.forEach((x, i) => {
      const key = `${x.indicatorId}|${x.sourceId}|${x.wilayahKode}|${x.period}`;
      const mark = hidden.get(i);
      out.set(key, mark ? { key, mark } : { key, value: x.value });
    });
  }
  return out;
}

/** The checker's verdict on a publication of these values. */
function recoveredUnder(
  values: GroupValue[],
  inds: GroupIndicator[],
  publish: (t: ReturnType<typeof buildLinkedTable>) => PublishedCell[],
) {
  const table = buildLinkedTable(values, inds, sourcesOf(inds));
  const cells = publish(table);
  return checkRecovery(solver, {
    cells,
    relations: table.relations.map((r) => ({ ...r, residual: 0 })),
    threshold: T,
  }).filter((r) => r.recovered);
}
const withOld = (values: GroupValue[]) => () => [...oldPublished(values).values()];
const withNew = (inds: GroupIndicator[]) => (table: ReturnType<typeof buildLinkedTable>) => {
  const hidden = protectTable(solver, table, new Set(inds.filter((i) => i.protect).map((i) => i.id)), T);
  return [...table.nodes.values()]
    .filter((n) => n.value !== null)
    .map(
      (n): PublishedCell =>
        hidden.has(n.key) ? { key: n.key, mark: hidden.get(n.key)! } : { key: n.key, value: n.value! },
    );
};

describe('recovery checker (the attacker model)', () => {
  it('pins a lone hidden cell of a published total exactly', () => {
    const r = checkRecovery(solver, {
      cells: [
        { key: 't', value: 50 },
        { key: 'a', value: 47 },
        { key: 'b', mark: 'primary' },
      ],
      relations: [{ total: 't', parts: ['a', 'b'] }],
      threshold: T,
    });
    expect(r).toEqual([expect.objectContaining({ key: 'b', min: 3, max: 3, recovered: true })]);
  });

  it('finds an interval narrower than the label: two small hidden cells that add up to 3', () => {
    const r = checkRecovery(solver, {
      cells: [
        { key: 't', value: 50 },
        { key: 'a', value: 47 },
        { key: 'b', mark: 'primary' },
        { key: 'c', mark: 'primary' },
      ],
      relations: [{ total: 't', parts: ['a', 'b', 'c'] }],
      threshold: T,
    });
    expect(r.every((x) => x.recovered && x.max === 2)).toBe(true);
  });

  it('treats a missing cell as an unknown, not a zero', () => {
    const r = checkRecovery(solver, {
      cells: [
        { key: 't', value: 50 },
        { key: 'a', value: 47 },
        { key: 'b', mark: 'primary' },
      ],
      relations: [{ total: 't', parts: ['a', 'b', 'missing'] }],
      threshold: T,
    });
    expect(r[0]).toMatchObject({ min: 1, max: 3, recovered: true });
    const safe = checkRecovery(solver, {
      cells: [
        { key: 't', value: 60 },
        { key: 'a', value: 47 },
        { key: 'b', mark: 'primary' },
      ],
      relations: [{ total: 't', parts: ['a', 'b', 'missing'] }],
      threshold: T,
    });
    expect(safe[0]).toMatchObject({ min: 1, max: 4, recovered: false });
  });
});

describe('findings of issue 11 that the old per-family rule leaked', () => {
  it('#2 kelurahan × sex: total 40, female 37, male "<5" gives male = 3', () => {
    const inds = [plain('total'), member('male', 'total', 'sex'), member('female', 'total', 'sex')];
    const values = [
      v('total', '35.77.01.1001', '2024', 40),
      v('male', '35.77.01.1001', '2024', 3),
      v('female', '35.77.01.1001', '2024', 37),
      v('total', '35.77.01.1002', '2024', 60),
      v('male', '35.77.01.1002', '2024', 30),
      v('female', '35.77.01.1002', '2024', 30),
    ];
    const leaked = recoveredUnder(values, inds, withOld(values));
    expect(leaked.map((r) => [r.key, r.min, r.max])).toEqual([['male|s-male|35.77.01.1001|2024', 3, 3]]);
    expect(recoveredUnder(values, inds, withNew(inds))).toEqual([]);
  });

  it('#3 kelurahan values and a city total without kecamatan: city minus 26 visible kelurahan', () => {
    const inds = [plain('pop')];
    const values = [v('pop', '35.77', '2024', 0)];
    let sum = 0;
    for (let i = 0; i < 27; i++) {
      const value = i === 5 ? 3 : 40 + i;
      sum += value;
      values.push(v('pop', `35.77.0${1 + (i % 3)}.${1001 + i}`, '2024', value));
    }
    values[0]!.value = sum;
    const leaked = recoveredUnder(values, inds, withOld(values));
    expect(leaked).toHaveLength(1);
    expect(leaked[0]).toMatchObject({ min: 3, max: 3 });
    expect(recoveredUnder(values, inds, withNew(inds))).toEqual([]);
  });

  it('#4 year 50 and quarters 20, 3, 15, 12: Q2 = 50 - 47', () => {
    const inds = [plain('k')];
    const values = [
      v('k', '35.77', '2023', 50),
      v('k', '35.77', '2023-Q1', 20),
      v('k', '35.77', '2023-Q2', 3),
      v('k', '35.77', '2023-Q3', 15),
      v('k', '35.77', '2023-Q4', 12),
    ];
    expect(recoveredUnder(values, inds, withOld(values))).toHaveLength(1);
    expect(recoveredUnder(values, inds, withNew(inds))).toEqual([]);
  });
});

describe('the linked-table protection keeps the per-family guarantees of the old rule', () => {
  const one = (cells: Array<[string, number, string?]>, threshold = T) => {
    const inds = [plain('k')];
    const values = cells.map(([w, value, src]) => ({
      indicatorId: 'k',
      sourceId: src ?? 's-k',
      wilayahKode: w,
      period: '2024',
      value,
    }));
    const sources = [...new Set(values.map((x) => x.sourceId))].map((id) => ({ id, indicatorId: 'k', linkKey: id }));
    const hidden = protectTable(solver, buildLinkedTable(values, inds, sources), new Set(['k']), threshold);
    return cells.map(([w, , src]) => hidden.get(`k|${src ?? 's-k'}|${w}|2024`) ?? null);
  };

  it('hides counts below the threshold but not zero or counts at the threshold', () => {
    expect(
      one([
        ['35.77.01.1001', 3],
        ['35.77.01.1002', 0],
        ['35.77.01.1003', 5],
      ]),
    ).toEqual(['primary', null, null]);
  });

  it('hides the smallest sibling that gives room when one child of a published total is hidden', () => {
    expect(
      one([
        ['35.77.01', 140],
        ['35.77.01.1001', 3],
        ['35.77.01.1002', 40],
        ['35.77.01.1003', 97],
      ]),
    ).toEqual([null, 'primary', 'secondary', null]);
  });

  it('hides the total when the only child is hidden', () => {
    expect(
      one([
        ['35.77.01', 3],
        ['35.77.01.1001', 3],
      ]),
    ).toEqual(['primary', 'primary']);
    expect(
      one([
        ['35.77', 300],
        ['35.77.01', 3],
      ]),
    ).toEqual(['secondary', 'primary']);
  });

  it('keeps tables of different sources apart', () => {
    expect(
      one([
        ['35.77.01', 50, 'a'],
        ['35.77.01.1001', 3, 'a'],
        ['35.77.01.1002', 47, 'b'],
      ]),
    ).toEqual(['secondary', 'primary', null]);
  });

  it('does nothing when the threshold is 0', () => {
    expect(one([['35.77', 1]], 0)).toEqual([null]);
  });
});
