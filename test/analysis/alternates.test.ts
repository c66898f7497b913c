/**
 * CONTRACT §8, alternate suppliers: hand-made networks whose answers can be read off, and
 * random networks checked against the naive reading (add the link, recompute the fixed
 * point, compare the leaders that clear). Also what-if with added links.
 */
import fc from 'fast-check';
import { AlternateSuppliers, alternateSuppliers, analyze, whatIf, type EnterpriseFacts } from '../../src/analysis';
import type { ChainSnapshot } from '../../src/graph/store';
import { networkArb } from './arbitraries';
import { net, type NetOptions } from './build';
import { NaiveAnalysis, withStatuses } from './naive';
import { naiveAlternates } from './naive-alternates';

function facts(capacity: Record<string, number> = {}, names: Record<string, string> = {}): EnterpriseFacts {
  return { name: (id) => names[id], capacityPct: (id) => capacity[id] ?? null };
}

function alternatesOf(links: string[], opts: NetOptions, leader: string, capacity: Record<string, number> = {}, limit?: number) {
  const snapshot = net(links, opts);
  const answer = alternateSuppliers(analyze(snapshot), leader, { facts: facts(capacity), limit });
  // Every hand-made case is also the naive reading's answer.
  expect(answer.groups.map(({ candidateCount: _n, ...g }) => ({ ...g, candidates: g.candidates.map(({ name: _name, ...c }) => c) }))).toEqual(
    naiveAlternates(snapshot, leader, new Map(Object.entries(capacity))).map((g) => ({ ...g, candidates: g.candidates.slice(0, limit ?? 5) })),
  );
  return answer;
}

const ids = (xs: Array<{ id: string }>) => xs.map((x) => x.id);

describe('§8 the lost groups in a leader’s way', () => {
  test('a leader that is clear or down has none', () => {
    const links = ['S>L:seat', 'X>M:seat'];
    expect(alternatesOf(links, { leaders: ['L', 'M'] }, 'L').groups).toEqual([]);
    expect(alternatesOf(links, { leaders: ['L', 'M'], suspended: ['L', 'S'] }, 'L').groups).toEqual([]);
  });

  test('the leader’s own lost part and the lost parts upstream of it, down suppliers’ included', () => {
    // L ← T (seat) ← S (foam, down) ← R (resin, down): T and S both lack a part.
    const a = alternatesOf(['T>L:seat', 'S>T:foam', 'R>S:resin', 'X>M:foam', 'Y>M:resin', 'Z>M:seat'], { leaders: ['L', 'M'], suspended: ['S', 'R'] }, 'L');
    expect(a.groups.map((g) => [g.customer, g.part, g.blockedLeaders, ids(g.candidates), g.candidates[0].clears])).toEqual([
      ['L', 'seat', 1, ['Z'], ['L']],
      // Restoring S's resin changes nothing while S itself is suspended.
      ['S', 'resin', 1, ['Y'], []],
      ['T', 'foam', 1, ['X'], ['L']],
    ]);
  });

  test('groups in the way of more blocked leaders come first', () => {
    // T feeds both leaders; L2 also lacks glass of its own.
    const a = alternatesOf(['T>L1:seat', 'T>L2:seat', 'S>T:foam', 'G>L2:glass', 'X>M:foam', 'Y>M:glass'], { leaders: ['L1', 'L2', 'M'], suspended: ['S', 'G'] }, 'L2');
    expect(a.groups.map((g) => [g.customer, g.part, g.blockedLeaders])).toEqual([
      ['T', 'foam', 2],
      ['L2', 'glass', 1],
      ['L2', 'seat', 1],
    ]);
    // Restoring foam clears L1 but not L2, which still lacks glass.
    expect(a.groups[0].candidates[0].clears).toEqual(['L1']);
    expect(a.groups[1].candidates[0].clears).toEqual([]);
  });
});

