/**
 * The lost-parts graph: for every enterprise, the lost groups (critical (customer, part)
 * groups with no available supplier) it supplies, as CSR arrays. It contains H (§2.5): an
 * edge s → C of H is a lost group of a blocked C that s supplies. The lost groups of down
 * customers are kept too, because resuming a down root turns its lost groups into inputs
 * that may keep it blocked (bottlenecks.ts).
 *
 * Why materialise it: the supply network has ~5 links per enterprise, but H usually has far
 * fewer, and the searches that run once per root (root index, resume trials) would otherwise
 * scan every supply link of every reached enterprise. Built in one pass over the groups.
 */
import { BLOCKED } from './codes';
import type { CompiledNetwork } from './compile';
import type { AvailabilityState } from './state';

export interface LostGraph {
  /** Lost groups supplied by s: lostGroup[start[s] .. start[s + 1] - 1]. */
  readonly start: Int32Array;
  readonly lostGroup: Int32Array;
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
  const start = new Int32Array(n + 1);
  const hStart = new Int32Array(n + 1);
  countLostLinks(net, state, start, hStart);
  prefixSums(start);
  prefixSums(hStart);
  const lostGroup = new Int32Array(start[n]);
  const hTarget = new Int32Array(hStart[n]);
  placeLostLinks(net, state, start.slice(0, n), hStart.slice(0, n), lostGroup, hTarget);
  return { start, lostGroup, hStart, hTarget };
}

// One loop per function: see solveAvailability (propagate.ts).

/** Per supplier (at s + 1): its links into lost groups, and those that are edges of H. */
function countLostLinks(net: CompiledNetwork, state: AvailabilityState, start: Int32Array, hStart: Int32Array): void {
  const { supply, avail } = state;
  const { groupCritical, groupLinks, linkSupplier, groupCount, groupCustomer } = net;
  const blocked = BLOCKED;
  for (let g = 0; g < groupCount; g++) {
    if (supply[g] !== 0 || groupCritical[g] !== 1) continue;
    const inH = avail[groupCustomer[g]] === blocked ? 1 : 0;
    for (let j = groupLinks[g], end = groupLinks[g + 1]; j < end; j++) {
      start[linkSupplier[j] + 1]++;
      hStart[linkSupplier[j] + 1] += inH;
    }
  }
}

function prefixSums(a: Int32Array): void {
  for (let i = 1, len = a.length; i < len; i++) a[i] += a[i - 1];
}

function placeLostLinks(net: CompiledNetwork, state: AvailabilityState, next: Int32Array, hNext: Int32Array, lostGroup: Int32Array, hTarget: Int32Array): void {
  const { supply, avail } = state;
  const { groupCritical, groupLinks, linkSupplier, groupCount, groupCustomer } = net;
  const blocked = BLOCKED;
  for (let g = 0; g < groupCount; g++) {
    if (supply[g] !== 0 || groupCritical[g] !== 1) continue;
    const c = groupCustomer[g];
    const inH = avail[c] === blocked;
    for (let j = groupLinks[g], end = groupLinks[g + 1]; j < end; j++) {
      const s = linkSupplier[j];
      lostGroup[next[s]++] = g;
      if (inH) hTarget[hNext[s]++] = c;
    }
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
