/** The lead view: an enterprise's supplier tree by tier, with statuses and availability. */
import { analyze, upstream } from '../../src/analysis';
import { net } from './build';

const snapshot = net(['T1>L:seat', 'T2>T1:foam', 'T3>T2:resin', 'T2>L:wheel', 'T1>T3:scrap?', 'X>T3:oil'], {
  leaders: ['L'],
  suspended: ['X'],
  partial: ['T2'],
});

describe('upstream (lead view)', () => {
  test('lists direct suppliers at tier 1 and each supplier once, at its smallest tier', () => {
    const view = upstream(snapshot, 'L');
    expect(view.id).toBe('L');
    expect(view.tiers.map((t) => [t.tier, t.enterprises.map((e) => e.id)])).toEqual([
      [1, ['T1', 'T2']],
      [2, ['T3']],
      [3, ['X']],
    ]);
  });

  test('gives parts, the customers of the tier below, status and availability', () => {
    const tier1 = upstream(analyze(snapshot), 'L').tiers[0].enterprises;
    expect(tier1[1]).toEqual({
      id: 'T2',
      tier: 1,
      role: 'supplier',
      province: '420000',
      status: 'partial',
      availability: 'blocked', // X is down, so T3 loses its oil and T2 its resin
      parts: ['wheel'],
      customers: ['L'],
    });
    const tier3 = upstream(snapshot, 'L').tiers[2].enterprises;
    expect(tier3[0]).toMatchObject({ id: 'X', status: 'suspended', availability: 'down', parts: ['oil'], customers: ['T3'] });
  });

  test('a cycle back to the enterprise does not list it again', () => {
    const view = upstream(snapshot, 'T1');
    expect(view.tiers.flatMap((t) => t.enterprises.map((e) => e.id))).toEqual(['T2', 'T3', 'X']);
  });

  test('maxDepth cuts the tree; 0 gives no tiers; a negative depth is rejected', () => {
    expect(upstream(snapshot, 'L', 1).tiers).toHaveLength(1);
    expect(upstream(snapshot, 'L', 0).tiers).toEqual([]);
    expect(() => upstream(snapshot, 'L', -1)).toThrow(RangeError);
  });

  test('an enterprise without suppliers has an empty tree', () => {
    expect(upstream(snapshot, 'X').tiers).toEqual([]);
  });
});
