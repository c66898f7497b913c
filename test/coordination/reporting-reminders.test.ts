/**
 * Reporting completeness and the daily reminders (CONTRACT §10) on the real server, SQLite file
 * and Redis: GET /api/stats/reporting (figures, stale paged by leaders served, liaison scope),
 * the reminder job scheduler at LINKAGE_REMINDER_AT in LINKAGE_TIME_ZONE, and one reminder per
 * province and day however many workers run it, by the injected clock.
 */
import path from 'node:path';
import { OutboxRelay, remind, RequestService, SqliteRequestStore, type ProcessorDeps } from '../../src/coordination';
import { remindersOn } from '../../src/runtime/reporting';
import { startTestServer, type TestServer } from '../integration/harness';
import { CHAIN_DOC, GUANGDONG, HUBEI, SHANGHAI } from './fixtures/network';

const DAY = 86_400_000;
// Everyone counts from 2020-03-01; reports make some current, some stale on 2020-03-24.
const DOC = {
  ...CHAIN_DOC,
  enterprises: CHAIN_DOC.enterprises.map((e) => ({ ...e, since: '2020-03-01' })),
  statusReports: [
    { enterprise: 'L1', status: 'resumed' as const, asOf: '2020-03-24' },
    { enterprise: 'S1', status: 'resumed' as const, asOf: '2020-03-21' }, // 3 days: not stale
    { enterprise: 'S2', status: 'partial' as const, asOf: '2020-03-20' }, // 4 days: stale
    { enterprise: 'S4', status: 'resumed' as const, asOf: '2020-03-24' },
  ],
};

