/**
 * GET /api/enterprises: search by id or part of the name, filters, paging, and each role's
 * scope, served from the analysis' in-memory directory.
 */
import { createToken } from '../../src/access';
import { startTestServer, type TestServer } from './harness';

const ent = (id: string, name: string, role: 'leader' | 'supplier', province: string, industry = 'automotive', status: 'resumed' | 'suspended' = 'resumed') => ({
  id,
  name,
  role,
  industry,
  province,
  status,
});

// L1 ← T1 ← S9 (suspended): L1 and T1 blocked. L2 ← P1 (electronics). X1, Y0, Z0 supply nobody.
const DOC = {
  enterprises: [
    ent('L1', '东风汽车', 'leader', '420000'),
    ent('L2', 'Huawei Terminal', 'leader', '440000', 'electronics'),
    ent('T1', '十堰座椅 Seats', 'supplier', '420000'),
    ent('S9', '武汉泡沫 Foam', 'supplier', '420000', 'automotive', 'suspended'),
    ent('P1', 'Shenzhen PCB', 'supplier', '440000', 'electronics'),
    ent('X1', 'Xiamen Seats', 'supplier', '350000'),
    ent('Y0', 'SEATS', 'supplier', '310000'),
    ent('Z0', 'Seats Zeta', 'supplier', '310000'),
  ],
  links: [
    { supplier: 'T1', customer: 'L1', part: 'seats' },
    { supplier: 'S9', customer: 'T1', part: 'foam' },
    { supplier: 'P1', customer: 'L2', part: 'pcb' },
  ],
};

const ids = (body: { enterprises: Array<{ id: string }> }) => body.enterprises.map((e) => e.id);

describe('HTTP API: enterprise search', () => {
  let srv: TestServer;
  const tokens: Record<string, string> = {};
  beforeAll(async () => {
    srv = await startTestServer({ doc: DOC });
    const issue = async (req: Parameters<typeof createToken>[1]) => (await createToken(srv.services.tokenStore, req, srv.clock)).token;
    tokens.liaison = await issue({ role: 'liaison', province: '110000' });
    tokens.lead = await issue({ role: 'lead', enterprise: 'L1' });
    tokens.reporter = await issue({ role: 'reporter', enterprise: 'T1' });
  });
  afterAll(async () => {
    await srv.close();
  });

  const search = async (query: string, token?: string) => {
    const res = await srv.api('GET', `/api/enterprises${query}`, undefined, token ? { token } : {});
    expect(res.status).toBe(200);
    return res.body;
  };

  it('lists every enterprise by id with role, industry, province, status and availability', async () => {
    const body = await search('');
    expect(body.revision).toBe(1);
    expect(ids(body)).toEqual(['L1', 'L2', 'P1', 'S9', 'T1', 'X1', 'Y0', 'Z0']);
    expect(body.enterprises[0]).toEqual({ id: 'L1', name: '东风汽车', role: 'leader', industry: 'automotive', province: '420000', status: 'resumed', availability: 'blocked' });
    expect(body.enterprises[3]).toMatchObject({ id: 'S9', status: 'suspended', availability: 'down' });
    expect(body.nextCursor).toBeNull();
  });

  it('finds by any part of a Chinese or English name, case-insensitive, and by id', async () => {
    expect(ids(await search(`?q=${encodeURIComponent('座椅')}`))).toEqual(['T1']);
    expect(ids(await search('?q=foam'))).toEqual(['S9']);
    expect(ids(await search('?q=HUAWEI'))).toEqual(['L2']);
    expect(ids(await search('?q=s9'))).toEqual(['S9']);
    expect(ids(await search('?q=nothing-like-this'))).toEqual([]);
  });

  it('puts exact matches first, then prefixes, then other matches', async () => {
    // Y0 is named "SEATS", Z0's name starts with it, T1's and X1's contain it.
    expect(ids(await search('?q=seats'))).toEqual(['Y0', 'Z0', 'T1', 'X1']);
    expect(ids(await search('?q=Seats&limit=3'))).toEqual(['Y0', 'Z0', 'T1']);
  });

  it('filters by province, industry, role, status and availability', async () => {
    expect(ids(await search('?province=420000'))).toEqual(['L1', 'S9', 'T1']);
    expect(ids(await search('?industry=electronics'))).toEqual(['L2', 'P1']);
    expect(ids(await search('?role=leader'))).toEqual(['L1', 'L2']);
    expect(ids(await search('?status=suspended'))).toEqual(['S9']);
    expect(ids(await search('?availability=blocked'))).toEqual(['L1', 'T1']);
    expect(ids(await search('?availability=operating&province=440000&role=supplier'))).toEqual(['P1']);
    expect(ids(await search('?industry=unknown-industry'))).toEqual([]);
    const bad = await srv.api('GET', '/api/enterprises?province=123456&role=boss&limit=101');
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['limit', 'province', 'role']);
  });

  it('pages with limit and cursor, through every rank', async () => {
    const all: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const body: { enterprises: Array<{ id: string }>; nextCursor: string | null } = await search(`?q=s&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(body.enterprises.length).toBeLessThanOrEqual(2);
      all.push(...ids(body));
      cursor = body.nextCursor;
      pages++;
    } while (cursor);
    expect(all).toEqual(ids(await search('?q=s&limit=100')));
    expect(new Set(all).size).toBe(all.length);
    expect(pages).toBe(Math.ceil(all.length / 2));
    expect((await srv.api('GET', '/api/enterprises?cursor=not-a-cursor')).status).toBe(400);
  });

  it('a status report is reflected at once', async () => {
    const put = await srv.api('PUT', '/api/enterprises/S9/status', { status: 'resumed' });
    const body = await search(`?availability=blocked&minRevision=${put.body.revision}`);
    expect(ids(body)).toEqual([]);
    await srv.api('PUT', '/api/enterprises/S9/status', { status: 'suspended' });
  });

  it('a liaison finds everyone, a lead its own enterprise and its upstream suppliers, a reporter its own', async () => {
    expect(ids(await search('', tokens.liaison))).toHaveLength(8);
    expect(ids(await search('', tokens.lead))).toEqual(['L1', 'S9', 'T1']);
    expect(ids(await search('?q=seats', tokens.lead))).toEqual(['T1']);
    expect(ids(await search('', tokens.reporter))).toEqual(['T1']);
    expect(ids(await search('?q=L1', tokens.reporter))).toEqual([]);
  });
});
