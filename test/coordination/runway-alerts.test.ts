/**
 * Runway alerts (CONTRACT §7) on the real server, SQLite file and Redis: when a leader's
 * daysLeft enters LINKAGE_RUNWAY_ALERT_DAYS, one `runway` event per leader and stop date goes to
 * the event feed and to the webhooks of the provinces of its root causes and its own; later
 * revisions, sweeps and repeated reconciles never send it again; a new stop date is a new alert.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SIGNATURE_HEADER, verifySignature, type TaskEvent } from '../../src/coordination';
import { startTestServer, type TestServer } from '../integration/harness';
import { waitFor } from '../support/wait';
import { ent } from '../support/enterprises';

const SECRET = 'test-webhook-secret-0123456789';
const HUBEI = '420000';
const GUANGDONG = '440000';
const JIANGSU = '320000';
const SHANGHAI = '310000';

async function receiver() {
  const got: Array<{ headers: http.IncomingHttpHeaders; body: string }> = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      got.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    got,
    runway: () => got.filter((r) => r.headers['x-linkage-event'] === 'runway').map((r) => JSON.parse(r.body)),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

// S1 (Hubei) down since 02-20 feeds L1 (Guangdong), which has 3 days of seats: it stops 02-23,
// 3 days after D = 02-20, inside the 7-day window. G1 (Jiangsu) feeds L2 (Shanghai), which has
// 30 days of glass: outside the window.
const DOC = {
  enterprises: [ent('L1', 'leader', GUANGDONG), ent('L2', 'leader', SHANGHAI), ent('S1', 'supplier', HUBEI), ent('G1', 'supplier', JIANGSU), ent('X', 'supplier', SHANGHAI)],
  links: [
    { supplier: 'S1', customer: 'L1', part: 'seats' },
    { supplier: 'G1', customer: 'L2', part: 'glass' },
    { supplier: 'X', customer: 'L2', part: 'paint', critical: false },
  ],
  statusReports: [
    { enterprise: 'S1', status: 'suspended' as const, asOf: '2020-02-20' },
    { enterprise: 'G1', status: 'suspended' as const, asOf: '2020-02-20' },
  ],
  inventories: [
    { customer: 'L1', part: 'seats', days: 3, asOf: '2020-02-20' },
    { customer: 'L2', part: 'glass', days: 30, asOf: '2020-02-20' },
  ],
};

describe('runway alerts (§7)', () => {
  let srv: TestServer;
  const hooks: Record<string, Awaited<ReturnType<typeof receiver>>> = {};

  beforeEach(async () => {
    for (const p of [HUBEI, GUANGDONG, JIANGSU, SHANGHAI]) hooks[p] = await receiver();
    srv = await startTestServer({
      doc: DOC,
      coordination: true,
      env: {
        LINKAGE_WEBHOOKS: JSON.stringify(Object.fromEntries(Object.entries(hooks).map(([p, h]) => [p, h.url]))),
        LINKAGE_WEBHOOK_SECRET: SECRET,
        LINKAGE_RUNWAY_ALERT_DAYS: '7',
      },
    });
  });
  afterEach(async () => {
    await srv.close();
    for (const h of Object.values(hooks)) await h.close();
  });

  const runwayEvents = async () => (await srv.coordination!.tasks.store.eventsAfter(0, 1000)).filter((e): e is Extract<TaskEvent, { type: 'runway' }> => e.type === 'runway');

  it('sends one signed alert to the provinces of the root causes and the leader, and to no one else', async () => {
    await waitFor(() => hooks[HUBEI].runway().length >= 1 && hooks[GUANGDONG].runway().length >= 1, 'the runway webhooks');
    const [body] = hooks[GUANGDONG].runway();
    expect(body).toMatchObject({
      type: 'runway',
      province: GUANGDONG,
      runway: {
        leader: 'L1',
        province: GUANGDONG,
        stopsOn: '2020-02-23',
        daysLeft: 3,
        date: '2020-02-20',
        bindingPart: 'seats',
        bindingRoot: 'S1',
        rootCauses: ['S1'],
        provinces: [HUBEI, GUANGDONG],
      },
    });
    expect(hooks[HUBEI].runway()[0]).toMatchObject({ province: HUBEI, runway: { leader: 'L1', stopsOn: '2020-02-23' } });
    const signed = hooks[HUBEI].got.find((r) => r.headers['x-linkage-event'] === 'runway')!;
    expect(verifySignature(SECRET, signed.body, signed.headers[SIGNATURE_HEADER] as string)).toBe(true);
    expect(await runwayEvents()).toHaveLength(1);

    // More revisions, a sweep and a repeated reconcile of the same alerts send nothing new.
    const put = await srv.api('PUT', '/api/enterprises/X/status', { status: 'partial', asOf: '2020-02-20' });
    await waitFor(async () => (await srv.coordination!.tasks.store.revision()) >= put.body.revision, 'the tasks to reach the new revision');
    await srv.coordination!.tasks.reconcileLatest();
    await srv.coordination!.tasks.reconcileLatest();
    await new Promise((r) => setTimeout(r, 300));
    expect(await runwayEvents()).toHaveLength(1);
    expect([hooks[HUBEI].runway().length, hooks[GUANGDONG].runway().length, hooks[JIANGSU].runway().length, hooks[SHANGHAI].runway().length]).toEqual([1, 1, 0, 0]);
  });

  it('alerts again when the stop date moves, and shows alerts on the event feed of the provinces concerned', async () => {
    await waitFor(async () => (await runwayEvents()).length === 1, 'the first alert');
    // L1 finds 2 more days of seats: it now stops 02-25, still in the window.
    const put = await srv.api('PUT', '/api/enterprises/L1/inventory', { part: 'seats', days: 5, asOf: '2020-02-20' });
    expect(put.status).toBe(200);
    const events = await waitFor(async () => {
      const e = await runwayEvents();
      return e.length === 2 && e;
    }, 'the second alert');
    expect(events.map((e) => [e.taskId, e.runway.stopsOn])).toEqual([
      ['runway:L1:2020-02-23', '2020-02-23'],
      ['runway:L1:2020-02-25', '2020-02-25'],
    ]);
    await waitFor(() => hooks[GUANGDONG].runway().length === 2, 'the second webhook');

    // The feed: a Hubei liaison (a root cause's province) sees the alerts; a Shanghai one does not.
    const read = async (token: string) => {
      const abort = new AbortController();
      const res = await fetch(`${srv.url}/api/events`, { headers: { authorization: `Bearer ${token}`, 'last-event-id': '0' }, signal: abort.signal });
      const reader = res.body!.getReader();
      let text = '';
      const deadline = Date.now() + 1500;
      while (Date.now() < deadline && (text.match(/event: runway/g) ?? []).length < 2) {
        const chunk = await Promise.race([reader.read(), new Promise<null>((r) => setTimeout(() => r(null), 200))]);
        if (chunk && !chunk.done) text += new TextDecoder().decode(chunk.value);
      }
      abort.abort();
      return text;
    };
    const hubei = await read(await srv.liaisonToken(HUBEI));
    expect((hubei.match(/event: runway/g) ?? []).length).toBe(2);
    expect(hubei).toContain('"runway":{"leader":"L1"');
    const shanghai = await read(await srv.liaisonToken(SHANGHAI));
    expect(shanghai).not.toContain('event: runway');
  });
});
