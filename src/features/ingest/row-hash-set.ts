/** Fill ratio before doubling: linear probing stays short (≈2 probes on a miss) at 0.7. */
const LOAD = 0.7;

/**
 * A set of 52-bit row hashes in one Float64Array with open addressing: ~12 bytes a row and no
 * per-entry objects, so a million-row duplicate check stays within the ingest memory budget.
 */
export class RowHashSet {
  private table: Float64Array;
  private mask: number;
  private limit: number;
  size = 0;

  /** `expected`: how many rows are likely, to allocate once instead of doubling (and rehashing). */
  constructor(expected = 0, maxEntries = Infinity) {
    const want = Math.min(expected, maxEntries) / LOAD;
    let slots = 1 << 16;
    while (slots < want && slots < 1 << 23) slots *= 2;
    this.table = new Float64Array(slots);
    this.mask = slots - 1;
    this.limit = Math.floor(slots * LOAD);
  }

  /** Adds the hash; returns false when it was already present. */
  add(hash: number): boolean {
    const key = hash + 1; // 0 marks an empty slot
    if (this.size >= this.limit) this.grow();
    let i = (hash ^ (hash / 4294967296)) & this.mask;
    const t = this.table;
    for (;;) {
      const v = t[i]!;
      if (v === 0) {
        t[i] = key;
        this.size++;
        return true;
      }
      if (v === key) return false;
      i = (i + 1) & this.mask;
    }
  }

  clear(): void {
    this.table = new Float64Array(1 << 16);
    this.mask = (1 << 16) - 1;
    this.limit = Math.floor(this.table.length * LOAD);
    this.size = 0;
  }

  private grow(): void {
    const old = this.table;
    const t = new Float64Array(old.length * 2);
    const mask = t.length - 1;
    for (let j = 0; j < old.length; j++) {
      const key = old[j]!;
      if (key === 0) continue;
      const hash = key - 1;
      let i = (hash ^ (hash / 4294967296)) & mask;
      while (t[i] !== 0) i = (i + 1) & mask;
      t[i] = key;
    }
    this.table = t;
    this.mask = mask;
    this.limit = Math.floor(t.length * LOAD);
  }
}
