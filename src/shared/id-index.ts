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
  private readonly mask: number;
  private count = 0;

  /** An index over ids[0 .. ids.length - 1]; throws on a duplicate id. */
  constructor(private readonly ids: readonly string[]) {
    let capacity = 16;
    while (capacity < ids.length * 2) capacity *= 2;
    this.slots = new Int32Array(capacity).fill(-1);
    this.mask = capacity - 1;
    for (let i = 0; i < ids.length; i++) {
      if (!this.insert(ids[i], i)) throw new RangeError(`compileNetwork: enterprise "${ids[i]}" appears twice`);
    }
  }

  get size(): number {
    return this.count;
  }

  get(id: string): number | undefined {
    const { slots, mask, ids } = this;
    for (let s = hash(id) & mask; ; s = (s + 1) & mask) {
      const i = slots[s];
      if (i === -1) return undefined;
      if (ids[i] === id) return i;
    }
  }

  has(id: string): boolean {
    return this.get(id) !== undefined;
  }

  private insert(id: string, index: number): boolean {
    const { slots, mask, ids } = this;
    for (let s = hash(id) & mask; ; s = (s + 1) & mask) {
      const i = slots[s];
      if (i === -1) {
        slots[s] = index;
        this.count++;
        return true;
      }
      if (ids[i] === id) return false;
    }
  }
}
