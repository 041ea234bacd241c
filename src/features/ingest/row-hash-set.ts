/**
 * A set of 52-bit row hashes in one Float64Array with open addressing: ~16 bytes a row and no
 * per-entry objects, so a million-row duplicate check stays within the ingest memory budget.
 */
export class RowHashSet {
  private table = new Float64Array(1 << 16);
  private mask = (1 << 16) - 1;
  size = 0;

  /** Adds the hash; returns false when it was already present. */
  add(hash: number): boolean {
    const key = hash + 1; // 0 marks an empty slot
    if ((this.size + 1) * 2 > this.table.length) this.grow();
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
    this.size = 0;
  }

  private grow(): void {
    const old = this.table;
    this.table = new Float64Array(old.length * 2);
    this.mask = this.table.length - 1;
    this.size = 0;
    for (const v of old) if (v !== 0) this.add(v - 1);
  }
}
