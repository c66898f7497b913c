/**
 * GET /api/events holds a connection open for as long as the client likes: a token may hold
 * LINKAGE_EVENT_STREAMS_PER_TOKEN of them, the process LINKAGE_EVENT_STREAMS_MAX; beyond,
 * 429 with retryAfter, and a closed stream gives its slot back.
 */
import { startTestServer, type TestServer } from '../integration/harness';
import { waitFor } from '../support/wait';

jest.setTimeout(60_000);

describe('event streams are capped per token and in total', () => {
  let srv: TestServer;
  const open: AbortController[] = [];
  beforeAll(async () => {
    srv = await startTestServer({ coordination: true, env: { LINKAGE_EVENT_STREAMS_PER_TOKEN: '2', LINKAGE_EVENT_STREAMS_MAX: '3', LINKAGE_RATE_LIMIT_PER_MINUTE: '0' } });
  });
  afterAll(async () => {
    for (const c of open) c.abort();
    await srv.close();
  });

  async function stream(token: string): Promise<{ status: number; body?: any; ctrl: AbortController }> {
    const ctrl = new AbortController();
    const res = await fetch(`${srv.url}/api/events`, { headers: { authorization: `Bearer ${token}` }, signal: ctrl.signal });
    if (res.status === 200) {
      open.push(ctrl);
      return { status: 200, ctrl };
    }
    return { status: res.status, body: await res.json(), ctrl };
  }

  it('a third stream of one token is a 429, a fourth stream of anyone too, and a closed one frees its slot', async () => {
    const a = srv.token;
    const b = await srv.liaisonToken('420000');
    const c = await srv.liaisonToken('310000');
    const a1 = await stream(a);
    expect(a1.status).toBe(200);
    expect((await stream(a)).status).toBe(200);
    const a3 = await stream(a);
    expect(a3.status).toBe(429);
    expect(a3.body.error).toMatchObject({ code: 'rate_limited', retryAfter: expect.any(Number) });
    expect((await stream(b)).status).toBe(200);
    const c1 = await stream(c);
    expect(c1.status).toBe(429);
    expect(c1.body.error.message).toMatch(/maximum of 3/);

    a1.ctrl.abort();
    await waitFor(async () => (await stream(c)).status === 200, 'the closed stream to give its slot back');
  });
});
