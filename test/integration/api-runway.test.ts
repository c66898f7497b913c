/**
 * The runway over HTTP (CONTRACT §7): inventory reports and their history, expectedResumeOn,
 * the data date, runway fields on chains, the lead view and bottlenecks, and GET /api/runway.
 */
import { startTestServer, type TestServer } from './harness';
import { waitFor } from '../support/wait';
import { ConfigError, loadConfig } from '../../src/shared/config';
import { ent } from '../support/enterprises';

// S9 (Hubei) went down on 02-10 and expects to resume on 03-01; it feeds T1, which feeds L1's
// seats (T1 holds 4 days of foam, L1 6 days of seats). G1 went down 02-20 and is L2's sole glass
// source (L2 holds 2 days). L3 only has a live supplier.
const DOC = {
  enterprises: [
    ent('L1', 'leader', '440000'),
    ent('L2', 'leader', '310000'),
    ent('L3', 'leader', '310000'),
    ent('T1', 'supplier', '420000'),
    ent('S9', 'supplier', '420000'),
    ent('G1', 'supplier', '320000'),
    ent('R1', 'supplier', '320000'),
  ],
  links: [
    { supplier: 'T1', customer: 'L1', part: 'seats' },
    { supplier: 'S9', customer: 'T1', part: 'foam' },
    { supplier: 'G1', customer: 'L2', part: 'glass' },
    { supplier: 'R1', customer: 'L3', part: 'radio' },
  ],
  statusReports: [
    { enterprise: 'S9', status: 'suspended' as const, asOf: '2020-02-10', expectedResumeOn: '2020-03-01' },
    { enterprise: 'G1', status: 'suspended' as const, asOf: '2020-02-20' },
  ],
  inventories: [
    { customer: 'T1', part: 'foam', days: 4, asOf: '2020-02-08' },
    { customer: 'L1', part: 'seats', days: 6, asOf: '2020-02-12' },
    { customer: 'L2', part: 'glass', days: 2, asOf: '2020-02-21' },
  ],
};

