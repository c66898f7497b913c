/**
 * Availability: the least fixed point of §2.1–2.4, kept by counters.
 *
 * For every critical (customer, part) group we count its available suppliers (a group with
 * no critical link can never be lost, so its counter is left alone: nothing reads it). An
 * enterprise that becomes unavailable decrements the critical groups it supplies; one
 * reaching 0 is a lost part, and a customer that is not down with a lost part is blocked
 * and itself becomes unavailable. Starting from the down set and only ever adding forced
 * enterprises is exactly the least fixed point, so a cycle of operating enterprises with no
 * lost input is never added. Each enterprise enters the worklist once: O(V + E).
 *
 * The same counters make changes cheap:
 * - a suspension only runs the worklist from the newly down enterprise;
 * - a resumption of r can only make available what r reaches in the blocking graph H
 *   (anything else was blocked by inputs r cannot reach), so that region alone is reset to
 *   available and re-propagated. The reset state lies below the new fixed point and contains
 *   the new down set, so the worklist climbs to exactly the new least fixed point.
 * Counters are a function of the availability set alone, so resuming and then suspending
 * again restores the state bit for bit (the property tests check incremental against full).
 */
import { BLOCKED, DOWN, OPERATING, SUSPENDED } from './codes';
import type { CompiledNetwork } from './compile';
import { forwardRegion } from './blocking-graph';
import { inSharedMemory } from './arena';
import { emptyState, type AvailabilityState } from './state';

/**
 * Full computation from statuses: O(V + E).
 *
 * Each long loop lives in a function of its own (here and in the other passes over the whole
 * network): V8 optimises a long-running function on stack replacement at its first loop, and
 * code after that loop, never run yet, then lacks type feedback; reaching it throws the
 * optimised code away mid-run, repeatedly on every call (seen as a 2–3× slower fixed point).
 */
export function solveAvailability(net: CompiledNetwork, status: Uint8Array): AvailabilityState {
  const n = net.size;
  if (status.length !== n) throw new RangeError(`solveAvailability: ${status.length} statuses for ${n} enterprises`);
  // A network in shared memory (a large one: compile.ts) gets its state there too.
  const state = emptyState(status, net.groupCount, inSharedMemory(net.groupLinks));
  countSuppliers(net.groupLinks, state.supply);
  const tail = seedDown(status, state.avail, state.work);
  spread(net.criticalLinks, net.criticalGroup, net.groupCustomer, state.supply, state.avail, state.work, tail);
  countLost(net.groupCustomer, net.groupCritical, state.supply, state.lost);
  return state;
}

/**
 * The full run's worklist: propagate() without the per-enterprise lost counts, which a
 * random write per lost group made a sixth of the run; countLost() then derives them in
 * one sequential pass (groups are ordered by customer).
 */
function spread(criticalLinks: Int32Array, criticalGroup: Int32Array, groupCustomer: Int32Array, supply: Int32Array, avail: Uint8Array, work: Int32Array, tail: number): void {
  const operating = OPERATING;
  const blocked = BLOCKED;
  let head = 0;
  while (head < tail) {
    const x = work[head++];
    for (let j = criticalLinks[x], end = criticalLinks[x + 1]; j < end; j++) {
      const g = criticalGroup[j];
      if (--supply[g] === 0) {
        const c = groupCustomer[g];
        if (avail[c] === operating) {
          avail[c] = blocked;
          work[tail++] = c;
        }
      }
    }
  }
}

/** lost[c]: the critical groups of c with no available supplier. */
function countLost(groupCustomer: Int32Array, groupCritical: Uint8Array, supply: Int32Array, lost: Int32Array): void {
  for (let g = 0, count = supply.length; g < count; g++) if (supply[g] === 0 && groupCritical[g] === 1) lost[groupCustomer[g]]++;
}

/** Every group starts with all its suppliers available. */
function countSuppliers(groupLinks: Int32Array, supply: Int32Array): void {
  for (let g = 0, count = supply.length; g < count; g++) supply[g] = groupLinks[g + 1] - groupLinks[g];
}

/** Marks the suspended enterprises down and lists them in `work`; returns how many. */
function seedDown(status: Uint8Array, avail: Uint8Array, work: Int32Array): number {
  const suspended = SUSPENDED;
  const down = DOWN;
  let tail = 0;
  for (let i = 0, n = status.length; i < n; i++) {
    if (status[i] === suspended) {
      avail[i] = down;
      work[tail++] = i;
    }
  }
  return tail;
}

/**
 * Runs the worklist work[head, tail) of an incremental change, keeping the lost counts as it
 * goes: each entry is newly unavailable and its groups have not yet been decremented. Returns the new tail; work[from, tail) then lists every enterprise
 * that became blocked, in the order it did.
 */
function propagate(net: CompiledNetwork, state: AvailabilityState, head: number, tail: number): number {
  const { supply, avail, lost, work } = state;
  const { criticalLinks, criticalGroup, groupCustomer } = net;
  const operating = OPERATING;
  const blocked = BLOCKED;
  while (head < tail) {
    const x = work[head++];
    for (let j = criticalLinks[x], end = criticalLinks[x + 1]; j < end; j++) {
      const g = criticalGroup[j];
      if (--supply[g] === 0) {
        const c = groupCustomer[g];
        lost[c]++;
        if (avail[c] === operating) {
          avail[c] = blocked;
          work[tail++] = c;
        }
      }
    }
  }
  return tail;
}

/**
 * Suspends x. Returns the enterprises whose availability changed: x first (when it was not
 * down already), then every enterprise that became blocked. A blocked enterprise that
 * suspends stays unavailable, so nothing downstream moves (only H loses x's in-edges).
 */
export function suspend(net: CompiledNetwork, state: AvailabilityState, x: number): Int32Array {
  const { avail, work } = state;
  state.status[x] = SUSPENDED;
  const prev = avail[x];
  if (prev === DOWN) return new Int32Array(0);
  avail[x] = DOWN;
  if (prev === BLOCKED) return Int32Array.of(x);
  work[0] = x;
  const tail = propagate(net, state, 0, 1);
  return work.slice(0, tail);
}

/**
 * Gives x a status that is not suspended. When x was down, resets the region x reaches in H
 * to available and re-propagates. Returns that region (x first): every enterprise whose
 * availability may have changed; the caller compares before and after.
 */
export function resume(net: CompiledNetwork, state: AvailabilityState, x: number, status: number): Int32Array {
  if (status === SUSPENDED) throw new RangeError('resume: status must not be suspended');
  const { avail, supply, lost, work } = state;
  state.status[x] = status;
  if (avail[x] !== DOWN) return new Int32Array(0);

  const size = forwardRegion(net, state, x, state.region);
  const region = state.region;
  const { criticalLinks, criticalGroup, groupCustomer } = net;
  for (let i = 0; i < size; i++) {
    const y = region[i];
    for (let j = criticalLinks[y], end = criticalLinks[y + 1]; j < end; j++) {
      const g = criticalGroup[j];
      if (supply[g]++ === 0) lost[groupCustomer[g]]--;
    }
  }
  const operating = OPERATING;
  const blocked = BLOCKED;
  for (let i = 0; i < size; i++) avail[region[i]] = operating;
  let tail = 0;
  for (let i = 0; i < size; i++) {
    const y = region[i];
    if (lost[y] > 0) {
      avail[y] = blocked;
      work[tail++] = y;
    }
  }
  propagate(net, state, 0, tail);
  return region.slice(0, size);
}
