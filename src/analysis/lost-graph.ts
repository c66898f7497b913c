/**
 * The blocking graph H (§2.5) as CSR arrays: an edge s → C of H is a lost group (a critical
 * (customer, part) group with no available supplier) of a blocked C that s supplies.
 *
 * Why materialise it: the supply network has ~5 links per enterprise, but H usually has far
 * fewer, and the searches that run once per root (the root index: 17M search steps at a
 * million enterprises) would otherwise scan every supply link of every reached enterprise
 * and check each group. Built in two passes over the groups.
 */
import { Arena } from './arena';
import { BLOCKED } from './codes';
import type { CompiledNetwork } from './compile';
import type { AvailabilityState } from './state';

export interface LostGraph {
  /**
   * H itself, as out-adjacency: the blocked customers of s's lost groups are
   * hTarget[hStart[s] .. hStart[s + 1] - 1]. Searches read one array per edge instead of
   * three (group → customer → availability), which matters when H has millions of edges.
   */
  readonly hStart: Int32Array;
  readonly hTarget: Int32Array;
}

export function buildLostGraph(net: CompiledNetwork, state: AvailabilityState): LostGraph {
  const n = net.size;
  const arena = new Arena(2 * n + 1);
  const hStart = arena.int32(n + 1);
  countEdges(net, state, hStart);
  prefixSums(hStart);
  const hTarget = new Int32Array(hStart[n]);
  const next = arena.int32(n);
  next.set(hStart.subarray(0, n));
  placeEdges(net, state, next, hTarget);
  return { hStart, hTarget };
}

// One loop per function: see solveAvailability (propagate.ts).

/** Per supplier (at s + 1): its edges in H. */
function countEdges(net: CompiledNetwork, state: AvailabilityState, hStart: Int32Array): void {
  const { supply, avail } = state;
  const { groupCritical, groupLinks, linkSupplier, groupCount, groupCustomer } = net;
  const blocked = BLOCKED;
  for (let g = 0; g < groupCount; g++) {
    if (supply[g] !== 0 || groupCritical[g] !== 1 || avail[groupCustomer[g]] !== blocked) continue;
    for (let j = groupLinks[g], end = groupLinks[g + 1]; j < end; j++) hStart[linkSupplier[j] + 1]++;
  }
}

function prefixSums(a: Int32Array): void {
  for (let i = 1, len = a.length; i < len; i++) a[i] += a[i - 1];
}

function placeEdges(net: CompiledNetwork, state: AvailabilityState, next: Int32Array, hTarget: Int32Array): void {
  const { supply, avail } = state;
  const { groupCritical, groupLinks, linkSupplier, groupCount, groupCustomer } = net;
  const blocked = BLOCKED;
  for (let g = 0; g < groupCount; g++) {
    if (supply[g] !== 0 || groupCritical[g] !== 1) continue;
    const c = groupCustomer[g];
    if (avail[c] !== blocked) continue;
    for (let j = groupLinks[g], end = groupLinks[g + 1]; j < end; j++) hTarget[next[linkSupplier[j]]++] = c;
  }
}

/**
 * Breadth-first search from x along H (lost groups whose customer is blocked). Writes the
 * reached enterprises, x first, to `out`, marking them marks[i] = epoch; returns how many.
 */
export function reachInH(lost: LostGraph, x: number, out: Int32Array, marks: Int32Array, epoch: number): number {
  const { hStart, hTarget } = lost;
  marks[x] = epoch;
  out[0] = x;
  let head = 0;
  let tail = 1;
  while (head < tail) {
    const s = out[head++];
    for (let j = hStart[s], end = hStart[s + 1]; j < end; j++) {
      const c = hTarget[j];
      if (marks[c] !== epoch) {
        marks[c] = epoch;
        out[tail++] = c;
      }
    }
  }
  return tail;
}
