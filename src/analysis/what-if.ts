/**
 * What-if (§2.9): the same analysis on a hypothetical set of statuses, reported as the
 * leaders whose chain state changes. Nothing is persisted: the base analysis is only read.
 *
 * Scenario semantics: `resume` sets status resumed; `suspend` and `suspendProvinces` set
 * suspended. When an enterprise is both resumed and suspended (directly or through its
 * province), suspend wins: a what-if asks "what if these go down", and a stray resume
 * should not hide that. Unknown enterprise ids are a RangeError naming the id; a province
 * with no enterprises simply suspends nothing.
 */
import { ChainAnalysis, type LeaderStateChange } from './analysis';
import { CHAIN_STATE_NAMES, RESUMED, SUSPENDED } from './codes';
import type { CompiledNetwork } from './compile';
import { solveAvailability } from './propagate';

export interface WhatIfScenario {
  resume?: readonly string[];
  suspend?: readonly string[];
  suspendProvinces?: readonly string[];
}

/** The full hypothetical analysis, for callers that want more than the changed leaders. */
export function analyzeScenario(base: ChainAnalysis, scenario: WhatIfScenario): ChainAnalysis {
  const net = base.network;
  const status = base.state.status.slice();
  for (const id of scenario.resume ?? []) status[indexOf(net, id)] = RESUMED;
  for (const id of scenario.suspend ?? []) status[indexOf(net, id)] = SUSPENDED;
  const provinces = new Set(scenario.suspendProvinces ?? []);
  if (provinces.size > 0) {
    for (let i = 0; i < net.size; i++) {
      if (provinces.has(net.provinces[net.provinceOf[i]])) status[i] = SUSPENDED;
    }
  }
  return new ChainAnalysis(net, solveAvailability(net, status), base.revision);
}

/** Leaders whose chain state differs between base and the scenario, sorted by leader id. */
export function whatIf(base: ChainAnalysis, scenario: WhatIfScenario): LeaderStateChange[] {
  return leaderChanges(base, analyzeScenario(base, scenario));
}

/** Leaders whose chain state differs between two analyses of the same network. */
export function leaderChanges(before: ChainAnalysis, after: ChainAnalysis): LeaderStateChange[] {
  const net = before.network;
  if (after.network !== net) throw new RangeError('leaderChanges: the analyses are of different networks');
  const changes: LeaderStateChange[] = [];
  for (const l of net.leaders) {
    const a = before.state.avail[l];
    const b = after.state.avail[l];
    if (a !== b) changes.push({ leader: net.ids[l], before: CHAIN_STATE_NAMES[a], after: CHAIN_STATE_NAMES[b] });
  }
  return changes;
}

function indexOf(net: CompiledNetwork, id: string): number {
  const i = net.index.get(id);
  if (i === undefined) throw new RangeError(`whatIf: unknown enterprise ${JSON.stringify(id)}`);
  return i;
}
