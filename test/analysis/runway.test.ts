/**
 * Runway (CONTRACT §7): stop dates as the least solution of the stop-date equations, checked
 * on hand-made chains, against §2 (the contract's own oracle: with no inventories and one
 * downSince the stopping set is the unavailable set) and against a naive iterate-until-stable
 * implementation on random networks and real chains.
 */
import fc from 'fast-check';
import { analyze, dayDate, dayNumber, Runway, type CurrentInventory, type RunwayFacts } from '../../src/analysis';
import { NO_STOCK, solveRunway } from '../../src/analysis/runway';
import type { ChainSnapshot } from '../../src/graph/store';
import { networkArb } from './arbitraries';
import { net } from './build';
import { NaiveAnalysis, prng, suspendRandomly } from './naive';
import { naiveRunway } from './naive-runway';
import { loadEtoNetwork, loadWillemsChain } from './real-chains';

const D = '2020-02-23';

function runway(snapshot: ChainSnapshot, facts: Partial<RunwayFacts> = {}): Runway {
  const a = analyze(snapshot);
  return new Runway(a.network, a.state.status, { date: D, downSince: new Map(), inventories: [], ...facts });
}

const since = (entries: Record<string, string>) => new Map(Object.entries(entries));
const stock = (customer: string, part: string, days: number, asOf = D): CurrentInventory => ({ customer, part, days, asOf });

describe('§7 stop dates of a down enterprise', () => {
  test('a down enterprise stops on its downSince', () => {
    const r = runway(net(['S>L:seat'], { leaders: ['L'], suspended: ['S'] }), { downSince: since({ S: '2020-02-01' }) });
    expect(r.stopsOn('S')).toBe('2020-02-01');
  });

  test('a down enterprise with no report stops on the data date', () => {
    expect(runway(net(['S>L:seat'], { leaders: ['L'], suspended: ['S'] })).stopsOn('S')).toBe(D);
  });

  test('a down leader stops on its downSince, is its own bindingRoot and has no bindingPart, even when a part would stop it earlier', () => {
    const r = runway(net(['S>L:seat'], { leaders: ['L'], suspended: ['S', 'L'] }), {
      downSince: since({ S: '2020-02-01', L: '2020-02-10' }),
    });
    expect(r.of('L')).toEqual({ stopsOn: '2020-02-10', daysLeft: -13, bindingPart: null, bindingRoot: 'L' });
  });
});

