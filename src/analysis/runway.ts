/**
 * Runway (CONTRACT §7): the day each enterprise stops, as the least solution of
 *
 *   T(x) = downSince(x)                                   when x is down;
 *   E(g) = max(S(g), A(g)) + days(g),  S(g) = max T over all suppliers of group g;
 *   T(x) = min E(g) over x's critical groups whose every supplier has a finite T; else ∞.
 *
 * Days are integers (days since 1970-01-01); ∞ is NEVER, "no inventory report" is A = NO_STOCK
 * (below every date) with days = 0, so E(g) = S(g).
 *
 * "Least" as in §2.4: nothing stops unless forced. Start from T = ∞ for every enterprise that
 * is not down and lower a T only when a complete group forces it (a cycle with A = min(R + 5, B),
 * B = A is also solved by any date before R + 5; the least solution is R + 5, where the stock
 * truly runs out). The iteration from ∞ only lowers values and converges to that solution.
 *
 * Why a Dijkstra-style pass (Knuth's generalisation to superior functions) reaches it: every
 * E(g) is at least each of its suppliers' T (days ≥ 0), and a group yields a value only once all
 * its suppliers are final. Enterprises are finalised in increasing T from a binary heap.
 * Induction on that order: when x is popped with t, every enterprise whose solution T is below t
 * is final already, so every complete group that can give x a value below t has offered it;
 * hence t = min E over x's complete groups, and no smaller value is forced. Groups some of whose
 * suppliers never stop never complete, so a cycle with no down root never stops, and the finite
 * set is the least fixed point of §2.4, whatever the dates (its members are popped exactly as
 * the worklist of propagate.ts adds them). Each group completes once and pushes at most one
 * entry: O((V + E) log V).
 *
 * A down enterprise's T is its downSince, full stop: its own groups never move it.
 */
import { byCodeUnits, SUSPENDED } from './codes';
import type { CompiledNetwork } from './compile';

/** T of an enterprise that never stops. */
export const NEVER = 0x7fffffff;
/** A(g) of a group without an inventory report: below every date. */
export const NO_STOCK = -0x80000000;

export interface RunwayInputs {
  /** Per enterprise: the day it went down; read only where the status is suspended. */
  downSince: Int32Array;
  /** Per group: asOf day of the customer's current inventory report for the part, else NO_STOCK. */
  stockAsOf: Int32Array;
  /** Per group: the days of that report, else 0. */
  stockDays: Int32Array;
}

export interface RunwaySolution {
  /** T per enterprise, NEVER for one that never stops. */
  stop: Int32Array;
  /** E per group, NEVER for a group that never runs out (an unfinished or non-critical one). */
  exhausted: Int32Array;
  /** Order in which enterprises were finalised (0 first); -1 for those that never stop. */
  rank: Int32Array;
}

/** Solves the stop-date equations for the statuses given (codes of codes.ts). */
export function solveRunway(net: CompiledNetwork, status: Uint8Array, inputs: RunwayInputs): RunwaySolution {
  const n = net.size;
  const groups = net.groupCount;
  if (status.length !== n) throw new RangeError(`solveRunway: ${status.length} statuses for ${n} enterprises`);
  if (inputs.downSince.length !== n) throw new RangeError(`solveRunway: ${inputs.downSince.length} downSince for ${n} enterprises`);
  if (inputs.stockAsOf.length !== groups || inputs.stockDays.length !== groups) {
    throw new RangeError(`solveRunway: inventories for ${inputs.stockAsOf.length} groups, network has ${groups}`);
  }
  const never = NEVER;
  const suspended = SUSPENDED;
  const stop = new Int32Array(n).fill(never);
  const exhausted = new Int32Array(groups).fill(never);
  const rank = new Int32Array(n).fill(-1);
  const { groupLinks, groupCritical, groupCustomer, supplierLinks, supplierGroup } = net;
  const { downSince, stockAsOf, stockDays } = inputs;

  // remaining[g]: suppliers of g not final yet; latest[g]: the latest T among the final ones.
  const remaining = new Int32Array(groups);
  const latest = new Int32Array(groups).fill(NO_STOCK);
  for (let g = 0; g < groups; g++) remaining[g] = groupLinks[g + 1] - groupLinks[g];

  const heap = new MinHeap(n + groups);
  for (let i = 0; i < n; i++) {
    if (status[i] === suspended) {
      stop[i] = downSince[i];
      heap.push(downSince[i], i);
    }
  }
  let order = 0;
  while (heap.size > 0) {
    const t = heap.topKey();
    const x = heap.pop();
    if (rank[x] >= 0 || t !== stop[x]) continue; // a stale entry: x was finalised earlier
    rank[x] = order++;
    for (let j = supplierLinks[x], end = supplierLinks[x + 1]; j < end; j++) {
      const g = supplierGroup[j];
      if (t > latest[g]) latest[g] = t;
      if (--remaining[g] !== 0 || groupCritical[g] !== 1) continue;
      const from = stockAsOf[g] > latest[g] ? stockAsOf[g] : latest[g];
      const e = from + stockDays[g];
      exhausted[g] = e;
      const c = groupCustomer[g];
      if (rank[c] < 0 && status[c] !== suspended && e < stop[c]) {
        stop[c] = e;
        heap.push(e, c);
      }
    }
  }
  return { stop, exhausted, rank };
}

