/**
 * A cheap upper bound on which roots could clear a blocked leader on their own, so that the
 * exact resume trial (resume-trial.ts) runs only for roots that might score.
 *
 * Resuming r clears a blocked x only if each lost part of x gets back a supplier: r itself,
 * or a blocked supplier that r clears. So the roots able to clear x are at most
 *   E(x) = ∩ over lost parts p of x ( ∪ over suppliers s of p: {s} if s is down, E(s) if blocked ).
 * Sets that grow past a small cap become "any root": still an upper bound, only weaker.
 *
 * Computed on demand, by a depth-first evaluation memoised per enterprise: a leader's
 * intersection usually becomes empty after two or three lost parts (it lacks parts from
 * several independent roots), and the suppliers of its remaining parts are then never
 * visited. At a million enterprises with 700,000 blocked, bounding every blocked leader
 * visits about a third of them. A supplier met again while its own evaluation is still open
 * (a cycle of H) counts as "any root" for the part that reaches it. That is sound: whatever
 * clears a member of a cycle enters it from outside, so the cycle's other parts, or the
 * enterprises further from it, still bound it; replacing a set by "any root" only widens
 * what is computed from it. The property test checks the bound against brute force.
 */
import { Arena } from './arena';
import { BLOCKED, DOWN } from './codes';
import type { CompiledNetwork } from './compile';
import type { AvailabilityState } from './state';

/**
 * Bounds are kept in typed arrays, CAP slots per evaluated enterprise: at a million
 * enterprises an array object per blocked enterprise cost more than the trials it saved.
 */
const CAP = 8;
/** A set length meaning "any root" (over CAP, or a cycle). */
const ANY = -1;
/** Not evaluated yet. */
const UNKNOWN = -2;
/** Being evaluated: on the depth-first path. */
const OPEN = -3;
/** A frame's current group before its suppliers are scanned. */
const NEXT_GROUP = -1;

export interface RootBounds {
  /** E(x) for a blocked x, sorted by index; null when any root may clear it. */
  of(x: number): number[] | null;
}

/** Upper bounds for blocked enterprises, each computed the first time it is asked for. */
export function essentialRootBounds(net: CompiledNetwork, state: AvailabilityState): RootBounds {
  return new LazyBounds(net, state);
}

class LazyBounds implements RootBounds {
  /** Per enterprise: its set's length, ANY, UNKNOWN or OPEN. */
  private readonly length: Int32Array;
  /** Per evaluated enterprise with a non-empty set: where it starts in `pool`. */
  private readonly start: Int32Array;
  private pool: Int32Array = new Int32Array(1024);
  private poolEnd = 0;
  /** The depth-first path: per depth, the enterprise, its group, link, meet and join lengths. */
  private frames: Int32Array = new Int32Array(5 * 256);
  /** Per depth, CAP slots each: the meet so far and the current part's join. */
  private meets: Int32Array = new Int32Array(CAP * 256);
  private joins: Int32Array = new Int32Array(CAP * 256);
  private readonly merged = new Int32Array(2 * CAP);

  constructor(
    private readonly net: CompiledNetwork,
    private readonly state: AvailabilityState,
  ) {
    const arena = new Arena(2 * net.size);
    this.length = arena.int32(net.size).fill(UNKNOWN);
    this.start = arena.int32(net.size);
  }

  of(x: number): number[] | null {
    if (this.state.avail[x] !== BLOCKED) return null;
    if (this.length[x] === UNKNOWN) this.evaluate(x);
    const len = this.length[x];
    if (len === ANY) return null;
    return Array.from(this.pool.subarray(this.start[x], this.start[x] + len));
  }

