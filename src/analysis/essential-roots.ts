/**
 * A cheap upper bound on which roots could clear a blocked leader on their own, so that the
 * exact resume trial (resume-trial.ts) runs only for roots that might score.
 *
 * Resuming r clears a blocked x only if each lost part of x gets back a supplier: r itself,
 * or a blocked supplier that r clears. So the roots able to clear x are at most
 *   E(x) = ∩ over lost parts p of x ( ∪ over suppliers s of p: {s} if s is down, E(s) if blocked ).
 * Computed once over the components of H in topological order; on a cycle of H, whatever
 * clears a member enters the cycle from outside, which bounds the whole component. Sets
 * that grow past a small cap become "any root": still an upper bound, only weaker.
 * In a network where most blocked enterprises lack parts from several independent roots,
 * almost every E is empty, and almost no trial runs.
 */
import { Arena } from './arena';
import { BLOCKED, DOWN } from './codes';
import type { CompiledNetwork } from './compile';
import type { LostGraph } from './lost-graph';
import type { AvailabilityState } from './state';

/**
 * Bounds are kept in typed arrays, CAP slots per enterprise: at a million enterprises an array
 * object per blocked enterprise cost more than the trials it saved (most of chains() time).
 */
const CAP = 8;
/** A set length meaning "any root" (over CAP, or not bounded at all). */
const ANY = -1;

export interface RootBounds {
  /** E(x) for a blocked x, sorted by index; null when any root may clear it. */
  of(x: number): number[] | null;
}

/** Upper bounds for every blocked enterprise (others: meaningless). */
export function essentialRootBounds(net: CompiledNetwork, state: AvailabilityState, lost: LostGraph): RootBounds {
  const { order, sccStart, sccOf } = blockedComponents(state, lost);
  const sets = new BoundSets(net.size);
  const count = sccStart.length - 1;
  // Components come sources first, so every input from outside a component is known.
  for (let k = 0; k < count; k++) boundComponent(net, state, sets, order, sccStart[k], sccStart[k + 1], sccOf, k);
  return sets;
}

/** Sets of at most CAP roots, one per enterprise, plus scratch sets to build them in. */
class BoundSets implements RootBounds {
  readonly items: Int32Array;
  /** Per enterprise: its set's length, or ANY. */
  readonly length: Int32Array;
  /** Scratch: the component's outside inputs, a member's meet, a part's join, merge space. */
  readonly outside = new Int32Array(CAP);
  readonly meet = new Int32Array(CAP);
  readonly join = new Int32Array(CAP);
  private readonly merged = new Int32Array(2 * CAP);

  constructor(n: number) {
    const arena = new Arena(n * (CAP + 1));
    this.items = arena.int32(n * CAP);
    // Unknown until computed: "any", the safe answer.
    this.length = arena.int32(n).fill(ANY);
  }

  of(x: number): number[] | null {
    const len = this.length[x];
    return len === ANY ? null : Array.from(this.items.subarray(x * CAP, x * CAP + len));
  }

  /** buf[0 .. len) ∪ {s}; returns the new length. */
  addOne(buf: Int32Array, len: number, s: number): number {
    if (len === ANY) return ANY;
    let i = 0;
    while (i < len && buf[i] < s) i++;
    if (i < len && buf[i] === s) return len;
    if (len === CAP) return ANY;
    for (let j = len; j > i; j--) buf[j] = buf[j - 1];
    buf[i] = s;
    return len + 1;
  }

  /** buf[0 .. len) ∪ E(s); returns the new length. */
  addBound(buf: Int32Array, len: number, s: number): number {
    const other = this.length[s];
    if (len === ANY || other === ANY) return ANY;
    if (other === 0) return len;
    const items = this.items;
    const from = s * CAP;
    const merged = this.merged;
    let i = 0;
    let j = 0;
    let out = 0;
    while (i < len || j < other) {
      const x = j >= other || (i < len && buf[i] < items[from + j]) ? buf[i++] : items[from + j++];
      if (out === 0 || merged[out - 1] !== x) merged[out++] = x;
    }
    if (out > CAP) return ANY;
    copy(merged, buf, 0, out);
    return out;
  }