describe('§8 candidates', () => {
  test('a candidate that restores a part but not the chain, because a second part is lost', () => {
    const a = alternatesOf(['S>L:seat', 'G>L:glass', 'X>M:seat'], { leaders: ['L', 'M'], suspended: ['S', 'G'] }, 'L');
    const seat = a.groups.find((g) => g.part === 'seat')!;
    expect(seat.candidates).toEqual([{ id: 'X', name: 'X', province: '420000', sameProvince: true, capacityPct: null, clears: [] }]);
    expect(a.groups.find((g) => g.part === 'glass')!.candidates).toEqual([]);
  });

  test('a candidate that is blocked or down is excluded; so are the customer itself and its current suppliers', () => {
    // B makes seats but is blocked (its bolts come from D, down); D makes seats and is down;
    // L makes seats for M; S already supplies L.
    const a = alternatesOf(['S>L:seat', 'B>M:seat', 'D>B:bolt', 'D>N:seat', 'L>N:seat', 'OK>N:seat'], { leaders: ['L', 'M', 'N'], suspended: ['S', 'D'] }, 'L');
    expect(a.groups).toHaveLength(1);
    expect(ids(a.groups[0].candidates)).toEqual(['OK']);
    expect(a.groups[0].candidateCount).toBe(1);
  });

  test('a candidate closing a cycle through the customer it would supply', () => {
    // T1 ⇄ T2 are blocked together: T2 lacks dye (D down), T1 gets foam only from T2.
    // X makes foam and buys cloth from T2 or from W, so it operates; X → T1 closes a cycle.
    const a = alternatesOf(['T1>L:seat', 'T2>T1:foam', 'T1>T2:cloth', 'D>T2:dye', 'X>W:foam', 'T2>X:cloth', 'W>X:cloth', 'Y>W:dye'], { leaders: ['L'], suspended: ['D'] }, 'L');
    expect(a.groups.map((g) => [g.customer, g.part, ids(g.candidates), g.candidates.map((c) => c.clears)])).toEqual([
      // Nobody else makes seats.
      ['L', 'seat', [], []],
      ['T1', 'foam', ['X'], [['L']]],
      // T2 gets cloth only from T1, which is blocked: lost too; W's cloth would not help
      // while dye is missing.
      ['T2', 'cloth', ['W'], [[]]],
      // With dye, T1 and T2 feed each other with nothing lost: the cycle stays available.
      ['T2', 'dye', ['Y'], [['L']]],
    ]);
  });

  test('same province first, then capacity, unknown capacity last, then id', () => {
    const provinces = { L: '440000', S: '440000', A: '440000', B: '440000', C: '440000', D: '440000', E: '310000', F: '440000' };
    const links = ['S>L:seat', 'A>M:seat', 'B>M:seat', 'C>M:seat', 'D>M:seat', 'E>M:seat', 'F>M:seat'];
    const capacity = { A: 50, B: 50, D: 80, E: 100, F: 0 };
    const a = alternatesOf(links, { leaders: ['L', 'M'], suspended: ['S'], provinces }, 'L', capacity, 50);
    expect(a.groups[0].candidates.map((c) => [c.id, c.sameProvince, c.capacityPct])).toEqual([
      ['D', true, 80],
      ['A', true, 50],
      ['B', true, 50],
      ['F', true, 0],
      ['C', true, null],
      ['E', false, 100],
    ]);
  });

  test('limit cuts each group, candidateCount says how many there were', () => {
    const links = ['S>L:seat', ...['A', 'B', 'C', 'D'].map((x) => `${x}>M:seat`)];
    const a = alternatesOf(links, { leaders: ['L', 'M'], suspended: ['S'] }, 'L', {}, 2);
    expect(ids(a.groups[0].candidates)).toEqual(['A', 'B']);
    expect(a.groups[0].candidateCount).toBe(4);
    expect(() => alternateSuppliers(analyze(net(links, { leaders: ['L', 'M'], suspended: ['S'] })), 'L', { limit: 51 })).toThrow(RangeError);
  });

  test('names come from the facts given, else the id', () => {
    const snapshot = net(['S>L:seat', 'X>M:seat'], { leaders: ['L', 'M'], suspended: ['S'] });
    const a = alternateSuppliers(analyze(snapshot), 'L', { facts: facts({}, { X: '东风座椅' }) });
    expect(a.groups[0].candidates[0].name).toBe('东风座椅');
  });

  test('unknown ids and enterprises that are not leaders are errors', () => {
    const a = analyze(net(['S>L:seat'], { leaders: ['L'], suspended: ['S'] }));
    expect(() => alternateSuppliers(a, 'NOPE')).toThrow(/unknown enterprise/);
    expect(() => alternateSuppliers(a, 'S')).toThrow(/not a leader/);
  });
});

describe('§8 what-if with added links', () => {
  test('an added source clears the leader; combined with a suspension it does not', () => {
    const a = analyze(net(['S>L:seat', 'X>M:seat', 'Y>X:steel'], { leaders: ['L', 'M'], suspended: ['S'] }));
    const addLinks = [{ supplier: 'X', customer: 'L', part: 'seat' }];
    expect(whatIf(a, { addLinks })).toEqual([{ leader: 'L', before: 'blocked', after: 'clear' }]);
    expect(whatIf(a, { addLinks, suspend: ['Y'] })).toEqual([{ leader: 'M', before: 'clear', after: 'blocked' }]);
    // Nothing is persisted.
    expect(a.chainState('L')).toBe('blocked');
  });

  test('a link already there changes nothing; unknown ids and self-links are errors', () => {
    const a = analyze(net(['S>L:seat'], { leaders: ['L'], suspended: ['S'] }));
    expect(whatIf(a, { addLinks: [{ supplier: 'S', customer: 'L', part: 'seat' }] })).toEqual([]);
    expect(() => whatIf(a, { addLinks: [{ supplier: 'GHOST', customer: 'L', part: 'seat' }] })).toThrow(/unknown enterprise "GHOST"/);
    expect(() => whatIf(a, { addLinks: [{ supplier: 'L', customer: 'L', part: 'seat' }] })).toThrow(/cannot supply itself/);
  });
});

