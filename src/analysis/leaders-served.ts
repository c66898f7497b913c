/**
 * CONTRACT §9 `leadersServed`: for each enterprise, the number of leaders it supplies directly
 * or through other enterprises over any supply links (critical or not, whatever the statuses),
 * itself included when it is a leader. Its weight in the chains: requests and stale reporters
 * are ranked by it.
 *
 * Correctness: enterprise x serves leader L exactly when x is reached from L by walking supply
 * links backwards (customer → supplier). One breadth-first walk per leader, marking what it
 * reaches with the leader's number, visits each enterprise at most once per leader, so cycles
 * neither loop nor count a leader twice; the leader itself is the walk's start, so it counts
 * itself. Cost: the sum over leaders of their upstream (links included), at most O(L · (V + E)),
 * and O(V) memory, paid once per compiled network: it depends on the structure only, so status
 * reports (which keep the network) never recompute it. Measured on the generated 300,000-enterprise
 * network (2,069 leaders, 1.3 M links): 6.4 M visits, about 2 s; bitsets over the condensation
 * (L / 256 passes over every link) were several times slower there, since a leader's upstream is
 * a small part of the whole network.
 */
import type { CompiledNetwork } from './compile';

const cache = new WeakMap<CompiledNetwork, Int32Array>();

export function leadersServedCounts(net: CompiledNetwork): Int32Array {
  const cached = cache.get(net);
  if (cached) return cached;
  const counts = new Int32Array(net.size);
  const mark = new Int32Array(net.size).fill(-1);
  const queue = new Int32Array(net.size);
  const { customerGroups, groupLinks, linkSupplier, leaders } = net;
  for (let k = 0; k < leaders.length; k++) {
    const leader = leaders[k];
    let head = 0;
    let tail = 0;
    mark[leader] = k;
    counts[leader]++;
    queue[tail++] = leader;
    while (head < tail) {
      const c = queue[head++];
      for (let g = customerGroups[c]; g < customerGroups[c + 1]; g++) {
        for (let l = groupLinks[g]; l < groupLinks[g + 1]; l++) {
          const s = linkSupplier[l];
          if (mark[s] === k) continue;
          mark[s] = k;
          counts[s]++;
          queue[tail++] = s;
        }
      }
    }
  }
  cache.set(net, counts);
  return counts;
}