describe('§7 stop dates of a group and its customer', () => {
  test('with no inventory a customer stops the day its sole supplier does', () => {
    const r = runway(net(['S>A:seat', 'A>L:cabin'], { leaders: ['L'], suspended: ['S'] }), { downSince: since({ S: '2020-02-20' }) });
    expect(r.of('L')).toEqual({ stopsOn: '2020-02-20', daysLeft: -3, bindingPart: 'cabin', bindingRoot: 'S' });
  });

  test('stock reported after the suspension runs from its asOf', () => {
    const r = runway(net(['S>L:seat'], { leaders: ['L'], suspended: ['S'] }), {
      downSince: since({ S: '2020-02-10' }),
      inventories: [stock('L', 'seat', 5, '2020-02-20')],
    });
    expect(r.of('L')).toMatchObject({ stopsOn: '2020-02-25', daysLeft: 2 });
  });

  test('stock reported before the suspension runs from the suspension', () => {
    const r = runway(net(['S>L:seat'], { leaders: ['L'], suspended: ['S'] }), {
      downSince: since({ S: '2020-02-10' }),
      inventories: [stock('L', 'seat', 5, '2020-02-01')],
    });
    expect(r.of('L')).toMatchObject({ stopsOn: '2020-02-15', daysLeft: -8 });
  });

  test('inventories add up along the chain', () => {
    const r = runway(net(['S>A:seat', 'A>L:cabin'], { leaders: ['L'], suspended: ['S'] }), {
      inventories: [stock('A', 'seat', 3), stock('L', 'cabin', 4)],
    });
    expect(r.stopsOn('A')).toBe('2020-02-26');
    expect(r.of('L')).toEqual({ stopsOn: '2020-03-01', daysLeft: 7, bindingPart: 'cabin', bindingRoot: 'S' });
  });

  test('alternates keep a part flowing until the last of them stops', () => {
    const r = runway(net(['S1>L:seat', 'S2>L:seat'], { leaders: ['L'], suspended: ['S1', 'S2'] }), {
      downSince: since({ S1: '2020-02-05', S2: '2020-02-12' }),
      inventories: [stock('L', 'seat', 2, '2020-02-01')],
    });
    expect(r.of('L')).toEqual({ stopsOn: '2020-02-14', daysLeft: -9, bindingPart: 'seat', bindingRoot: 'S2' });
  });

  test('a customer stops at its earliest exhausted part; a part with a live alternate never runs out', () => {
    const r = runway(net(['S1>L:seat', 'S2>L:glass', 'S3>L:glass', 'S4>L:tyre'], { leaders: ['L'], suspended: ['S1', 'S2', 'S4'] }), {
      inventories: [stock('L', 'seat', 9), stock('L', 'tyre', 4), stock('L', 'glass', 0)],
    });
    expect(r.of('L')).toEqual({ stopsOn: '2020-02-27', daysLeft: 4, bindingPart: 'tyre', bindingRoot: 'S4' });
  });

  test('non-critical links never stop an enterprise', () => {
    const r = runway(net(['S>L:paint?'], { leaders: ['L'], suspended: ['S'] }));
    expect(r.of('L')).toEqual({ stopsOn: null, daysLeft: null, bindingPart: null, bindingRoot: null });
  });

  test('a critical group counts its non-critical alternates among its suppliers', () => {
    const r = runway(net(['S1>L:seat', 'S2>L:seat?'], { leaders: ['L'], suspended: ['S1', 'S2'] }), {
      downSince: since({ S1: '2020-02-01', S2: '2020-02-04' }),
    });
    expect(r.stopsOn('L')).toBe('2020-02-04');
  });

  test('two parts that run out the same day: bindingPart is the least part id', () => {
    const r = runway(net(['S1>L:wheel', 'S2>L:axle'], { leaders: ['L'], suspended: ['S1', 'S2'] }), {
      inventories: [stock('L', 'wheel', 3), stock('L', 'axle', 3)],
    });
    expect(r.of('L')).toMatchObject({ bindingPart: 'axle', bindingRoot: 'S2' });
  });

  test('alternates that stop the same day: bindingRoot is the least id', () => {
    const r = runway(net(['S9>L:seat', 'S2>L:seat'], { leaders: ['L'], suspended: ['S9', 'S2'] }));
    expect(r.of('L').bindingRoot).toBe('S2');
  });

  test('bindingRoot follows the supplier that stops last, group by group', () => {
    const r = runway(net(['R1>A:foam', 'R2>B:foam', 'A>L:seat', 'B>L:seat'], { leaders: ['L'], suspended: ['R1', 'R2'] }), {
      downSince: since({ R1: '2020-02-01', R2: '2020-02-02' }),
      inventories: [stock('A', 'foam', 10, '2020-02-01'), stock('B', 'foam', 1, '2020-02-01')],
    });
    expect(r.stopsOn('A')).toBe('2020-02-11');
    expect(r.stopsOn('B')).toBe('2020-02-03');
    expect(r.of('L')).toMatchObject({ stopsOn: '2020-02-11', bindingRoot: 'R1' });
  });
});

describe('§7 bindingRoot goes through bindingPart', () => {
  test('when two parts run out the same day, bindingRoot is reached through the bindingPart group, whatever the enterprise order', () => {
    // Found by a black-box check: everything stops on one day, and which enterprise the heap
    // finalises first depends on their order in the store.
    const base = net(['R1>M1:c', 'M1>L:a', 'R0>M2:c', 'M2>L:b'], { leaders: ['L'], suspended: ['R0', 'R1'] });
    const permutations = (xs: number[]): number[][] => (xs.length <= 1 ? [xs] : xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((p) => [x, ...p])));
    for (const order of permutations([0, 1, 2, 3, 4])) {
      const r = runway({ ...base, enterprises: order.map((i) => base.enterprises[i]) }, { downSince: since({ R0: '2020-02-05', R1: '2020-02-05' }) });
      expect(r.of('L')).toMatchObject({ stopsOn: '2020-02-05', bindingPart: 'a', bindingRoot: 'R1' });
    }
  });

  test('a bindingPart group that only leads back round a same-day cycle is passed over for the next one', () => {
    // L and M give each other parts a and m and run out the same day R stops L's part b.
    const r = runway(net(['M>L:a', 'L>M:m', 'R>L:b'], { leaders: ['L'], suspended: ['R'] }), { downSince: since({ R: '2020-02-05' }) });
    expect(r.of('L')).toMatchObject({ stopsOn: '2020-02-05', bindingPart: 'a', bindingRoot: 'R' });
  });
});