  /** Evaluates E(x) and everything it needs, iteratively (paths can be thousands deep). */
  private evaluate(x: number): void {
    const { customerGroups, groupCritical, groupLinks, linkSupplier } = this.net;
    const { avail, supply } = this.state;
    const length = this.length;
    const down = DOWN;
    let depth = 0;
    this.open(0, x);
    while (depth >= 0) {
      const frames = this.frames;
      const f = depth * 5;
      const y = frames[f];
      let g = frames[f + 1];
      let j = frames[f + 2];
      let meetLen = frames[f + 3];
      let joinLen = frames[f + 4];
      const gEnd = customerGroups[y + 1];
      let descended = false;
      while (g < gEnd && meetLen !== 0) {
        if (j === NEXT_GROUP) {
          if (supply[g] !== 0 || groupCritical[g] !== 1) {
            g++;
            continue;
          }
          j = groupLinks[g];
          joinLen = 0;
        }
        for (const end = groupLinks[g + 1]; j < end && joinLen !== ANY; j++) {
          const s = linkSupplier[j];
          if (avail[s] === down) {
            joinLen = this.addOne(depth, joinLen, s);
            continue;
          }
          const len = length[s];
          if (len === UNKNOWN) {
            frames[f + 1] = g;
            frames[f + 2] = j;
            frames[f + 3] = meetLen;
            frames[f + 4] = joinLen;
            depth++;
            this.open(depth, s);
            descended = true;
            break;
          }
          joinLen = len === OPEN || len === ANY ? ANY : this.addSet(depth, joinLen, s, len);
        }
        if (descended) break;
        if (joinLen !== ANY) meetLen = this.meet(depth, meetLen, joinLen);
        g++;
        j = NEXT_GROUP;
      }
      if (descended) continue;
      this.store(y, depth, meetLen);
      depth--;
    }
  }

  /** Pushes a frame for y at `depth`, growing the path buffers when needed. */
  private open(depth: number, y: number): void {
    if ((depth + 1) * 5 > this.frames.length) {
      this.frames = grown(this.frames);
      this.meets = grown(this.meets);
      this.joins = grown(this.joins);
    }
    const f = depth * 5;
    this.frames[f] = y;
    this.frames[f + 1] = this.net.customerGroups[y];
    this.frames[f + 2] = NEXT_GROUP;
    this.frames[f + 3] = ANY;
    this.frames[f + 4] = 0;
    this.length[y] = OPEN;
  }

  /** The join at `depth` ∪ {s}; returns its new length. */
  private addOne(depth: number, len: number, s: number): number {
    const buf = this.joins;
    const at = depth * CAP;
    let i = 0;
    while (i < len && buf[at + i] < s) i++;
    if (i < len && buf[at + i] === s) return len;
    if (len === CAP) return ANY;
    for (let k = len; k > i; k--) buf[at + k] = buf[at + k - 1];
    buf[at + i] = s;
    return len + 1;
  }

  /** The join at `depth` ∪ E(s), E(s) having `other` members; returns its new length. */
  private addSet(depth: number, len: number, s: number, other: number): number {
    if (other === 0) return len;
    const buf = this.joins;
    const at = depth * CAP;
    const pool = this.pool;
    const from = this.start[s];
    const merged = this.merged;
    let i = 0;
    let j = 0;
    let out = 0;
    while (i < len || j < other) {
      const v = j >= other || (i < len && buf[at + i] < pool[from + j]) ? buf[at + i++] : pool[from + j++];
      if (out === 0 || merged[out - 1] !== v) merged[out++] = v;
    }
    if (out > CAP) return ANY;
    for (let k = 0; k < out; k++) buf[at + k] = merged[k];
    return out;
  }

  /** The meet at `depth` ∩ the join at `depth` (the meet ANY: the join itself); returns its length. */
  private meet(depth: number, meetLen: number, joinLen: number): number {
    const a = this.meets;
    const b = this.joins;
    const at = depth * CAP;
    if (meetLen === ANY) {
      for (let k = 0; k < joinLen; k++) a[at + k] = b[at + k];
      return joinLen;
    }
    let i = 0;
    let j = 0;
    let out = 0;
    while (i < meetLen && j < joinLen) {
      if (a[at + i] < b[at + j]) i++;
      else if (a[at + i] > b[at + j]) j++;
      else {
        a[at + out++] = a[at + i];
        i++;
        j++;
      }
    }
    return out;
  }

  /** Records E(y) = the meet at `depth`. */
  private store(y: number, depth: number, len: number): void {
    this.length[y] = len;
    if (len <= 0) return;
    if (this.poolEnd + len > this.pool.length) this.pool = grown(this.pool);
    this.start[y] = this.poolEnd;
    const at = depth * CAP;
    for (let k = 0; k < len; k++) this.pool[this.poolEnd + k] = this.meets[at + k];
    this.poolEnd += len;
  }
}

function grown(a: Int32Array): Int32Array {
  const b = new Int32Array(2 * a.length);
  b.set(a);
  return b;
}
