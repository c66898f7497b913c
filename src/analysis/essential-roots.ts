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
import { BLOCKED, DOWN } from './codes';
import type { CompiledNetwork } from './compile';
import type { LostGraph } from './lost-graph';
import type { AvailabilityState } from './state';

/** null: any root may clear it. */
export type RootBound = readonly number[] | null;

const CAP = 32;
const NONE: readonly number[] = Object.freeze([]);

/** Upper bounds for every blocked enterprise (indexed by enterprise; others undefined). */
export function essentialRootBounds(net: CompiledNetwork, state: AvailabilityState, lost: LostGraph): RootBound[] {
  const n = net.size;
  const { avail, supply } = state;
  const { customerGroups, groupCritical, groupLinks, linkSupplier } = net;
  const down = DOWN;
  const { order, sccStart, sccOf } = blockedComponents(state, lost);
  const bound: RootBound[] = new Array(n);
  const add = (set: RootBound, s: number): RootBound => (avail[s] === down ? withOne(set, s) : union(set, bound[s]));

  // Components come sources first, so every input from outside a component is known.
  for (let k = 0; k + 1 < sccStart.length; k++) {
    const from = sccStart[k];
    const to = sccStart[k + 1];
    // Whatever clears a member of a cycle enters it from outside: bound the whole component
    // by the union of its outside inputs, tightened per member by parts it gets only from
    // outside.
    let outside: RootBound = NONE;
    if (to - from > 1) {
      for (let i = from; i < to && outside !== null; i++) {
        const x = order[i];
        for (let g = customerGroups[x]; g < customerGroups[x + 1] && outside !== null; g++) {
          if (supply[g] !== 0 || groupCritical[g] !== 1) continue;
          for (let j = groupLinks[g]; j < groupLinks[g + 1] && outside !== null; j++) {
            const s = linkSupplier[j];
            if (sccOf[s] !== k) outside = add(outside, s);
          }
        }
      }
    }
    for (let i = from; i < to; i++) {
      const x = order[i];
      let meet: RootBound = to - from > 1 ? outside : null;
      for (let g = customerGroups[x], gEnd = customerGroups[x + 1]; g < gEnd; g++) {
        if (meet !== null && meet.length === 0) break;
        if (supply[g] !== 0 || groupCritical[g] !== 1) continue;
        let join: RootBound = NONE;
        for (let j = groupLinks[g], end = groupLinks[g + 1]; j < end && join !== null; j++) {
          const s = linkSupplier[j];
          join = sccOf[s] === k ? null : add(join, s);
        }
        if (join !== null) meet = meet === null ? join : intersect(meet, join);
      }
      bound[x] = meet;
    }
  }
  return bound;
}

/**
 * Strongly connected components of H between blocked enterprises (Tarjan, iterative):
 * members of component k are order[sccStart[k] .. sccStart[k + 1] - 1], components listed
 * sources first; sccOf is -1 for enterprises that are not blocked.
 */
function blockedComponents(
  state: AvailabilityState,
  lost: LostGraph,
): { order: Int32Array; sccStart: number[]; sccOf: Int32Array } {
  const { avail } = state;
  const { hStart, hTarget } = lost;
  const n = avail.length;
  const blocked = BLOCKED;
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack = new Int32Array(n);
  const callNode = new Int32Array(n);
  const callEdge = new Int32Array(n);
  const sccOfRev = new Int32Array(n).fill(-1);
  const members = new Int32Array(n);
  const sizes: number[] = [];
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
  // Tarjan emits sinks first; reverse to list sources first.
  const count = sizes.length;
  const sccStart: number[] = new Array(count + 1);
  sccStart[0] = 0;
  for (let k = 0; k < count; k++) sccStart[k + 1] = sccStart[k] + sizes[count - 1 - k];
  const order = new Int32Array(written);
  let pos = 0;
  for (let id = 0; id < count; id++) {
    const size = sizes[id];
    const k = count - 1 - id;
    order.set(members.subarray(pos, pos + size), sccStart[k]);
    pos += size;
  }
  const sccOf = new Int32Array(n).fill(-1);
  for (let x = 0; x < n; x++) if (sccOfRev[x] !== -1) sccOf[x] = count - 1 - sccOfRev[x];
  return { order, sccStart, sccOf };
}

/** set ∪ {s}, allocating only when s is new. */
function withOne(set: RootBound, s: number): RootBound {
  if (set === null) return null;
  let i = 0;
  while (i < set.length && set[i] < s) i++;
  if (i < set.length && set[i] === s) return set;
  if (set.length >= CAP) return null;
  const out = set.slice();
  out.splice(i, 0, s);
  return out;
}

function union(a: RootBound, b: RootBound | undefined): RootBound {
  if (a === null || b === null || b === undefined) return null;
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = j >= b.length || (i < a.length && a[i] < b[j]) ? a[i++] : b[j++];
    if (out.length === 0 || out[out.length - 1] !== x) out.push(x);
  }
  return out.length > CAP ? null : out;
}

function intersect(a: readonly number[], b: readonly number[]): readonly number[] {
  if (a.length === 0 || b.length === 0) return NONE;
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] < b[j]) i++;
    else if (a[i] > b[j]) j++;
    else {
      out.push(a[i]);
      i++;
      j++;
    }
  }
  return out.length === 0 ? NONE : out;
}
