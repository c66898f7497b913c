/**
 * The demonstration scenario as `npm start` loads it (as of 2020-03-24), through the real
 * HTTP API: the source figures, blocked chains, and what the analysis says of them.
 */
import { seedDemo } from '../../src/cli/serve';
import { DEMO_NOW, startTestServer, type TestServer } from './harness';

describe('the 2020 demonstration scenario through the API', () => {
  let srv: TestServer;
  beforeAll(async () => {
    srv = await startTestServer({ seed: seedDemo, now: DEMO_NOW });
  }, 120_000);
  afterAll(async () => {
    await srv.close();
  });

  it('reproduces the SME resumption rate of 24 March 2020 and its rise since 23 February', async () => {
    const res = await srv.api('GET', '/api/stats/resumption?date=2020-03-24&role=supplier&since=2020-02-23');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ date: '2020-03-24', rate: 71.7, sinceRate: 29.6, changePoints: 42.1 });
    expect(res.body.total).toBeGreaterThan(7000);
    expect((100 * res.body.resumed) / res.body.total).toBeCloseTo(71.7, 1);
  });

  it('reads as of its own day and shows lines stopping on different days, and a supplier back too late (§7)', async () => {
    const runway = await srv.api('GET', '/api/runway?within=30');
    expect(runway.body.date).toBe('2020-03-24');
    const leaders = runway.body.leaders as Array<{ leader: string; stopsOn: string; daysLeft: number; bindingPart: string | null; bindingRoot: string }>;
    expect(leaders.length).toBeGreaterThanOrEqual(5);
    expect(new Set(leaders.map((l) => l.stopsOn)).size).toBeGreaterThanOrEqual(4);
    expect(leaders.map((l) => l.daysLeft)).toEqual([...leaders.map((l) => l.daysLeft)].sort((a, b) => a - b));
    expect(leaders.some((l) => l.daysLeft > 0)).toBe(true);
    const bottlenecks = (await srv.api('GET', '/api/bottlenecks')).body.bottlenecks as Array<{ earliestStop: string | null; gapDays: number | null }>;
    expect(bottlenecks.some((b) => b.gapDays !== null && b.gapDays > 0)).toBe(true);
    const chains = (await srv.api('GET', '/api/chains')).body.chains as Array<{ state: string; stopsOn: string | null }>;
    expect(chains.filter((c) => c.state !== 'clear').every((c) => c.stopsOn !== null)).toBe(true);
    expect(chains.filter((c) => c.state === 'clear').every((c) => c.stopsOn === null)).toBe(true);
  });

  it('province figures add up to the national figure', async () => {
    const res = await srv.api('GET', '/api/stats/resumption?date=2020-03-10&role=supplier&by=province');
    const by = res.body.by as Array<{ total: number; resumed: number; key: string; label: string }>;
    expect(by.reduce((a, g) => a + g.total, 0)).toBe(res.body.total);
    expect(by.reduce((a, g) => a + g.resumed, 0)).toBe(res.body.resumed);
    expect(by.find((g) => g.key === '420000')!.label).toBe('湖北省 Hubei');
  });

  it('Hubei lags the nation in early March', async () => {
    const nation = await srv.api('GET', '/api/stats/resumption?date=2020-03-10&role=supplier');
    const hubei = await srv.api('GET', '/api/stats/resumption?date=2020-03-10&role=supplier&province=420000');
    expect(hubei.body.rate).toBeLessThan(nation.body.rate);
  });

  it('gives a daily series by industry whose points add up', async () => {
    const res = await srv.api('GET', '/api/stats/resumption?from=2020-02-20&to=2020-02-24&by=industry');
    expect(res.status).toBe(200);
    expect(res.body.points).toHaveLength(5);
    const groups = res.body.series as Array<{ key: string; points: Array<{ total: number; resumed: number }> }>;
    expect(groups.map((g) => g.key).sort()).toEqual(['automotive', 'electronics']);
    for (let i = 0; i < 5; i++) expect(groups.reduce((a, g) => a + g.points[i].resumed, 0)).toBe(res.body.points[i].resumed);
  });

  it('rejects bad statistics queries by field', async () => {
    const res = await srv.api('GET', '/api/stats/resumption?date=2020-13-01&province=999999&colour=red');
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['colour', 'date', 'province']);
  });

  it('has at least five blocked leaders, each traced to a root cause by a blocking path', async () => {
    const chains = await srv.api('GET', '/api/chains');
    const blocked = chains.body.chains.filter((c: { state: string }) => c.state === 'blocked');
    expect(blocked.length).toBeGreaterThanOrEqual(5);
    for (const c of blocked.slice(0, 5)) {
      const detail = await srv.api('GET', `/api/chains/${c.leader}`);
      expect(detail.body.state).toBe('blocked');
      expect(detail.body.rootCauses.map((r: { id: string }) => r.id)).toEqual(c.rootCauses);
      for (const r of detail.body.rootCauses) {
        expect(r.path[0]).toBe(r.id);
        expect(r.path[r.path.length - 1]).toBe(c.leader);
        expect((await srv.api('GET', `/api/enterprises/${r.id}`)).body.availability).toBe('down');
      }
    }
  });

  it('resuming the top bottleneck clears the leaders it promised to clear', async () => {
    const top = (await srv.api('GET', '/api/bottlenecks')).body.bottlenecks[0];
    const whatIf = await srv.api('POST', '/api/what-if', { resume: [top.id] });
    const cleared = whatIf.body.changes.filter((c: { after: string }) => c.after === 'clear');
    expect(cleared).toHaveLength(top.unblocksIfResumed);
    const put = await srv.api('PUT', `/api/enterprises/${top.id}/status`, { status: 'resumed', asOf: '2020-03-24' });
    const after = await srv.api('GET', `/api/chains?minRevision=${put.body.revision}`);
    for (const c of cleared) {
      expect(after.body.chains.find((x: { leader: string }) => x.leader === c.leader).state).toBe('clear');
    }
  });
});

describe('the demonstration scenario with its coordination running', () => {
  let srv: TestServer;
  beforeAll(async () => {
    srv = await startTestServer({ seed: seedDemo, now: DEMO_NOW, coordination: true });
  }, 120_000);
  afterAll(async () => {
    await srv.close();
  });

  it('has cross-province tasks for at least three assignee provinces, one per root cause of a blocked leader elsewhere', async () => {
    const chains = (await srv.api('GET', '/api/chains')).body;
    const provinceOf = async (id: string) => (await srv.api('GET', `/api/enterprises/${id}`)).body.province as string;
    const expected = new Set<string>();
    for (const c of chains.chains.filter((x: { state: string }) => x.state === 'blocked')) {
      const leaderProvince = await provinceOf(c.leader);
      for (const r of c.rootCauses) if ((await provinceOf(r)) !== leaderProvince) expected.add(r);
    }
    const deadline = Date.now() + 20_000;
    let tasks: Array<{ supplier: string; assigneeProvince: string }> = [];
    while (Date.now() < deadline) {
      tasks = (await srv.api('GET', `/api/tasks?state=active&minRevision=${chains.revision}`)).body.tasks ?? [];
      if (tasks.length === expected.size) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(tasks.map((t) => t.supplier).sort()).toEqual([...expected].sort());
    expect(new Set(tasks.map((t) => t.assigneeProvince)).size).toBeGreaterThanOrEqual(3);
  });
});
