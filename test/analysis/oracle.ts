/**
 * Checks an analysis against the naive oracle on every question §2 answers: availability and
 * lost parts of every enterprise, root causes of every enterprise, every leader's chain
 * (states, root causes, lost parts with suppliers, blocking paths that are real shortest
 * paths in H), and the ranked bottlenecks.
 */
import type { ChainAnalysis } from '../../src/analysis';
import type { ChainSnapshot } from '../../src/graph/store';
import { NaiveAnalysis } from './naive';

export interface OracleOptions {
  /** Also compare bottlenecks (a full naive recomputation per root: skip on big graphs). */
  bottlenecks?: boolean;
}

export function expectAgreesWithOracle(analysis: ChainAnalysis, snapshot: ChainSnapshot, opts: OracleOptions = {}): NaiveAnalysis {
  const naive = new NaiveAnalysis(snapshot);
  const ids = snapshot.enterprises.map((e) => e.id);

  const actual = {
    availability: ids.map((id) => [id, analysis.availability(id)]),
    lostParts: ids.map((id) => [id, analysis.lostParts(id)]),
    rootCauses: ids.map((id) => [id, analysis.rootCauses(id)]),
  };
  const expected = {
    availability: ids.map((id) => [id, naive.availability.get(id)]),
    lostParts: ids.map((id) => [id, naive.lostParts.get(id)]),
    rootCauses: ids.map((id) => [id, naive.rootCauses(id)]),
  };
  expect(actual).toEqual(expected);

  expect(analysis.chains()).toEqual(
    naive.leaders.map((leader) => {
      const state = naive.chainState(leader);
      return {
        leader,
        state,
        rootCauses: naive.rootCauses(leader),
        lostParts: state === 'clear' ? [] : naive.lostParts.get(leader),
      };
    }),
  );
  expect(analysis.blockedLeaderIds()).toEqual(naive.leaders.filter((l) => naive.chainState(l) === 'blocked'));

  // Collected first and compared once: thousands of separate expect() calls are slow.
  const byId = new Map(snapshot.enterprises.map((e) => [e.id, e]));
  const suppliersOf = new Map<string, Set<string>>();
  for (const l of snapshot.links) {
    const key = `${l.customer}|${l.part}`;
    if (!suppliersOf.has(key)) suppliersOf.set(key, new Set());
    suppliersOf.get(key)!.add(l.supplier);
  }
  const actualChains: unknown[] = [];
  const expectedChains: unknown[] = [];
  for (const leader of naive.leaders) {
    const chain = analysis.chain(leader);
    actualChains.push({
      leader: chain.leader,
      state: chain.state,
      lostParts: chain.lostParts,
      rootCauses: chain.rootCauses.map((r) => ({ id: r.id, province: r.province, from: r.path[0], to: r.path[r.path.length - 1], length: r.path.length - 1 })),
    });
    expectedChains.push({
      leader,
      state: naive.chainState(leader),
      lostParts: naive.lostParts.get(leader)!.map((part) => ({
        part,
        suppliers: [...suppliersOf.get(`${leader}|${part}`)!].sort().map((id) => ({
          id,
          status: byId.get(id)!.status,
          availability: naive.availability.get(id),
        })),
      })),
      rootCauses: naive.rootCauses(leader).map((id) => ({
        id,
        province: byId.get(id)!.province,
        from: id,
        to: leader,
        length: id === leader ? 0 : naive.distance(id, leader),
      })),
    });
    for (const { path } of chain.rootCauses) {
      for (let i = 0; i + 1 < path.length; i++) {
        if (!naive.h.get(path[i])?.has(path[i + 1])) {
          throw new Error(`path ${path.join(' > ')} of ${leader}: ${path[i]} -> ${path[i + 1]} is not an edge of H`);
        }
      }
    }
  }
  expect(actualChains).toEqual(expectedChains);

  if (opts.bottlenecks !== false) expect(analysis.bottlenecks()).toEqual(naive.bottlenecks());
  return naive;
}
