/**
 * Enterprise requests (CONTRACT §9) over HTTP, on the real server, SQLite file and Redis: the
 * routing rule, the workflow with its history, who may raise, read and handle (every role in
 * and out of scope), delivery to the inbox, escalation after the SLA by the injected clock, the
 * request and its enterprise's active task showing each other, and the summary statistics.
 */
import { createToken } from '../../src/access';
import { startTestServer, type TestServer } from '../integration/harness';
import { waitFor } from '../support/wait';
import { CHAIN_DOC, GUANGDONG, HUBEI, SHANGHAI } from './fixtures/network';

const HOUR = 3_600_000;
const body = (over: Record<string, unknown> = {}) => ({
  enterprise: 'S2',
  category: 'logistics',
  title: 'Foam deliveries held at the provincial border',
  description: 'Trucks to our customer wait three days at the checkpoint.',
  ...over,
});

describe('enterprise requests over HTTP', () => {
  let srv: TestServer;
  const t = {} as Record<'hubei' | 'shanghai' | 'guangdong' | 'reporterS2' | 'reporterS4' | 'leadL1' | 'leadL2', string>;

  beforeEach(async () => {
    srv = await startTestServer({ doc: CHAIN_DOC, coordination: true });
    const issue = async (req: Parameters<typeof createToken>[1]) => (await createToken(srv.services.tokenStore, req, srv.clock)).token;
    t.hubei = await srv.liaisonToken(HUBEI);
    t.shanghai = await srv.liaisonToken(SHANGHAI);
    t.guangdong = await srv.liaisonToken(GUANGDONG);
    t.reporterS2 = await issue({ role: 'reporter', enterprise: 'S2' });
    t.reporterS4 = await issue({ role: 'reporter', enterprise: 'S4' });
    t.leadL1 = await issue({ role: 'lead', enterprise: 'L1' });
    t.leadL2 = await issue({ role: 'lead', enterprise: 'L2' });
  });
  afterEach(async () => {
    await srv.close();
  });

  const raise = async (over: Record<string, unknown> = {}, token = t.reporterS2) => srv.api('POST', '/api/requests', body(over), { token });
  const act = (id: string, action: string, token: string, b: unknown = {}) => srv.api('POST', `/api/requests/${id}/${action}`, b, { token });

  describe('routing (assigneeProvince)', () => {
    it('goes to the counterpart province when given, else the counterpart enterprise’s, else the enterprise’s own', async () => {
      expect((await raise({ counterpartProvince: SHANGHAI, counterpartEnterprise: 'L1' })).body.assigneeProvince).toBe(SHANGHAI);
      expect((await raise({ counterpartEnterprise: 'L1' })).body.assigneeProvince).toBe(GUANGDONG);
      expect((await raise()).body.assigneeProvince).toBe(HUBEI);
    });

    it('refuses unknown enterprises and categories with 400 by field', async () => {
      const res = await raise({ counterpartEnterprise: 'NOPE' }, srv.token);
      expect(res.status).toBe(400);
      expect(res.body.error.details).toEqual([{ path: 'counterpartEnterprise', message: 'unknown enterprise "NOPE"' }]);
      expect((await raise({ enterprise: 'NOPE' }, srv.token)).status).toBe(400);
      const bad = await raise({ category: 'weather', title: '' }, srv.token);
      expect(bad.status).toBe(400);
      expect(bad.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['category', 'title']);
    });
  });

  it('moves open → accepted → in_progress → resolved with a history of actors and notes; 409 to any other move', async () => {
    const raised = await raise();
    expect(raised.status).toBe(201);
    expect(raised.body).toMatchObject({
      enterprise: 'S2',
      state: 'open',
      escalated: false,
      raisedOn: '2020-03-24',
      raisedBy: expect.stringContaining('reporter'),
      leadersServed: 2,
      task: null,
    });
    const id = raised.body.id as string;
    expect((await act(id, 'start', t.hubei)).status).toBe(409);
    expect((await act(id, 'accept', t.hubei, { note: 'calling the checkpoint' })).body.state).toBe('accepted');
    expect((await act(id, 'accept', t.hubei)).status).toBe(409);
    srv.clock.advance(5 * HOUR);
    expect((await act(id, 'start', t.hubei)).body.state).toBe('in_progress');
    srv.clock.advance(5 * HOUR);
    const done = await act(id, 'resolve', t.hubei, { note: 'green channel opened' });
    expect(done.body).toMatchObject({ state: 'resolved', resolvedAt: '2020-03-24T18:00:00.000Z' });
    expect(done.body.history.map((h: any) => [h.from, h.to, h.note ?? null])).toEqual([
      [null, 'open', null],
      ['open', 'accepted', 'calling the checkpoint'],
      ['accepted', 'in_progress', null],
      ['in_progress', 'resolved', 'green channel opened'],
    ]);
    expect(new Set(done.body.history.slice(1).map((h: any) => h.actor)).size).toBe(1);
    expect(done.body.history[1].actor).toContain('liaison');
    expect((await act(id, 'reject', t.hubei, { reason: 'late' })).status).toBe(409);
    const audit = await srv.api('GET', `/api/audit?target=${id}`);
    expect(audit.body.entries.map((e: any) => e.action).sort()).toEqual(['request.accept', 'request.raise', 'request.resolve', 'request.start']);
  });

  it('rejects from any active state only with a reason (400 without), recorded on the request', async () => {
    const a = (await raise()).body.id;
    const noReason = await act(a, 'reject', t.hubei, {});
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.details.map((d: { path: string }) => d.path)).toEqual(['reason']);
    expect((await act(a, 'reject', t.hubei, { reason: '   ' })).status).toBe(400);
    expect((await srv.api('GET', `/api/requests/${a}`)).body.state).toBe('open');
    const rejected = await act(a, 'reject', t.hubei, { reason: 'duplicate of an earlier request' });
    expect(rejected.body).toMatchObject({ state: 'rejected', reason: 'duplicate of an earlier request' });
    const b = (await raise()).body.id;
    await act(b, 'accept', t.hubei);
    await act(b, 'start', t.hubei);
    expect((await act(b, 'reject', t.hubei, { reason: 'not ours' })).body.state).toBe('rejected');
  });

  it('lets a reporter or lead raise for its own enterprise only, a coordinator for any, a liaison never', async () => {
    expect((await raise({}, t.reporterS4)).status).toBe(403);
    expect((await raise({}, t.leadL1)).status).toBe(403);
    expect((await raise({}, t.hubei)).status).toBe(403);
    expect((await raise({ enterprise: 'L1' }, t.leadL1)).status).toBe(201);
    expect((await raise({ enterprise: 'S4' }, t.reporterS4)).status).toBe(201);
    expect((await raise({ enterprise: 'S3' }, srv.token)).status).toBe(201);
  });

  it('shows each role the requests in its scope: raiser, lead of a served leader, assignee liaison, coordinator', async () => {
    const s2 = (await raise({ counterpartProvince: SHANGHAI })).body.id; // assigned to Shanghai
    const s4 = (await raise({ enterprise: 'S4' }, t.reporterS4)).body.id; // S4 in Shanghai: assigned to Shanghai
    const s3 = (await raise({ enterprise: 'S3' }, srv.token)).body.id; // S3 in Hubei, serves L2 only
    const ids = async (token: string, query = '') => {
      const res = await srv.api('GET', `/api/requests${query}`, undefined, { token });
      expect(res.status).toBe(200);
      return (res.body.requests as Array<{ id: string }>).map((r) => r.id).sort();
    };
    expect(await ids(srv.token)).toEqual([s2, s3, s4].sort());
    expect(await ids(t.reporterS2)).toEqual([s2]);
    expect(await ids(t.reporterS4)).toEqual([s4]);
    expect(await ids(t.leadL1)).toEqual([s2, s4].sort()); // S2 and S4 are upstream of L1
    expect(await ids(t.leadL2)).toEqual([s3]);
    expect(await ids(t.shanghai)).toEqual([s2, s4].sort());
    expect(await ids(t.hubei)).toEqual([s3]);
    expect(await ids(t.guangdong)).toEqual([]);
    expect((await srv.api('GET', `/api/requests?province=${SHANGHAI}`, undefined, { token: t.hubei })).status).toBe(403);
    expect(await ids(t.hubei, `?province=${HUBEI}`)).toEqual([s3]);
    const read = async (id: string, token: string) => (await srv.api('GET', `/api/requests/${id}`, undefined, { token })).status;
    expect([await read(s2, t.reporterS2), await read(s2, t.leadL1), await read(s2, t.shanghai), await read(s2, srv.token)]).toEqual([200, 200, 200, 200]);
    expect([await read(s2, t.reporterS4), await read(s2, t.leadL2), await read(s2, t.hubei)]).toEqual([403, 403, 403]);
    expect(await read('rq_nope', srv.token)).toBe(404);
    // Handling: the assignee province's liaison and coordinators only; a reader may not.
    expect((await act(s2, 'accept', t.hubei)).status).toBe(403);
    expect((await act(s2, 'accept', t.reporterS2)).status).toBe(403);
    expect((await act(s2, 'accept', t.leadL1)).status).toBe(403);
    expect((await act(s2, 'accept', t.shanghai)).status).toBe(200);
    expect((await act(s4, 'accept', srv.token)).status).toBe(200);
    // Filters and pages.
    expect(await ids(srv.token, `?province=${SHANGHAI}`)).toEqual([s2, s4].sort());
    expect(await ids(srv.token, '?state=accepted')).toEqual([s2, s4].sort());
    expect(await ids(srv.token, '?enterprise=S3&category=logistics&escalated=false')).toEqual([s3]);
    const first = await srv.api('GET', '/api/requests?limit=2');
    expect(first.body.requests).toHaveLength(2);
    const second = await srv.api('GET', `/api/requests?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.nextCursor).toBeNull();
    expect([...first.body.requests, ...second.body.requests].map((r: { id: string }) => r.id).sort()).toEqual([s2, s3, s4].sort());
  });

  it('reaches the province inbox through the queue, and escalates when not accepted within the SLA (injected clock)', async () => {
    const id = (await raise()).body.id;
    await waitFor(async () => (await srv.api('GET', `/api/requests/${id}`)).body.deliveredAt, 'the request delivered to the inbox');
    const accepted = (await raise({ title: 'accepted in time' })).body.id;
    await act(accepted, 'accept', t.hubei);
    srv.clock.advance(23 * HOUR);
    await srv.coordination!.sweep();
    expect((await srv.api('GET', `/api/requests/${id}`)).body.escalated).toBe(false);
    srv.clock.advance(2 * HOUR);
    const outcome = await srv.coordination!.sweep();
    expect(outcome.requestsEscalated).toBe(1);
    expect((await srv.api('GET', `/api/requests/${id}`)).body).toMatchObject({ escalated: true, escalatedAt: '2020-03-25T09:00:00.000Z' });
    expect((await srv.api('GET', `/api/requests/${accepted}`)).body.escalated).toBe(false);
    expect((await srv.api('GET', '/api/requests?escalated=true')).body.requests.map((r: { id: string }) => r.id)).toEqual([id]);
    const events = await srv.coordination!.tasks.store.eventsAfter(0, 100);
    expect(events.filter((e) => e.taskId === id).map((e) => e.type)).toEqual(['request.opened', 'request.escalated']);
  });

  it('a request and the active task of its enterprise show each other', async () => {
    const id = (await raise({ category: 'workforce', title: 'Workers cannot return' })).body.id;
    const revision = (await srv.api('PUT', '/api/enterprises/S2/status', { status: 'suspended' })).body.revision;
    const task = await waitFor(async () => (await srv.api('GET', `/api/tasks?minRevision=${revision}`)).body.tasks[0], 'the task for S2');
    expect(task).toMatchObject({ supplier: 'S2', requests: [id] });
    expect((await srv.api('GET', `/api/tasks/${task.id}`)).body.requests).toEqual([id]);
    expect((await srv.api('GET', `/api/requests/${id}`)).body.task).toBe(task.id);
    await act(id, 'reject', t.hubei, { reason: 'handled by the task' });
    expect((await srv.api('GET', `/api/tasks/${task.id}`)).body.requests).toEqual([]);
  });

  it('request writes carry the revision, and request reads wait for ?minRevision like task reads (§4)', async () => {
    const raised = await raise({ category: 'workforce', title: 'Workers cannot return' });
    expect(raised.body.revision).toBe(await srv.services.store.revision());
    const revision = (await srv.api('PUT', '/api/enterprises/S2/status', { status: 'suspended' })).body.revision;
    // The task of S2 is opened by the workers; a read at that revision shows it at once.
    const read = await srv.api('GET', `/api/requests/${raised.body.id}?minRevision=${revision}`);
    expect(read.body.revision).toBeGreaterThanOrEqual(revision);
    expect(read.body.task).toEqual(expect.any(String));
    const listed = await srv.api('GET', `/api/requests?minRevision=${revision}`);
    expect(listed.body).toMatchObject({ revision: read.body.revision, requests: [expect.objectContaining({ id: raised.body.id, task: read.body.task })] });
    const accepted = await act(raised.body.id, 'accept', t.hubei);
    expect(accepted.body).toMatchObject({ revision, state: 'accepted' });
    expect((await srv.api('GET', `/api/requests?minRevision=${revision + 50}`)).status).toBe(503);
  });

  it('measures hours to resolve from the raisedOn day of an imported questionnaire answer, in the time zone', async () => {
    // Imported at 2020-03-24T08:00Z, raised on the 22nd: 56 hours before, resolved 2 hours after import.
    const out = await srv.api('POST', '/api/import', { requests: [{ ...body({ category: 'financing', title: 'Loan' }), raisedOn: '2020-03-22' }] });
    expect(out.status).toBe(200);
    const id = (await srv.api('GET', '/api/requests?category=financing')).body.requests[0].id;
    await act(id, 'accept', t.hubei);
    await act(id, 'start', t.hubei);
    srv.clock.advance(2 * HOUR);
    await act(id, 'resolve', t.hubei);
    const financing = (await srv.api('GET', '/api/stats/requests?by=category')).body.groups.find((g: any) => g.key === 'financing');
    expect(financing.medianHoursToResolve).toBe(58);
  });

  it('sums up by category and by province: counts by state and the median hours from raised to resolved', async () => {
    const ids: string[] = [];
    for (const title of ['a', 'b', 'c']) ids.push((await raise({ title })).body.id);
    ids.push((await raise({ category: 'materials', counterpartProvince: SHANGHAI })).body.id);
    for (const [i, hours] of [
      [0, 2],
      [1, 6],
    ] as const) {
      await act(ids[i], 'accept', t.hubei);
      await act(ids[i], 'start', t.hubei);
      srv.clock.advance(hours * HOUR);
      await act(ids[i], 'resolve', t.hubei);
    }
    const byCategory = (await srv.api('GET', '/api/stats/requests?by=category')).body;
    const logistics = byCategory.groups.find((g: any) => g.key === 'logistics');
    expect(logistics).toEqual({ key: 'logistics', total: 3, states: { open: 1, accepted: 0, in_progress: 0, resolved: 2, rejected: 0 }, medianHoursToResolve: 5 });
    expect(byCategory.groups.find((g: any) => g.key === 'materials')).toMatchObject({ total: 1, medianHoursToResolve: null });
    const byProvince = (await srv.api('GET', '/api/stats/requests?by=province')).body;
    expect(byProvince.groups.map((g: any) => [g.key, g.total])).toEqual([
      [SHANGHAI, 1],
      [HUBEI, 3],
    ]);
    expect((await srv.api('GET', '/api/stats/requests?by=province', undefined, { token: t.shanghai })).body.groups.map((g: any) => g.key)).toEqual([SHANGHAI]);
  });
});
