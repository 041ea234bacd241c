import { cellKey, type GroupValue } from './linked-table.js';

/** A small deterministic PRNG (mulberry32), so generated tables are the same on every run. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Shape {
  /** Kelurahan codes (35.77.kk.nnnn); kecamatan and the kota come from the codes. */
  kelurahan: string[];
  /** Publish the kecamatan level (the middle level); the kota and kelurahan are always published. */
  withKecamatan: boolean;
  /** Periods: one year, or a year with its quarters, or a year with quarters and months. */
  periods: 'year' | 'quarters' | 'months';
  /** Breakdown members (e.g. ['male', 'female']) of the total indicator 'total'; [] for none. */
  members: string[];
  /** Share of small (1..4) leaf cells. */
  smallShare: number;
}

/**
 * A consistent linked table: leaf cells (kelurahan × month/quarter/year × member) drawn at random,
 * every total summed from them, so every relation holds exactly (as in real data).
 */
export function generateTable(
  seed: number,
  shape: Shape,
  ids: { total: string; members: Record<string, string>; source: (indicatorId: string) => string },
): GroupValue[] {
  const r = rng(seed);
  const year = '2024';
  const leafPeriods =
    shape.periods === 'year'
      ? [year]
      : shape.periods === 'quarters'
        ? [1, 2, 3, 4].map((q) => `${year}-Q${q}`)
        : Array.from({ length: 12 }, (_, m) => `${year}-${String(m + 1).padStart(2, '0')}`);
  const leafIndicators = shape.members.length ? shape.members.map((m) => ids.members[m]!) : [ids.total];
  const sums = new Map<string, GroupValue>();
  const add = (indicatorId: string, wilayahKode: string, period: string, value: number) => {
    const key = cellKey(indicatorId, ids.source(indicatorId), wilayahKode, period);
    const cur = sums.get(key);
    if (cur) cur.value += value;
    else sums.set(key, { indicatorId, sourceId: ids.source(indicatorId), wilayahKode, period, value });
  };
  const periodsUp = (p: string): string[] => {
    if (/^\d{4}-\d{2}$/.test(p)) return [p, `${year}-Q${Math.ceil(Number(p.slice(5)) / 3)}`, year];
    if (/-Q/.test(p)) return [p, year];
    return [p];
  };
  for (const kel of shape.kelurahan) {
    const kec = kel.split('.').slice(0, 3).join('.');
    const areas = [kel, ...(shape.withKecamatan ? [kec] : []), '35.77'];
    for (const p of leafPeriods) {
      for (const ind of leafIndicators) {
        const value = r() < shape.smallShare ? 1 + Math.floor(r() * 4) : 5 + Math.floor(r() * 120);
        const inds = shape.members.length ? [ind, ids.total] : [ind];
        for (const i of inds) for (const a of areas) for (const pp of periodsUp(p)) add(i, a, pp, value);
      }
    }
  }
  return [...sums.values()];
}
