/**
 * The blocking graph H (§2.5) as CSR arrays: an edge s → C of H is a lost group (a critical
 * (customer, part) group with no available supplier) of a blocked C that s supplies.
 *
 * Why materialise it: the supply network has ~5 links per enterprise, but H usually has far
 * fewer, and the searches that run once per root (the root index: 17M search steps at a
 * million enterprises) would otherwise scan every supply link of every reached enterprise
 * and check each group. Built in two passes over the groups.
 */
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

/** `shared`: in shared memory, for the searches of a helper thread (parallel-search.ts). */
export function buildLostGraph(net: CompiledNetwork, state: AvailabilityState, shared = false): LostGraph {
  const n = net.size;
  const hStart = new Int32Array(shared ? new SharedArrayBuffer(4 * (n + 1)) : new ArrayBuffer(4 * (n + 1)));
  const hTarget = buildH(hArrays(net, state), hStart, shared);
  return { hStart, hTarget };
}

/** What building H reads, as plain typed arrays (a helper thread receives them: parallel-search.ts). */
export interface HArrays {
  groupCount: number;
  supply: Int32Array;
  groupCritical: Uint8Array;
  avail: Uint8Array;
  groupCustomer: Int32Array;
  groupLinks: Int32Array;
  linkSupplier: Int32Array;
  /** The BLOCKED code (codes.ts): the kernels below take no import. */
  blocked: number;
}

export function hArrays(net: CompiledNetwork, state: AvailabilityState): HArrays {
  const { groupCount, groupCritical, groupCustomer, groupLinks, linkSupplier } = net;
  return { groupCount, supply: state.supply, groupCritical, avail: state.avail, groupCustomer, groupLinks, linkSupplier, blocked: BLOCKED };
}

// The kernels below are self-contained (no imports, no module constants): a helper thread runs
// them from their source text (parallel-search.ts). One loop per function: see
// solveAvailability (propagate.ts).

/** Fills hStart (zeroed, n + 1 entries) and returns hTarget, in shared memory when `shared`. */
export function buildH(a: HArrays, hStart: Int32Array, shared: boolean): Int32Array {
  const n = hStart.length - 1;
  countEdges(a, hStart);
  prefixSums(hStart);
  const edges = hStart[n];
  const hTarget = new Int32Array(shared ? new SharedArrayBuffer(4 * edges) : new ArrayBuffer(4 * edges));
  const next = hStart.slice(0, n);
  placeEdges(a, next, hTarget);
  return hTarget;
}

/** Per supplier (at s + 1): its edges in H. */
export function countEdges(a: HArrays, hStart: Int32Array): void {
  const { groupCount, supply, groupCritical, avail, groupCustomer, groupLinks, linkSupplier, blocked } = a;
  for (let g = 0; g < groupCount; g++) {
    if (supply[g] !== 0 || groupCritical[g] !== 1 || avail[groupCustomer[g]] !== blocked) continue;
    for (let j = groupLinks[g], end = groupLinks[g + 1]; j < end; j++) hStart[linkSupplier[j] + 1]++;
  }
}

export function prefixSums(a: Int32Array): void {
  for (let i = 1, len = a.length; i < len; i++) a[i] += a[i - 1];
}

export function placeEdges(a: HArrays, next: Int32Array, hTarget: Int32Array): void {
  const { groupCount, supply, groupCritical, avail, groupCustomer, groupLinks, linkSupplier, blocked } = a;
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
