/**
 * Bottlenecks (§2.8): the down enterprises that are a root cause of at least one blocked
 * enterprise, with what they block and what resuming each one alone would clear.
 *
 * unblocksIfResumed is measured, not estimated: r is resumed on the live counters (only the
 * region r reaches in H is re-propagated, see propagate.ts), the blocked leaders it was a
 * root of are checked, and r is suspended again, which restores the state exactly. A leader
 * with another independent root stays blocked, so it does not count.
 */
import { byCodeUnits, OPERATING, RESUMED } from './codes';
import type { CompiledNetwork } from './compile';
import { resume, suspend } from './propagate';
import type { RootIndex } from './root-index';
import type { AvailabilityState } from './state';

export interface Bottleneck {
  id: string;
  province: string;
  /** Blocked leaders it is a root cause of. */
  blockedLeaders: number;
  /** Blocked enterprises (leaders included) it is a root cause of. */
  blockedEnterprises: number;
  /** Blocked leaders that would be clear if it alone were resumed. */
  unblocksIfResumed: number;
}

export function rankBottlenecks(net: CompiledNetwork, state: AvailabilityState, index: RootIndex): Bottleneck[] {
  const out: Bottleneck[] = [];
  for (let k = 0; k < index.roots.length; k++) {
    const r = index.roots[k];
    const leaders = index.leadersOfRoot.get(r) ?? [];
    out.push({
      id: net.ids[r],
      province: net.provinces[net.provinceOf[r]],
      blockedLeaders: index.blockedLeaders[k],
      blockedEnterprises: index.blockedEnterprises[k],
      unblocksIfResumed: leaders.length === 0 ? 0 : clearedIfResumed(net, state, r, leaders),
    });
  }
  return out.sort(
    (a, b) =>
      b.blockedLeaders - a.blockedLeaders || b.blockedEnterprises - a.blockedEnterprises || byCodeUnits(a.id, b.id),
  );
}

/** How many of `leaders` (blocked, with r as a root) would be clear if r alone resumed. */
export function clearedIfResumed(
  net: CompiledNetwork,
  state: AvailabilityState,
  r: number,
  leaders: readonly number[],
): number {
  const status = state.status[r];
  resume(net, state, r, RESUMED);
  try {
    let cleared = 0;
    for (const l of leaders) if (state.avail[l] === OPERATING) cleared++;
    return cleared;
  } finally {
    suspend(net, state, r);
    state.status[r] = status;
  }
}