  /** a[0 .. aLen) ∩ b[0 .. bLen), written to a; returns its length. Neither may be ANY. */
  intersect(a: Int32Array, aLen: number, b: Int32Array, bLen: number): number {
    let i = 0;
    let j = 0;
    let out = 0;
    while (i < aLen && j < bLen) {
      if (a[i] < b[j]) i++;
      else if (a[i] > b[j]) j++;
      else {
        a[out++] = a[i];
        i++;
        j++;
      }
    }
    return out;
  }

  store(x: number, buf: Int32Array, len: number): void {
    this.length[x] = len;
    if (len > 0) copy(buf, this.items, x * CAP, len);
  }
}

/**
 * to[at .. at + len) = from[0 .. len). A loop, not set(subarray()): that allocates a view
 * per call, a million times here.
 */
function copy(from: Int32Array, to: Int32Array, at: number, len: number): void {
  for (let i = 0; i < len; i++) to[at + i] = from[i];
}

/**
 * Bounds the members order[from .. to - 1] of component k. Whatever clears a member of a
 * cycle enters it from outside: the whole component is bounded by the union of its outside
 * inputs, tightened per member by parts it gets only from outside.
 */
function boundComponent(net: CompiledNetwork, state: AvailabilityState, sets: BoundSets, order: Int32Array, from: number, to: number, sccOf: Int32Array, k: number): void {
  const { avail, supply } = state;
  const { customerGroups, groupCritical, groupLinks, linkSupplier } = net;
  const down = DOWN;
  const { outside, meet, join } = sets;
  const cycle = to - from > 1;
  let outsideLen = 0;
  if (cycle) {
    for (let i = from; i < to && outsideLen !== ANY; i++) {
      const x = order[i];
      for (let g = customerGroups[x]; g < customerGroups[x + 1] && outsideLen !== ANY; g++) {
        if (supply[g] !== 0 || groupCritical[g] !== 1) continue;
        for (let j = groupLinks[g]; j < groupLinks[g + 1] && outsideLen !== ANY; j++) {
          const s = linkSupplier[j];
          if (sccOf[s] === k) continue;
          outsideLen = avail[s] === down ? sets.addOne(outside, outsideLen, s) : sets.addBound(outside, outsideLen, s);
        }
      }
    }
  }
  for (let i = from; i < to; i++) {
    const x = order[i];
    let meetLen = ANY;
    if (cycle && outsideLen !== ANY) {
      copy(outside, meet, 0, outsideLen);
      meetLen = outsideLen;
    }
    for (let g = customerGroups[x], gEnd = customerGroups[x + 1]; g < gEnd && meetLen !== 0; g++) {
      if (supply[g] !== 0 || groupCritical[g] !== 1) continue;
      let joinLen = 0;
      for (let j = groupLinks[g], end = groupLinks[g + 1]; j < end && joinLen !== ANY; j++) {
        const s = linkSupplier[j];
        if (sccOf[s] === k) joinLen = ANY;
        else joinLen = avail[s] === down ? sets.addOne(join, joinLen, s) : sets.addBound(join, joinLen, s);
      }
      if (joinLen === ANY) continue;
      if (meetLen === ANY) {
        copy(join, meet, 0, joinLen);
        meetLen = joinLen;
      } else {
        meetLen = sets.intersect(meet, meetLen, join, joinLen);
      }
    }
    sets.store(x, meet, meetLen);
  }
}

/**
 * Strongly connected components of H between blocked enterprises (Tarjan, iterative):
 * members of component k are order[sccStart[k] .. sccStart[k + 1] - 1], components listed
 * sources first; sccOf is -1 for enterprises that are not blocked.
 */
