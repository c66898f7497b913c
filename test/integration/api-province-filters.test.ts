/**
 * Issue #18: wherever the HTTP API takes a province as a filter or an argument (a query
 * filter, what-if's suspendProvinces, a token's or a request's province) it takes it as
 * people name it (the CLI's resolver): the code, the Chinese name with or without its suffix, or
 * the English name in any case; an unknown one is a 400 that names it and says what to give.
 */
import { provinceArgument } from '../../src/http/validate';
import { CHAIN_DOC, HUBEI, SHANGHAI } from '../coordination/fixtures/network';
import { waitFor } from '../support/wait';
import { startTestServer, type TestServer } from './harness';

describe('a province argument', () => {
  it('is parsed to its six-digit code from a code, a Chinese or an English name', () => {
    for (const name of ['420000', '湖北', '湖北省', 'Hubei', 'hubei', ' HUBEI ', 'Hubei Province']) expect(provinceArgument.parse(name)).toBe(HUBEI);
    expect(provinceArgument.parse('内蒙古')).toBe('150000');
    expect(provinceArgument.parse('Inner Mongolia')).toBe('150000');
  });

  it('refuses what names no province, saying what to give', () => {
    const out = provinceArgument.safeParse('Atlantis');
    expect(out.success).toBe(false);
    expect(out.error!.issues[0].message).toBe('"Atlantis" is not a province: give its code (420000), its Chinese name (湖北 or 湖北省) or its English name (Hubei)');
    expect(provinceArgument.safeParse('999999').success).toBe(false);
  });
});

describe('province filters of the HTTP API', () => {
  let srv: TestServer;
  beforeAll(async () => {
    srv = await startTestServer({ doc: { ...CHAIN_DOC, statusReports: [{ enterprise: 'S2', status: 'suspended' }] }, coordination: true });
  }, 60_000);
  afterAll(async () => {
    await srv?.close();
  });

  const get = async (url: string) => {
    const res = await srv.api('GET', url);
    expect({ url, status: res.status }).toEqual({ url, status: 200 });
    return res.body;
  };

  it('take names on the enterprise search, resumption and reporting statistics', async () => {
    const ids = async (p: string) => (await get(`/api/enterprises?province=${encodeURIComponent(p)}`)).enterprises.map((e: { id: string }) => e.id);
    expect(await ids('湖北')).toEqual(['L2', 'S1', 'S2', 'S3']);
    expect(await ids('Shanghai')).toEqual(['L3', 'S4']);
    const byCode = await get(`/api/stats/resumption?province=${HUBEI}`);
    expect(byCode).toMatchObject({ total: 4, resumed: 3, filters: { province: HUBEI } });
    expect(await get(`/api/stats/resumption?province=${encodeURIComponent('湖北省')}`)).toEqual(byCode);
    expect(await get('/api/stats/resumption?from=2020-03-23&to=2020-03-24&province=hubei')).toMatchObject({ filters: { province: HUBEI } });
    const reporting = await get(`/api/stats/reporting?province=${encodeURIComponent('上海')}`);
    expect(reporting.stale.map((s: { province: string }) => s.province)).toEqual([SHANGHAI, SHANGHAI]);
  });

  it('take names on tasks, requests and the provinces a what-if suspends', async () => {
    await waitFor(async () => (await srv.api('GET', '/api/tasks')).body.tasks?.length, 'the task of S2');
    expect((await get(`/api/tasks?province=${encodeURIComponent('湖北')}`)).tasks.map((t: { supplier: string }) => t.supplier)).toEqual(['S2']);
    expect((await get('/api/tasks?province=Shanghai')).tasks).toEqual([]);
    await srv.api('POST', '/api/requests', { enterprise: 'S2', category: 'logistics', title: 'Foam held', description: 'At the border' });
    expect((await get('/api/requests?province=Hubei')).requests).toHaveLength(1);
    expect((await get(`/api/requests?province=${encodeURIComponent('广东省')}`)).requests).toHaveLength(0);
    const whatIf = (provinces: string[]) => srv.api('POST', '/api/what-if', { suspendProvinces: provinces });
    const byName = await whatIf(['Shanghai', '广东']);
    expect(byName.status).toBe(200);
    expect(byName.body).toEqual((await whatIf([SHANGHAI, '440000'])).body);
    expect(byName.body.changes.length).toBeGreaterThan(0);
  });

  it('take names in the bodies that name a province: a liaison token, a request’s counterpart', async () => {
    const issued = await srv.api('POST', '/api/tokens', { role: 'liaison', province: '湖北省' });
    expect(issued.status).toBe(201);
    expect(issued.body).toMatchObject({ province: HUBEI, actor: `liaison:${HUBEI}` });
    const raised = await srv.api('POST', '/api/requests', { enterprise: 'S2', category: 'logistics', title: 'Trucks', description: 'Held', counterpartProvince: 'shanghai' });
    expect(raised.status).toBe(201);
    expect(raised.body).toMatchObject({ counterpartProvince: SHANGHAI, assigneeProvince: SHANGHAI });
    const unknown = await srv.api('POST', '/api/tokens', { role: 'liaison', province: 'Atlantis' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details).toEqual([{ path: 'province', message: expect.stringContaining('"Atlantis" is not a province') }]);
  });

  it('answer 400 naming an unknown province, on every route that takes one', async () => {
    for (const url of ['/api/enterprises', '/api/stats/resumption', '/api/stats/reporting', '/api/tasks', '/api/requests', '/api/events']) {
      const res = await srv.api('GET', `${url}?province=Atlantis`);
      expect({ url, status: res.status, details: res.body.error.details }).toEqual({
        url,
        status: 400,
        details: [{ path: 'province', message: expect.stringContaining('"Atlantis" is not a province') }],
      });
    }
    const res = await srv.api('POST', '/api/what-if', { suspendProvinces: ['湖北', 'Atlantis'] });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([{ path: 'suspendProvinces[1]', message: expect.stringContaining('"Atlantis"') }]);
  });

  it('a misspelt filter is a 400 naming it on every read, never an unfiltered answer', async () => {
    const reads = [
      '/api/chains',
      '/api/chains/L2',
      '/api/chains/L2/alternates',
      '/api/bottlenecks',
      '/api/runway',
      '/api/enterprises',
      '/api/enterprises/S1',
      '/api/enterprises/S1/status-history',
      '/api/enterprises/S1/upstream',
      '/api/tasks',
      '/api/requests',
      '/api/stats/resumption',
      '/api/stats/reporting',
      '/api/events',
      '/api/audit',
    ];
    for (const url of reads) {
      const res = await srv.api('GET', `${url}?provnce=${HUBEI}`);
      expect({ url, status: res.status, details: res.body.error?.details }).toEqual({ url, status: 400, details: [{ path: 'provnce', message: 'unknown field' }] });
    }
  });
});
