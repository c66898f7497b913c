/**
 * IncrementalAnalysis as the runtime uses it: status reports arrive one at a time, and each
 * returns the leaders whose chain state changed; imports add enterprises and links.
 */
import { analyze, IncrementalAnalysis } from '../../src/analysis';
import { net } from './build';
import { expectAgreesWithOracle } from './oracle';
import { withStatuses } from './naive';

const chain = () =>
  net(['R>A:ore', 'A>L1:frame', 'B>L2:seat', 'L1>L3:engine', 'A>B:frame', 'C>B:frame'], {
    leaders: ['L1', 'L2', 'L3'],
    revision: 4,
  });

describe('IncrementalAnalysis', () => {
  test('when a sole supplier suspends, its leaders are reported blocked', () => {
    const inc = IncrementalAnalysis.fromSnapshot(chain());
    expect(inc.revision).toBe(4);
    expect(inc.setStatus('R', 'suspended', 5)).toEqual([
      { leader: 'L1', before: 'clear', after: 'blocked' },
      { leader: 'L3', before: 'clear', after: 'blocked' },
    ]);
    expect(inc.revision).toBe(5);
    expect(inc.chain('L3').rootCauses).toEqual([{ id: 'R', province: '420000', path: ['R', 'A', 'L1', 'L3'] }]);
    expect(inc.availability('B')).toBe('operating'); // C is an alternate for B's frame
  });

  test('when the root resumes, everything it blocked is clear again', () => {
    const inc = new IncrementalAnalysis(chain());
    inc.setStatus('R', 'suspended');
    expect(inc.setStatus('R', 'partial')).toEqual([
      { leader: 'L1', before: 'blocked', after: 'clear' },
      { leader: 'L3', before: 'blocked', after: 'clear' },
    ]);
    expect(inc.counts()).toMatchObject({ down: 0, blocked: 0, clearLeaders: 3 });
  });

  test('resuming one of two roots leaves the leader blocked by the other', () => {
    const inc = new IncrementalAnalysis(chain());
    inc.setStatus('A', 'suspended');
    inc.setStatus('C', 'suspended');
    expect(inc.chainState('L2')).toBe('blocked');
    expect(inc.setStatus('C', 'resumed')).toEqual([{ leader: 'L2', before: 'blocked', after: 'clear' }]);
    expect(inc.setStatus('C', 'suspended')).toEqual([{ leader: 'L2', before: 'clear', after: 'blocked' }]);
    expect(inc.rootCauses('L2')).toEqual(['A', 'C']);
  });

  test('a blocked enterprise that suspends becomes the root cause downstream, with no state change', () => {
    const inc = new IncrementalAnalysis(chain());
    inc.setStatus('R', 'suspended');
    expect(inc.rootCauses('L1')).toEqual(['R']);
    expect(inc.setStatus('A', 'suspended')).toEqual([]);
    expect(inc.rootCauses('L1')).toEqual(['A']);
    expect(inc.bottlenecks().map((b) => b.id)).toEqual(['A']);
  });

  test('a leader that suspends and resumes is reported down, then back to its state', () => {
    const inc = new IncrementalAnalysis(chain());
    inc.setStatus('R', 'suspended');
    expect(inc.setStatus('L1', 'suspended')).toEqual([{ leader: 'L1', before: 'blocked', after: 'down' }]);
    expect(inc.setStatus('L1', 'resumed')).toEqual([{ leader: 'L1', before: 'down', after: 'blocked' }]);
  });

  test('partial and resumed are the same to availability: switching between them reports nothing', () => {
    const inc = new IncrementalAnalysis(chain());
    expect(inc.setStatus('A', 'partial')).toEqual([]);
    expect(inc.status('A')).toBe('partial');
  });

  test('added links and enterprises are analysed, and changed leaders are reported', () => {
    const inc = new IncrementalAnalysis(withStatuses(chain(), new Map([['R', 'suspended']])));
    const changes = inc.upsert(
      {
        enterprises: [{ id: 'R2', role: 'supplier', province: '310000', industry: 'mining', status: 'resumed' }],
        links: [{ supplier: 'R2', customer: 'A', part: 'ore', critical: true }],
      },
      6,
    );
    expect(changes).toEqual([
      { leader: 'L1', before: 'blocked', after: 'clear' },
      { leader: 'L3', before: 'blocked', after: 'clear' },
    ]);
    expect(inc.revision).toBe(6);
    expect(inc.setStatus('R2', 'suspended')).toHaveLength(2);
  });

  test('re-importing a link with another criticality updates it in place', () => {
    const inc = new IncrementalAnalysis(withStatuses(chain(), new Map([['R', 'suspended']])));
    inc.upsert({ links: [{ supplier: 'R', customer: 'A', part: 'ore', critical: false }] });
    expect(inc.chainState('L1')).toBe('clear');
    expect(inc.counts().links).toBe(chain().links.length);
  });

  test('unknown ids, bad statuses and going back in revisions are rejected', () => {
    const inc = new IncrementalAnalysis(chain());
    expect(() => inc.setStatus('ghost', 'suspended')).toThrow(/"ghost"/);
    expect(() => inc.setStatus('A', 'closed' as never)).toThrow(RangeError);
    expect(() => inc.setRevision(3)).toThrow(RangeError);
    expect(() => inc.upsert({ links: [{ supplier: 'A', customer: 'nope', part: 'x', critical: true }] })).toThrow(/"nope"/);
  });

  test('after many changes it still agrees with the oracle and with a fresh analysis', () => {
    let snapshot = chain();
    const inc = new IncrementalAnalysis(snapshot);
    const steps: [string, 'suspended' | 'resumed' | 'partial'][] = [
      ['R', 'suspended'],
      ['C', 'suspended'],
      ['A', 'suspended'],
      ['R', 'resumed'],
      ['B', 'suspended'],
      ['A', 'partial'],
      ['C', 'resumed'],
    ];
    for (const [id, status] of steps) {
      inc.setStatus(id, status);
      snapshot = withStatuses(snapshot, new Map([[id, status]]));
      expect(inc.chains()).toEqual(analyze(snapshot).chains());
    }
    expectAgreesWithOracle(inc, snapshot);
  });
});
