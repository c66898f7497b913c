/**
 * CONTRACT §2, rule by rule, on small inline networks. Each describe block is one numbered
 * rule; every network is also checked against the naive oracle, so an expectation written
 * here and the oracle can never silently disagree.
 */
import { analyze, buildSupplyGraph, whatIf, type ChainAnalysis } from '../../src/analysis';
import type { ChainSnapshot } from '../../src/graph/store';
import { net, type NetOptions } from './build';
import { expectAgreesWithOracle } from './oracle';

function run(links: string[], opts: NetOptions = {}): ChainAnalysis {
  const snapshot = net(links, opts);
  const a = analyze(snapshot);
  expectAgreesWithOracle(a, snapshot);
  return a;
}

describe('§2.1 down', () => {
  test('a suspended enterprise is down', () => {
    const a = run(['S>L:seat'], { leaders: ['L'], suspended: ['S'] });
    expect(a.availability('S')).toBe('down');
  });

  test('a suspended leader is down, and is its own root cause', () => {
    const a = run(['S>L:seat'], { leaders: ['L'], suspended: ['L'] });
    expect(a.chainState('L')).toBe('down');
    expect(a.chains()).toEqual([{ leader: 'L', state: 'down', rootCauses: ['L'], lostParts: [] }]);
    expect(a.chain('L').rootCauses).toEqual([{ id: 'L', province: '420000', path: ['L'] }]);
  });

  test('resumed and partial enterprises are not down', () => {
    const a = run(['S>L:seat', 'P>L:wheel'], { leaders: ['L'], partial: ['P'] });
    expect(a.availability('S')).toBe('operating');
    expect(a.availability('P')).toBe('operating');
    expect(a.availability('L')).toBe('operating');
  });
});

describe('§2.2 lost parts', () => {
  test('when the sole supplier of a critical part is down, the part is lost', () => {
    const a = run(['S>L:seat', 'W>L:wheel'], { leaders: ['L'], suspended: ['S'] });
    expect(a.lostParts('L')).toEqual(['seat']);
  });

  test('a part with an available alternate supplier is not lost', () => {
    const a = run(['S1>L:seat', 'S2>L:seat'], { leaders: ['L'], suspended: ['S1'] });
    expect(a.lostParts('L')).toEqual([]);
    expect(a.chainState('L')).toBe('clear');
  });

  test('a part is lost when every alternate is down', () => {
    const a = run(['S1>L:seat', 'S2>L:seat'], { leaders: ['L'], suspended: ['S1', 'S2'] });
    expect(a.chain('L').lostParts).toEqual([
      {
        part: 'seat',
        suppliers: [
          { id: 'S1', status: 'suspended', availability: 'down' },
          { id: 'S2', status: 'suspended', availability: 'down' },
        ],
      },
    ]);
  });

  test('a part with one critical and one non-critical supplier is lost only when both are unavailable', () => {
    const links = ['C>L:seat', 'N>L:seat?'];
    expect(run(links, { leaders: ['L'], suspended: ['C'] }).lostParts('L')).toEqual([]);
    expect(run(links, { leaders: ['L'], suspended: ['N'] }).lostParts('L')).toEqual([]);
    expect(run(links, { leaders: ['L'], suspended: ['C', 'N'] }).lostParts('L')).toEqual(['seat']);
  });

  test('a part whose links are all non-critical is never lost', () => {
    const a = run(['N1>L:trim?', 'N2>L:trim?'], { leaders: ['L'], suspended: ['N1', 'N2'] });
    expect(a.lostParts('L')).toEqual([]);
    expect(a.chainState('L')).toBe('clear');
  });

  test('a supplier that is blocked counts as unavailable, like a down one', () => {
    const a = run(['D>A:foam', 'A>L:seat', 'B>L:seat'], { leaders: ['L'], suspended: ['B'] });
    expect(a.lostParts('L')).toEqual([]);
    const b = run(['D>A:foam', 'A>L:seat', 'B>L:seat'], { leaders: ['L'], suspended: ['B', 'D'] });
    expect(b.availability('A')).toBe('blocked');
    expect(b.lostParts('L')).toEqual(['seat']);
  });
});

