/**
 * The gate in front of every route (issue #12, points 1, 2 and 11): who is calling is known
 * before a byte of the body is read, rate limits count verified tokens and client addresses
 * (not whatever bearer string arrives), probes are never limited, and API paths always
 * answer in JSON, /metrics included.
 */
import http from 'node:http';
import { createToken } from '../../src/access';
import { startTestServer, type TestServer } from '../integration/harness';

const MB = 1024 * 1024;
const DECLARED = 200 * MB;

/**
 * Starts a POST that declares a 200 MB body and sends it 1 MB at a time, as fast as the socket
 * takes it, until the server answers. Resolves with the answer and how much had been sent then.
 */
function hugeUpload(url: string, path: string, token?: string): Promise<{ status: number; body: any; sentWhenAnswered: number; headers: http.IncomingHttpHeaders }> {
  const chunk = Buffer.alloc(MB, 0x20);
  chunk[0] = 0x7b; // '{': the start of a JSON document that never ends
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const req = http.request(`${url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': String(DECLARED), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    });
    req.on('response', (res) => {
      answered = true;
      const sentWhenAnswered = sent;
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (text += d));
      res.on('end', () => {
        req.destroy();
        resolve({ status: res.statusCode!, body: JSON.parse(text), sentWhenAnswered, headers: res.headers });
      });
    });
    req.on('error', (err) => {
      if (!answered) reject(err);
    });
    const pump = () => {
      while (!answered && sent < DECLARED) {
        sent += MB;
        if (!req.write(sent === MB ? chunk : chunk.subarray(0, MB).fill(0x20))) {
          req.once('drain', pump);
          return;
        }
      }
      if (sent >= DECLARED) req.end();
    };
    pump();
  });
}

describe('a body is read only after the caller is authorised', () => {
  let srv: TestServer;
  beforeAll(async () => {
    srv = await startTestServer({ doc: { enterprises: [{ id: 'S1', name: 'S1', role: 'supplier', industry: 'automotive', province: '420000', status: 'resumed' }] } });
  });
  afterAll(async () => {
    await srv.close();
  });

  it('an anonymous 200 MB import is answered 401 before the client has sent it, while /api/health answers', async () => {
    const upload = hugeUpload(srv.url, '/api/import');
    const health = await srv.api('GET', '/api/health', undefined, { token: null });
    const out = await upload;
    expect(health.status).toBe(200);
    expect(out.status).toBe(401);
    expect(out.body.error.code).toBe('unauthorized');
    // Had the server read the body before answering, the whole 200 MB would have been sent.
    expect(out.sentWhenAnswered).toBeLessThan(DECLARED / 2);
    expect(out.headers.connection).toBe('close');
  });

  it('a 200 MB import from a token that may not import is answered 403 without reading it', async () => {
    const { token } = await createToken(srv.services.tokenStore, { role: 'reporter', enterprise: 'S1' }, srv.clock);
    const out = await hugeUpload(srv.url, '/api/import', token);
    expect(out.status).toBe(403);
    expect(out.sentWhenAnswered).toBeLessThan(DECLARED / 2);
  });

  it('a non-import route caps bodies at 1 MB even for a coordinator: 413 at once', async () => {
    const out = await hugeUpload(srv.url, '/api/what-if', srv.token);
    expect(out.status).toBe(413);
    expect(out.sentWhenAnswered).toBeLessThan(DECLARED / 2);
  });

  it('a coordinator still imports a document as before', async () => {
    const res = await srv.api('POST', '/api/import', { enterprises: [{ id: 'S2', name: 'S2', role: 'supplier', industry: 'automotive', province: '420000', status: 'resumed' }] });
    expect(res.status).toBe(200);
    expect(res.body.changed.enterprises).toBe(1);
  });
});

describe('rate limits count verified tokens, and addresses for everything else', () => {
  let srv: TestServer;
  beforeAll(async () => {
    srv = await startTestServer({ env: { LINKAGE_RATE_LIMIT_PER_MINUTE: '20' } });
  });
  afterAll(async () => {
    await srv.close();
  });

  it('random bearer strings share their address budget and get 429 past it; probes are exempt', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) statuses.push((await srv.api('GET', '/api/chains', undefined, { token: `random-${i}-${Math.random()}` })).status);
    expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(20).every((s) => s === 429)).toBe(true);
    // The same address is over its budget, yet liveness and readiness answer.
    expect((await srv.api('GET', '/api/health', undefined, { token: null })).status).toBe(200);
    expect((await srv.api('GET', '/api/ready', undefined, { token: null })).status).not.toBe(429);
    // A verified token has its own budget.
    expect((await srv.api('GET', '/api/chains')).status).toBe(200);
  });
});

describe('API paths answer JSON, /metrics needs a coordinator', () => {
  let srv: TestServer;
  beforeAll(async () => {
    srv = await startTestServer();
  });
  afterAll(async () => {
    await srv.close();
  });

  it('//api/... is the JSON 404, not the web UI', async () => {
    const res = await fetch(`${srv.url}//api/chains`, { headers: { authorization: `Bearer ${srv.token}` } });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    expect(((await res.json()) as any).error.code).toBe('not_found');
  });

  it('/metrics: 401 without a token, 403 for a liaison, the metrics for a coordinator', async () => {
    expect((await fetch(`${srv.url}/metrics`)).status).toBe(401);
    const liaison = await srv.liaisonToken('420000');
    expect((await fetch(`${srv.url}/metrics`, { headers: { authorization: `Bearer ${liaison}` } })).status).toBe(403);
    const ok = await fetch(`${srv.url}/metrics`, { headers: { authorization: `Bearer ${srv.token}` } });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toMatch(/http_request_duration/);
  });
});
