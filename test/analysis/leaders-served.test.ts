/** §9 leadersServed: how many leaders an enterprise supplies, directly or through others, itself included when a leader. */
import fc from 'fast-check';
import { analyze } from '../../src/analysis';
import type { ChainSnapshot } from '../../src/graph/store';
import { networkArb } from './arbitraries';
import { net } from './build';

/** The naive reading of the clause: for each enterprise, a depth-first walk downstream collecting the leaders it reaches. */
function naiveLeadersServed(snapshot: ChainSnapshot, id: string): number {
  const customers = new Map<string, string[]>();
  for (const l of snapshot.links) customers.set(l.supplier, [...(customers.get(l.supplier) ?? []), l.customer]);
  const leaders = new Set(snapshot.enterprises.filter((e) => e.role === 'leader').map((e) => e.id));
  const seen = new Set<string>([id]);
  const stack = [id];
  while (stack.length)
    for (const c of customers.get(stack.pop()!) ?? [])
      if (!seen.has(c)) {
        seen.add(c);
        stack.push(c);
      }
  return [...seen].filter((x) => leaders.has(x)).length;
}

describe('leadersServed (§9)', () => {
  it('counts the distinct leaders reached over any links, the leader itself included, through cycles', () => {
    const snapshot = net(['S1>A:seat', 'A>L1:cabin', 'A>L2:cabin?', 'S1>L2:bolt', 'L1>S1:tool', 'X>S2:wire', 'S2>X:wire'], {
      leaders: ['L1', 'L2', 'L3'],
    });
    const a = analyze(snapshot);
    expect(a.leadersServed('S1')).toBe(2); // L1 and L2, L2 reached twice; L1 -> S1 is a cycle
    expect(a.leadersServed('A')).toBe(2);
    expect(a.leadersServed('L1')).toBe(2); // itself, and L2 through S1
    expect(a.leadersServed('L2')).toBe(1);
    expect(a.leadersServed('L3')).toBe(1); // a leader with no links serves itself
    expect(a.leadersServed('X')).toBe(0); // a cycle that reaches no leader
    expect(a.leadersServed('nope')).toBeNull();
  });

  it('does not depend on statuses', () => {
    const links = ['S1>A:seat', 'A>L1:cabin'];
    expect(analyze(net(links, { leaders: ['L1'], suspended: ['A'] })).leadersServed('S1')).toBe(1);
  });

  it('agrees with a naive walk on networks of hundreds of leaders with cycles', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), (seed) => {
        let state = seed;
        const next = (n: number) => (state = (Math.imul(state, 48271) % 2147483647) >>> 0) % n;
        const n = 700;
        const ids = Array.from({ length: n }, (_, i) => `E${i}`);
        const leaders = ids.filter((_, i) => i % 7 !== 0); // 600 leaders
        const links = new Set<string>();
        for (let k = 0; k < 900; k++) {
          const s = next(n);
          const c = next(n);
          if (s !== c) links.add(`${ids[s]}>${ids[c]}:p${k % 3}`);
        }
        const snapshot = net([...links], { leaders, others: ids });
        const a = analyze(snapshot);
        for (let i = 0; i < n; i += 13) expect(a.leadersServed(ids[i])).toBe(naiveLeadersServed(snapshot, ids[i]));
      }),
      { numRuns: 10 },
    );
  });

  it('agrees with a naive walk on random networks', () => {
    fc.assert(
      fc.property(networkArb(1, 30), (snapshot) => {
        const a = analyze(snapshot);
        for (const e of snapshot.enterprises) expect(a.leadersServed(e.id)).toBe(naiveLeadersServed(snapshot, e.id));
      }),
      { numRuns: 200 },
    );
  });
});