describe('§2.3 blocked', () => {
  test('when a sole supplier suspends, its leader is blocked', () => {
    const a = run(['S>L:seat'], { leaders: ['L'], suspended: ['S'] });
    expect(a.availability('L')).toBe('blocked');
    expect(a.chains()).toEqual([{ leader: 'L', state: 'blocked', rootCauses: ['S'], lostParts: ['seat'] }]);
  });

  test('losing one of several parts is enough to block', () => {
    const a = run(['S>L:seat', 'W>L:wheel', 'G>L:glass'], { leaders: ['L'], suspended: ['W'] });
    expect(a.availability('L')).toBe('blocked');
    expect(a.lostParts('L')).toEqual(['wheel']);
  });

  test('a down enterprise with a lost part stays down, not blocked', () => {
    const a = run(['S>A:foam', 'A>L:seat'], { leaders: ['L'], suspended: ['S', 'A'] });
    expect(a.availability('A')).toBe('down');
    expect(a.lostParts('A')).toEqual(['foam']);
    expect(a.rootCauses('L')).toEqual(['A']);
  });
});

describe('§2.4 least fixed point', () => {
  test('a cycle of operating enterprises with no lost input stays available', () => {
    const a = run(['A>B:x', 'B>C:y', 'C>A:z', 'C>L:seat'], { leaders: ['L'] });
    for (const id of ['A', 'B', 'C', 'L']) expect(a.availability(id)).toBe('operating');
  });

  test('a cycle whose input is lost blocks as a whole', () => {
    const a = run(['D>A:ore', 'A>B:x', 'B>C:y', 'C>A:z', 'C>L:seat'], { leaders: ['L'], suspended: ['D'] });
    for (const id of ['A', 'B', 'C', 'L']) expect(a.availability(id)).toBe('blocked');
    expect(a.rootCauses('B')).toEqual(['D']);
    expect(a.chain('L').rootCauses).toEqual([{ id: 'D', province: '420000', path: ['D', 'A', 'B', 'C', 'L'] }]);
  });

  test('a cycle with a down member blocks the rest of the cycle', () => {
    const a = run(['A>B:x', 'B>C:y', 'C>A:z', 'C>L:seat'], { leaders: ['L'], suspended: ['B'] });
    expect(a.availability('B')).toBe('down');
    expect(a.availability('C')).toBe('blocked');
    expect(a.availability('A')).toBe('blocked');
    expect(a.rootCauses('A')).toEqual(['B']);
  });

  test('a cycle with an alternate supply from outside stays available', () => {
    const a = run(['A>B:x', 'B>A:y', 'D>A:y', 'B>L:seat'], { leaders: ['L'], suspended: ['D'] });
    expect(a.availability('A')).toBe('operating');
    expect(a.availability('L')).toBe('operating');
  });

  test('partial suppliers are operating and block nothing', () => {
    const a = run(['P>A:foam', 'A>L:seat'], { leaders: ['L'], partial: ['P', 'A'] });
    expect(a.chainState('L')).toBe('clear');
    expect(a.status('P')).toBe('partial');
  });

  test('blockage travels across tiers until an alternate absorbs it', () => {
    const a = run(['D>T3:ore', 'T3>T2:steel', 'T2>T1:frame', 'T1>L:body', 'T1>M:body', 'X>M:body'], {
      leaders: ['L', 'M'],
      suspended: ['D'],
    });
    expect(['T3', 'T2', 'T1', 'L'].map((id) => a.availability(id))).toEqual(['blocked', 'blocked', 'blocked', 'blocked']);
    expect(a.chainState('M')).toBe('clear');
  });

  test('non-critical links never block, even when their whole chain is down', () => {
    const a = run(['D>A:ore', 'A>L:paint?'], { leaders: ['L'], suspended: ['D'] });
    expect(a.availability('A')).toBe('blocked');
    expect(a.chainState('L')).toBe('clear');
  });
});