/**
 * The group that gives x its stop date: the critical complete group with E = T(x) whose part
 * id is least (code units). -1 for a down enterprise (a part does not stop it) or one that
 * never stops.
 */
export function bindingGroup(net: CompiledNetwork, status: Uint8Array, sol: RunwaySolution, x: number): number {
  const t = sol.stop[x];
  if (t === NEVER || status[x] === SUSPENDED) return -1;
  let best = -1;
  for (let g = net.customerGroups[x]; g < net.customerGroups[x + 1]; g++) {
    if (sol.exhausted[g] !== t) continue;
    if (best < 0 || net.parts[net.groupPart[g]] < net.parts[net.groupPart[best]]) best = g;
  }
  return best;
}

/**
 * The root cause reached from x by following, group by group, a supplier with the latest T
 * until a down enterprise. The groups of y that can be followed are those that give T(y)
 * (critical, complete, E = T(y)), tried in part-id order, so the first step goes through
 * bindingPart; in a group, its suppliers with the latest T, in id order.
 *
 * Why a depth-first search and not a greedy walk: enterprises that stop the same day can give
 * each other their T (a cycle where stock runs out on one day), so the least part id may lead
 * back to where the walk came from. Every followed step keeps T or lowers it, and the group
 * that gave y its T in the Dijkstra order has only suppliers finalised before y, so from every
 * stopping enterprise some sequence of such steps reaches a down enterprise; the search, which
 * never enters an enterprise twice, finds the first one in that order. Each enterprise and
 * link is looked at once per call. -1 when x never stops.
 */
export function bindingRoot(net: CompiledNetwork, status: Uint8Array, sol: RunwaySolution, x: number): number {
  const { stop, exhausted } = sol;
  if (stop[x] === NEVER) return -1;
  const seen = new Set<number>([x]);
  // Explicit stack of (enterprise, its followable suppliers in order, next position).
  const stack: Array<{ suppliers: number[]; next: number }> = [];
  let y = x;
  for (;;) {
    if (status[y] === SUSPENDED) return y;
    stack.push({ suppliers: followable(net, stop, exhausted, y), next: 0 });
    let moved = false;
    while (stack.length > 0 && !moved) {
      const top = stack[stack.length - 1];
      while (top.next < top.suppliers.length) {
        const s = top.suppliers[top.next++];
        if (seen.has(s)) continue;
        seen.add(s);
        y = s;
        moved = true;
        break;
      }
      if (!moved) stack.pop();
    }
    if (!moved) throw new Error(`bindingRoot: no down enterprise gives ${net.ids[x]} its stop date`);
  }
}

/** The suppliers a step from y may follow, in order: groups giving T(y) by part id, then latest-T suppliers by id. */
function followable(net: CompiledNetwork, stop: Int32Array, exhausted: Int32Array, y: number): number[] {
  const groups: number[] = [];
  for (let g = net.customerGroups[y]; g < net.customerGroups[y + 1]; g++) if (exhausted[g] === stop[y]) groups.push(g);
  groups.sort((a, b) => byCodeUnits(net.parts[net.groupPart[a]], net.parts[net.groupPart[b]]));
  const out: number[] = [];
  for (const g of groups) {
    let latest = -1;
    for (let j = net.groupLinks[g]; j < net.groupLinks[g + 1]; j++) latest = Math.max(latest, stop[net.linkSupplier[j]]);
    const tied: number[] = [];
    for (let j = net.groupLinks[g]; j < net.groupLinks[g + 1]; j++) if (stop[net.linkSupplier[j]] === latest) tied.push(net.linkSupplier[j]);
    tied.sort((a, b) => byCodeUnits(net.ids[a], net.ids[b]));
    out.push(...tied);
  }
  return out;
}

/** A binary min-heap of (key, value) integer pairs in typed arrays; ties pop in any order. */
class MinHeap {
  private readonly keys: Int32Array;
  private readonly values: Int32Array;
  size = 0;

  constructor(capacity: number) {
    this.keys = new Int32Array(Math.max(1, capacity));
    this.values = new Int32Array(Math.max(1, capacity));
  }

  topKey(): number {
    return this.keys[0];
  }

  push(key: number, value: number): void {
    const { keys, values } = this;
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (keys[parent] <= key) break;
      keys[i] = keys[parent];
      values[i] = values[parent];
      i = parent;
    }
    keys[i] = key;
    values[i] = value;
  }

  pop(): number {
    const { keys, values } = this;
    const top = values[0];
    const last = --this.size;
    const key = keys[last];
    const value = values[last];
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= last) break;
      if (child + 1 < last && keys[child + 1] < keys[child]) child++;
      if (keys[child] >= key) break;
      keys[i] = keys[child];
      values[i] = values[child];
      i = child;
    }
    keys[i] = key;
    values[i] = value;
    return top;
  }
}
