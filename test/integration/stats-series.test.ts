/** A series replayed from one timeline read agrees with asking the store date by date. */
import { importDocument, SqliteStore } from '../../src/graph';
import { countsOn, datesBetween, firstReports, resumption, statusesOnDates } from '../../src/monitoring';
import { generateScenario } from '../../src/scenario';

describe('resumption series from the status timeline', () => {
  it('gives every enterprise the same status on every date as the store does', async () => {
    const store = new SqliteStore({ file: ':memory:' });
    await store.init();
    await importDocument(store, generateScenario({ seed: 11, leaders: 10, suppliers: 1500 }), { actor: 't', now: new Date('2020-04-01T00:00:00Z') });
    // Reports received out of asOf order and ties on one date: replay must still follow (asOf, received).
    await store.appendStatusReport({ enterprise: 'L-AUTO-01', status: 'suspended', asOf: '2020-03-01' }, { actor: 't', now: new Date() });
    await store.appendStatusReport({ enterprise: 'L-AUTO-01', status: 'partial', asOf: '2020-03-01' }, { actor: 't', now: new Date() });
    await store.appendStatusReport({ enterprise: 'L-AUTO-01', status: 'resumed', asOf: '2020-02-12' }, { actor: 't', now: new Date() });
    const dates = datesBetween('2020-02-08', '2020-04-02');
    const timeline = await store.statusTimeline('2020-04-02');
    const replayed = statusesOnDates(timeline, dates);
    const first = firstReports(timeline);
    for (const date of dates) {
      // The series leaves out who does not count yet (the scenario's enterprises count from 2020-02-10).
      const expected = (await store.statusesOn(date)).filter((e) => countsOn(e, first.get(e.id), date));
      expect(replayed.get(date)).toEqual(expected);
    }
    expect(resumption('2020-03-01', replayed.get('2020-03-01')!, { role: 'supplier' }).total).toBe(1500);
    await store.close();
  });
});