describe('HTTP API: runway (§7)', () => {
  let srv: TestServer;
  beforeEach(async () => {
    srv = await startTestServer({ doc: DOC });
  });
  afterEach(async () => {
    await srv.close();
  });

  it('every leader in /api/chains carries stopsOn, daysLeft, bindingPart and bindingRoot at the data date', async () => {
    // D = 02-21, the latest asOf. T1 stops 02-10 + 4 = 02-14; L1 max(02-14, 02-12) + 6 = 02-20.
    const res = await srv.api('GET', '/api/chains');
    expect(res.status).toBe(200);
    expect(res.body.date).toBe('2020-02-21');
    expect(res.body.chains).toEqual([
      { leader: 'L1', name: 'L1', state: 'blocked', rootCauses: ['S9'], lostParts: ['seats'], stopsOn: '2020-02-20', daysLeft: -1, bindingPart: 'seats', bindingRoot: 'S9' },
      { leader: 'L2', name: 'L2', state: 'blocked', rootCauses: ['G1'], lostParts: ['glass'], stopsOn: '2020-02-23', daysLeft: 2, bindingPart: 'glass', bindingRoot: 'G1' },
      { leader: 'L3', name: 'L3', state: 'clear', rootCauses: [], lostParts: [], stopsOn: null, daysLeft: null, bindingPart: null, bindingRoot: null },
    ]);
  });

  it('?date= sets the data date D', async () => {
    const res = await srv.api('GET', '/api/chains?date=2020-02-15');
    expect(res.body.date).toBe('2020-02-15');
    expect(res.body.chains.map((c: { daysLeft: number | null }) => c.daysLeft)).toEqual([5, 8, null]);
    expect((await srv.api('GET', '/api/chains?date=2020-02-30')).status).toBe(400);
  });

  it('one chain and the lead view carry the same runway fields', async () => {
    const chain = await srv.api('GET', '/api/chains/L1');
    expect(chain.body).toMatchObject({ leader: { id: 'L1' }, stopsOn: '2020-02-20', daysLeft: -1, bindingPart: 'seats', bindingRoot: 'S9', date: '2020-02-21' });
    const dated = await srv.api('GET', '/api/chains/L1?date=2020-02-18');
    expect(dated.body).toMatchObject({ daysLeft: 2, date: '2020-02-18' });
    const view = await srv.api('GET', '/api/enterprises/L2/upstream');
    expect(view.body).toMatchObject({ id: 'L2', stopsOn: '2020-02-23', daysLeft: 2, bindingPart: 'glass', bindingRoot: 'G1' });
  });

  it('GET /api/runway lists the leaders stopping within N days, soonest first, with lost parts', async () => {
    const res = await srv.api('GET', '/api/runway?within=30');
    expect(res.body).toEqual({
      revision: 1,
      date: '2020-02-21',
      within: 30,
      leaders: [
        { leader: 'L1', name: 'L1', province: '440000', state: 'blocked', stopsOn: '2020-02-20', daysLeft: -1, bindingPart: 'seats', bindingRoot: 'S9', lostParts: ['seats'] },
        { leader: 'L2', name: 'L2', province: '310000', state: 'blocked', stopsOn: '2020-02-23', daysLeft: 2, bindingPart: 'glass', bindingRoot: 'G1', lostParts: ['glass'] },
      ],
      names: { L1: 'L1', S9: 'S9', L2: 'L2', G1: 'G1' },
    });
    expect((await srv.api('GET', '/api/runway?within=1')).body.leaders.map((l: { leader: string }) => l.leader)).toEqual(['L1']);
    expect((await srv.api('GET', '/api/runway')).body.within).toBe(7);
    expect((await srv.api('GET', '/api/runway?within=-1')).status).toBe(400);
  });

  it('bottlenecks carry earliestStop, expectedResumeOn and gapDays', async () => {
    const res = await srv.api('GET', '/api/bottlenecks');
    const byId = Object.fromEntries(res.body.bottlenecks.map((b: { id: string }) => [b.id, b]));
    expect(byId.S9).toMatchObject({ earliestStop: '2020-02-20', expectedResumeOn: '2020-03-01', gapDays: 10 });
    expect(byId.G1).toMatchObject({ earliestStop: '2020-02-23', expectedResumeOn: null, gapDays: null });
  });

  it('a lead reports stock of its own part: new revision, history newest first, the stop date moves', async () => {
    const lead = (await srv.api('POST', '/api/tokens', { role: 'lead', enterprise: 'L2' })).body.token as string;
    const put = await srv.api('PUT', '/api/enterprises/L2/inventory', { part: 'glass', days: 9, asOf: '2020-02-22', note: 'found a pallet' }, { token: lead });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ revision: 2, customer: 'L2', part: 'glass', days: 9, asOf: '2020-02-22', note: 'found a pallet', reporter: expect.stringContaining('lead') });
    const chain = await srv.api('GET', `/api/chains/L2?minRevision=${put.body.revision}`);
    expect(chain.body).toMatchObject({ stopsOn: '2020-03-02', daysLeft: 9, date: '2020-02-22' });
    const history = await srv.api('GET', '/api/enterprises/L2/inventory-history?limit=1');
    expect(history.body.reports.map((r: { days: number }) => r.days)).toEqual([9]);
    const rest = await srv.api('GET', `/api/enterprises/L2/inventory-history?limit=1&cursor=${history.body.nextCursor}`);
    expect(rest.body).toMatchObject({ reports: [{ days: 2, asOf: '2020-02-21' }], nextCursor: null });
  });

  it('stock of a part the enterprise has no supplier for, or bad days, is a 400 by path and writes nothing', async () => {
    const none = await srv.api('PUT', '/api/enterprises/L2/inventory', { part: 'seats', days: 3 });
    expect(none.status).toBe(400);
    expect(none.body.error.details).toEqual([{ path: 'part', message: expect.stringContaining('no supplier') }]);
    const bad = await srv.api('PUT', '/api/enterprises/L2/inventory', { part: 'glass', days: -2, asOf: 'soon', extra: 1 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['asOf', 'days', 'extra']);
    expect((await srv.api('PUT', '/api/enterprises/NOPE/inventory', { part: 'glass', days: 1 })).status).toBe(404);
    expect((await srv.api('GET', '/api/enterprises/L2/inventory-history')).body.reports).toHaveLength(1);
  });

  it('a status report carries expectedResumeOn into its history, the export and the bottleneck', async () => {
    const put = await srv.api('PUT', '/api/enterprises/G1/status', { status: 'suspended', asOf: '2020-02-22', expectedResumeOn: '2020-02-28' });
    expect(put.body).toMatchObject({ expectedResumeOn: '2020-02-28' });
    const history = await srv.api('GET', '/api/enterprises/G1/status-history');
    expect(history.body.reports[0]).toMatchObject({ asOf: '2020-02-22', expectedResumeOn: '2020-02-28' });
    const bottlenecks = await srv.api('GET', `/api/bottlenecks?minRevision=${put.body.revision}`);
    // G1 is still down since 02-20 (an unbroken run): L2 stops 02-21 + 2 = 02-23, 5 days before G1 is back.
    expect(bottlenecks.body.bottlenecks.find((b: { id: string }) => b.id === 'G1')).toMatchObject({ earliestStop: '2020-02-23', expectedResumeOn: '2020-02-28', gapDays: 5 });
    expect((await srv.api('PUT', '/api/enterprises/G1/status', { status: 'suspended', expectedResumeOn: '2020-13-01' })).status).toBe(400);
  });
});

