/**
 * The analysis on real supply-network structures (Willems 2008, ETO chip explorer) with
 * seeded random suspensions, checked against the naive oracle; and the converters checked
 * against the published totals of the data.
 */
import { analyze, IncrementalAnalysis } from '../../src/analysis';
import { prng, suspendRandomly, withStatuses } from './naive';
import { expectAgreesWithOracle } from './oracle';
import { loadEtoNetwork, loadWillemsChain } from './real-chains';

const CHAINS = Array.from({ length: 38 }, (_, i) => i + 1);

describe('Willems (2008) chains', () => {
  test('the converter reads all 38 chains with the published totals', () => {
    let stages = 0;
    let arcs = 0;
    for (const n of CHAINS) {
      const s = loadWillemsChain(n);
      stages += s.enterprises.length;
      arcs += s.links.length;
      const suppliers = new Set(s.links.map((l) => l.supplier));
      for (const e of s.enterprises) expect(e.role).toBe(suppliers.has(e.id) ? 'supplier' : 'leader');
      expect(s.links.every((l) => l.critical)).toBe(true);
    }
    expect([stages, arcs]).toEqual([15_872, 43_589]);
  });

  test('a Willems chain has no alternates: every part has one supplier', () => {
    const a = analyze(loadWillemsChain(7));
    const net = a.network;
    for (let g = 0; g < net.groupCount; g++) expect(net.groupLinks[g + 1] - net.groupLinks[g]).toBe(1);
  });

  test.each(CHAINS)('chain %i with random suspensions agrees with the oracle', (n) => {
    const chain = loadWillemsChain(n);
    for (const [fraction, seed] of [
      [0.03, n],
      [0.15, 1000 + n],
    ]) {
      const snapshot = suspendRandomly(chain, fraction, seed);
      const a = analyze(snapshot);
      expectAgreesWithOracle(a, snapshot, { bottlenecks: chain.enterprises.length <= 1_000 });
    }
  });

  test('on the largest chain, bottlenecks agree with the oracle', () => {
    const snapshot = suspendRandomly(loadWillemsChain(38), 0.02, 38);
    const a = analyze(snapshot);
    expect(a.bottlenecks().length).toBeGreaterThan(0);
    expectAgreesWithOracle(a, snapshot);
  });

  test('on the largest chain, 300 incremental status changes agree with full recomputation', () => {
    const chain = suspendRandomly(loadWillemsChain(38), 0.03, 7);
    const random = prng(12345);
    const inc = new IncrementalAnalysis(chain);
    let current = chain;
    const ids = chain.enterprises.map((e) => e.id);
    for (let step = 1; step <= 300; step++) {
      const id = ids[Math.floor(random() * ids.length)];
      const status = random() < 0.5 ? 'suspended' : random() < 0.5 ? 'partial' : 'resumed';
      inc.setStatus(id, status);
      current = withStatuses(current, new Map([[id, status]]));
      if (step % 50 === 0) {
        const full = analyze(current);
        expect(inc.chains()).toEqual(full.chains());
        expect(ids.map((x) => inc.availability(x))).toEqual(ids.map((x) => full.availability(x)));
        expect(inc.bottlenecks()).toEqual(full.bottlenecks());
      }
    }
    expectAgreesWithOracle(inc, current, { bottlenecks: false });
  });
});

describe('ETO advanced-semiconductor network', () => {
  const eto = loadEtoNetwork();

  test('the converter keeps the real multi-sourcing', () => {
    const providers = new Map<string, Set<string>>();
    for (const l of eto.links) {
      if (!l.supplier.startsWith('P')) continue;
      if (!providers.has(l.customer)) providers.set(l.customer, new Set());
      providers.get(l.customer)!.add(l.supplier);
    }
    expect(providers.size).toBe(105);
    expect([...providers.values()].filter((p) => p.size >= 2)).toHaveLength(99);
    expect(
      eto.enterprises
        .filter((e) => e.role === 'leader')
        .map((e) => e.id)
        .sort(),
    ).toEqual(['N0', 'N57', 'N78', 'N99']);
  });

  test('with every enterprise operating, every chain is clear', () => {
    const a = analyze(eto);
    expect(a.chains().every((c) => c.state === 'clear')).toBe(true);
    expect(a.bottlenecks()).toEqual([]);
  });

  test('when ASML, the sole source of EUV tools, suspends, the finished logic chip is blocked', () => {
    const a = analyze(withStatuses(eto, new Map([['P88', 'suspended']])));
    expect(a.chainState('N99')).toBe('blocked');
    const chip = a.chain('N99');
    expect(chip.rootCauses.map((r) => r.id)).toEqual(['P88']);
    expect(chip.rootCauses[0].path.slice(0, 4)).toEqual(['P88', 'N20', 'N19', 'N25']);
    expect(a.bottlenecks()[0]).toMatchObject({ id: 'P88', unblocksIfResumed: a.blockedLeaderIds().length });
  });

  test('a multi-sourced input survives one provider suspending', () => {
    const providersOfWafer = eto.links.filter((l) => l.customer === 'N26' && l.supplier.startsWith('P'));
    expect(providersOfWafer.length).toBeGreaterThan(1);
    const a = analyze(withStatuses(eto, new Map([[providersOfWafer[0].supplier, 'suspended']])));
    expect(a.availability('N26')).toBe('operating');
  });

  test.each([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20])('random suspensions (seed %i) agree with the oracle', (seed) => {
    const snapshot = suspendRandomly(eto, 0.05 + 0.02 * (seed % 10), seed);
    expectAgreesWithOracle(analyze(snapshot), snapshot);
  });
});
