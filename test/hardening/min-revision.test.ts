/**
 * ?minRevision=N floods (CONTRACT §4 read-your-writes): many readers waiting for one revision
 * are one waiter list, settled by the write that reaches it; those waiting for a revision that
 * never comes get 503 with retryAfter once the bound (500 ms in the harness) runs out.
 */
import { startTestServer, type TestServer } from '../integration/harness';
import { waitFor } from '../support/wait';
import { ent } from '../support/enterprises';

describe('?minRevision waits', () => {
  let srv: TestServer;
  beforeAll(async () => {
    srv = await startTestServer({
      doc: { enterprises: [ent('S1', 'supplier'), ent('L1', 'leader')], links: [{ supplier: 'S1', customer: 'L1', part: 'seats' }] },
      env: { LINKAGE_RATE_LIMIT_PER_MINUTE: '0', LINKAGE_MIN_REVISION_WAIT_MS: '3000' },
    });
  });
  afterAll(async () => {
    await srv.close();
  });

  it('200 readers waiting for the next revision are all answered by the write that makes it', async () => {
    const rev = srv.services.chains.revision;
    const reads = Array.from({ length: 200 }, () => srv.api('GET', `/api/chains?minRevision=${rev + 1}`));
    await waitFor(() => srv.services.chains.waiting === 200, '200 readers waiting');
    expect((await srv.api('PUT', '/api/enterprises/S1/status', { status: 'suspended' })).status).toBe(200);
    const answers = await Promise.all(reads);
    expect(answers.map((a) => a.status)).toEqual(Array(200).fill(200));
    expect(answers.every((a) => a.body.revision === rev + 1 && a.body.chains[0].state === 'blocked')).toBe(true);
    expect(srv.services.chains.waiting).toBe(0);
  });
});

describe('?minRevision that is never reached', () => {
  let srv: TestServer;
  beforeAll(async () => {
    srv = await startTestServer({ doc: { enterprises: [ent('S1', 'supplier')] }, env: { LINKAGE_RATE_LIMIT_PER_MINUTE: '0' } });
  });
  afterAll(async () => {
    await srv.close();
  });

  it('answers every waiting reader 503 with retryAfter after the bound, and leaves no waiter behind', async () => {
    const reads = await Promise.all(Array.from({ length: 100 }, () => srv.api('GET', '/api/chains?minRevision=999')));
    expect(reads.map((r) => r.status)).toEqual(Array(100).fill(503));
    expect(reads[0].body.error).toMatchObject({ code: 'not_ready', retryAfter: 1 });
    expect(reads[0].headers.get('retry-after')).toBe('1');
    expect(srv.services.chains.waiting).toBe(0);
  });
});