describe('HTTP API: tasks by urgency (§7)', () => {
  // S1 (Hubei, down 02-10) blocks L1 (Guangdong), which holds 5 days of seats: stops 02-15.
  // S2 (Hubei, down 02-12) blocks L2 and L3 (Shanghai): more leaders, higher priority, but
  // they hold 30 and 25 days of glass: the earliest stops 03-08.
  const TASK_DOC = {
    enterprises: [ent('L1', 'leader', '440000'), ent('L2', 'leader', '310000'), ent('L3', 'leader', '310000'), ent('S1', 'supplier', '420000'), ent('S2', 'supplier', '420000')],
    links: [
      { supplier: 'S1', customer: 'L1', part: 'seats' },
      { supplier: 'S2', customer: 'L2', part: 'glass' },
      { supplier: 'S2', customer: 'L3', part: 'glass' },
    ],
    statusReports: [
      { enterprise: 'S1', status: 'suspended' as const, asOf: '2020-02-10' },
      { enterprise: 'S2', status: 'suspended' as const, asOf: '2020-02-12' },
    ],
    inventories: [
      { customer: 'L1', part: 'seats', days: 5, asOf: '2020-02-10' },
      { customer: 'L2', part: 'glass', days: 30, asOf: '2020-02-12' },
      { customer: 'L3', part: 'glass', days: 25, asOf: '2020-02-12' },
    ],
  };
  let srv: TestServer;
  beforeEach(async () => {
    srv = await startTestServer({ doc: TASK_DOC, coordination: true });
  });
  afterEach(async () => {
    await srv.close();
  });

  const tasksAt = async (revision: number) => {
    const res = await srv.api('GET', `/api/tasks?minRevision=${revision}`);
    return res.body.tasks as Array<{ supplier: string; stopsOn: string | null; priority: number }>;
  };

  it('tasks carry stopsOn and list soonest stop first, even before a higher priority; a stock report reorders them', async () => {
    const first = await waitFor(async () => {
      const tasks = await tasksAt(1);
      return tasks.length === 2 && tasks;
    }, 'two tasks');
    expect(first.map((t) => [t.supplier, t.stopsOn])).toEqual([
      ['S1', '2020-02-15'],
      ['S2', '2020-03-08'],
    ]);
    expect(first[1].priority).toBeGreaterThan(first[0].priority);
    const put = await srv.api('PUT', '/api/enterprises/L1/inventory', { part: 'seats', days: 60, asOf: '2020-02-20' });
    const after = await waitFor(async () => {
      const tasks = await tasksAt(put.body.revision);
      return tasks[0]?.supplier === 'S2' && tasks;
    }, 'the tasks to follow the new stop date');
    expect(after.map((t) => [t.supplier, t.stopsOn])).toEqual([
      ['S2', '2020-03-08'],
      ['S1', '2020-04-20'],
    ]);
    // The second page continues the same order.
    const page = await srv.api('GET', `/api/tasks?limit=1&minRevision=${put.body.revision}`);
    const rest = await srv.api('GET', `/api/tasks?limit=1&cursor=${page.body.nextCursor}`);
    expect([page.body.tasks[0].supplier, rest.body.tasks[0].supplier, rest.body.nextCursor]).toEqual(['S2', 'S1', null]);
  });
});

describe('LINKAGE_RUNWAY_ALERT_DAYS', () => {
  it('defaults to 7 days, accepts a whole number of days or "off", and refuses anything else', () => {
    expect(loadConfig({}).runwayAlertDays).toBe(7);
    expect(loadConfig({ LINKAGE_RUNWAY_ALERT_DAYS: '14' }).runwayAlertDays).toBe(14);
    expect(loadConfig({ LINKAGE_RUNWAY_ALERT_DAYS: 'off' }).runwayAlertDays).toBeNull();
    for (const bad of ['-1', '2.5', 'soon']) expect(() => loadConfig({ LINKAGE_RUNWAY_ALERT_DAYS: bad })).toThrow(ConfigError);
  });
});
