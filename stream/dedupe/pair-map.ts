/**
 * A hash map from 64-bit keys to 64-bit values, each given as two unsigned 32-bit halves, in one typed array:
 * open addressing with linear probing and backward-shift deletion (no tombstones, so a window that keeps
 * forgetting old entries never degrades). The redelivery window keeps hundreds of thousands of eventID hashes per
 * shard; as strings in a `Map` they cost ~100 bytes each and the garbage collector's time, here 16 bytes and none.
 *
 * The key (0, 0) marks an empty slot and cannot be stored (`hash64Into` never produces it).
 */
export class PairMap {
  /** Four words per slot: key high, key low, value high, value low. */
  private table: Uint32Array;
  private mask: number;
  private count = 0;

  constructor(initialCapacity = 1024) {
    let slots = 16;
    while (slots < initialCapacity * 2) slots <<= 1;
    this.table = new Uint32Array(slots * 4);
    this.mask = slots - 1;
  }

  get size(): number {
    return this.count;
  }

  /**
   * Copies the value of key (k1, k2) into `out[offset]`, `out[offset + 1]` and returns true, or returns false
   * when the key is absent.
   */
  get(k1: number, k2: number, out: Uint32Array, offset: number): boolean {
    const slot = this.find(k1 >>> 0, k2 >>> 0);
    if (slot < 0) return false;
    out[offset] = this.table[slot * 4 + 2] as number;
    out[offset + 1] = this.table[slot * 4 + 3] as number;
    return true;
  }

  /** Sets the value of key (k1, k2), replacing any previous one. */
  set(k1: number, k2: number, v1: number, v2: number): void {
    const a = k1 >>> 0;
    const b = k2 >>> 0;
    if (a === 0 && b === 0) throw new RangeError('PairMap: the key (0, 0) is reserved for empty slots');
    const table = this.table;
    let slot = a & this.mask;
    for (;;) {
      const x = table[slot * 4] as number;
      const y = table[slot * 4 + 1] as number;
      if (x === 0 && y === 0) break;
      if (x === a && y === b) {
        table[slot * 4 + 2] = v1;
        table[slot * 4 + 3] = v2;
        return;
      }
      slot = (slot + 1) & this.mask;
    }
    table[slot * 4] = a;
    table[slot * 4 + 1] = b;
    table[slot * 4 + 2] = v1;
    table[slot * 4 + 3] = v2;
    this.count++;
    if (this.count * 2 > this.mask + 1) this.resize((this.mask + 1) * 2);
  }

  /** Removes key (k1, k2); returns whether it was present. */
  delete(k1: number, k2: number): boolean {
    let hole = this.find(k1 >>> 0, k2 >>> 0);
    if (hole < 0) return false;
    const table = this.table;
    const mask = this.mask;
    // Backward shift: move later entries of the probe run into the hole when their home slot allows it.
    let next = (hole + 1) & mask;
    for (;;) {
      const x = table[next * 4] as number;
      const y = table[next * 4 + 1] as number;
      if (x === 0 && y === 0) break;
      const home = x & mask;
      // The entry at `next` may move to `hole` unless its home lies cyclically in (hole, next].
      const stays = hole <= next ? home > hole && home <= next : home > hole || home <= next;
      if (!stays) {
        table.copyWithin(hole * 4, next * 4, next * 4 + 4);
        hole = next;
      }
      next = (next + 1) & mask;
    }
    table.fill(0, hole * 4, hole * 4 + 4);
    this.count--;
    return true;
  }

  private find(a: number, b: number): number {
    const table = this.table;
    let slot = a & this.mask;
    for (;;) {
      const x = table[slot * 4] as number;
      const y = table[slot * 4 + 1] as number;
      if (x === a && y === b) return x === 0 && y === 0 ? -1 : slot;
      if (x === 0 && y === 0) return -1;
      slot = (slot + 1) & this.mask;
    }
  }

  private resize(slots: number): void {
    const old = this.table;
    this.table = new Uint32Array(slots * 4);
    this.mask = slots - 1;
    this.count = 0;
    for (let i = 0; i < old.length; i += 4) {
      const x = old[i] as number;
      const y = old[i + 1] as number;
      if (x !== 0 || y !== 0) this.set(x, y, old[i + 2] as number, old[i + 3] as number);
    }
  }
}
