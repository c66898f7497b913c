/**
 * The authorization matrix, generated from the route table: every route × every kind of
 * caller (no token, coordinator, and each scoped role in and out of its scope) gets the
 * expected answer. A route that is added without an entry here fails the first test, so
 * no endpoint ships without someone deciding who may call it.
 */
import { createToken } from '../../src/access';
import { routeTable } from '../../src/http/app';
import { startTestServer, type TestServer } from '../integration/harness';
import { ent } from '../support/enterprises';

type Caller = 'coordinator' | 'liaisonIn' | 'liaisonOut' | 'leadIn' | 'leadOut' | 'reporterIn' | 'reporterOut';
const CALLERS: Caller[] = ['coordinator', 'liaisonIn', 'liaisonOut', 'leadIn', 'leadOut', 'reporterIn', 'reporterOut'];

interface Expectation {
  /** The concrete request; `{task}`, `{token}`, `{request}` are filled in at run time. */
  path: string;
  body?: unknown;
  /** Callers allowed through; everyone else with a token gets 403. 'public' needs no token. */
  allow: Caller[] | 'public' | 'all';
}

const STAFF: Caller[] = ['coordinator', 'liaisonIn', 'liaisonOut'];

// L1 (Guangdong) is blocked by S1 (Hubei, suspended): a cross-province task for S1 in 420000.
const DOC = {
  enterprises: [ent('L1', 'leader', '440000'), ent('L2', 'leader', '310000'), ent('S1', 'supplier', '420000', 'suspended'), ent('S2', 'supplier', '310000')],
  links: [
    { supplier: 'S1', customer: 'L1', part: 'seats' },
    { supplier: 'S2', customer: 'L2', part: 'glass' },
  ],
};

