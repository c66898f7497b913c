/**
 * Random supply networks for property tests (cycles, alternates, non-critical links,
 * leaders supplying leaders), shared by the analysis and the coordination tests.
 */
import fc from 'fast-check';
import type { Status } from '../../src/graph/schema';
import type { ChainSnapshot, SnapshotLink } from '../../src/graph/store';

export const PROVINCES = ['110000', '310000', '420000'];
const DEFAULT_STATUSES: Status[] = ['resumed', 'resumed', 'partial', 'suspended'];

/** Networks of minN..maxN enterprises; `statuses` weights the draw of each one's status. */
export function networkArb(minN: number, maxN: number, partsCount = 3, statuses: readonly Status[] = DEFAULT_STATUSES): fc.Arbitrary<ChainSnapshot> {
  return fc.integer({ min: minN, max: maxN }).chain((n) =>
    fc
      .record({
        statuses: fc.array(fc.constantFrom(...statuses), { minLength: n, maxLength: n }),
        leaders: fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }),
        provinces: fc.array(fc.constantFrom(...PROVINCES), { minLength: n, maxLength: n }),
        links: fc.array(
          fc.record({
            s: fc.nat(n - 1),
            c: fc.nat(n - 1),
            part: fc.nat(partsCount - 1),
            critical: fc.integer({ min: 0, max: 4 }),
          }),
          { minLength: n, maxLength: n * 3 },
        ),
      })
      .map(({ statuses, leaders, provinces, links }) => {
        const seen = new Set<string>();
        const snapshotLinks: SnapshotLink[] = [];
        for (const l of links) {
          const key = `${l.s}|${l.c}|${l.part}`;
          if (l.s === l.c || seen.has(key)) continue;
          seen.add(key);
          snapshotLinks.push({ supplier: `E${l.s}`, customer: `E${l.c}`, part: `p${l.part}`, critical: l.critical > 0 });
        }
        return {
          revision: 1,
          enterprises: statuses.map((status, i) => ({
            id: `E${i}`,
            role: leaders[i] < 3 ? ('leader' as const) : ('supplier' as const),
            province: provinces[i],
            industry: 'automotive',
            status,
          })),
          links: snapshotLinks,
        };
      }),
  );
}
