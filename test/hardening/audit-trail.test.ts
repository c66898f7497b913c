/**
 * Through the API: task transitions are in the audit trail (issue #12 found none), with the
 * system as the actor of the ones it makes and the liaison's token as the actor of theirs.
 */
import { startTestServer, type TestServer } from '../integration/harness';
import { waitFor } from '../support/wait';
import { ent } from '../support/enterprises';

jest.setTimeout(60_000);

describe('the audit trail over HTTP', () => {
  let srv: TestServer;
  beforeAll(async () => {
    srv = await startTestServer({
      coordination: true,
      doc: { enterprises: [ent('L1', 'leader', '440000'), ent('S1', 'supplier', '420000', 'suspended')], links: [{ supplier: 'S1', customer: 'L1', part: 'seats' }] },
    });
  });
  afterAll(async () => {
    await srv.close();
  });

  it('records the task opening (system) and each liaison transition (its token)', async () => {
    const task = await waitFor(async () => (await srv.api('GET', '/api/tasks?state=active')).body.tasks?.[0], 'a task for S1');
    const liaison = await srv.liaisonToken('420000');
    for (const action of ['ack', 'start', 'resolve']) expect((await srv.api('POST', `/api/tasks/${task.id}/${action}`, { note: action }, { token: liaison })).status).toBe(200);
    const trail = (await srv.api('GET', `/api/audit?target=${task.id}`)).body.entries.reverse();
    expect(trail.map((e: { action: string; actor: string }) => [e.action, e.actor])).toEqual([
      ['task.open', 'system'],
      ['task.ack', 'liaison:420000'],
      ['task.start', 'liaison:420000'],
      ['task.resolve', 'liaison:420000'],
    ]);
  });
});