describe('§2.5 blocking graph', () => {
  test('every supplier of a lost part is an in-edge of its customer, blocked suppliers included', () => {
    const a = run(['D>A:foam', 'A>L:seat', 'B>L:seat'], { leaders: ['L'], suspended: ['D', 'B'] });
    expect(a.chain('L').rootCauses).toEqual([
      { id: 'B', province: '420000', path: ['B', 'L'] },
      { id: 'D', province: '420000', path: ['D', 'A', 'L'] },
    ]);
  });

  test('suppliers of parts that are not lost are not in H', () => {
    const a = run(['D1>L:seat', 'D2>W:rim', 'W>L:wheel', 'X>L:wheel'], { leaders: ['L'], suspended: ['D1', 'D2'] });
    expect(a.availability('W')).toBe('blocked');
    expect(a.lostParts('L')).toEqual(['seat']);
    expect(a.rootCauses('L')).toEqual(['D1']);
  });

  test('a down supplier whose customer still operates is in no edge of H', () => {
    const a = run(['D>L:seat', 'S>L:seat'], { leaders: ['L'], suspended: ['D'] });
    expect(a.bottlenecks()).toEqual([]);
  });
});

describe('§2.6 root causes', () => {
  test('a down enterprise in the middle of a path is the root cause, not its suppliers', () => {
    const a = run(['D0>D1:ore', 'D1>A:steel', 'A>L:frame'], { leaders: ['L'], suspended: ['D0', 'D1'] });
    expect(a.rootCauses('L')).toEqual(['D1']);
    expect(a.rootCauses('A')).toEqual(['D1']);
    expect(a.rootCauses('D1')).toEqual(['D1']);
    expect(a.bottlenecks().map((b) => b.id)).toEqual(['D1']);
  });

  test('an enterprise reachable from two down enterprises has both as root causes', () => {
    const a = run(['D1>A:seat', 'D2>B:wheel', 'A>L:cabin', 'B>L:chassis'], { leaders: ['L'], suspended: ['D2', 'D1'] });
    expect(a.rootCauses('L')).toEqual(['D1', 'D2']);
    expect(a.rootCauses('A')).toEqual(['D1']);
  });

  test('an operating enterprise has no root causes', () => {
    const a = run(['D>L:seat', 'S>L:seat'], { leaders: ['L'], suspended: ['D'] });
    expect(a.rootCauses('L')).toEqual([]);
    expect(a.rootCauses('S')).toEqual([]);
  });

  test('unknown enterprises are a RangeError that names them', () => {
    const a = run(['S>L:seat'], { leaders: ['L'] });
    expect(() => a.rootCauses('nope')).toThrow(RangeError);
    expect(() => a.availability('nope')).toThrow(/"nope"/);
    expect(() => a.chain('S')).toThrow(/not a leader/);
  });
});

describe('§2.7 chain state and blocking paths', () => {
  test('each leader is down, blocked or clear', () => {
    const a = run(['D>B:seat', 'S>C:seat'], { leaders: ['B', 'C', 'X'], suspended: ['D', 'X'] });
    expect(a.chains().map((c) => [c.leader, c.state])).toEqual([
      ['B', 'blocked'],
      ['C', 'clear'],
      ['X', 'down'],
    ]);
    expect(a.counts()).toMatchObject({ leaders: 3, clearLeaders: 1, blockedLeaders: 1, downLeaders: 1, down: 2, blocked: 1 });
  });

  test('a leader supplying a leader passes its blockage on', () => {
    const a = run(['D>T:chip', 'T>L1:ecu', 'L1>L2:engine'], { leaders: ['L1', 'L2'], suspended: ['D'] });
    expect(a.chainState('L1')).toBe('blocked');
    expect(a.chainState('L2')).toBe('blocked');
    expect(a.chain('L2').rootCauses).toEqual([{ id: 'D', province: '420000', path: ['D', 'T', 'L1', 'L2'] }]);
  });

  test('the blocking path is a shortest path in H', () => {
    const a = run(['D>A:x', 'A>B:y', 'B>L:seat', 'D>L:wheel'], { leaders: ['L'], suspended: ['D'] });
    expect(a.chain('L').rootCauses[0].path).toEqual(['D', 'L']);
  });

  test('when shortest paths tie, either one is given', () => {
    const a = run(['D>A:x', 'D>B:y', 'A>L:seat', 'B>L:wheel'], { leaders: ['L'], suspended: ['D'] });
    const path = a.chain('L').rootCauses[0].path;
    expect([
      ['D', 'A', 'L'],
      ['D', 'B', 'L'],
    ]).toContainEqual(path);
  });

  test('a clear leader has no lost parts and no root causes', () => {
    const a = run(['S>L:seat'], { leaders: ['L'] });
    expect(a.chain('L')).toEqual({ leader: 'L', state: 'clear', lostParts: [], rootCauses: [] });
  });
});

