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
 * entry: O((V + E) log V) with a binary heap; with day buckets (the default: stop dates are
 * whole days, and the pass only ever pushes days at or after the one it pops), O(V + E + R) for
 * R days spanned.
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
  /** Order in which enterprises were finalised (0 first); -1 for those that never stop. */
  rank: Int32Array;
  /** What it was solved with (E of a group is recomputed from them: exhaustedOn). */
  inputs: RunwayInputs;
}

/**
 * Solves the stop-date equations for the statuses given (codes of codes.ts). `queue` is the
 * priority queue of the pass: day buckets by default (see DayBuckets), a binary heap when the
 * days span more than the buckets take (or when asked, for tests).
 */
export function solveRunway(net: CompiledNetwork, status: Uint8Array, inputs: RunwayInputs, queue: 'buckets' | 'heap' = 'buckets'): RunwaySolution {
  const n = net.size;
  const groups = net.groupCount;
  if (status.length !== n) throw new RangeError(`solveRunway: ${status.length} statuses for ${n} enterprises`);
  if (inputs.downSince.length !== n) throw new RangeError(`solveRunway: ${inputs.downSince.length} downSince for ${n} enterprises`);
  if (inputs.stockAsOf.length !== groups || inputs.stockDays.length !== groups) {
    throw new RangeError(`solveRunway: inventories for ${inputs.stockAsOf.length} groups, network has ${groups}`);
  }
  const stop = new Int32Array(n).fill(NEVER);
  const rank = new Int32Array(n).fill(-1);
  // remaining[g]: suppliers of g not final yet; -1 for a group with no critical link, which
  // never stops its customer (counting down from -1 never reaches 0). Suppliers are finalised
  // in increasing T, so when the last one is, S(g) is its T: no running maximum is needed.
  // The stock of g sits at stock[2g] (A) and stock[2g + 1] (days): one cache line, not two.
  const remaining = new Int32Array(groups);
  const stock = new Int32Array(2 * groups);
  // One long loop per function: see solveAvailability (propagate.ts).
  initGroups(net, inputs, remaining, stock);
  const base = earliestDown(status, inputs.downSince);
  const heap: DayQueue = queue === 'buckets' ? new DayBuckets(n + groups, base) : new MinHeap(n + groups);
  seedDown(status, inputs.downSince, stop, heap);
  if (!drain(net, status, heap, stop, rank, remaining, stock)) return solveRunway(net, status, inputs, 'heap');
  return { stop, rank, inputs };
}

function initGroups(net: CompiledNetwork, inputs: RunwayInputs, remaining: Int32Array, stock: Int32Array): void {
  const { groupLinks, groupCritical } = net;
  const { stockAsOf, stockDays } = inputs;
  for (let g = 0, groups = remaining.length; g < groups; g++) {
    remaining[g] = groupCritical[g] === 1 ? groupLinks[g + 1] - groupLinks[g] : -1;
    stock[2 * g] = stockAsOf[g];
    stock[2 * g + 1] = stockDays[g];
  }
}

/** The earliest downSince of a suspended enterprise; NEVER when none is. */
function earliestDown(status: Uint8Array, downSince: Int32Array): number {
  const suspended = SUSPENDED;
  let base = NEVER;
  for (let i = 0, n = status.length; i < n; i++) if (status[i] === suspended && downSince[i] < base) base = downSince[i];
  return base;
}

function seedDown(status: Uint8Array, downSince: Int32Array, stop: Int32Array, heap: DayQueue): void {
  const suspended = SUSPENDED;
  for (let i = 0, n = status.length; i < n; i++) {
    if (status[i] === suspended) {
      stop[i] = downSince[i];
      heap.push(downSince[i], i);
    }
  }
}

/** The pass itself; false when a day overflows the buckets (the caller retries with the heap). */
function drain(net: CompiledNetwork, status: Uint8Array, heap: DayQueue, stop: Int32Array, rank: Int32Array, remaining: Int32Array, stock: Int32Array): boolean {
  // Only critical groups can stop a customer: the others' counters start at -1 and never reach 0.
  const { groupCustomer, criticalLinks, criticalGroup } = net;
  const suspended = SUSPENDED;
  let order = 0;
  while (heap.size > 0) {
    const t = heap.topKey();
    if (t === OVERFLOW) return false;
    const x = heap.pop();
    // A stale entry: x was pushed again with an earlier day (keys only decrease, and nothing
    // is pushed for x once it is final, since every later E is at least its T).
    if (t !== stop[x]) continue;
    rank[x] = order++;
    for (let j = criticalLinks[x], end = criticalLinks[x + 1]; j < end; j++) {
      const g = criticalGroup[j];
      if (--remaining[g] !== 0) continue;
      const a = stock[2 * g];
      const e = (a > t ? a : t) + stock[2 * g + 1];
      const c = groupCustomer[g];
      if (e < stop[c] && status[c] !== suspended) {
        stop[c] = e;
        heap.push(e, c);
      }
    }
  }
  return true;
}

