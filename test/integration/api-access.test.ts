/** Tokens with roles and scopes, and the audit trail of writes, through the real API. */
import { startTestServer, type TestServer } from './harness';

const ent = (id: string, role: 'leader' | 'supplier', province: string) => ({ id, name: id, role, industry: 'electronics', province, status: 'resumed' as const });
const DOC = {
  enterprises: [ent('L1', 'leader', '320000'), ent('S1', 'supplier', '420000')],
  links: [{ supplier: 'S1', customer: 'L1', part: 'pcb' }],
};

describe('HTTP API: tokens and audit', () => {
  let srv: TestServer;
  beforeEach(async () => {
    srv = await startTestServer({ doc: DOC });
  });
  afterEach(async () => {
    await srv.close();
  });

  const issue = async (body: Record<string, unknown>) => {
    const res = await srv.api('POST', '/api/tokens', body);
    expect(res.status).toBe(201);
    return res.body as { token: string; id: string };
  };

  it('issues scoped tokens that act in their role', async () => {
    const reporter = await issue({ role: 'reporter', enterprise: 'S1' });
    const own = await srv.api('PUT', '/api/enterprises/S1/status', { status: 'suspended' }, { token: reporter.token });
    expect(own.status).toBe(200);
    expect(own.body.reporter).toBe('reporter:S1');
    expect((await srv.api('PUT', '/api/enterprises/L1/status', { status: 'suspended' }, { token: reporter.token })).status).toBe(403);
    expect((await srv.api('POST', '/api/import', DOC, { token: reporter.token })).status).toBe(403);

    const lead = await issue({ role: 'lead', enterprise: 'L1' });
    expect((await srv.api('GET', '/api/chains/L1', undefined, { token: lead.token })).status).toBe(200);
    expect((await srv.api('GET', '/api/enterprises/L1/upstream', undefined, { token: lead.token })).status).toBe(200);
    expect((await srv.api('GET', '/api/bottlenecks', undefined, { token: lead.token })).status).toBe(403);
  });

  it('rejects token requests that do not fit the role, by field', async () => {
    const res = await srv.api('POST', '/api/tokens', { role: 'liaison', enterprise: 'L1' });
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['enterprise', 'province']);
  });

  it('a body cannot name the actor of a new token: 400 at its path, and the audit actor is the creating token', async () => {
    const liaison = await issue({ role: 'liaison', province: '420000' });
    const spoof = await srv.api('POST', '/api/tokens', { role: 'liaison', province: '420000', actor: 'admin' });
    expect(spoof.status).toBe(400);
    expect(spoof.body.error.details.map((d: { path: string }) => d.path)).toEqual(['actor']);
    const created = (await srv.api('GET', '/api/audit?action=token.create')).body.entries;
    expect(created).toEqual([expect.objectContaining({ actor: 'admin', target: liaison.id, after: expect.objectContaining({ actor: 'liaison:420000' }) })]);
  });

  it('lists tokens without secrets and revokes them', async () => {
    const liaison = await issue({ role: 'liaison', province: '420000' });
    const list = await srv.api('GET', '/api/tokens');
    expect(list.body.tokens).toEqual([expect.objectContaining({ id: liaison.id, role: 'liaison', province: '420000' })]);
    expect(JSON.stringify(list.body)).not.toContain(liaison.token);
    expect((await srv.api('GET', '/api/chains', undefined, { token: liaison.token })).status).toBe(200);
    expect((await srv.api('DELETE', `/api/tokens/${liaison.id}`)).body.revokedAt).toBeDefined();
    expect((await srv.api('GET', '/api/chains', undefined, { token: liaison.token })).status).toBe(401);
    expect((await srv.api('DELETE', '/api/tokens/tok_000000000000')).status).toBe(404);
  });

  it('an expired token is refused', async () => {
    const t = await issue({ role: 'liaison', province: '420000', expiresAt: '2020-03-25T00:00:00Z' });
    expect((await srv.api('GET', '/api/chains', undefined, { token: t.token })).status).toBe(200);
    srv.clock.advance(24 * 3_600_000);
    expect((await srv.api('GET', '/api/chains', undefined, { token: t.token })).status).toBe(401);
  });

  it('records every write in the audit trail with actor, revision and before/after', async () => {
    const reporter = await issue({ role: 'reporter', enterprise: 'S1' });
    await srv.api('PUT', '/api/enterprises/S1/status', { status: 'partial', capacityPct: 50 }, { token: reporter.token });
    await srv.api('POST', '/api/import', { enterprises: [ent('S2', 'supplier', '420000')] });
    const audit = await srv.api('GET', '/api/audit');
    // The harness's own import (actor "test") is a write too.
    expect(audit.body.entries.map((e: { action: string }) => e.action)).toEqual(['import', 'status.report', 'token.create', 'import']);
    const status = audit.body.entries[1];
    expect(status).toMatchObject({ actor: 'reporter:S1', target: 'S1', revision: 2, before: { status: 'resumed' }, after: { currentStatus: 'partial' } });
    const filtered = await srv.api('GET', '/api/audit?actor=reporter:S1&limit=1');
    expect(filtered.body.entries).toHaveLength(1);
    expect(filtered.body.nextCursor).toBeNull();
    expect((await srv.api('GET', '/api/audit', undefined, { token: reporter.token })).status).toBe(403);
  });
});