describe('§2.8 bottlenecks', () => {
  test('bottlenecks rank by blocked leaders, then blocked enterprises, then id', () => {
    const a = run(
      [
        // Z blocks two leaders directly.
        'Z>L1:a',
        'Z>L2:a',
        // B blocks one leader through two tiers (3 enterprises); A blocks one leader through one.
        'B>B1:b',
        'B1>B2:b',
        'B2>L3:b',
        'A>A1:c',
        'A1>L4:c',
        // C ties with A on both counts and loses on id.
        'C>C1:d',
        'C1>L5:d',
      ],
      { leaders: ['L1', 'L2', 'L3', 'L4', 'L5'], suspended: ['Z', 'B', 'A', 'C'] },
    );
    expect(a.bottlenecks()).toEqual([
      { id: 'Z', province: '420000', blockedLeaders: 2, blockedEnterprises: 2, unblocksIfResumed: 2 },
      { id: 'B', province: '420000', blockedLeaders: 1, blockedEnterprises: 3, unblocksIfResumed: 1 },
      { id: 'A', province: '420000', blockedLeaders: 1, blockedEnterprises: 2, unblocksIfResumed: 1 },
      { id: 'C', province: '420000', blockedLeaders: 1, blockedEnterprises: 2, unblocksIfResumed: 1 },
    ]);
  });

  test('resuming one of two independent roots does not unblock the leader', () => {
    const a = run(['R1>L:seat', 'R2>L:wheel'], { leaders: ['L'], suspended: ['R1', 'R2'] });
    expect(a.bottlenecks()).toEqual([
      { id: 'R1', province: '420000', blockedLeaders: 1, blockedEnterprises: 1, unblocksIfResumed: 0 },
      { id: 'R2', province: '420000', blockedLeaders: 1, blockedEnterprises: 1, unblocksIfResumed: 0 },
    ]);
  });

  test('a root that would itself be blocked once resumed unblocks nothing', () => {
    const a = run(['U>R:ore', 'R>A:steel', 'A>L:frame'], { leaders: ['L'], suspended: ['U', 'R'] });
    expect(a.bottlenecks()).toEqual([{ id: 'R', province: '420000', blockedLeaders: 1, blockedEnterprises: 2, unblocksIfResumed: 0 }]);
  });

  test('a root that blocks only suppliers counts enterprises but no leaders', () => {
    const a = run(['R>A:ore', 'A>L:frame', 'B>L:frame'], {
      leaders: ['L'],
      suspended: ['R'],
      provinces: { R: '310000' },
    });
    expect(a.bottlenecks()).toEqual([{ id: 'R', province: '310000', blockedLeaders: 0, blockedEnterprises: 1, unblocksIfResumed: 0 }]);
  });

  test('asking for bottlenecks leaves the analysis unchanged', () => {
    const snapshot = net(['R1>A:x', 'A>L:seat', 'R2>L:wheel', 'R3>M:seat'], { leaders: ['L', 'M'], suspended: ['R1', 'R2', 'R3'] });
    const a = analyze(snapshot);
    const before = JSON.stringify(a.chains());
    a.bottlenecks();
    expect(JSON.stringify(a.chains())).toBe(before);
    expect(a.blockedLeadersOf('R1')).toEqual(['L']);
    expectAgreesWithOracle(a, snapshot);
  });
});

