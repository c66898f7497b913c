/**
 * Traversals of the blocking graph H (§2.5): s → C for every blocked C, every lost part p
 * of C and every supplier s of p to C. Here H's edges are read off the counters (a group is
 * lost when it has a critical link and no available supplier), so they are always in step
 * with the availability state, including in the middle of an incremental change. (The
 * searches run once per root use a materialised copy instead: lost-graph.ts.)
 *
 * Only blocked enterprises have in-edges in H, so traversals stop at down enterprises by
 * construction: blockage does not pass through a down enterprise to its suppliers (§2.6).
 */
import { BLOCKED, DOWN } from './codes';
import type { CompiledNetwork } from './compile';
import { nextEpoch, type AvailabilityState } from './state';

/**
 * Breadth-first search from x along H's out-edges. Writes the reached enterprises (x first)
 * to `out` and returns how many there are.
 */
export function forwardRegion(net: CompiledNetwork, state: AvailabilityState, x: number, out: Int32Array): number {
  const { supply, avail, marks } = state;
  const { criticalLinks, criticalGroup, groupCustomer } = net;
  const epoch = nextEpoch(state);
  const blocked = BLOCKED;
  marks[x] = epoch;
  out[0] = x;
  let head = 0;
  let tail = 1;
  while (head < tail) {
    const s = out[head++];
    for (let j = criticalLinks[s], end = criticalLinks[s + 1]; j < end; j++) {
      const g = criticalGroup[j];
      if (supply[g] !== 0) continue;
      const c = groupCustomer[g];
      if (avail[c] === blocked && marks[c] !== epoch) {
        marks[c] = epoch;
        out[tail++] = c;
      }
    }
  }
  return tail;
}

/** A breadth-first search from a target backwards along H: everything that reaches it. */
export interface ReverseSearch {
  /** Reached enterprises in BFS order, the target first. */
  readonly reached: Int32Array;
  /** For a reached x other than the target: the next enterprise on a shortest x → target path. */
  readonly next: Int32Array;
}

/**
 * Searches backwards from t in H. `next` is scratch of one slot per enterprise, written only
 * where reached. Because it is breadth-first, following `next` from any reached x walks a
 * shortest path in H from x to t (§2.7: ties are broken by link order, deterministically).
 */
export function reverseSearch(net: CompiledNetwork, state: AvailabilityState, t: number, next: Int32Array, reachedBuf: Int32Array): ReverseSearch {
  const { supply, avail, marks } = state;
  const { customerGroups, groupCritical, groupLinks, linkSupplier } = net;
  const epoch = nextEpoch(state);
  const blocked = BLOCKED;
  marks[t] = epoch;
  next[t] = -1;
  reachedBuf[0] = t;
  let head = 0;
  let tail = 1;
  while (head < tail) {
    const c = reachedBuf[head++];
    if (avail[c] !== blocked) continue;
    for (let g = customerGroups[c], gEnd = customerGroups[c + 1]; g < gEnd; g++) {
      if (supply[g] !== 0 || groupCritical[g] !== 1) continue;
      for (let j = groupLinks[g], end = groupLinks[g + 1]; j < end; j++) {
        const s = linkSupplier[j];
        if (marks[s] !== epoch) {
          marks[s] = epoch;
          next[s] = c;
          reachedBuf[tail++] = s;
        }
      }
    }
  }
  return { reached: reachedBuf.subarray(0, tail), next };
}

/** The down enterprises among a search's reached set: the root causes of its target. */
export function rootsIn(state: AvailabilityState, reached: Int32Array): number[] {
  const roots: number[] = [];
  const down = DOWN;
  for (let i = 0; i < reached.length; i++) if (state.avail[reached[i]] === down) roots.push(reached[i]);
  return roots;
}

/** The shortest path from a reached x to the search's target, as enterprise indices. */
export function pathTo(search: ReverseSearch, x: number): number[] {
  const path = [x];
  for (let y = search.next[x]; y !== -1; y = search.next[y]) path.push(y);
  return path;
}
