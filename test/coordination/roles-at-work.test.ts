/**
 * Roles doing their real jobs (CONTRACT §4): a liaison reports the status of an enterprise in
 * its province (recorded as the reporter); a lead reads, but does not change, the tasks whose
 * affectedLeaders include it; scoped tokens name stored enterprises, and a lead token a leader.
 */
import { createToken } from '../../src/access';
import { startTestServer, type TestServer } from '../integration/harness';
import { waitFor } from '../support/wait';
import { CHAIN_DOC, GUANGDONG, HUBEI, SHANGHAI } from './fixtures/network';

describe('roles at work', () => {
  let srv: TestServer;
  beforeEach(async () => {
    srv = await startTestServer({ doc: CHAIN_DOC, coordination: true });
  });
  afterEach(async () => {
    await srv.close();
  });
  const issue = async (req: Parameters<typeof createToken>[1]) => (await createToken(srv.services.tokenStore, req, srv.clock)).token;

  it('a liaison reports the status of an enterprise of its province, as the reporter; not of another province', async () => {
    const hubei = await srv.liaisonToken(HUBEI);
    const res = await srv.api('PUT', '/api/enterprises/S2/status', { status: 'suspended', note: 'by phone' }, { token: hubei });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ enterprise: 'S2', status: 'suspended', reporter: `liaison:${HUBEI}` });
    const history = await srv.api('GET', '/api/enterprises/S2/status-history', undefined, { token: hubei });
    expect(history.body.reports[0]).toMatchObject({ reporter: `liaison:${HUBEI}`, note: 'by phone' });
    expect((await srv.api('PUT', '/api/enterprises/S4/status', { status: 'suspended' }, { token: hubei })).status).toBe(403);
    expect((await srv.api('PUT', '/api/enterprises/NOPE/status', { status: 'suspended' }, { token: hubei })).status).toBe(403);
  });

  it('a lead reads the tasks affecting its leader, and may not move them', async () => {
    const leadL1 = await issue({ role: 'lead', enterprise: 'L1' });
    const leadL2 = await issue({ role: 'lead', enterprise: 'L2' });
    const revision = (await srv.api('PUT', '/api/enterprises/S2/status', { status: 'suspended' })).body.revision;
    const task = await waitFor(async () => (await srv.api('GET', `/api/tasks?minRevision=${revision}`)).body.tasks[0], 'the task for S2');
    expect(task.affectedLeaders).toEqual(['L1', 'L3']);
    expect((await srv.api('GET', '/api/tasks', undefined, { token: leadL1 })).body.tasks.map((t: { id: string }) => t.id)).toEqual([task.id]);
    expect((await srv.api('GET', '/api/tasks', undefined, { token: leadL2 })).body.tasks).toEqual([]);
    expect((await srv.api('GET', `/api/tasks/${task.id}`, undefined, { token: leadL1 })).status).toBe(200);
    expect((await srv.api('GET', `/api/tasks/${task.id}`, undefined, { token: leadL2 })).status).toBe(403);
    expect((await srv.api('POST', `/api/tasks/${task.id}/ack`, {}, { token: leadL1 })).status).toBe(403);
  });

  it('refuses a lead token for an enterprise that is not a leader, and any scoped token for an unknown enterprise (400)', async () => {
    const create = (body: Record<string, unknown>) => srv.api('POST', '/api/tokens', body);
    const notLeader = await create({ role: 'lead', enterprise: 'S1' });
    expect(notLeader.status).toBe(400);
    expect(notLeader.body.error.details).toEqual([{ path: 'enterprise', message: '"S1" is a supplier, not a leader' }]);
    for (const role of ['lead', 'reporter']) {
      const unknown = await create({ role, enterprise: 'NOPE' });
      expect(unknown.status).toBe(400);
      expect(unknown.body.error.details).toEqual([{ path: 'enterprise', message: 'unknown enterprise "NOPE"' }]);
    }
    expect((await create({ role: 'lead', enterprise: 'L1' })).status).toBe(201);
    expect((await create({ role: 'reporter', enterprise: 'S1' })).status).toBe(201);
    expect((await create({ role: 'liaison', province: GUANGDONG })).status).toBe(201);
    expect((await create({ role: 'liaison', province: SHANGHAI })).status).toBe(201);
  });
});
