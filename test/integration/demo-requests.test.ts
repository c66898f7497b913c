/**
 * The demonstration's requests (§9): believable problems raised by the enterprises the 2020
 * scenario leaves down, routed to several provinces, loaded with the demo through the API.
 */
import { seedDemo } from '../../src/cli/serve';
import { demoRequests, generateScenario } from '../../src/scenario';
import { DEMO_NOW, startTestServer, type TestServer } from './harness';

const HUBEI = '420000';

describe('the demonstration requests', () => {
  const doc = generateScenario({ asOf: '2020-03-24' });
  const requests = demoRequests(doc, '2020-03-24');
  const byId = new Map(doc.enterprises.map((e) => [e.id, e]));

  it('come from suspended Hubei suppliers and others, about logistics, workers and materials', () => {
    expect(requests.length).toBeGreaterThanOrEqual(15);
    const categories = new Set(requests.map((r) => r.category));
    for (const c of ['logistics', 'workforce', 'materials']) expect(categories).toContain(c);
    const hubeiDown = requests.filter((r) => r.category !== 'materials' && byId.get(r.enterprise)!.province === HUBEI);
    expect(hubeiDown.length).toBeGreaterThanOrEqual(10);
    for (const r of requests.filter((x) => x.category === 'logistics')) {
      expect(byId.get(r.counterpartEnterprise!)!.province).not.toBe(HUBEI);
    }
    for (const r of requests.filter((x) => x.category === 'materials')) expect(byId.get(r.counterpartEnterprise!)!.province).toBe(HUBEI);
    expect(new Set(requests.map((r) => r.enterprise)).size).toBe(requests.length);
    expect(demoRequests(doc, '2020-03-24')).toEqual(requests);
  });

  describe('through the API', () => {
    let srv: TestServer;
    beforeAll(async () => {
      srv = await startTestServer({ seed: seedDemo, now: DEMO_NOW, coordination: true });
    }, 180_000);
    afterAll(async () => {
      await srv?.close();
    });

    it('are loaded with the demo and routed to several provinces, weighted by the leaders they serve', async () => {
      const res = await srv.api('GET', '/api/requests?limit=1000');
      expect(res.status).toBe(200);
      expect(res.body.requests).toHaveLength(requests.length);
      const provinces = new Set(res.body.requests.map((r: { assigneeProvince: string }) => r.assigneeProvince));
      expect(provinces.size).toBeGreaterThanOrEqual(3);
      expect(provinces).toContain(HUBEI);
      expect(res.body.requests.some((r: { leadersServed: number }) => r.leadersServed > 0)).toBe(true);
      // Some raisers are the root causes of cross-province tasks: the two show each other.
      const withTask = res.body.requests.filter((r: { task: string | null }) => r.task !== null);
      for (const r of withTask) expect((await srv.api('GET', `/api/tasks/${r.task}`)).body.requests).toContain(r.id);
      const stats = await srv.api('GET', '/api/stats/requests?by=province');
      expect(stats.body.groups.reduce((n: number, g: { total: number }) => n + g.total, 0)).toBe(requests.length);
    }, 60_000);

    it('keep the published figures exact', async () => {
      const res = await srv.api('GET', '/api/stats/resumption?date=2020-03-24&sme=true&since=2020-02-23');
      expect(res.body).toMatchObject({ rate: 71.7, sinceRate: 29.6, changePoints: 42.1 });
    });
  });
});
