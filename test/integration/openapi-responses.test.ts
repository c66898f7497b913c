/**
 * The answers the OpenAPI description promises are the answers the server gives: a
 * representative call of every route, on the real server, SQLite file and Redis, is checked
 * against the zod schema its route names (responses.ts), and every error against the error
 * schema and the statuses the route's description lists. A handler that adds, drops or
 * renames a field without its schema fails here. And every described operation describes its
 * answers: a success body, and the errors of its kind.
 */
import { createToken } from '../../src/access';
import { routeTable } from '../../src/http/app';
import { openApiPath, routeStatuses } from '../../src/http/openapi';
import { errorSchema, taskEventSchema } from '../../src/http/responses';
import type { RouteDef } from '../../src/http/routes';
import { CHAIN_DOC, HUBEI } from '../coordination/fixtures/network';
import { waitFor } from '../support/wait';
import { startTestServer, type TestServer } from './harness';

const DOC = { ...CHAIN_DOC, inventories: [{ customer: 'L1', part: 'seats', days: 5 }] };

/** Routes whose success a test cannot cause without reaching into the queues: their errors are still checked. */
const SUCCESS_NOT_CAUSED = new Set(['POST /api/admin/failed-jobs/{queue}/{id}/retry']);

describe('the answers of every route', () => {
  let srv: TestServer;
  let table: RouteDef[];
  const tokens = {} as Record<'liaison' | 'lead' | 'reporter', string>;
  /** `METHOD /openapi/path` of each route answered with success. */
  const succeeded = new Set<string>();

  beforeAll(async () => {
    srv = await startTestServer({ doc: DOC, coordination: true });
    table = routeTable(srv.services);
    tokens.liaison = await srv.liaisonToken(HUBEI);
    tokens.lead = (await createToken(srv.services.tokenStore, { role: 'lead', enterprise: 'L1' }, srv.clock)).token;
    tokens.reporter = (await createToken(srv.services.tokenStore, { role: 'reporter', enterprise: 'S2' }, srv.clock)).token;
  }, 60_000);
  afterAll(async () => {
    await srv?.close();
  });

  /** The route express would pick for a method and a concrete path. */
  function routeOf(method: string, url: string): RouteDef {
    const path = url.split('?')[0];
    const found = table.find((r) => r.method === method.toLowerCase() && new RegExp(`^${r.path.replace(/:[A-Za-z]+/g, '[^/]+')}$`).test(path));
    if (!found) throw new Error(`no route for ${method} ${path}`);
    return found;
  }

  /** Calls, then checks the answer against the route's description; returns the body. */
  async function call(method: string, url: string, body?: unknown, opts: { token?: string | null; status?: number } = {}) {
    const route = routeOf(method, url);
    const res = await srv.api(method, url, body, { token: opts.token });
    const where = `${method} ${url} answered ${res.status}: ${JSON.stringify(res.body).slice(0, 400)}`;
    expect({ where, status: res.status }).toEqual({ where, status: opts.status ?? route.status ?? 200 });
    expect({ where, documented: routeStatuses(route).includes(res.status) }).toEqual({ where, documented: true });
    const schema = res.status < 400 ? route.response : errorSchema;
    const parsed = schema.safeParse(res.body);
    expect({ where, issues: parsed.success ? [] : parsed.error.issues }).toEqual({ where, issues: [] });
    if (res.status < 400) succeeded.add(`${method} ${openApiPath(route.path)}`);
    return res.body;
  }

  it('match their schemas: system, graph, chains, statistics and access', async () => {
    await call('GET', '/api/health', undefined, { token: null });
    await call('GET', '/api/ready', undefined, { token: null });
    await call('GET', '/api/whoami', undefined, { token: tokens.liaison });
    await call('GET', '/api/openapi.json', undefined, { token: null });

    await call('POST', '/api/import', { enterprises: [], links: [], statusReports: [] });
    await call('POST', '/api/import', { enterprises: [{ id: 'X' }] }, { status: 400 });
    await call('PUT', '/api/enterprises/S2/status', { status: 'suspended', note: 'no workers' }, { token: tokens.reporter });
    await call('PUT', '/api/enterprises/L1/inventory', { part: 'chips', days: 3 }, { token: tokens.lead });
    await call('PUT', '/api/enterprises/L1/inventory', { part: 'chips', days: 3 }, { token: tokens.reporter, status: 403 });

    await call('GET', '/api/enterprises?q=enterprise&province=湖北');
    await call('GET', '/api/enterprises/S2');
    await call('GET', '/api/enterprises/NOPE', undefined, { status: 404 });
    await call('GET', '/api/enterprises/S2/status-history');
    await call('GET', '/api/enterprises/L1/upstream', undefined, { token: tokens.lead });
    await call('GET', '/api/enterprises/S1/upstream');
    await call('GET', '/api/enterprises/L1/inventory-history');

    await call('GET', '/api/chains');
    await call('GET', '/api/chains', undefined, { token: null, status: 401 });
    await call('GET', '/api/chains', undefined, { token: tokens.reporter, status: 403 });
    await call('GET', '/api/chains/L1');
    await call('GET', '/api/chains/L1?date=2020-03-25');
    await call('GET', '/api/chains/S1', undefined, { status: 404 });
    await call('GET', '/api/chains/L1/alternates');
    await call('GET', '/api/bottlenecks');
    await call('POST', '/api/what-if', { resume: ['S2'], suspendProvinces: ['Shanghai'] });
    await call('GET', '/api/runway?within=30');

    await call('GET', '/api/stats/resumption?since=2020-03-20&by=province');
    await call('GET', '/api/stats/resumption?from=2020-03-20&to=2020-03-24&by=province&province=湖北省');
    await call('GET', '/api/stats/resumption?province=Atlantis', undefined, { status: 400 });
    await call('GET', '/api/stats/reporting?limit=2');

    const issued = await call('POST', '/api/tokens', { role: 'lead', enterprise: 'L3' }, { status: 201 });
    await call('GET', '/api/tokens');
    await call('DELETE', `/api/tokens/${issued.id}`);
    await call('GET', '/api/audit?limit=5');
  });

  it('match their schemas: tasks, events and requests', async () => {
    const task = await waitFor(async () => (await srv.api('GET', '/api/tasks')).body.tasks?.[0], 'the task of S2');
    await call('GET', '/api/tasks?province=Hubei&state=active', undefined, { token: tokens.liaison });
    await call('GET', '/api/tasks?province=nowhere', undefined, { status: 400 });
    await call('GET', `/api/tasks/${task.id}`, undefined, { token: tokens.lead });
    await call('POST', `/api/tasks/${task.id}/ack`, { note: 'calling them' }, { token: tokens.liaison });
    await call('POST', `/api/tasks/${task.id}/resolve`, {}, { token: tokens.liaison, status: 409 });
    await call('POST', `/api/tasks/${task.id}/start`, undefined, { token: tokens.liaison });
    await call('POST', `/api/tasks/${task.id}/resolve`, {}, { token: tokens.liaison });

    const raised = await call(
      'POST',
      '/api/requests',
      { enterprise: 'S2', category: 'logistics', title: 'Foam held', description: 'At the border' },
      { token: tokens.reporter, status: 201 },
    );
    await call('GET', '/api/requests?province=湖北');
    await call('GET', `/api/requests/${raised.id}`, undefined, { token: tokens.reporter });
    await call('POST', `/api/requests/${raised.id}/accept`, { note: 'on it' }, { token: tokens.liaison });
    await call('POST', `/api/requests/${raised.id}/start`, {}, { token: tokens.liaison });
    await call('POST', `/api/requests/${raised.id}/resolve`, {}, { token: tokens.liaison });
    await call('POST', `/api/requests/${raised.id}/reject`, { reason: 'too late' }, { token: tokens.liaison, status: 409 });
    const second = await call('POST', '/api/requests', { enterprise: 'S2', category: 'workforce', title: 'Workers', description: 'Quarantined' }, { status: 201 });
    await call('POST', `/api/requests/${second.id}/reject`, { reason: 'duplicate' }, { token: tokens.liaison });
    await call('GET', '/api/stats/requests?by=province');

    await call('GET', '/api/admin/failed-jobs');
    await call('POST', '/api/admin/failed-jobs/tasks/nope/retry', undefined, { status: 404 });
  });

  it('streams events whose data match the TaskEvent schema', async () => {
    const abort = new AbortController();
    const res = await fetch(`${srv.url}/api/events?after=0&province=湖北`, { headers: { authorization: `Bearer ${srv.token}` }, signal: abort.signal });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = res.body!.getReader();
    let text = '';
    while (!/^data: .*\n/m.test(text)) text += new TextDecoder().decode((await reader.read()).value);
    abort.abort();
    const data = JSON.parse(/^data: (.*)$/m.exec(text)![1]);
    expect(taskEventSchema.safeParse(data).error?.issues ?? []).toEqual([]);
    expect(data.province).toBe(HUBEI);
    succeeded.add('GET /api/events');
  });

  it('leave no route unchecked', () => {
    const all = table.map((r) => `${r.method.toUpperCase()} ${openApiPath(r.path)}`);
    expect(all.filter((r) => !succeeded.has(r) && !SUCCESS_NOT_CAUSED.has(r))).toEqual([]);
  });
});

