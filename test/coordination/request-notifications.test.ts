/**
 * Requests announced like tasks (§9): a signed webhook to the assignee province carrying the
 * request, and the request events on the live feed of that province's liaison.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SIGNATURE_HEADER, verifySignature } from '../../src/coordination';
import { startTestServer, type TestServer } from '../integration/harness';
import { waitFor } from '../support/wait';
import { CHAIN_DOC, GUANGDONG, HUBEI } from './fixtures/network';

const SECRET = 'test-webhook-secret-0123456789';

describe('request notifications', () => {
  let srv: TestServer;
  let hook: http.Server;
  const got: Array<{ headers: http.IncomingHttpHeaders; body: string }> = [];

  beforeEach(async () => {
    got.length = 0;
    hook = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        got.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        res.end();
      });
    });
    await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook`;
    srv = await startTestServer({ doc: CHAIN_DOC, coordination: true, env: { LINKAGE_WEBHOOKS: JSON.stringify({ [GUANGDONG]: url }), LINKAGE_WEBHOOK_SECRET: SECRET } });
  });
  afterEach(async () => {
    await srv.close();
    await new Promise<void>((resolve) => hook.close(() => resolve()));
  });

  it('posts request.opened to the assignee province, signed, with the request', async () => {
    const raised = await srv.api('POST', '/api/requests', {
      enterprise: 'S1',
      category: 'logistics',
      title: 'Seats held at the border',
      description: 'Trucks wait at the checkpoint.',
      counterpartEnterprise: 'L1',
    });
    expect(raised.body.assigneeProvince).toBe(GUANGDONG);
    await srv.api('POST', '/api/requests', { enterprise: 'S1', category: 'workforce', title: 'Workers', description: 'For Hubei.' });
    const [req] = await waitFor(() => (got.length >= 1 ? got : null), 'the request webhook', 10_000);
    expect(req.headers['x-linkage-event']).toBe('request.opened');
    expect(verifySignature(SECRET, req.body, req.headers[SIGNATURE_HEADER] as string)).toBe(true);
    expect(JSON.parse(req.body)).toMatchObject({ type: 'request.opened', province: GUANGDONG, request: { id: raised.body.id, enterprise: 'S1', state: 'open' } });
    expect(JSON.parse(req.body)).not.toHaveProperty('task');
    expect(got).toHaveLength(1); // Hubei has no webhook
  });

  it('streams the request events of a liaison’s province to it', async () => {
    const abort = new AbortController();
    const res = await fetch(`${srv.url}/api/events`, { headers: { authorization: `Bearer ${await srv.liaisonToken(HUBEI)}` }, signal: abort.signal });
    const reader = res.body!.getReader();
    let text = '';
    const pump = (async () => {
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return;
          text += new TextDecoder().decode(value);
        }
      } catch {
        /* aborted */
      }
    })();
    const id = (await srv.api('POST', '/api/requests', { enterprise: 'S2', category: 'materials', title: 'Resin', description: 'None left.' })).body.id;
    await srv.api('POST', '/api/requests', { enterprise: 'S1', category: 'logistics', title: 'Elsewhere', description: 'Guangdong.', counterpartProvince: GUANGDONG });
    await srv.api('POST', `/api/requests/${id}/accept`, {});
    await waitFor(() => (text.includes('event: request.accepted') ? true : null), 'the accepted event', 10_000);
    abort.abort();
    await pump;
    const events = [...text.matchAll(/event: (\S+)\ndata: (.*)\n/g)].map((m) => [m[1], JSON.parse(m[2]).request.id]);
    expect(events).toEqual([
      ['request.opened', id],
      ['request.accepted', id],
    ]);
  });
});
