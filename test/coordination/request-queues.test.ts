/**
 * Requests on the queues (CONTRACT §9 with the task guarantees of §3), on the real Redis and a
 * real SQLite file: a crash between queueing and marking the outbox relays the events again,
 * and the deterministic job ids keep one delivery and one escalation timer per request; the
 * escalation job escalates by the injected clock, once.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Job } from 'bullmq';
import { SqliteAuditStore } from '../../src/access/sqlite-audit-store';
import {
  connectRedis,
  CoordinationQueues,
  OutboxRelay,
  processors,
  RequestService,
  SqliteRequestStore,
  SqliteTaskStore,
  TaskService,
  type TaskStore,
} from '../../src/coordination';
import { closeConnection } from '../../src/coordination/redis-server';
import { ManualClock } from '../../src/shared/clock';
import { loadConfig } from '../../src/shared/config';
import { createLogger } from '../../src/shared/log';
import { removeQueueKeys, TEST_REDIS_URL, uniquePrefix } from '../integration/harness';

const HOUR = 3_600_000;
const SLA = 24 * HOUR;

describe('requests on the queues', () => {
  const prefix = uniquePrefix('lk-requests');
  const config = loadConfig({ LINKAGE_QUEUE_PREFIX: prefix });
  const connection = connectRedis(TEST_REDIS_URL);
  const queues = new CoordinationQueues(connection, config.queues, config.webhooks, 'store-requests');
  let dir: string;
  let tasks: SqliteTaskStore;
  let requestStore: SqliteRequestStore;
  let audit: SqliteAuditStore;
  let clock: ManualClock;
  let requests: RequestService;

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linkage-request-queues-'));
    const file = path.join(dir, 'linkage.sqlite');
    tasks = new SqliteTaskStore({ file });
    audit = new SqliteAuditStore(file);
    requestStore = new SqliteRequestStore({ file });
    await tasks.init();
    await audit.init();
    await requestStore.init();
    clock = new ManualClock('2020-03-24T08:00:00Z');
    requests = new RequestService({
      store: requestStore,
      graph: {
        enterprise: async (id) => ({ id, province: '420000', role: 'supplier' }),
        leadersServed: async (ids) => new Map(ids.map((id) => [id, 1])),
        upstream: async () => [],
      },
      activeTask: async () => null,
      clock,
      slaMs: SLA,
    });
  });
  afterEach(async () => {
    await Promise.all([tasks.close(), audit.close(), requestStore.close()]);
    fs.rmSync(dir, { recursive: true, force: true });
    await Promise.all(Object.values(queues.byName).map((q) => q.obliterate({ force: true })));
  });
  afterAll(async () => {
    await queues.close();
    await closeConnection(connection);
    await removeQueueKeys(TEST_REDIS_URL, prefix);
  });

  const coordinator = { role: 'coordinator' as const, actor: 'admin' };
  const raise = (title: string) => requests.raise(coordinator, { enterprise: 'S1', category: 'materials', title, description: 'No resin since February.' });

  it('a relay that crashes before marking its events relays them again, and each request still gets one delivery and one timer', async () => {
    const a = await raise('resin');
    const b = await raise('steel');
    let crashes = 1;
    const crashing: TaskStore = Object.create(tasks, {
      markDispatched: {
        value: async (ids: readonly number[], at: string) => {
          if (crashes-- > 0) throw new Error('process died before marking the events');
          return tasks.markDispatched(ids, at);
        },
      },
    });
    await expect(new OutboxRelay(crashing, queues, clock, SLA).flush()).rejects.toThrow('process died');
    expect((await tasks.undispatched(10)).map((e) => e.taskId)).toEqual([a.id, b.id]);
    // The restarted process relays again.
    expect(await new OutboxRelay(tasks, queues, clock, SLA).flush()).toBe(2);
    expect(await tasks.undispatched(10)).toEqual([]);
    const delivery = await queues.byName.tasks.getJobs(['waiting', 'delayed', 'prioritized']);
    expect(delivery.map((j) => [j.name, j.id]).sort()).toEqual(
      [
        ['deliver-request', queues.ids.deliverRequest(a.id)],
        ['deliver-request', queues.ids.deliverRequest(b.id)],
      ].sort(),
    );
    const timers = await queues.byName.escalation.getJobs(['delayed']);
    expect(timers.map((j) => [j.id, j.opts.delay]).sort()).toEqual(
      [
        [queues.ids.escalateRequest(a.id), SLA],
        [queues.ids.escalateRequest(b.id), SLA],
      ].sort(),
    );
  });

  it('the jobs deliver once and escalate once, by the injected clock', async () => {
    const r = await raise('workers');
    const taskService = new TaskService({ store: tasks, desired: { current: async () => ({ revision: 0, desired: [], alerts: [] }) }, clock, slaMs: SLA, waitMs: 100 });
    const relay = new OutboxRelay(tasks, queues, clock, SLA);
    const procs = processors({
      service: taskService,
      requests,
      desired: { current: async () => ({ revision: 0, desired: [], alerts: [] }) },
      queues,
      relay,
      clock,
      webhooks: config.webhooks,
      eventRetentionMs: HOUR,
      log: createLogger(),
    });
    const job = (name: string, data: unknown) => ({ id: `${name}-1`, name, data, moveToDelayed: async () => undefined }) as unknown as Job;

    expect(await procs.tasks(job('deliver-request', { id: r.id }), 'token')).toEqual({ delivered: true });
    const delivered = (await requestStore.get(r.id))!;
    expect(delivered.deliveredAt).toBe('2020-03-24T08:00:00.000Z');
    clock.advance(HOUR);
    await procs.tasks(job('deliver-request', { id: r.id }), 'token');
    expect(await requestStore.get(r.id)).toEqual(delivered);

    clock.advance(SLA - 2 * HOUR);
    await expect(procs.escalation(job('escalate-request', { id: r.id }), 'token')).rejects.toThrow(); // not due: delayed again
    expect((await requestStore.get(r.id))!.escalated).toBe(false);
    clock.advance(2 * HOUR);
    expect(await procs.escalation(job('escalate-request', { id: r.id }), 'token')).toEqual({ status: 'escalated' });
    expect(await procs.escalation(job('escalate-request', { id: r.id }), 'token')).toEqual({ status: 'not_applicable' });
    const events = await tasks.eventsAfter(0, 10);
    expect(events.map((e) => e.type)).toEqual(['request.opened', 'request.escalated']);
  });
});
