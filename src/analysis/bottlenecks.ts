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
  // The root index lists roots by id; two stable counting sorts (the minor key first) then
  // give the order: linear, where a comparator sort of 100,000 roots took a third of this call.
  const identity = new Int32Array(roots.length);
  for (let k = 0; k < identity.length; k++) identity[k] = k;
  const rank = byKeyDescending(byKeyDescending(identity, blockedEnterprises), blockedLeaders);
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

/** The positions `order`, stably sorted by key[position], largest first (keys ≥ 0). */
function byKeyDescending(order: Int32Array, key: Int32Array): Int32Array {
  let max = 0;
  for (let i = 0; i < order.length; i++) if (key[order[i]] > max) max = key[order[i]];
  // starts[max - v]: where positions with key v begin.
  const starts = new Int32Array(max + 2);
  for (let i = 0; i < order.length; i++) starts[max - key[order[i]] + 1]++;
  for (let v = 1; v < starts.length; v++) starts[v] += starts[v - 1];
  const out = new Int32Array(order.length);
  for (let i = 0; i < order.length; i++) out[starts[max - key[order[i]]]++] = order[i];
  return out;
}
