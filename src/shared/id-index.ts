/**
 * Enterprise id → index, as an open-addressing hash table over typed arrays.
 *
 * Why not a Map: at a million ids a Map grows by rehashing into ever larger heap objects,
 * and each growth step can trigger a full garbage collection over everything else alive
 * (a store snapshot of millions of link objects): seconds at 1M. This table is sized once,
 * lives outside the JS heap, and its probes are cheap. It answers the ReadonlyMap subset
 * the analysis uses (get, has, size).
 */

export interface IdLookup {
  get(id: string): number | undefined;
  has(id: string): boolean;
  readonly size: number;
}

/** FNV-1a over UTF-16 code units; ids are short (≤ 64 characters, §1). */
function hash(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export class IdIndex implements IdLookup {
  private readonly slots: Int32Array;
  /** Each slot's id hash: a probe compares strings only when hashes match (no string read per collision). */
  private readonly hashes: Int32Array;
  private readonly mask: number;
  private count = 0;

  /** An index over ids[0 .. ids.length - 1]; throws on a duplicate id. */
  constructor(private readonly ids: readonly string[]) {
    let capacity = 16;
    while (capacity < ids.length * 2) capacity *= 2;
    this.slots = new Int32Array(capacity).fill(-1);
    this.hashes = new Int32Array(capacity);
    this.mask = capacity - 1;
    const duplicate = this.insertAll(ids);
    if (duplicate >= 0) throw new RangeError(`compileNetwork: enterprise "${ids[duplicate]}" appears twice`);
  }

  get size(): number {
    return this.count;
  }

  get(id: string): number | undefined {
    const { slots, hashes, mask, ids } = this;
    const h = hash(id) | 0;
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const i = slots[s];
      if (i === -1) return undefined;
      if (hashes[s] === h && ids[i] === id) return i;
    }
  }

  has(id: string): boolean {
    return this.get(id) !== undefined;
  }

  /** Inserts every id; returns the index of the first duplicate, or -1. */
  private insertAll(ids: readonly string[]): number {
    const { slots, hashes, mask } = this;
    for (let i = 0, n = ids.length; i < n; i++) {
      const id = ids[i];
      const h = hash(id) | 0;
      for (let s = h & mask; ; s = (s + 1) & mask) {
        const j = slots[s];
        if (j === -1) {
          slots[s] = i;
          hashes[s] = h;
          break;
        }
        if (hashes[s] === h && ids[j] === id) return i;
      }
    }
    this.count = ids.length;
    return -1;
  }
}