function blockedComponents(state: AvailabilityState, lost: LostGraph): { order: Int32Array; sccStart: Int32Array; sccOf: Int32Array } {
  const n = state.avail.length;
  const arena = new Arena(9 * n, n);
  const t: Tarjan = {
    index: arena.int32(n).fill(-1),
    low: arena.int32(n),
    onStack: arena.uint8(n),
    stack: arena.int32(n),
    callNode: arena.int32(n),
    callEdge: arena.int32(n),
    sccOfRev: arena.int32(n).fill(-1),
    members: arena.int32(n),
    sizes: [],
  };
  const written = tarjan(state.avail, lost, t);
  // Tarjan emits sinks first; reverse to list sources first.
  const sizes = t.sizes;
  const count = sizes.length;
  const sccStart = new Int32Array(count + 1);
  for (let k = 0; k < count; k++) sccStart[k + 1] = sccStart[k] + sizes[count - 1 - k];
  const order = arena.int32(written);
  reverseComponents(t.members, sizes, sccStart, order);
  const sccOf = arena.int32(n);
  renumber(t.sccOfRev, count, sccOf);
  return { order, sccStart, sccOf };
}

interface Tarjan {
  index: Int32Array;
  low: Int32Array;
  onStack: Uint8Array;
  stack: Int32Array;
  callNode: Int32Array;
  callEdge: Int32Array;
  /** Component of each blocked enterprise, numbered as found (sinks first); -1 elsewhere. */
  sccOfRev: Int32Array;
  /** Members of the components as found, component after component. */
  members: Int32Array;
  sizes: number[];
}

/** Tarjan's algorithm over the blocked enterprises; returns how many members were written. */
function tarjan(avail: Uint8Array, lost: LostGraph, t: Tarjan): number {
  const { hStart, hTarget } = lost;
  const { index, low, onStack, stack, callNode, callEdge, sccOfRev, members, sizes } = t;
  const n = avail.length;
  const blocked = BLOCKED;
  let sp = 0;
  let counter = 0;
  let written = 0;
  for (let root = 0; root < n; root++) {
    if (avail[root] !== blocked || index[root] !== -1) continue;
    let depth = 0;
    callNode[0] = root;
    callEdge[0] = hStart[root];
    index[root] = low[root] = counter++;
    stack[sp++] = root;
    onStack[root] = 1;
    while (depth >= 0) {
      const v = callNode[depth];
      const e = callEdge[depth];
      if (e < hStart[v + 1]) {
        callEdge[depth] = e + 1;
        const w = hTarget[e];
        if (index[w] === -1) {
          index[w] = low[w] = counter++;
          stack[sp++] = w;
          onStack[w] = 1;
          depth++;
          callNode[depth] = w;
          callEdge[depth] = hStart[w];
        } else if (onStack[w] === 1 && index[w] < low[v]) {
          low[v] = index[w];
        }
        continue;
      }
      if (low[v] === index[v]) {
        const id = sizes.length;
        let size = 0;
        let w: number;
        do {
          w = stack[--sp];
          onStack[w] = 0;
          sccOfRev[w] = id;
          members[written++] = w;
          size++;
        } while (w !== v);
        sizes.push(size);
      }
      depth--;
      if (depth >= 0) {
        const u = callNode[depth];
        if (low[v] < low[u]) low[u] = low[v];
      }
    }
  }
  return written;
}

/** Copies the components, found sinks first, into `order` sources first. */
function reverseComponents(members: Int32Array, sizes: number[], sccStart: Int32Array, order: Int32Array): void {
  const count = sizes.length;
  let pos = 0;
  for (let id = 0; id < count; id++) {
    const size = sizes[id];
    const at = sccStart[count - 1 - id];
    for (let i = 0; i < size; i++) order[at + i] = members[pos + i];
    pos += size;
  }
}

function renumber(sccOfRev: Int32Array, count: number, sccOf: Int32Array): void {
  for (let x = 0, n = sccOf.length; x < n; x++) sccOf[x] = sccOfRev[x] === -1 ? -1 : count - 1 - sccOfRev[x];
}