const MATRIX: Record<string, Expectation> = {
  'GET /api/health': { path: '/api/health', allow: 'public' },
  'GET /api/ready': { path: '/api/ready', allow: 'public' },
  'GET /api/openapi.json': { path: '/api/openapi.json', allow: 'public' },
  'GET /api/whoami': { path: '/api/whoami', allow: 'all' },
  'POST /api/import': { path: '/api/import', body: { enterprises: [] }, allow: ['coordinator'] },
  'GET /api/enterprises': { path: '/api/enterprises?q=S', allow: 'all' },
  'GET /api/enterprises/:id': { path: '/api/enterprises/S1', allow: [...STAFF, 'leadIn', 'reporterIn'] },
  'PUT /api/enterprises/:id/status': { path: '/api/enterprises/S1/status', body: { status: 'suspended', asOf: '2020-03-20' }, allow: ['coordinator', 'reporterIn', 'liaisonIn'] },
  'GET /api/enterprises/:id/status-history': { path: '/api/enterprises/S1/status-history', allow: [...STAFF, 'leadIn', 'reporterIn'] },
  'GET /api/enterprises/:id/upstream': { path: '/api/enterprises/L1/upstream', allow: [...STAFF, 'leadIn'] },
  'GET /api/chains': { path: '/api/chains', allow: STAFF },
  'GET /api/chains/:leaderId': { path: '/api/chains/L1', allow: [...STAFF, 'leadIn'] },
  'GET /api/chains/:leaderId/alternates': { path: '/api/chains/L1/alternates', allow: [...STAFF, 'leadIn'] },
  'GET /api/bottlenecks': { path: '/api/bottlenecks', allow: STAFF },
  'POST /api/what-if': { path: '/api/what-if', body: { resume: ['S1'] }, allow: STAFF },
  'GET /api/stats/resumption': { path: '/api/stats/resumption?date=2020-03-24', allow: 'all' },
  'POST /api/tokens': { path: '/api/tokens', body: { role: 'liaison', province: '110000' }, allow: ['coordinator'] },
  'GET /api/tokens': { path: '/api/tokens', allow: ['coordinator'] },
  'DELETE /api/tokens/:id': { path: '/api/tokens/{token}', allow: ['coordinator'] },
  'GET /api/audit': { path: '/api/audit', allow: ['coordinator'] },
  'GET /api/tasks': { path: '/api/tasks', allow: [...STAFF, 'leadIn', 'leadOut'] },
  'GET /api/tasks/:id': { path: '/api/tasks/{task}', allow: ['coordinator', 'liaisonIn', 'leadIn'] },
  'POST /api/tasks/:id/ack': { path: '/api/tasks/{task}/ack', body: { note: 'on it' }, allow: ['coordinator', 'liaisonIn'] },
  'POST /api/tasks/:id/start': { path: '/api/tasks/{task}/start', body: {}, allow: ['coordinator', 'liaisonIn'] },
  'POST /api/tasks/:id/resolve': { path: '/api/tasks/{task}/resolve', body: {}, allow: ['coordinator', 'liaisonIn'] },
  'GET /api/events': { path: '/api/events', allow: STAFF },
  'POST /api/requests': {
    path: '/api/requests',
    body: { enterprise: 'S1', category: 'materials', title: 'Resin', description: 'No resin.' },
    allow: ['coordinator', 'reporterIn'],
  },
  'GET /api/requests': { path: '/api/requests', allow: 'all' },
  'GET /api/requests/:id': { path: '/api/requests/{request}', allow: ['coordinator', 'liaisonIn', 'leadIn', 'reporterIn'] },
  'POST /api/requests/:id/accept': { path: '/api/requests/{request}/accept', body: {}, allow: ['coordinator', 'liaisonIn'] },
  'POST /api/requests/:id/start': { path: '/api/requests/{request}/start', body: {}, allow: ['coordinator', 'liaisonIn'] },
  'POST /api/requests/:id/resolve': { path: '/api/requests/{request}/resolve', body: {}, allow: ['coordinator', 'liaisonIn'] },
  'POST /api/requests/:id/reject': { path: '/api/requests/{request}/reject', body: { reason: 'duplicate' }, allow: ['coordinator', 'liaisonIn'] },
  'GET /api/stats/requests': { path: '/api/stats/requests?by=province', allow: 'all' },
  'PUT /api/enterprises/:id/inventory': { path: '/api/enterprises/L1/inventory', body: { part: 'seats', days: 3, asOf: '2020-03-20' }, allow: ['coordinator', 'leadIn'] },
  'GET /api/enterprises/:id/inventory-history': { path: '/api/enterprises/S1/inventory-history', allow: [...STAFF, 'leadIn', 'reporterIn'] },
  'GET /api/runway': { path: '/api/runway', allow: STAFF },
  'GET /api/stats/reporting': { path: '/api/stats/reporting?date=2020-03-24', allow: STAFF },
  'GET /api/admin/failed-jobs': { path: '/api/admin/failed-jobs', allow: ['coordinator'] },
  'POST /api/admin/failed-jobs/:queue/:id/retry': { path: '/api/admin/failed-jobs/tasks/no-such-job/retry', allow: ['coordinator'] },
};

/** Status codes that mean "let through": success, or an answer about the resource itself. */
const LET_THROUGH = new Set([200, 201, 404, 409]);