describe('§7 least solution', () => {
  test('a cycle of operating enterprises with no down root never stops', () => {
    const r = runway(net(['A>B:x', 'B>A:y', 'B>L:z'], { leaders: ['L'] }));
    expect(['A', 'B', 'L'].map((id) => r.stopsOn(id))).toEqual([null, null, null]);
  });

  test('a cycle fed by a down root stops as late as its stock allows, not earlier', () => {
    // A = min(R + 5, B), B = A: any date up to R + 5 solves the equations; the least solution
    // (nothing stops unless forced) is R + 5.
    const r = runway(net(['R>A:x', 'B>A:y', 'A>B:z', 'B>L:w'], { leaders: ['L'], suspended: ['R'] }), {
      inventories: [stock('A', 'x', 5)],
    });
    expect([r.stopsOn('A'), r.stopsOn('B'), r.stopsOn('L')]).toEqual(['2020-02-28', '2020-02-28', '2020-02-28']);
    expect(r.of('L').bindingRoot).toBe('R');
  });

  test('runway lists the leaders stopping within N days, soonest first', () => {
    const r = runway(net(['S>L1:a', 'S>L2:a', 'S>L3:a'], { leaders: ['L1', 'L2', 'L3', 'L4'], suspended: ['S'] }), {
      inventories: [stock('L1', 'a', 9), stock('L2', 'a', 2), stock('L3', 'a', 30)],
    });
    expect(r.stoppingWithin(10).map((x) => [x.leader, x.daysLeft])).toEqual([
      ['L2', 2],
      ['L1', 9],
    ]);
    expect(r.leaders().map((x) => x.leader)).toEqual(['L2', 'L1', 'L3']);
  });
});

/** The stopping set is the §2 unavailable set when there is no stock and one downSince. */
function expectStoppingSetIsUnavailableSet(snapshot: ChainSnapshot): void {
  const r = runway(snapshot);
  const naive = new NaiveAnalysis(snapshot);
  for (const e of snapshot.enterprises) {
    const unavailable = naive.availability.get(e.id) !== 'operating';
    expect([e.id, r.stopsOn(e.id)]).toEqual([e.id, unavailable ? D : null]);
  }
}

/** Random dates and stock on a snapshot, compared with the naive iterate-until-stable runway. */
function expectAgreesWithNaive(snapshot: ChainSnapshot, seed: number): void {
  const random = prng(seed);
  const day = dayNumber(D);
  const downSince: Record<string, number> = {};
  for (const e of snapshot.enterprises) if (e.status === 'suspended' && random() < 0.8) downSince[e.id] = day - Math.floor(random() * 20);
  const stockByKey: Record<string, { asOf: number; days: number }> = {};
  for (const l of snapshot.links) if (random() < 0.4) stockByKey[`${l.customer}|${l.part}`] = { asOf: day - Math.floor(random() * 25), days: Math.floor(random() * 6) };
  const r = runway(snapshot, {
    downSince: new Map(Object.entries(downSince).map(([id, d]) => [id, dayDate(d)])),
    inventories: Object.entries(stockByKey).map(([key, s]) => {
      const [customer, part] = key.split('|');
      return { customer, part, days: s.days, asOf: dayDate(s.asOf) };
    }),
  });
  const expected = naiveRunway(snapshot, { downSince, stock: stockByKey, date: day });
  const naive = new NaiveAnalysis(snapshot);
  for (const e of snapshot.enterprises) {
    const t = expected.stop.get(e.id);
    expect([e.id, r.stopsOn(e.id)]).toEqual([e.id, t === undefined ? null : dayDate(t)]);
    if (e.role !== 'leader') continue;
    const got = r.of(e.id);
    if (t === undefined) {
      expect(got.bindingRoot).toBeNull();
      continue;
    }
    expect(got.daysLeft).toBe(t - day);
    expect(got.bindingPart).toBe(e.status === 'suspended' ? null : expected.givingParts.get(e.id)![0]);
    expect(naive.rootCauses(e.id)).toContain(got.bindingRoot);
  }
}

