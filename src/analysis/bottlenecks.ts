/**
 * Bottlenecks (§2.8): the down enterprises that are a root cause of at least one blocked
 * enterprise, with what they block and what resuming each one alone would clear (all from
 * the root index), ranked by blockedLeaders desc, blockedEnterprises desc, id asc.
 */
import type { CompiledNetwork } from './compile';
import type { RootIndex } from './root-index';

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

export function rankBottlenecks(net: CompiledNetwork, index: RootIndex): Bottleneck[] {
  const { roots, blockedLeaders, blockedEnterprises, unblocksIfResumed } = index;
  // The root index lists roots by id, and sort() is stable: numbers alone decide the rest.
  const rank = Array.from({ length: roots.length }, (_, k) => k).sort((a, b) => blockedLeaders[b] - blockedLeaders[a] || blockedEnterprises[b] - blockedEnterprises[a]);
  const out: Bottleneck[] = new Array(rank.length);
  for (let i = 0; i < rank.length; i++) {
    const k = rank[i];
    const r = roots[k];
    out[i] = {
      id: net.ids[r],
      province: net.provinces[net.provinceOf[r]],
      blockedLeaders: blockedLeaders[k],
      blockedEnterprises: blockedEnterprises[k],
      unblocksIfResumed: unblocksIfResumed[k],
    };
  }
  return out;
}
