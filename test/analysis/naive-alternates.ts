/**
 * CONTRACT §8 taken literally, for the property tests: the lost groups in a leader's way by
 * plain reachability in the naive H, and each candidate's `clears` by adding its link to the
 * snapshot and recomputing the whole fixed point with the naive oracle. Slow on purpose.
 */
import type { ChainSnapshot } from '../../src/graph/store';
import { NaiveAnalysis } from './naive';

export interface NaiveCandidate {
  id: string;
  province: string;
  sameProvince: boolean;
  capacityPct: number | null;
  clears: string[];
}

export interface NaiveGroup {
  customer: string;
  part: string;
  blockedLeaders: number;
  candidates: NaiveCandidate[];
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function naiveAlternates(snapshot: ChainSnapshot, leader: string, capacity: ReadonlyMap<string, number> = new Map()): NaiveGroup[] {
  const naive = new NaiveAnalysis(snapshot);
  if (naive.chainState(leader) !== 'blocked') return [];
  const byId = new Map(snapshot.enterprises.map((e) => [e.id, e]));
  const blockedLeaders = naive.leaders.filter((l) => naive.chainState(l) === 'blocked');
  const groups: NaiveGroup[] = [];
  for (const c of snapshot.enterprises.map((e) => e.id)) {
    if (c !== leader && !naive.reach(c).has(leader)) continue;
    for (const part of naive.lostParts.get(c)!) {
      const current = new Set(snapshot.links.filter((l) => l.customer === c && l.part === part).map((l) => l.supplier));
      const makers = new Set(snapshot.links.filter((l) => l.part === part).map((l) => l.supplier));
      const candidates: NaiveCandidate[] = [];
      for (const x of makers) {
        if (x === c || current.has(x) || naive.availability.get(x) !== 'operating') continue;
        const after = new NaiveAnalysis({ ...snapshot, links: [...snapshot.links, { supplier: x, customer: c, part, critical: true }] });
        candidates.push({
          id: x,
          province: byId.get(x)!.province,
          sameProvince: byId.get(x)!.province === byId.get(c)!.province,
          capacityPct: capacity.get(x) ?? null,
          clears: blockedLeaders.filter((l) => after.chainState(l) === 'clear'),
        });
      }
      // capacityPct is 0..100, so unknown as -1 sorts last.
      candidates.sort(
        (a, b) => b.clears.length - a.clears.length || Number(b.sameProvince) - Number(a.sameProvince) || (b.capacityPct ?? -1) - (a.capacityPct ?? -1) || cmp(a.id, b.id),
      );
      groups.push({ customer: c, part, blockedLeaders: blockedLeaders.filter((l) => naive.reach(c).has(l)).length, candidates });
    }
  }
  return groups.sort((a, b) => b.blockedLeaders - a.blockedLeaders || cmp(a.customer, b.customer) || cmp(a.part, b.part));
}
