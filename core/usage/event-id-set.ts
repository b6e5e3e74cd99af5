/**
 * A set of CloudTrail eventIDs for deduplication that stores a 64-bit hash per id (8 bytes) instead of the
 * string (~80 bytes in V8), so a million ids cost ~16 MB. With 64-bit hashes the chance of any false
 * "duplicate" among 10 million ids is below 3 in a million.
 */
export class EventIdSet {
  private table: Uint32Array;
  private mask: number;
  private count = 0;

  constructor(initialCapacity = 1 << 16) {
    let capacity = 16;
    while (capacity < initialCapacity * 2) capacity <<= 1;
    this.table = new Uint32Array(capacity * 2);
    this.mask = capacity - 1;
  }

  /** Number of distinct ids added. */
  get size(): number {
    return this.count;
  }

  /** Adds an id; returns false when it was already present. */
  add(id: string): boolean {
    hash64Into(id, scratch, 0);
    return this.insert(scratch[0] as number, scratch[1] as number);
  }

  /** Adds an id by its hash pair (from `hashes()` of another set); returns false when it was already present. */
  addHash(h1: number, h2: number): boolean {
    return this.insert(h1 >>> 0, h2 >>> 0);
  }

  /** The stored hashes as consecutive (h1, h2) pairs, to merge sets across threads. */
  hashes(): Uint32Array {
    const out = new Uint32Array(this.count * 2);
    let j = 0;
    for (let i = 0; i < this.table.length; i += 2) {
      const a = this.table[i] as number;
      const b = this.table[i + 1] as number;
      if (a !== 0 || b !== 0) {
        out[j++] = a;
        out[j++] = b;
      }
    }
    return out;
  }

  private insert(h1: number, h2: number): boolean {
    const table = this.table;
    let slot = h1 & this.mask;
    for (;;) {
      const a = table[slot * 2] as number;
      const b = table[slot * 2 + 1] as number;
      if (a === 0 && b === 0) break;
      if (a === h1 && b === h2) return false;
      slot = (slot + 1) & this.mask;
    }
    table[slot * 2] = h1;
    table[slot * 2 + 1] = h2;
    this.count++;
    if (this.count * 2 > this.mask + 1) this.grow();
    return true;
  }

  private grow(): void {
    const old = this.table;
    this.table = new Uint32Array(old.length * 2);
    this.mask = (this.mask + 1) * 2 - 1;
    this.count = 0;
    for (let i = 0; i < old.length; i += 2) {
      const a = old[i] as number;
      const b = old[i + 1] as number;
      if (a !== 0 || b !== 0) this.insert(a, b);
    }
  }
}

const scratch = new Uint32Array(2);

/**
 * Writes the 64-bit hash of a string (two 32-bit halves, never both zero) to `out[offset]` and `out[offset + 1]`,
 * without allocating: the dedupe key of an eventID here and in the stream's redelivery window.
 */
export function hash64Into(id: string, out: Uint32Array, offset: number): void {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ id.length;
  for (let i = 0; i < id.length; i++) {
    const c = id.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    h2 ^= h2 >>> 15;
  }
  h1 = fmix(h1) >>> 0;
  h2 = fmix(h2) >>> 0;
  out[offset] = h1;
  out[offset + 1] = h1 === 0 && h2 === 0 ? 1 : h2;
}

function fmix(h: number): number {
  let x = h ^ (h >>> 16);
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  return x ^ (x >>> 16);
}
