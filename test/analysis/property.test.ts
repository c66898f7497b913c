/**
 * Random networks (cycles, alternates, non-critical links, leaders supplying leaders):
 * the analysis must agree with the naive oracle on everything, and incremental updates must
 * agree with a full recomputation after any sequence of status changes.
 * Seeded, so a failure reproduces; fast-check shrinks it to a minimal network.
 */
import fc from 'fast-check';
import { analyze, buildSupplyGraph, IncrementalAnalysis, whatIf } from '../../src/analysis';
import { essentialRootBounds } from '../../src/analysis/essential-roots';
import type { Status } from '../../src/graph/schema';
import type { ChainSnapshot } from '../../src/graph/store';
import { NaiveAnalysis, withStatuses } from './naive';
import { networkArb, PROVINCES } from './arbitraries';
import { expectAgreesWithOracle } from './oracle';

const scenarioArb = (n: number) =>
  fc.record({
    resume: fc.array(
      fc.nat(n - 1).map((i) => `E${i}`),
      { maxLength: 3 },
    ),
    suspend: fc.array(
      fc.nat(n - 1).map((i) => `E${i}`),
      { maxLength: 3 },
    ),
    suspendProvinces: fc.array(fc.constantFrom(...PROVINCES), { maxLength: 1 }),
  });

/** The lead view by a plain BFS over the snapshot's links. */
function naiveUpstream(snapshot: ChainSnapshot, id: string): string[][] {
  const tier = new Map([[id, 0]]);
  const levels: string[][] = [];
  let frontier = [id];
  while (frontier.length) {
    const next = new Set<string>();
    for (const l of snapshot.links) {
      if (frontier.includes(l.customer) && !tier.has(l.supplier)) next.add(l.supplier);
    }
    for (const s of next) tier.set(s, levels.length + 1);
    if (next.size) levels.push([...next].sort());
    frontier = [...next];
  }
  return levels;
}

describe('the analysis agrees with the naive oracle', () => {
  test('on 600 small random networks, every answer matches', () => {
    fc.assert(
      fc.property(networkArb(2, 12), (snapshot) => {
        expectAgreesWithOracle(analyze(snapshot), snapshot);
      }),
      { numRuns: 600, seed: 20200223 },
    );
  });

  test('on 60 larger random networks with few parts (long alternates, deep cycles), every answer matches', () => {
    fc.assert(
      fc.property(networkArb(30, 80, 2), (snapshot) => {
        expectAgreesWithOracle(analyze(snapshot), snapshot);
      }),
      { numRuns: 60, seed: 7 },
    );
  });

  test('a graphology graph gives the same answers as its snapshot', () => {
    fc.assert(
      fc.property(networkArb(2, 12), (snapshot) => {
        expectAgreesWithOracle(analyze(buildSupplyGraph(snapshot)), snapshot, { bottlenecks: false });
      }),
      { numRuns: 100, seed: 3 },
    );
  });

  test('what-if reports exactly the leaders whose state changes', () => {
    fc.assert(
      fc.property(
        networkArb(2, 12).chain((s) => fc.tuple(fc.constant(s), scenarioArb(s.enterprises.length))),
        ([snapshot, scenario]) => {
          const a = analyze(snapshot);
          expect(whatIf(a, scenario)).toEqual(new NaiveAnalysis(snapshot).whatIf(scenario));
        },
      ),
      { numRuns: 300, seed: 11 },
    );
  });

  test('the filter in front of resume trials never rules out a root that clears a leader alone', () => {
    let cleared = 0;
    fc.assert(
      fc.property(networkArb(2, 16, 2), (snapshot) => {
        const a = analyze(snapshot);
        const net = a.network;
        const bounds = essentialRootBounds(net, a.state);
        const naive = new NaiveAnalysis(snapshot);
        for (const leader of naive.leaders) {
          if (naive.chainState(leader) !== 'blocked') continue;
          const bound = bounds.of(net.index.get(leader)!);
          for (const root of naive.rootCauses(leader)) {
            const resumed = new NaiveAnalysis(withStatuses(snapshot, new Map([[root, 'resumed']])));
            if (resumed.chainState(leader) !== 'clear') continue;
            cleared++;
            if (bound !== null) expect(bound.map((r) => net.ids[r])).toContain(root);
          }
        }
      }),
      { numRuns: 500, seed: 17 },
    );
    expect(cleared).toBeGreaterThan(100);
  });

  test('the lead view lists each supplier once, at its smallest tier', () => {
    fc.assert(
      fc.property(
        networkArb(2, 12).chain((s) => fc.tuple(fc.constant(s), fc.nat(s.enterprises.length - 1))),
        ([snapshot, i]) => {
          const view = analyze(snapshot).upstream(`E${i}`);
          expect(view.tiers.map((t) => t.enterprises.map((e) => e.id))).toEqual(naiveUpstream(snapshot, `E${i}`));
        },
      ),
      { numRuns: 200, seed: 5 },
    );
  });
});