/** E(g): the day group g runs out, NEVER when it never does (not critical, or a supplier never stops). */
export function exhaustedOn(net: CompiledNetwork, sol: RunwaySolution, g: number): number {
  if (net.groupCritical[g] !== 1) return NEVER;
  let latest = NO_STOCK;
  for (let j = net.groupLinks[g]; j < net.groupLinks[g + 1]; j++) {
    const t = sol.stop[net.linkSupplier[j]];
    if (t === NEVER) return NEVER;
    if (t > latest) latest = t;
  }
  const a = sol.inputs.stockAsOf[g];
  return (a > latest ? a : latest) + sol.inputs.stockDays[g];
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
    if (exhaustedOn(net, sol, g) !== t) continue;
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
 * never enters an enterprise twice, finds the first one in that order, and the answer does not
 * depend on the order in which same-day enterprises were finalised. -1 when x never stops.
 */
export function bindingRoot(net: CompiledNetwork, status: Uint8Array, sol: RunwaySolution, x: number): number {
  if (sol.stop[x] === NEVER) return -1;
  const seen = new Set<number>([x]);
  // Explicit stack: each entered enterprise's followable suppliers and the next one to try.
  const stack: Array<{ suppliers: number[]; next: number }> = [];
  let y = x;
  for (;;) {
    if (status[y] === SUSPENDED) return y;
    stack.push({ suppliers: followable(net, sol, y), next: 0 });
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
function followable(net: CompiledNetwork, sol: RunwaySolution, y: number): number[] {
  const { stop } = sol;
  const groups: number[] = [];
  for (let g = net.customerGroups[y]; g < net.customerGroups[y + 1]; g++) if (exhaustedOn(net, sol, g) === stop[y]) groups.push(g);
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

/** A priority queue of (day, enterprise) pairs: the pass pushes days no earlier than the last popped. */
interface DayQueue {
  readonly size: number;
  /** The least day queued; OVERFLOW when a day was pushed beyond what the queue holds. */
  topKey(): number;
  push(key: number, value: number): void;
  pop(): number;
}

/** topKey() of a DayBuckets that was given a day too far out: the pass starts over with a heap. */
const OVERFLOW = -1 - 0x7fffffff;

/** The most days the buckets span: 2^22 days is 11,000 years, far beyond any real stock. */
const MAX_BUCKET_DAYS = 1 << 22;

/**
 * Dial's bucket queue: one bucket per day from `base`, each a linked list in typed arrays.
 * Stop dates are whole days and the pass pops them in increasing order, pushing only days at or
 * after the one it popped (E ≥ S ≥ t), so a cursor that only moves forward finds each next day:
 * O(V + E + days spanned) instead of the heap's O((V + E) log V). Days spanned are the dates in
 * the data plus the stock on a path: thousands, not millions.
 */
class DayBuckets implements DayQueue {
  private heads: Int32Array;
  private readonly next: Int32Array;
  private readonly values: Int32Array;
  private nodes = 0;
  private cursor = 0;
  private overflow = false;
  size = 0;

  constructor(
    capacity: number,
    private readonly base: number,
  ) {
    this.heads = new Int32Array(1024).fill(-1);
    this.next = new Int32Array(Math.max(1, capacity));
    this.values = new Int32Array(Math.max(1, capacity));
  }

  topKey(): number {
    if (this.overflow) return OVERFLOW;
    const heads = this.heads;
    while (heads[this.cursor] === -1) this.cursor++;
    return this.base + this.cursor;
  }

  push(key: number, value: number): void {
    const at = key - this.base;
    if (at < this.cursor) throw new RangeError(`DayBuckets: day ${key} pushed after day ${this.base + this.cursor} was popped`);
    if (at >= this.heads.length) {
      if (at >= MAX_BUCKET_DAYS) {
        this.overflow = true;
        this.size++;
        return;
      }
      let length = this.heads.length;
      while (length <= at) length *= 2;
      const grown = new Int32Array(length).fill(-1);
      grown.set(this.heads);
      this.heads = grown;
    }
    const node = this.nodes++;
    this.values[node] = value;
    this.next[node] = this.heads[at];
    this.heads[at] = node;
    this.size++;
  }

  /** Pops from the bucket topKey() found. */
  pop(): number {
    const node = this.heads[this.cursor];
    this.heads[this.cursor] = this.next[node];
    this.size--;
    return this.values[node];
  }
}

/** A binary min-heap of (key, value) integer pairs in typed arrays; ties pop in any order. */
class MinHeap implements DayQueue {
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
