/**
 * The desired task set (§3) from an analysis: small chains read like the contract, and on
 * random networks it equals the set computed from the naive oracle.
 */
import fc from 'fast-check';
import { analyze } from '../../src/analysis';
import { deriveTasks, taskPriority } from '../../src/coordination';
import { net } from '../analysis/build';
import { expectedTasks, networkArb } from './fixtures/random';

const HUBEI = '420000';
const GUANGDONG = '440000';
const SHANGHAI = '310000';

describe('deriveTasks', () => {
  it('asks for one task per root cause blocking a leader in another province, with every leader it blocks', () => {
    const a = analyze(
      net(['S2>S1:foam', 'S1>L1:seats', 'S1>L2:seats', 'S2>L3:foam'], {
        leaders: ['L1', 'L2', 'L3'],
        suspended: ['S2'],
        provinces: { S1: HUBEI, S2: HUBEI, L1: GUANGDONG, L2: SHANGHAI, L3: HUBEI },
      }),
    );
    expect(deriveTasks(a)).toEqual([
      {
        supplier: 'S2',
        assigneeProvince: HUBEI,
        affectedLeaders: ['L1', 'L2', 'L3'],
        requestingProvinces: [SHANGHAI, GUANGDONG],
        blockedEnterprises: 4,
        priority: taskPriority(3, 2, 4),
      },
    ]);
  });

  it('asks for nothing when every blocked leader is in the root cause own province', () => {
    const a = analyze(net(['S1>L1:seats'], { leaders: ['L1'], suspended: ['S1'], provinces: { S1: HUBEI, L1: HUBEI } }));
    expect(deriveTasks(a)).toEqual([]);
  });

  it('ignores a leader that is itself down (down is not blocked)', () => {
    const a = analyze(net(['S1>L1:seats'], { leaders: ['L1'], suspended: ['S1', 'L1'], provinces: { S1: HUBEI, L1: GUANGDONG } }));
    expect(deriveTasks(a)).toEqual([]);
  });

  it('asks both root causes when a leader has two, and none when an alternate supplier still delivers', () => {
    const two = analyze(net(['A>L1:seats', 'B>L1:glass'], { leaders: ['L1'], suspended: ['A', 'B'], provinces: { A: HUBEI, B: SHANGHAI, L1: GUANGDONG } }));
    expect(deriveTasks(two).map((t) => [t.supplier, t.assigneeProvince])).toEqual([
      ['A', HUBEI],
      ['B', SHANGHAI],
    ]);
    const alternate = analyze(net(['A>L1:seats', 'B>L1:seats'], { leaders: ['L1'], suspended: ['A'], provinces: { A: HUBEI, B: HUBEI, L1: GUANGDONG } }));
    expect(deriveTasks(alternate)).toEqual([]);
  });

  it('ranks by affected leaders, then requesting provinces, then blocked enterprises', () => {
    expect(taskPriority(2, 1, 0)).toBeGreaterThan(taskPriority(1, 33, 9_999));
    expect(taskPriority(1, 2, 0)).toBeGreaterThan(taskPriority(1, 1, 1_000_000));
    expect(taskPriority(1, 1, 5)).toBeGreaterThan(taskPriority(1, 1, 4));
  });

  it('equals the set the naive oracle gives, on 300 random networks (seeded)', () => {
    fc.assert(
      fc.property(networkArb(2, 14), (snapshot) => {
        const got = deriveTasks(analyze(snapshot));
        const want = expectedTasks(snapshot).map((t) => ({ ...t, priority: taskPriority(t.affectedLeaders.length, t.requestingProvinces.length, t.blockedEnterprises) }));
        expect(got).toEqual(want);
      }),
      { numRuns: 300, seed: 20200310 },
    );
  });
});
