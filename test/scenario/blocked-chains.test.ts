/**
 * On 24 March 2020 the scenario shows blocked chains that need cross-province coordination,
 * by design rather than by luck: checked here with a naive fixed point (CONTRACT §2–§3).
 */
import type { ImportDocument } from '../../src/graph/schema';
import { generateScenario } from '../../src/scenario';
import { chainsOn, statusesOn } from './support';

const CHECK = '2020-03-24';

describe.each([2020, 1, 99])('blocked chains on 2020-03-24 with seed %i', (seed) => {
  let doc: ImportDocument;
  beforeAll(() => {
    doc = generateScenario({ seed });
  });

  it('blocks at least five leaders', () => {
    expect(chainsOn(doc, CHECK).blockedLeaders.length).toBeGreaterThanOrEqual(5);
  });

  it('needs cross-province tasks in at least three assignee provinces, Hubei among them', () => {
    const provinces = new Set(chainsOn(doc, CHECK).tasks.values());
    expect(provinces.size).toBeGreaterThanOrEqual(3);
    expect(provinces).toContain('420000');
  });

  it('traces every blocked leader to a suspended root cause while the leader itself operates', () => {
    const picture = chainsOn(doc, CHECK);
    const status = statusesOn(doc, CHECK);
    for (const leader of picture.blockedLeaders) {
      expect(status.get(leader)).not.toBe('suspended');
      const roots = [...picture.roots.get(leader)!];
      expect(roots.length).toBeGreaterThan(0);
      for (const r of roots) expect(status.get(r)).toBe('suspended');
    }
  });

  it('has one root blocking two leaders in different provinces', () => {
    const picture = chainsOn(doc, CHECK);
    const leadersOf = new Map<string, string[]>();
    for (const [leader, roots] of picture.roots) for (const r of roots) leadersOf.set(r, [...(leadersOf.get(r) ?? []), leader]);
    expect(Math.max(...[...leadersOf.values()].map((ls) => ls.length))).toBeGreaterThanOrEqual(2);
  });

  it('also blocks a leader from within its own province, which needs no task', () => {
    const picture = chainsOn(doc, CHECK);
    const province = new Map(doc.enterprises.map((e) => [e.id, e.province]));
    const local = picture.blockedLeaders.filter((l) => [...picture.roots.get(l)!].every((r) => province.get(r) === province.get(l)));
    expect(local.length).toBeGreaterThanOrEqual(1);
    for (const l of local) for (const r of picture.roots.get(l)!) expect(picture.tasks.has(r)).toBe(false);
  });

  it('clears some of those chains by the end of March, as roots outside Wuhan reopen', () => {
    const late = chainsOn(doc, '2020-03-31').blockedLeaders.length;
    expect(late).toBeLessThan(chainsOn(doc, CHECK).blockedLeaders.length);
  });
});

describe('blocked chains before the check day', () => {
  it('are widespread on 2020-02-23, when most SMEs are still shut', () => {
    const doc = generateScenario();
    expect(chainsOn(doc, '2020-02-23').blockedLeaders.length).toBeGreaterThan(chainsOn(doc, CHECK).blockedLeaders.length);
  });
});
