/**
 * The desired task set of CONTRACT §3, derived from one chain analysis. Pure.
 *
 * One task per down enterprise r that is a root cause of at least one blocked leader in a
 * province other than r's. Leaders that are themselves down are not blocked (§2.7), so they
 * never ask for a task.
 *
 * Priority ranks tasks the way bottlenecks are ranked (§2.8), with the cross-province reach
 * in between, and packs the three measures into one integer so that stores can sort on it:
 *
 *   priority = affectedLeaders × 1 000 000 + requestingProvinces × 10 000 + min(blockedEnterprises, 9 999)
 *
 * A task blocking more leaders always comes first; among equals, the one needed by more
 * provinces; then the one blocking more enterprises (capped so it cannot spill over).
 */
import type { ChainAnalysis } from '../analysis';
import { byCodeUnits, type DesiredTask } from './model';

export const PRIORITY_WEIGHTS = Object.freeze({ leader: 1_000_000, province: 10_000, enterpriseCap: 9_999 });

export function taskPriority(affectedLeaders: number, requestingProvinces: number, blockedEnterprises: number): number {
  return (
    affectedLeaders * PRIORITY_WEIGHTS.leader +
    requestingProvinces * PRIORITY_WEIGHTS.province +
    Math.min(blockedEnterprises, PRIORITY_WEIGHTS.enterpriseCap)
  );
}

/** §7: the earliest stop date among some leaders, null when none stops (runtime/runway gives one). */
export interface StopDates {
  earliest(leaders: readonly string[]): string | null;
}

/** The desired tasks, sorted by supplier; with stop dates, each carries stopsOn. */
export function deriveTasks(analysis: ChainAnalysis, stops?: StopDates): DesiredTask[] {
  const net = analysis.network;
  const provinceOf = (id: string): string => {
    const i = net.index.get(id);
    if (i === undefined) throw new RangeError(`deriveTasks: unknown enterprise ${JSON.stringify(id)}`);
    return net.provinces[net.provinceOf[i]];
  };
  const out: DesiredTask[] = [];
  // bottlenecks() lists exactly the down enterprises that are root causes of something blocked.
  for (const b of analysis.bottlenecks()) {
    if (b.blockedLeaders === 0) continue;
    const affectedLeaders = analysis.blockedLeadersOf(b.id);
    const requesting = new Set<string>();
    for (const leader of affectedLeaders) {
      const p = provinceOf(leader);
      if (p !== b.province) requesting.add(p);
    }
    if (requesting.size === 0) continue;
    const requestingProvinces = [...requesting].sort(byCodeUnits);
    out.push({
      supplier: b.id,
      assigneeProvince: b.province,
      affectedLeaders,
      requestingProvinces,
      blockedEnterprises: b.blockedEnterprises,
      priority: taskPriority(affectedLeaders.length, requestingProvinces.length, b.blockedEnterprises),
      ...(stops ? { stopsOn: stops.earliest(affectedLeaders) } : {}),
    });
  }
  return out.sort((x, y) => byCodeUnits(x.supplier, y.supplier));
}