describe('the description of every operation', () => {
  let srv: TestServer;
  beforeAll(async () => {
    srv = await startTestServer();
  });
  afterAll(async () => {
    await srv.close();
  });

  it('describes its success body and the errors of its kind with the error schema', async () => {
    const doc = (await srv.api('GET', '/api/openapi.json')).body as {
      paths: Record<string, Record<string, { security?: unknown[]; responses: Record<string, { content?: Record<string, { schema?: { $ref?: string } }> }> }>>;
      components: { schemas: Record<string, unknown> };
    };
    const problems: string[] = [];
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const where = `${method.toUpperCase()} ${path}`;
        const statuses = Object.keys(op.responses);
        const success = statuses.filter((s) => s < '300');
        if (success.length !== 1) problems.push(`${where}: success answers ${success}`);
        const body = op.responses[success[0]]?.content;
        if (!body || !Object.values(body)[0]?.schema) problems.push(`${where}: no success body`);
        const expected = ['500', ...(op.security ? ['401', '403'] : []), ...(method !== 'get' ? ['400'] : [])];
        for (const s of expected) if (!statuses.includes(s)) problems.push(`${where}: no ${s}`);
        for (const s of statuses.filter((x) => x >= '400' && !(path === '/api/ready' && x === '503'))) {
          if (op.responses[s].content?.['application/json']?.schema?.$ref !== '#/components/schemas/Error') problems.push(`${where}: ${s} without the Error schema`);
        }
      }
    }
    expect(problems).toEqual([]);
    expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(['Error', 'Task', 'TaskEvent', 'ChainDetail', 'Enterprise', 'Request']));
  });
});
