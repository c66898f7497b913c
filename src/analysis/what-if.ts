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
import type { ChainAnalysis, LeaderStateChange } from './analysis';
import { CHAIN_STATE_NAMES, RESUMED, SUSPENDED } from './codes';
import type { CompiledNetwork } from './compile';
import type { AddedLink } from './added-links';

export interface WhatIfScenario {
  resume?: readonly string[];
  suspend?: readonly string[];
  suspendProvinces?: readonly string[];
  /** Hypothetical extra sources (§8), added before the statuses are applied. */
  addLinks?: readonly AddedLink[];
}

/** The statuses of a scenario: a copy of `status` with the scenario applied. */
export function scenarioStatuses(net: CompiledNetwork, status: Uint8Array, scenario: WhatIfScenario): Uint8Array {
  if (typeof scenario !== 'object' || scenario === null) throw new TypeError('whatIf: scenario must be an object');
  const next = status.slice();
  for (const id of scenario.resume ?? []) next[indexOf(net, id)] = RESUMED;
  for (const id of scenario.suspend ?? []) next[indexOf(net, id)] = SUSPENDED;
  const provinces = new Set(scenario.suspendProvinces ?? []);
  if (provinces.size > 0) {
    for (let i = 0; i < net.size; i++) {
      if (provinces.has(net.provinces[net.provinceOf[i]])) next[i] = SUSPENDED;
    }
  }
  return next;
}

/** Leaders whose availability differs between two states of one network, sorted by id. */
export function diffLeaders(net: CompiledNetwork, before: Uint8Array, after: Uint8Array): LeaderStateChange[] {
  const changes: LeaderStateChange[] = [];
  for (const l of net.leaders) {
    const a = before[l];
    const b = after[l];
    if (a !== b) changes.push({ leader: net.ids[l], before: CHAIN_STATE_NAMES[a], after: CHAIN_STATE_NAMES[b] });
  }
  return changes;
}

/** Leaders whose chain state would change under the scenario, sorted by leader id. */
export function whatIf(base: ChainAnalysis, scenario: WhatIfScenario): LeaderStateChange[] {
  return base.whatIf(scenario);
}

function indexOf(net: CompiledNetwork, id: string): number {
  const i = net.index.get(id);
  if (i === undefined) throw new RangeError(`whatIf: unknown enterprise ${JSON.stringify(id)}`);
  return i;
}