describe('§7 oracle: no inventories and one downSince give exactly the §2 unavailable set', () => {
  test('on 400 small random networks', () => {
    fc.assert(fc.property(networkArb(2, 12), expectStoppingSetIsUnavailableSet), { numRuns: 400, seed: 20200223 });
  });

  test('on 40 larger random networks with few parts', () => {
    fc.assert(fc.property(networkArb(30, 80, 2), expectStoppingSetIsUnavailableSet), { numRuns: 40, seed: 13 });
  });

  test.each([3, 17, 38])('on Willems chain %i with random suspensions', (n) => {
    expectStoppingSetIsUnavailableSet(suspendRandomly(loadWillemsChain(n), 0.05, n));
  });

  test.each([1, 2, 3])('on the ETO network with random suspensions (seed %i)', (seed) => {
    expectStoppingSetIsUnavailableSet(suspendRandomly(loadEtoNetwork(), 0.08, seed));
  });
});

describe('§7 the runway agrees with a naive iterate-until-stable solution', () => {
  test('on 500 small random networks with random dates and stock', () => {
    fc.assert(
      fc.property(networkArb(2, 12), fc.nat(), (snapshot, seed) => expectAgreesWithNaive(snapshot, seed)),
      { numRuns: 500, seed: 7 },
    );
  });

  test('on 40 larger random networks with few parts (deep cycles, long alternates)', () => {
    fc.assert(
      fc.property(networkArb(30, 80, 2), fc.nat(), (snapshot, seed) => expectAgreesWithNaive(snapshot, seed)),
      { numRuns: 40, seed: 8 },
    );
  });

  test.each([1, 2])('on the ETO network with random suspensions, dates and stock (seed %i)', (seed) => {
    expectAgreesWithNaive(suspendRandomly(loadEtoNetwork(), 0.1, seed), seed);
  });
});

describe('§7 the two priority queues of the pass agree', () => {
  test('day buckets and the binary heap give the same solution on 300 random networks with random dates and stock', () => {
    fc.assert(
      fc.property(networkArb(2, 30, 2), fc.nat(), (snapshot, seed) => {
        const a = analyze(snapshot);
        const net = a.network;
        const random = prng(seed);
        const inputs = {
          downSince: Int32Array.from({ length: net.size }, () => 18_000 - Math.floor(random() * 40)),
          stockAsOf: Int32Array.from({ length: net.groupCount }, () => (random() < 0.5 ? NO_STOCK : 18_000 - Math.floor(random() * 30))),
          stockDays: Int32Array.from({ length: net.groupCount }, () => Math.floor(random() * 20)),
        };
        const buckets = solveRunway(net, a.state.status, inputs);
        const heap = solveRunway(net, a.state.status, inputs, 'heap');
        expect(Array.from(buckets.stop)).toEqual(Array.from(heap.stop));
        expect(Array.from(buckets.rank).map((r) => r >= 0)).toEqual(Array.from(heap.rank).map((r) => r >= 0));
      }),
      { numRuns: 300, seed: 99 },
    );
  });

  test('stock spanning more days than the buckets hold falls back to the heap, with the same answer', () => {
    // 1,200 customers in a row, each holding ten years of stock: the last stops 12,000 years on.
    const links = Array.from({ length: 1_200 }, (_, i) => `C${i}>C${i + 1}:p`);
    const snapshot = net(links, { leaders: ['C1200'], suspended: ['C0'] });
    const a = analyze(snapshot);
    const network = a.network;
    const inputs = {
      downSince: new Int32Array(network.size).fill(18_000),
      stockAsOf: new Int32Array(network.groupCount).fill(18_000),
      stockDays: new Int32Array(network.groupCount).fill(3_650),
    };
    const sol = solveRunway(network, a.state.status, inputs);
    expect(sol.stop[network.index.get('C1200')!]).toBe(18_000 + 1_200 * 3_650);
    expect(Array.from(sol.stop)).toEqual(Array.from(solveRunway(network, a.state.status, inputs, 'heap').stop));
  });
});