describe('incremental updates agree with a full recomputation', () => {
  const stepsArb = (n: number) =>
    fc.array(fc.record({ node: fc.nat(n - 1), status: fc.constantFrom<Status>('resumed', 'partial', 'suspended', 'suspended') }), {
      minLength: 1,
      maxLength: 10,
    });

  test('after 400 random sequences of status changes, every answer matches', () => {
    fc.assert(
      fc.property(
        networkArb(2, 14).chain((s) => fc.tuple(fc.constant(s), stepsArb(s.enterprises.length))),
        ([snapshot, steps]) => {
          const inc = new IncrementalAnalysis(snapshot);
          inc.bottlenecks(); // fill the caches, so that a stale cache would show
          let current = snapshot;
          let before = new NaiveAnalysis(current);
          for (const { node, status } of steps) {
            current = withStatuses(current, new Map([[`E${node}`, status]]));
            const changes = inc.setStatus(`E${node}`, status);
            const after = new NaiveAnalysis(current);
            const ids = current.enterprises.map((e) => e.id);
            expect(ids.map((id) => inc.availability(id))).toEqual(ids.map((id) => after.availability.get(id)));
            expect(changes).toEqual(
              before.leaders.map((leader) => ({ leader, before: before.chainState(leader), after: after.chainState(leader) })).filter((c) => c.before !== c.after),
            );
            // Every answer, against a fresh full analysis (itself checked against the oracle above).
            const full = analyze(current);
            expect([inc.chains(), inc.bottlenecks(), inc.counts()]).toEqual([full.chains(), full.bottlenecks(), full.counts()]);
            expect(ids.map((id) => inc.rootCauses(id))).toEqual(ids.map((id) => full.rootCauses(id)));
            before = after;
          }
          expectAgreesWithOracle(inc, current);
        },
      ),
      { numRuns: 400, seed: 42 },
    );
  });

  test('after adding links and enterprises, every answer matches', () => {
    fc.assert(
      fc.property(networkArb(2, 12), networkArb(2, 12), (a, b) => {
        // b's ids are renamed so that some enterprises are new and some overlap.
        const rename = (id: string) => `E${Number(id.slice(1)) + 5}`;
        const added = {
          enterprises: b.enterprises.map((e) => ({ ...e, id: rename(e.id) })),
          links: b.links.map((l) => ({ ...l, supplier: rename(l.supplier), customer: rename(l.customer) })),
        };
        const inc = new IncrementalAnalysis(a);
        inc.upsert(added);
        const merged = new Map(a.enterprises.map((e) => [e.id, e]));
        for (const e of added.enterprises) merged.set(e.id, e);
        const links = new Map(a.links.map((l) => [`${l.supplier}|${l.customer}|${l.part}`, l]));
        for (const l of added.links) links.set(`${l.supplier}|${l.customer}|${l.part}`, l);
        expectAgreesWithOracle(inc, { revision: 1, enterprises: [...merged.values()], links: [...links.values()] });
      }),
      { numRuns: 100, seed: 99 },
    );
  });
});
