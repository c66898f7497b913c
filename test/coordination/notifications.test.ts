/**
 * Notifications: signed webhooks to a real local receiver (retried with backoff, poison ones
 * parked in the failed set for a coordinator to retry), and the server-sent event stream.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SIGNATURE_HEADER, verifySignature } from '../../src/coordination';
import { startTestServer, type TestServer } from '../integration/harness';
import { CHAIN_DOC, HUBEI, SHANGHAI } from './fixtures/network';
import { waitFor } from '../support/wait';

const SECRET = 'test-webhook-secret-0123456789';

interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A webhook receiver on 127.0.0.1:0 that answers each request with the next scripted status (then 200). */
async function receiver(script: number[] = []) {
  const got: Received[] = [];
  const answers = [...script];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      got.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.statusCode = answers.shift() ?? 200;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    got,
    answers,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('webhooks', () => {
  let srv: TestServer;
  let hook: Awaited<ReturnType<typeof receiver>>;

  const start = async (script: number[]) => {
    hook = await receiver(script);
    srv = await startTestServer({
      doc: CHAIN_DOC,
      coordination: true,
      env: { LINKAGE_WEBHOOKS: JSON.stringify({ [HUBEI]: hook.url }), LINKAGE_WEBHOOK_SECRET: SECRET, LINKAGE_WEBHOOK_ATTEMPTS: '4' },
    });
  };
  afterEach(async () => {
    await srv.close();
    await hook.close();
  });

  it('posts task.opened to the assignee province, signed with HMAC-SHA256 of the exact body', async () => {
    await start([]);
    await srv.api('PUT', '/api/enterprises/S2/status', { status: 'suspended' });
    const [req] = await waitFor(() => (hook.got.length >= 1 ? hook.got : null), 'the first webhook', 10_000);
    expect(req.headers['x-linkage-event']).toBe('task.opened');
    expect(verifySignature(SECRET, req.body, req.headers[SIGNATURE_HEADER] as string)).toBe(true);
    expect(verifySignature('another-secret-0123456789', req.body, req.headers[SIGNATURE_HEADER] as string)).toBe(false);
    expect(verifySignature(SECRET, req.body.replace('S2', 'S3'), req.headers[SIGNATURE_HEADER] as string)).toBe(false);
    const body = JSON.parse(req.body);
    expect(body).toMatchObject({ type: 'task.opened', province: HUBEI, task: { supplier: 'S2', state: 'open', affectedLeaders: ['L1', 'L3'] } });
    expect(req.headers['x-linkage-delivery']).toBe(String(body.id));
  });

  it('retries a receiver that fails twice with exponential backoff, and delivers on the third attempt', async () => {
    await start([500, 503]);
    await srv.api('PUT', '/api/enterprises/S2/status', { status: 'suspended' });
    await waitFor(() => (hook.got.length >= 3 ? true : null), 'three webhook calls', 10_000);
    const deliveries = new Set(hook.got.map((r) => r.headers['x-linkage-delivery']));
    expect(deliveries.size).toBe(1);
    expect(hook.got.every((r) => r.body === hook.got[0].body)).toBe(true);
    const body = JSON.parse(hook.got[0].body);
    const job = await srv.coordination!.queues.byName.notifications.getJob(srv.coordination!.queues.ids.notify(body.task.id, body.id));
    await waitFor(async () => ((await job!.getState()) === 'completed' ? true : null), 'the notify job to complete', 10_000);
    expect((await srv.coordination!.queues.byName.notifications.getJob(job!.id!))!.attemptsMade).toBe(3);
  });

  it('parks a delivery the receiver rejects for good in the failed set, where a coordinator lists and retries it', async () => {
    await start([410]);
    await srv.api('PUT', '/api/enterprises/S2/status', { status: 'suspended' });
    const failed = await waitFor(
      async () => {
        const res = await srv.api('GET', '/api/admin/failed-jobs');
        return res.body.jobs.length > 0 ? res.body.jobs : null;
      },
      'a failed job',
      10_000,
    );
    expect(failed).toEqual([expect.objectContaining({ queue: 'notifications', name: 'notify', failedReason: expect.stringContaining('410') })]);
    expect(hook.got).toHaveLength(1); // a 4xx is not retried
    const liaison = await srv.liaisonToken(HUBEI);
    expect((await srv.api('GET', '/api/admin/failed-jobs', undefined, { token: liaison })).status).toBe(403);
    expect((await srv.api('POST', `/api/admin/failed-jobs/notifications/${failed[0].id}/retry`, undefined, { token: liaison })).status).toBe(403);
    const retried = await srv.api('POST', `/api/admin/failed-jobs/notifications/${failed[0].id}/retry`);
    expect(retried.status).toBe(200);
    await waitFor(() => (hook.got.length >= 2 ? true : null), 'two webhook calls', 10_000);
    expect(hook.got[1].body).toBe(hook.got[0].body);
    await waitFor(async () => ((await srv.api('GET', '/api/admin/failed-jobs')).body.jobs.length === 0 ? true : null), 'an empty failed set', 10_000);
    expect((await srv.api('POST', `/api/admin/failed-jobs/notifications/${failed[0].id}/retry`)).status).toBe(409);
    expect((await srv.api('POST', '/api/admin/failed-jobs/nope/1/retry')).status).toBe(404);
  });
});

describe('server-sent events', () => {
  let srv: TestServer;
  beforeEach(async () => {
    srv = await startTestServer({ doc: CHAIN_DOC, coordination: true });
  });
  afterEach(async () => {
    await srv.close();
  });

  /** Opens the stream and collects its events until aborted. */
  async function stream(token: string, headers: Record<string, string> = {}) {
    const abort = new AbortController();
    const res = await fetch(`${srv.url}/api/events`, { headers: { authorization: `Bearer ${token}`, ...headers }, signal: abort.signal });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const events: { id: number; event: string; data: any }[] = [];
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    const pump = (async () => {
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return;
          buffer += decoder.decode(value, { stream: true });
          let cut: number;
          while ((cut = buffer.indexOf('\n\n')) >= 0) {
            const frame = buffer.slice(0, cut);
            buffer = buffer.slice(cut + 2);
            const fields = Object.fromEntries(
              frame
                .split('\n')
                .filter((l) => !l.startsWith(':') && l.includes(': '))
                .map((l) => [l.slice(0, l.indexOf(': ')), l.slice(l.indexOf(': ') + 2)]),
            );
            if (fields.data) events.push({ id: Number(fields.id), event: fields.event, data: JSON.parse(fields.data) });
          }
        }
      } catch {
        /* aborted */
      }
    })();
    return {
      events,
      close: async () => {
        abort.abort();
        await pump;
      },
    };
  }

  it('streams a liaison the events of its province only, and a coordinator all of them', async () => {
    const hubei = await stream(await srv.liaisonToken(HUBEI));
    const shanghai = await stream(await srv.liaisonToken(SHANGHAI));
    const all = await stream(srv.token);
    await srv.api('PUT', '/api/enterprises/S2/status', { status: 'suspended' });
    await srv.api('PUT', '/api/enterprises/S4/status', { status: 'suspended' });
    await waitFor(() => (all.events.filter((e) => e.event === 'task.opened').length >= 2 ? true : null), 'two task.opened events', 10_000);
    await waitFor(() => (hubei.events.length >= 1 && shanghai.events.length >= 1 ? true : null), 'events on both province streams', 10_000);
    expect(hubei.events.map((e) => [e.event, e.data.task.supplier])).toEqual([['task.opened', 'S2']]);
    expect(shanghai.events.map((e) => [e.event, e.data.task.supplier])).toEqual([['task.opened', 'S4']]);
    expect(all.events.map((e) => e.data.task.supplier).sort()).toEqual(['S2', 'S4']);
    await Promise.all([hubei.close(), shanghai.close(), all.close()]);
  });

  it('replays what a client missed after its Last-Event-ID', async () => {
    const first = await stream(srv.token);
    await srv.api('PUT', '/api/enterprises/S2/status', { status: 'suspended' });
    await waitFor(() => (first.events.length >= 1 ? true : null), 'the first event', 10_000);
    await first.close();
    const revision = (await srv.api('PUT', '/api/enterprises/S2/status', { status: 'resumed' })).body.revision;
    await srv.api('GET', `/api/tasks?minRevision=${revision}`);
    const resumed = await stream(srv.token, { 'last-event-id': String(first.events[0].id) });
    await waitFor(() => (resumed.events.length >= 1 ? true : null), 'the event after the resumption', 10_000);
    expect(resumed.events.map((e) => [e.event, e.data.task.supplier])).toEqual([['task.cleared', 'S2']]);
    expect(resumed.events[0].id).toBeGreaterThan(first.events[0].id);
    await resumed.close();
  });

  it('refuses a stream to tokens without a task scope, and a liaison asking for another province', async () => {
    expect((await srv.api('GET', '/api/events', undefined, { token: null })).status).toBe(401);
    const liaison = await srv.liaisonToken(HUBEI);
    expect((await srv.api('GET', `/api/events?province=${SHANGHAI}`, undefined, { token: liaison })).status).toBe(403);
  });
});