/** The naive reading of a what-if with added links: the links added to the snapshot, then the statuses. */
function naiveWhatIf(snapshot: ChainSnapshot, addLinks: Array<{ supplier: string; customer: string; part: string }>, suspend: string[]) {
  const links = [...snapshot.links];
  for (const l of addLinks) {
    if (!links.some((m) => m.supplier === l.supplier && m.customer === l.customer && m.part === l.part)) links.push({ ...l, critical: true });
  }
  const before = new NaiveAnalysis(snapshot);
  const after = new NaiveAnalysis(withStatuses({ ...snapshot, links }, new Map(suspend.map((id) => [id, 'suspended' as const]))));
  return before.leaders.map((leader) => ({ leader, before: before.chainState(leader), after: after.chainState(leader) })).filter((c) => c.before !== c.after);
}

describe('§8 agrees with the naive reading on random networks', () => {
  const capacityArb = (n: number) => fc.array(fc.oneof(fc.constant(-1), fc.integer({ min: 0, max: 100 })), { minLength: n, maxLength: n });

  test('groups, candidates, ranking and what each would clear', () => {
    let withCandidates = 0;
    let clearing = 0;
    fc.assert(
      fc.property(
        networkArb(2, 14, 3).chain((s) => fc.tuple(fc.constant(s), capacityArb(s.enterprises.length))),
        ([snapshot, caps]) => {
          const capacity = new Map<string, number>();
          caps.forEach((c, i) => c >= 0 && capacity.set(`E${i}`, c));
          const alt = new AlternateSuppliers(analyze(snapshot));
          const f: EnterpriseFacts = { name: () => undefined, capacityPct: (id) => capacity.get(id) ?? null };
          for (const leader of snapshot.enterprises.filter((e) => e.role === 'leader').map((e) => e.id)) {
            const got = alt.forLeader(leader, { facts: f, limit: 50 });
            const want = naiveAlternates(snapshot, leader, capacity);
            expect(
              got.groups.map((g) => ({ customer: g.customer, part: g.part, blockedLeaders: g.blockedLeaders, candidates: g.candidates.map(({ name: _n, ...c }) => c) })),
            ).toEqual(want);
            for (const g of got.groups) {
              expect(g.candidateCount).toBe(g.candidates.length);
              if (g.candidates.length) withCandidates++;
              if (g.candidates.some((c) => c.clears.length)) clearing++;
            }
          }
        },
      ),
      { numRuns: 400, seed: 814 },
    );
    // The generator must exercise the interesting cases, not only empty answers.
    expect(withCandidates).toBeGreaterThan(100);
    expect(clearing).toBeGreaterThan(50);
  });

  test('larger networks with few parts (long alternates, deep cycles)', () => {
    fc.assert(
      fc.property(networkArb(20, 40, 2), (snapshot) => {
        const alt = new AlternateSuppliers(analyze(snapshot));
        const naive = new NaiveAnalysis(snapshot);
        for (const leader of naive.leaders.filter((l) => naive.chainState(l) === 'blocked').slice(0, 2)) {
          const got = alt.forLeader(leader, { limit: 50 });
          expect(
            got.groups.map((g) => ({ customer: g.customer, part: g.part, blockedLeaders: g.blockedLeaders, candidates: g.candidates.map(({ name: _n, ...c }) => c) })),
          ).toEqual(naiveAlternates(snapshot, leader));
        }
      }),
      { numRuns: 25, seed: 2020 },
    );
  });

  test('what-if with added links and suspensions matches recomputing the extended network', () => {
    fc.assert(
      fc.property(
        networkArb(2, 12, 3).chain((s) => {
          const n = s.enterprises.length;
          const link = fc.record({ s: fc.nat(n - 1), c: fc.nat(n - 1), p: fc.nat(2) });
          return fc.tuple(fc.constant(s), fc.array(link, { maxLength: 3 }), fc.array(fc.nat(n - 1), { maxLength: 2 }));
        }),
        ([snapshot, links, suspended]) => {
          const addLinks = links.filter((l) => l.s !== l.c).map((l) => ({ supplier: `E${l.s}`, customer: `E${l.c}`, part: `p${l.p}` }));
          const suspend = suspended.map((i) => `E${i}`);
          expect(whatIf(analyze(snapshot), { addLinks, suspend })).toEqual(naiveWhatIf(snapshot, addLinks, suspend));
        },
      ),
      { numRuns: 300, seed: 1414 },
    );
  });

  test('one index answers every leader at one state (the per-revision cache is sound)', () => {
    fc.assert(
      fc.property(networkArb(2, 14, 3), (snapshot) => {
        const a = analyze(snapshot);
        const shared = new AlternateSuppliers(a);
        for (const leader of snapshot.enterprises.filter((e) => e.role === 'leader').map((e) => e.id)) {
          expect(shared.forLeader(leader, { limit: 50 })).toEqual(alternateSuppliers(a, leader, { limit: 50 }));
        }
      }),
      { numRuns: 100, seed: 99 },
    );
  });
});
