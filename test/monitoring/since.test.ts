/**
 * Who counts in resumption statistics (CONTRACT §1, §4): an enterprise counts from the earlier
 * of its `since` and its first status report, never before. Importing a real chain with no
 * reports into the 2020 demonstration leaves the published figures as they were.
 */
import { importDocument, SqliteStore, type ImportDocumentInput, type StatusTimeline } from '../../src/graph';
import { changePoints, resumption, statusesOnDates, type ResumptionFilter } from '../../src/monitoring';
import { generateScenario } from '../../src/scenario';
import { loadEtoNetwork, loadWillemsChain } from '../analysis/real-chains';
import type { ChainSnapshot } from '../../src/graph/store';

const timeline = (enterprises: StatusTimeline['enterprises'], reports: StatusTimeline['reports'] = []): StatusTimeline => ({ enterprises, reports });
const e = (id: string, over: Partial<StatusTimeline['enterprises'][number]> = {}) => ({
  id,
  role: 'supplier' as const,
  province: '420000',
  industry: 'automotive',
  status: 'suspended' as const,
  ...over,
});

describe('who counts on a date', () => {
  it('an enterprise counts from its since, not before', () => {
    const t = timeline([e('A', { since: '2020-02-10' }), e('B', { since: '2020-03-01' })]);
    const on = statusesOnDates(t, ['2020-02-09', '2020-02-10', '2020-03-01']);
    expect(on.get('2020-02-09')!.map((s) => s.id)).toEqual([]);
    expect(on.get('2020-02-10')!.map((s) => s.id)).toEqual(['A']);
    expect(on.get('2020-03-01')!.map((s) => s.id)).toEqual(['A', 'B']);
  });

  it('a report before since makes it count from the report', () => {
    const t = timeline([e('A', { since: '2026-11-30' })], [{ enterprise: 'A', status: 'resumed', asOf: '2020-02-20' }]);
    const on = statusesOnDates(t, ['2020-02-19', '2020-02-20', '2020-03-01']);
    expect(on.get('2020-02-19')).toEqual([]);
    expect(on.get('2020-02-20')).toEqual([expect.objectContaining({ id: 'A', status: 'resumed' })]);
    expect(on.get('2020-03-01')).toHaveLength(1);
  });

  it('an enterprise stored before since existed (none) counts on every date', () => {
    expect(statusesOnDates(timeline([e('A')]), ['2000-01-01']).get('2000-01-01')).toHaveLength(1);
  });

  it('sme means size medium, small or micro', () => {
    const t = timeline(['large', 'medium', 'small', 'micro', undefined].map((size, i) => e(`E${i}`, { size: size as never, status: i % 2 ? 'resumed' : 'suspended' })));
    const on = statusesOnDates(t, ['2020-03-01']).get('2020-03-01')!;
    expect(resumption('2020-03-01', on, { sme: true })).toMatchObject({ total: 3, resumed: 2 });
    expect(resumption('2020-03-01', on, { sme: false })).toMatchObject({ total: 2, resumed: 0 });
  });
});

/** A real chain as an import document: ids made safe, suppliers small (they would weigh on SME figures), no reports. */
function realChainDocument(snapshot: ChainSnapshot, prefix: string): ImportDocumentInput {
  const ids = new Map(snapshot.enterprises.map((x, i) => [x.id, `${prefix}-${i}`]));
  return {
    enterprises: snapshot.enterprises.map((x) => ({
      id: ids.get(x.id)!,
      name: x.id.slice(0, 200) || ids.get(x.id)!,
      role: x.role,
      industry: x.industry,
      province: x.province,
      status: 'suspended',
      size: x.role === 'leader' ? 'large' : 'small',
    })),
    links: snapshot.links.map((l) => ({ supplier: ids.get(l.supplier)!, customer: ids.get(l.customer)!, part: l.part, critical: l.critical })),
  };
}

describe('importing a real chain with no reports into the demonstration', () => {
  it('leaves the 2020 figures (29.6 % on 2020-02-23, 71.7 % on 2020-03-24, +42.1 points) unchanged', async () => {
    const store = new SqliteStore({ file: ':memory:' });
    await store.init();
    await importDocument(store, generateScenario(), { actor: 't', now: new Date('2026-11-01T00:00:00Z') });
    const figures = async (filter: ResumptionFilter) => {
      const on = statusesOnDates(await store.statusTimeline('2026-12-01'), ['2020-02-23', '2020-03-24', '2026-11-30']);
      const before = resumption('2020-02-23', on.get('2020-02-23')!, filter);
      const after = resumption('2020-03-24', on.get('2020-03-24')!, filter);
      return { before, after, change: changePoints(before, after), today: resumption('2026-11-30', on.get('2026-11-30')!, filter) };
    };
    for (const filter of [{ role: 'supplier' as const }, { sme: true }]) {
      const demo = await figures(filter);
      expect([demo.before.rate, demo.after.rate, demo.change]).toEqual([29.6, 71.7, 42.1]);
    }
    const demo = await figures({ sme: true });

    await importDocument(store, realChainDocument(loadWillemsChain(1), 'W01'), { actor: 't', now: new Date('2026-11-30T09:00:00Z') });
    await importDocument(store, realChainDocument(loadEtoNetwork(), 'ETO'), { actor: 't', now: new Date('2026-11-30T09:00:00Z') });
    const added = (await store.exportDocument()).enterprises.filter((x) => /^(W01|ETO)-/.test(x.id));
    expect(added.length).toBeGreaterThan(100);
    expect(new Set(added.map((x) => x.since))).toEqual(new Set(['2026-11-30']));

    for (const filter of [{ role: 'supplier' as const }, { sme: true }]) {
      const now = await figures(filter);
      expect([now.before.rate, now.after.rate, now.change]).toEqual([29.6, 71.7, 42.1]);
    }
    const now = await figures({ sme: true });
    expect(now.before).toEqual(demo.before);
    expect(now.after).toEqual(demo.after);
    // They do count from the day they were imported.
    expect(now.today.total).toBe(demo.today.total + added.filter((x) => x.role === 'supplier').length);
    await store.close();
  }, 120_000);
});
