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
import type { RunwayAlert } from './task-store';

export const PRIORITY_WEIGHTS = Object.freeze({ leader: 1_000_000, province: 10_000, enterpriseCap: 9_999 });

export function taskPriority(affectedLeaders: number, requestingProvinces: number, blockedEnterprises: number): number {
  return affectedLeaders * PRIORITY_WEIGHTS.leader + requestingProvinces * PRIORITY_WEIGHTS.province + Math.min(blockedEnterprises, PRIORITY_WEIGHTS.enterpriseCap);
}

/** §7: stop dates of the leaders at the data date (analysis/Runway is one). */
export interface StopDates {
  /** The data date D. */
  readonly date: string;
  /** The earliest stop date among some leaders, null when none stops. */
  earliest(leaders: readonly string[]): string | null;
  /** The leaders that stop on or before D + days. */
  stoppingWithin(days: number): Array<{ leader: string; stopsOn: string | null; daysLeft: number | null; bindingPart: string | null; bindingRoot: string | null }>;
}

/**
 * §7: one alert per leader whose daysLeft is within the window (stopped lines included), with
 * the provinces to tell: those of its root causes and its own. Its key is (leader, stopsOn): the
 * outbox stores each key once, so a leader is alerted again only when its stop date moves.
 */
export function deriveRunwayAlerts(analysis: ChainAnalysis, stops: StopDates, windowDays: number): RunwayAlert[] {
  const net = analysis.network;
  const provinceOf = (id: string) => net.provinces[net.provinceOf[net.index.get(id)!]];
  return stops.stoppingWithin(windowDays).map((r) => {
    const rootCauses = analysis.rootCauses(r.leader);
    const province = provinceOf(r.leader);
    return {
      leader: r.leader,
      province,
      stopsOn: r.stopsOn as string,
      daysLeft: r.daysLeft as number,
      date: stops.date,
      bindingPart: r.bindingPart,
      bindingRoot: r.bindingRoot as string,
      rootCauses,
      provinces: [...new Set([province, ...rootCauses.map(provinceOf)])].sort(byCodeUnits),
    };
  });
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