describe('§2.9 what-if', () => {
  const base: ChainSnapshot = net(['R>A:x', 'A>L1:seat', 'S>L2:wheel', 'T>L3:glass'], {
    leaders: ['L1', 'L2', 'L3'],
    suspended: ['R'],
    provinces: { S: '310000', T: '310000', L3: '310000' },
  });

  test('resuming a root reports the leaders it clears', () => {
    expect(whatIf(analyze(base), { resume: ['R'] })).toEqual([{ leader: 'L1', before: 'blocked', after: 'clear' }]);
  });

  test('suspending a whole province reports every leader it changes, sorted by leader', () => {
    expect(whatIf(analyze(base), { suspendProvinces: ['310000'] })).toEqual([
      { leader: 'L2', before: 'clear', after: 'blocked' },
      { leader: 'L3', before: 'clear', after: 'down' },
    ]);
  });

  test('when an enterprise is both resumed and suspended, suspend wins', () => {
    expect(whatIf(analyze(base), { resume: ['R', 'S'], suspend: ['S'] })).toEqual([
      { leader: 'L1', before: 'blocked', after: 'clear' },
      { leader: 'L2', before: 'clear', after: 'blocked' },
    ]);
    expect(whatIf(analyze(base), { resume: ['T'], suspendProvinces: ['310000'] }).map((c) => c.leader)).toEqual(['L2', 'L3']);
  });

  test('nothing is persisted', () => {
    const a = analyze(base);
    const before = JSON.stringify([a.chains(), a.bottlenecks()]);
    a.whatIf({ resume: ['R'], suspend: ['S', 'T'] });
    expect(JSON.stringify([a.chains(), a.bottlenecks()])).toBe(before);
    expect(a.status('R')).toBe('suspended');
  });

  test('an empty scenario changes nothing, and an unknown id is a RangeError naming it', () => {
    const a = analyze(base);
    expect(whatIf(a, {})).toEqual([]);
    expect(() => whatIf(a, { suspend: ['ghost'] })).toThrow(/"ghost"/);
  });

  test('the scenario analysis answers every question of the hypothetical network', () => {
    const a = analyze(base);
    const hypo = a.withScenario({ suspend: ['A'] });
    expect(hypo.chain('L1').rootCauses).toEqual([{ id: 'A', province: '420000', path: ['A', 'L1'] }]);
  });
});

describe('inputs', () => {
  test('a graphology graph and the snapshot it was built from give the same answers', () => {
    const snapshot = net(['D>A:x', 'A>L:seat', 'B>L:seat?', 'C>A:x', 'A>C:y'], { leaders: ['L'], suspended: ['D', 'C'] });
    const fromGraph = analyze(buildSupplyGraph(snapshot));
    const fromSnapshot = analyze(snapshot);
    expect(fromGraph.chains()).toEqual(fromSnapshot.chains());
    expect(fromGraph.bottlenecks()).toEqual(fromSnapshot.bottlenecks());
    expectAgreesWithOracle(fromGraph, snapshot);
  });

  test('the supply graph keys edges by supplier, customer and part', () => {
    const g = buildSupplyGraph(net(['S>L:seat', 'S>L:wheel?'], { leaders: ['L'] }));
    expect(g.edges().sort()).toEqual(['S|L|seat', 'S|L|wheel']);
    expect(g.getEdgeAttributes('S|L|wheel')).toEqual({ part: 'wheel', critical: false });
    expect(g.getNodeAttributes('L')).toEqual({ role: 'leader', province: '420000', industry: 'automotive', status: 'resumed' });
  });

  test('self-links and links to unknown enterprises are rejected with the offending id', () => {
    const self = net(['S>L:seat'], { leaders: ['L'] });
    self.links.push({ supplier: 'S', customer: 'S', part: 'seat', critical: true });
    expect(() => analyze(self)).toThrow(/cannot supply itself/);
    const dangling = net(['S>L:seat'], { leaders: ['L'] });
    dangling.links.push({ supplier: 'S', customer: 'Q', part: 'seat', critical: true });
    expect(() => analyze(dangling)).toThrow(/"Q"/);
    expect(() => buildSupplyGraph(dangling)).toThrow(/"Q"/);
  });

  test('a link listed twice counts once, critical if either copy is', () => {
    const snapshot = net(['S>L:seat?', 'S>L:seat'], { leaders: ['L'], suspended: ['S'] });
    const a = analyze(snapshot);
    expect(a.chainState('L')).toBe('blocked');
    expect(a.chain('L').lostParts[0].suppliers).toHaveLength(1);
    expect(a.counts().links).toBe(1);
  });
});
