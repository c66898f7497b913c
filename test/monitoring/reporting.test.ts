/** §10 reporting completeness: a small hand-computed case, and a naive reading of the clause on random histories. */
import fc from 'fast-check';
import type { StatusTimeline } from '../../src/graph';
import { reporting, type ResumptionFilter } from '../../src/monitoring';

type E = StatusTimeline['enterprises'][number];
const e = (id: string, over: Partial<E> = {}): E => ({ id, role: 'supplier', province: '420000', industry: 'automotive', status: 'suspended', since: '2020-02-01', ...over });

describe('reporting on a date (§10)', () => {
  // D = 2020-03-10, stale after 3 days.
  const timeline: StatusTimeline = {
    enterprises: [
      e('A'), // reported on D
      e('B'), // last reported 3 days before D: not stale
      e('C'), // last reported 4 days before D: stale
      e('D'), // never reported: stale
      e('E', { since: '2020-03-11' }), // counts only from the 11th
      e('F', { since: '2026-01-01' }), // first report before D makes it count: reported on D
      e('G', { province: '310000', role: 'leader' }), // reported after D only: stale, lastReport null
      e('H', { province: '310000' }), // reported 2 days before and after D
    ],
    reports: [
      { enterprise: 'C', status: 'partial', asOf: '2020-03-06' },
      { enterprise: 'B', status: 'resumed', asOf: '2020-03-07' },
      { enterprise: 'H', status: 'resumed', asOf: '2020-03-08' },
      { enterprise: 'A', status: 'resumed', asOf: '2020-03-10' },
      { enterprise: 'F', status: 'partial', asOf: '2020-03-10' },
      { enterprise: 'A', status: 'resumed', asOf: '2020-03-10' },
      { enterprise: 'G', status: 'resumed', asOf: '2020-03-12' },
      { enterprise: 'H', status: 'resumed', asOf: '2020-03-12' },
    ],
  };
  const weights: Record<string, number> = { C: 2, D: 5, G: 2 };
  const weight = (id: string) => weights[id] ?? 0;

  it('counts expected, reported and stale as computed by hand', () => {
    const f = reporting('2020-03-10', timeline, {}, 3, weight);
    expect(f).toMatchObject({ date: '2020-03-10', expected: 7, reported: 2, rate: 28.6, staleCount: 3 });
    expect(f.stale).toEqual([
      { id: 'D', province: '420000', lastReport: null, leadersServed: 5 },
      { id: 'C', province: '420000', lastReport: '2020-03-06', leadersServed: 2 },
      { id: 'G', province: '310000', lastReport: null, leadersServed: 2 },
    ]);
  });

  it('applies the resumption filters and the stale days', () => {
    expect(reporting('2020-03-10', timeline, { province: '310000' }, 3, weight)).toMatchObject({ expected: 2, reported: 0, rate: 0, staleCount: 1 });
    expect(reporting('2020-03-10', timeline, { role: 'leader' }, 3, weight).stale.map((s) => s.id)).toEqual(['G']);
    expect(reporting('2020-03-10', timeline, {}, 1, weight).stale.map((s) => s.id)).toEqual(['D', 'C', 'G', 'B', 'H']);
    expect(reporting('2020-01-01', timeline, {}, 3, weight)).toMatchObject({ expected: 0, reported: 0, rate: null, staleCount: 0 });
  });
});

/** The clause read literally, enterprise by enterprise. */
function naive(date: string, t: StatusTimeline, filter: ResumptionFilter, staleDays: number) {
  const rows = t.enterprises.filter((x) => {
    const mine = t.reports.filter((r) => r.enterprise === x.id).map((r) => r.asOf);
    const start = [x.since, ...mine].filter((d): d is string => d !== undefined).sort()[0];
    const counts = x.since === undefined || (start !== undefined && start <= date);
    return counts && (filter.province === undefined || x.province === filter.province) && (filter.role === undefined || x.role === filter.role);
  });
  const onOrBefore = (id: string) =>
    t.reports
      .filter((r) => r.enterprise === id && r.asOf <= date)
      .map((r) => r.asOf)
      .sort();
  const reported = rows.filter((x) => onOrBefore(x.id).includes(date)).length;
  const stale = rows
    .filter((x) => {
      const days = onOrBefore(x.id);
      if (days.length === 0) return true;
      const last = days[days.length - 1];
      return (Date.parse(date) - Date.parse(last)) / 86_400_000 > staleDays;
    })
    .map((x) => x.id)
    .sort();
  return { expected: rows.length, reported, stale };
}

describe('reporting agrees with a naive reading on random histories', () => {
  const DATES = Array.from({ length: 20 }, (_, i) => new Date(Date.UTC(2020, 2, 1 + i)).toISOString().slice(0, 10));
  const arb = fc.record({
    enterprises: fc.array(
      fc.record({ since: fc.option(fc.constantFrom(...DATES), { nil: undefined }), province: fc.constantFrom('420000', '310000'), role: fc.constantFrom('leader', 'supplier') }),
      { minLength: 1, maxLength: 12 },
    ),
    reports: fc.array(fc.record({ who: fc.nat(11), asOf: fc.constantFrom(...DATES) }), { maxLength: 40 }),
    date: fc.constantFrom(...DATES),
    staleDays: fc.integer({ min: 0, max: 6 }),
    filter: fc.constantFrom<ResumptionFilter>({}, { province: '420000' }, { role: 'leader' }),
  });

  it('expected, reported and the stale set match', () => {
    fc.assert(
      fc.property(arb, ({ enterprises, reports, date, staleDays, filter }) => {
        const t: StatusTimeline = {
          enterprises: enterprises.map((x, i) => ({
            id: `E${i}`,
            role: x.role as 'leader' | 'supplier',
            province: x.province,
            industry: 'automotive',
            status: 'suspended',
            ...(x.since ? { since: x.since } : {}),
          })),
          reports: reports
            .filter((r) => r.who < enterprises.length)
            .map((r) => ({ enterprise: `E${r.who}`, status: 'resumed' as const, asOf: r.asOf }))
            .sort((a, b) => (a.asOf < b.asOf ? -1 : a.asOf > b.asOf ? 1 : 0)),
        };
        const got = reporting(date, t, filter, staleDays, () => 0);
        const want = naive(date, t, filter, staleDays);
        expect({ expected: got.expected, reported: got.reported, stale: got.stale.map((s) => s.id).sort() }).toEqual(want);
        expect(got.staleCount).toBe(want.stale.length);
      }),
      { numRuns: 300 },
    );
  });
});