describe('reporting completeness and reminders', () => {
  let srv: TestServer;
  beforeEach(async () => {
    srv = await startTestServer({ doc: DOC, coordination: true, env: { LINKAGE_REMINDER_AT: '09:30', LINKAGE_TIME_ZONE: 'Asia/Shanghai' } });
  });
  afterEach(async () => {
    await srv.close();
  });

  it('answers expected, reported, rate and the stale enterprises, most leaders served first, paged', async () => {
    const res = await srv.api('GET', '/api/stats/reporting?date=2020-03-24');
    expect(res.status).toBe(200);
    // Stale: S2 (serves L1, L3), L3 and S3 (serve 1), L2 (serves itself): never reported or 4 days old.
    expect(res.body).toMatchObject({ date: '2020-03-24', expected: 7, reported: 2, rate: 28.6, staleCount: 4, nextCursor: null });
    expect(res.body.stale).toEqual([
      { id: 'S2', name: 'Enterprise S2', province: HUBEI, lastReport: '2020-03-20', leadersServed: 2 },
      { id: 'L2', name: 'Enterprise L2', province: HUBEI, lastReport: null, leadersServed: 1 },
      { id: 'L3', name: 'Enterprise L3', province: SHANGHAI, lastReport: null, leadersServed: 1 },
      { id: 'S3', name: 'Enterprise S3', province: HUBEI, lastReport: null, leadersServed: 1 },
    ]);
    const first = await srv.api('GET', '/api/stats/reporting?date=2020-03-24&limit=3');
    expect(first.body.stale.map((x: { id: string }) => x.id)).toEqual(['S2', 'L2', 'L3']);
    const second = await srv.api('GET', `/api/stats/reporting?date=2020-03-24&limit=3&cursor=${first.body.nextCursor}`);
    expect(second.body).toMatchObject({ staleCount: 4, nextCursor: null });
    expect(second.body.stale.map((x: { id: string }) => x.id)).toEqual(['S3']);
    expect((await srv.api('GET', '/api/stats/reporting?date=2020-03-24&role=leader')).body).toMatchObject({ expected: 3, reported: 1, staleCount: 2 });
    // Before anyone counts.
    expect((await srv.api('GET', '/api/stats/reporting?date=2020-02-01')).body).toMatchObject({ expected: 0, rate: null, stale: [] });
  });

  it('shows a liaison its own province only', async () => {
    const shanghai = await srv.liaisonToken(SHANGHAI);
    const res = await srv.api('GET', '/api/stats/reporting?date=2020-03-24', undefined, { token: shanghai });
    expect(res.body).toMatchObject({ expected: 2, reported: 1, staleCount: 1 });
    expect((await srv.api('GET', `/api/stats/reporting?province=${HUBEI}`, undefined, { token: shanghai })).status).toBe(403);
  });

  it('schedules the reminders once, at LINKAGE_REMINDER_AT in LINKAGE_TIME_ZONE', async () => {
    const scheduler = await srv.coordination!.queues.byName.analysis.getJobScheduler(srv.coordination!.queues.reminderSchedulerId);
    expect(scheduler).toMatchObject({ pattern: '0 30 9 * * *', tz: 'Asia/Shanghai' });
    await srv.coordination!.queues.scheduleReminders('09:30', 'Asia/Shanghai');
    expect((await srv.coordination!.queues.byName.analysis.getJobSchedulers()).filter((j) => j.key === srv.coordination!.queues.reminderSchedulerId)).toHaveLength(1);
  });

  it('sends one reminder per province with stale enterprises and day, however many workers run it', async () => {
    const c = srv.coordination!;
    // Two worker processes: each its own connection to the store, relay and request service.
    const worker = (): ProcessorDeps => {
      const store = new SqliteRequestStore({ file: path.join(srv.dir, 'linkage.sqlite') });
      const requests = new RequestService({
        store,
        graph: { enterprise: async () => null, leadersServed: async () => new Map(), upstream: async () => [] },
        activeTask: async () => null,
        clock: srv.clock,
        slaMs: DAY,
      });
      return {
        service: c.tasks,
        requests,
        reminders: (date) => remindersOn(srv.services, date),
        timeZone: 'Asia/Shanghai',
        desired: { current: async () => ({ revision: 0, desired: [], alerts: [] }) },
        queues: c.queues,
        relay: new OutboxRelay(c.tasks.store, c.queues, srv.clock, DAY),
        clock: srv.clock,
        webhooks: srv.services.config.webhooks,
        eventRetentionMs: DAY,
        log: srv.services.log,
      };
    };
    // 09:30 in Shanghai on 24 March is 01:30 UTC.
    srv.clock.set('2020-03-24T01:30:00Z');
    const [a, b] = [worker(), worker()];
    const outcomes = await Promise.all([remind(a), remind(b), remind(a)]);
    expect(outcomes.map((o) => o.date)).toEqual(['2020-03-24', '2020-03-24', '2020-03-24']);
    expect(outcomes.reduce((n, o) => n + o.sent, 0)).toBe(2);
    const reminders = async () => (await c.tasks.store.eventsAfter(0, 1000)).filter((e) => e.type === 'reminder');
    const sent = await reminders();
    expect(sent.map((e) => [e.province, e.taskId])).toEqual(
      expect.arrayContaining([
        [HUBEI, `reminder:${HUBEI}:2020-03-24`],
        [SHANGHAI, `reminder:${SHANGHAI}:2020-03-24`],
      ]),
    );
    expect(sent).toHaveLength(2);
    const hubei = (sent.find((e) => e.province === HUBEI) as { task: unknown }).task as { stale: Array<{ id: string }>; staleCount: number };
    expect(hubei.stale.map((x) => x.id)).toEqual(['S2', 'L2', 'S3']);
    expect(sent.some((e) => e.province === GUANGDONG)).toBe(false);
    // The next day: again, once.
    srv.clock.advance(DAY);
    await Promise.all([remind(a), remind(b)]);
    expect((await reminders()).filter((e) => e.taskId.endsWith('2020-03-25'))).toHaveLength(2);
    await Promise.all([a.requests!.store.close(), b.requests!.store.close()]);
  });
});
