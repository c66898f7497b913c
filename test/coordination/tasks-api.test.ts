/**
 * The liaison inbox over HTTP, on the real server, the real SQLite file and the real Redis:
 * tasks open, follow the analysis, move through their states, escalate and clear.
 */
import { startTestServer, type TestServer } from '../integration/harness';
import { CHAIN_DOC, GUANGDONG, HUBEI, SHANGHAI } from './fixtures/network';
import { waitFor } from '../support/wait';

const HOUR = 3_600_000;

describe('coordination tasks over HTTP', () => {
  let srv: TestServer;
  let hubei: string;
  let shanghai: string;

  beforeEach(async () => {
    srv = await startTestServer({ doc: CHAIN_DOC, coordination: true });
    hubei = await srv.liaisonToken(HUBEI);
    shanghai = await srv.liaisonToken(SHANGHAI);
  });
  afterEach(async () => {
    await srv.close();
  });

  const suspend = async (id: string) => (await srv.api('PUT', `/api/enterprises/${id}/status`, { status: 'suspended' })).body.revision as number;
  const resume = async (id: string) => (await srv.api('PUT', `/api/enterprises/${id}/status`, { status: 'resumed' })).body.revision as number;
  const tasksAt = async (revision: number, query = '', token?: string) => {
    const res = await srv.api('GET', `/api/tasks?minRevision=${revision}${query}`, undefined, token ? { token } : {});
    expect(res.status).toBe(200);
    return res.body as { revision: number; tasks: any[]; nextCursor: string | null };
  };

  it('opens one task for a root cause that blocks leaders in other provinces, in the shape of the contract', async () => {
    const revision = await suspend('S2');
    const body = await tasksAt(revision);
    expect(body.revision).toBeGreaterThanOrEqual(revision);
    expect(body.nextCursor).toBeNull();
    expect(body.tasks).toEqual([
      expect.objectContaining({
        id: expect.any(String),
        supplier: 'S2',
        assigneeProvince: HUBEI,
        affectedLeaders: ['L1', 'L3'],
        requestingProvinces: [SHANGHAI, GUANGDONG].sort(),
        priority: expect.any(Number),
        state: 'open',
        escalated: false,
        createdAt: '2020-03-24T08:00:00.000Z',
        updatedAt: '2020-03-24T08:00:00.000Z',
      }),
    ]);
  });

  it('opens no task when every leader a root cause blocks is in its own province', async () => {
    const revision = await suspend('S3');
    expect((await tasksAt(revision)).tasks).toEqual([]);
  });

  it('shows a liaison only the tasks of its province, and refuses another province with 403', async () => {
    const revision = await suspend('S2');
    const task = (await tasksAt(revision)).tasks[0];
    expect((await tasksAt(revision, '', hubei)).tasks.map((t) => t.id)).toEqual([task.id]);
    expect((await tasksAt(revision, '', shanghai)).tasks).toEqual([]);
    expect((await srv.api('GET', `/api/tasks?province=${HUBEI}`, undefined, { token: shanghai })).status).toBe(403);
    expect((await srv.api('GET', `/api/tasks/${task.id}`, undefined, { token: shanghai })).status).toBe(403);
    expect((await srv.api('POST', `/api/tasks/${task.id}/ack`, {}, { token: shanghai })).status).toBe(403);
    expect((await srv.api('GET', `/api/tasks/${task.id}`, undefined, { token: hubei })).status).toBe(200);
  });

  it('moves a task open → acknowledged → in_progress → resolved with a history, and answers 409 to any other move', async () => {
    await suspend('S2');
    const task = (await tasksAt(await suspend('S4'))).tasks.find((t) => t.supplier === 'S2');
    expect((await srv.api('POST', `/api/tasks/${task.id}/start`, {}, { token: hubei })).status).toBe(409);
    expect((await srv.api('POST', `/api/tasks/${task.id}/resolve`, {}, { token: hubei })).status).toBe(409);
    const ack = await srv.api('POST', `/api/tasks/${task.id}/ack`, { note: '收到' }, { token: hubei });
    expect(ack.status).toBe(200);
    expect(ack.body).toMatchObject({ state: 'acknowledged', revision: expect.any(Number) });
    const again = await srv.api('POST', `/api/tasks/${task.id}/ack`, {}, { token: hubei });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('conflict');
    expect((await srv.api('POST', `/api/tasks/${task.id}/start`, {}, { token: hubei })).body.state).toBe('in_progress');
    const detail = await srv.api('GET', `/api/tasks/${task.id}`);
    expect(detail.body.history.map((h: any) => [h.from, h.to, h.actor])).toEqual([
      [null, 'open', 'system'],
      ['open', 'acknowledged', expect.stringContaining('liaison')],
      ['acknowledged', 'in_progress', expect.stringContaining('liaison')],
    ]);
    expect(detail.body.history[1].note).toBe('收到');
    expect((await srv.api('POST', '/api/tasks/nope/ack', {})).status).toBe(404);
    expect((await srv.api('POST', `/api/tasks/${task.id}/ack`, { extra: 1 })).status).toBe(400);
  });

  it('opens an escalated follow-up linked to the task a liaison resolved while its supplier still blocks', async () => {
    const revision = await suspend('S2');
    const task = (await tasksAt(revision)).tasks[0];
    await srv.api('POST', `/api/tasks/${task.id}/ack`, {}, { token: hubei });
    await srv.api('POST', `/api/tasks/${task.id}/start`, {}, { token: hubei });
    const resolved = await srv.api('POST', `/api/tasks/${task.id}/resolve`, { note: 'supplier says it is running' }, { token: hubei });
    expect(resolved.status).toBe(200);
    expect(resolved.body.state).toBe('resolved');
    const active = (await tasksAt(resolved.body.revision, '&state=active')).tasks;
    expect(active).toEqual([expect.objectContaining({ supplier: 'S2', state: 'open', escalated: true, previousTask: task.id })]);
    expect(active[0].id).not.toBe(task.id);
    const escalatedOnly = await tasksAt(resolved.body.revision, '&escalated=true');
    expect(escalatedOnly.tasks.map((t) => t.id)).toEqual([active[0].id]);
  });

  it('ends as resolved without a follow-up when the supplier no longer blocks by then', async () => {
    const task = (await tasksAt(await suspend('S2'))).tasks[0];
    await srv.api('POST', `/api/tasks/${task.id}/ack`, {}, { token: hubei });
    await srv.api('POST', `/api/tasks/${task.id}/start`, {}, { token: hubei });
    // The report reaches the analysis before the liaison resolves; the reconcile may or may
    // not have run yet: either way no task for S2 may stay active.
    const revision = await resume('S2');
    const resolved = await srv.api('POST', `/api/tasks/${task.id}/resolve`, {}, { token: hubei });
    const body = await tasksAt(revision, '&state=active');
    expect(body.tasks).toEqual([]);
    const final = (await srv.api('GET', `/api/tasks/${task.id}`)).body;
    expect(['resolved', 'cleared']).toContain(final.state);
    expect(resolved.status === 200 || resolved.status === 409).toBe(true);
  });

  it('clears the task when the root cause resumes, and opens a new one when the blockage returns', async () => {
    const first = (await tasksAt(await suspend('S2'))).tasks[0];
    const cleared = await tasksAt(await resume('S2'));
    expect(cleared.tasks).toEqual([expect.objectContaining({ id: first.id, state: 'cleared' })]);
    const detail = (await srv.api('GET', `/api/tasks/${first.id}`)).body;
    expect(detail.history[detail.history.length - 1]).toMatchObject({ from: 'open', to: 'cleared', actor: 'system' });
    const again = await tasksAt(await suspend('S2'), '&state=open');
    expect(again.tasks).toEqual([expect.objectContaining({ supplier: 'S2', escalated: false })]);
    expect(again.tasks[0].id).not.toBe(first.id);
    expect(again.tasks[0].previousTask).toBeUndefined();
  });

  it('updates affected leaders in place when the blockage spreads, keeping one task', async () => {
    // A second root cause for L1 (S4, Shanghai) does not change S2's task; losing L3 does.
    const t1 = (await tasksAt(await suspend('S2'))).tasks[0];
    const body = await tasksAt(await suspend('S4'));
    const s2 = body.tasks.filter((t) => t.supplier === 'S2');
    expect(s2).toHaveLength(1);
    expect(s2[0].id).toBe(t1.id);
    const s4 = body.tasks.find((t) => t.supplier === 'S4');
    expect(s4).toMatchObject({ assigneeProvince: SHANGHAI, affectedLeaders: ['L1'], requestingProvinces: [GUANGDONG] });
  });

  it('escalates a task not acknowledged within the SLA, by the injected clock, through the escalation queue', async () => {
    const task = (await tasksAt(await suspend('S2'))).tasks[0];
    const c = srv.coordination!;
    // The relay arms a delayed escalation job at createdAt + 24 h when the task opens.
    const job = await waitFor(
      async () => {
        const j = await c.queues.byName.escalation.getJob(c.queues.ids.escalate(task.id));
        return j && (await j.isDelayed()) ? j : null;
      },
      'the delayed escalation job',
      10_000,
    );
    srv.clock.advance(23 * HOUR);
    await job.promote();
    // Woken an hour early by our clock: the job goes back to sleep, the task stays as it was.
    await waitFor(async () => ((await job.isDelayed()) ? true : null), 'the job to sleep again', 10_000);
    expect((await srv.api('GET', `/api/tasks/${task.id}`)).body.escalated).toBe(false);
    srv.clock.advance(2 * HOUR);
    await job.promote();
    const escalated = await waitFor(
      async () => {
        const t = (await srv.api('GET', `/api/tasks/${task.id}`)).body;
        return t.escalated ? t : null;
      },
      'the escalation',
      10_000,
    );
    expect(escalated).toMatchObject({ state: 'open', escalatedAt: '2020-03-25T09:00:00.000Z' });
  });

  it('does not escalate an acknowledged task, even when its timer fires late', async () => {
    const task = (await tasksAt(await suspend('S2'))).tasks[0];
    await srv.api('POST', `/api/tasks/${task.id}/ack`, {}, { token: hubei });
    srv.clock.advance(48 * HOUR);
    expect(await srv.coordination!.tasks.escalateOverdue()).toBe(0);
    expect((await srv.api('GET', `/api/tasks/${task.id}`)).body.escalated).toBe(false);
  });

  it('pages the inbox by priority with an opaque cursor', async () => {
    // Three cross-province roots with different reach: S2 (2 leaders), S4 (1 leader), S1 itself.
    await suspend('S4');
    const revision = await suspend('S2');
    const all = (await tasksAt(revision)).tasks;
    expect(all.map((t) => t.priority)).toEqual([...all.map((t) => t.priority)].sort((a, b) => b - a));
    const page1 = await tasksAt(revision, '&limit=1');
    expect(page1.tasks).toHaveLength(1);
    expect(page1.nextCursor).toEqual(expect.any(String));
    const page2 = await tasksAt(revision, `&limit=1&cursor=${encodeURIComponent(page1.nextCursor!)}`);
    expect(page2.tasks.map((t) => t.id)).toEqual([all[1].id]);
    expect(page2.nextCursor).toBeNull();
    expect((await srv.api('GET', '/api/tasks?cursor=garbage')).status).toBe(400);
    expect((await srv.api('GET', '/api/tasks?limit=1001')).status).toBe(400);
  });

  it('answers 503 with retryAfter when the tasks cannot reach the revision asked for in time', async () => {
    const res = await srv.api('GET', '/api/tasks?minRevision=999');
    expect(res.status).toBe(503);
    expect(res.body.error).toMatchObject({ code: 'not_ready', retryAfter: expect.any(Number) });
  });
});
