/**
 * Bottlenecks (§2.8): the down enterprises that are a root cause of at least one blocked
 * enterprise, with what they block and what resuming each one alone would clear (all from
 * the root index), ranked by blockedLeaders desc, blockedEnterprises desc, id asc.
 */
import { byCodeUnits } from './codes';
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
  const out: Bottleneck[] = new Array(index.roots.length);
  for (let k = 0; k < index.roots.length; k++) {
    const r = index.roots[k];
    out[k] = {
      id: net.ids[r],
      province: net.provinces[net.provinceOf[r]],
      blockedLeaders: index.blockedLeaders[k],
      blockedEnterprises: index.blockedEnterprises[k],
      unblocksIfResumed: index.unblocksIfResumed[k],
    };
  }
  return out.sort(
    (a, b) =>
      b.blockedLeaders - a.blockedLeaders || b.blockedEnterprises - a.blockedEnterprises || byCodeUnits(a.id, b.id),
  );
}