describe('authorization matrix', () => {
  let srv: TestServer;
  const tokens = {} as Record<Caller, string>;
  let taskId = '';
  let spareToken = '';
  let requestId = '';

  beforeAll(async () => {
    srv = await startTestServer({ doc: DOC, coordination: true, env: { LINKAGE_RATE_LIMIT_PER_MINUTE: '0' } });
    const issue = async (req: Parameters<typeof createToken>[1]) => (await createToken(srv.services.tokenStore, req, srv.clock)).token;
    tokens.coordinator = srv.token;
    tokens.liaisonIn = await issue({ role: 'liaison', province: '420000' });
    tokens.liaisonOut = await issue({ role: 'liaison', province: '310000' });
    tokens.leadIn = await issue({ role: 'lead', enterprise: 'L1' });
    tokens.leadOut = await issue({ role: 'lead', enterprise: 'L2' });
    tokens.reporterIn = await issue({ role: 'reporter', enterprise: 'S1' });
    tokens.reporterOut = await issue({ role: 'reporter', enterprise: 'S2' });
    spareToken = (await createToken(srv.services.tokenStore, { role: 'liaison', province: '110000' }, srv.clock)).record.id;
    const deadline = Date.now() + 15_000;
    while (!taskId && Date.now() < deadline) {
      const res = await srv.api('GET', '/api/tasks?state=active');
      taskId = res.body?.tasks?.[0]?.id ?? '';
      if (!taskId) await new Promise((r) => setTimeout(r, 100));
    }
    if (!taskId) throw new Error('no coordination task appeared for the matrix');
    requestId = (await srv.api('POST', '/api/requests', { enterprise: 'S1', category: 'workforce', title: 'Workers', description: 'Cannot return.' })).body.id;
  }, 60_000);
  afterAll(async () => {
    await srv?.close();
  });

  it('has an entry for every route in the route table, and no entry for a route that does not exist', () => {
    const routes = routeTable(srv.services)
      .map((r) => `${r.method.toUpperCase()} ${r.path}`)
      .sort();
    expect(routes).toEqual(Object.keys(MATRIX).sort());
  });

  async function call(key: string, token: string | null): Promise<number> {
    const e = MATRIX[key];
    const method = key.split(' ')[0];
    const path = e.path.replace('{task}', taskId).replace('{token}', spareToken).replace('{request}', requestId);
    if (key === 'GET /api/events') {
      const ctrl = new AbortController();
      const res = await fetch(`${srv.url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {}, signal: ctrl.signal });
      ctrl.abort();
      return res.status;
    }
    return (await srv.api(method, path, e.body, { token })).status;
  }

  it.each(Object.keys(MATRIX))('%s: 401 without a token, 403 out of scope, through in scope', async (key) => {
    const e = MATRIX[key];
    const noToken = await call(key, null);
    if (e.allow === 'public') {
      expect(noToken).toBe(200);
      return;
    }
    expect(noToken).toBe(401);
    expect(await call(key, 'not-a-real-token')).toBe(401);
    const got: Record<string, number> = {};
    const want: Record<string, string> = {};
    // Out-of-scope callers first, so writes by allowed callers cannot change what they see.
    const order = [...CALLERS].sort((a, b) => Number(e.allow === 'all' || e.allow.includes(a)) - Number(e.allow === 'all' || e.allow.includes(b)));
    for (const caller of order) {
      const allowed = e.allow === 'all' || e.allow.includes(caller);
      const status = await call(key, tokens[caller]);
      got[caller] = status;
      want[caller] = allowed ? (LET_THROUGH.has(status) ? String(status) : 'through') : '403';
      if (!allowed) expect(status === 403 ? '403' : String(status)).toBe('403');
    }
    expect(Object.fromEntries(Object.entries(got).map(([k, v]) => [k, String(v)]))).toEqual(want);
  });

  it("a lead reports its own enterprise status (a leader is an enterprise), not its suppliers' nor another leader's", async () => {
    const put = (id: string, token: string) => srv.api('PUT', `/api/enterprises/${id}/status`, { status: 'partial', capacityPct: 60, asOf: '2020-03-21' }, { token });
    const own = await put('L1', tokens.leadIn);
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ enterprise: 'L1', status: 'partial', reporter: 'lead:L1' });
    expect((await put('L1', tokens.leadOut)).status).toBe(403);
    expect((await put('S1', tokens.leadIn)).status).toBe(403);
    expect((await put('L2', tokens.leadIn)).status).toBe(403);
  });

  it('answers 404 for a missing resource in scope, 403 before revealing one out of scope', async () => {
    expect((await srv.api('GET', '/api/enterprises/NOPE')).status).toBe(404);
    expect((await srv.api('GET', '/api/enterprises/NOPE', undefined, { token: tokens.reporterIn })).status).toBe(403);
    expect((await srv.api('GET', '/api/chains/NOPE', undefined, { token: tokens.liaisonIn })).status).toBe(404);
    expect((await srv.api('GET', '/api/tasks/tsk_nope', undefined, { token: tokens.coordinator })).status).toBe(404);
  });
});
