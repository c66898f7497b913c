/**
 * A write's request id travels with the work it causes: the status change → the analysis job
 * → the reconcile → delivery, escalation and notification jobs carry it in their data on
 * Redis, and the worker logs that work with `reqId`. The API and the worker are separate
 * (role api, role worker) with separate loggers, so the id can only reach the worker's logs
 * through the jobs.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { startCoordination, type Coordination } from '../../src/coordination';
import { importDocument, SqliteStore } from '../../src/graph';
import { ChainState } from '../../src/runtime/chain-state';
import { attachCoordination, createServices } from '../../src/runtime/context';
import { listen, type RunningServer } from '../../src/http/server';
import type { Services } from '../../src/runtime/services';
import { systemClock } from '../../src/shared/clock';
import { loadConfig } from '../../src/shared/config';
import { createLogger } from '../../src/shared/log';
import { CHAIN_DOC, HUBEI } from '../coordination/fixtures/network';
import { removeQueueKeys, TEST_REDIS_URL, uniquePrefix } from '../integration/harness';
import { JobInspector, waitFor } from './support';

jest.setTimeout(60_000);

const TOKEN = 'test-coordinator-token-0123456789';

interface LogLine {
  msg: string;
  reqId?: string;
  [key: string]: unknown;
}

describe('a write request id carried into jobs', () => {
  const prefix = uniquePrefix('lk-reqid');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linkage-reqid-'));
  const workerLines: LogLine[] = [];
  let hook: http.Server;
  let services: Services;
  let api: Coordination;
  let server: RunningServer;
  let workerStore: SqliteStore;
  let workerChains: ChainState;
  let worker: Coordination;
  let jobs: JobInspector;

  const put = (id: string, body: unknown, requestId?: string) =>
    fetch(`${server.url}/api/enterprises/${id}/status`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', ...(requestId ? { 'x-request-id': requestId } : {}) },
      body: JSON.stringify(body),
    });
  const get = async (p: string) => {
    const res = await fetch(`${server.url}${p}`, { headers: { authorization: `Bearer ${TOKEN}` } });
    if (res.status !== 200) throw new Error(`GET ${p}: ${res.status} ${await res.text()}`);
    return (await res.json()) as any;
  };

  beforeAll(async () => {
    hook = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => res.end());
    });
    await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
    const config = loadConfig({
      LINKAGE_DATA_DIR: dir,
      LINKAGE_DEMO: 'off',
      LINKAGE_ADMIN_TOKEN: TOKEN,
      LINKAGE_QUEUE_PREFIX: prefix,
      REDIS_URL: TEST_REDIS_URL,
      LINKAGE_JOB_BACKOFF_MS: '50',
      LINKAGE_WEBHOOKS: JSON.stringify({ [HUBEI]: `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook` }),
      LINKAGE_WEBHOOK_SECRET: 'test-webhook-secret-0123456789',
    });
    // The API process's side: its own store, analysis and (silent) logger.
    services = await createServices(config, { log: createLogger({ level: 'silent' }) });
    await importDocument(services.store, CHAIN_DOC, { actor: 'test', now: new Date() });
    await services.chains.refresh();
    // The worker's side: a store connection and an analysis of its own, and the log stream under test.
    workerStore = new SqliteStore({ file: path.join(dir, 'linkage.sqlite') });
    await workerStore.init();
    workerChains = new ChainState(workerStore, config.minRevisionWaitMs);
    await workerChains.refresh();
    const destination = { write: (line: string) => void workerLines.push(JSON.parse(line) as LogLine) };
    worker = await startCoordination({
      role: 'worker',
      config,
      clock: systemClock,
      log: createLogger({ level: 'debug', destination }),
      graphRevision: () => workerStore.revision(),
      chains: workerChains,
      redisUrl: TEST_REDIS_URL,
    });
    api = (await attachCoordination(services, 'api', { redisUrl: TEST_REDIS_URL }))!;
    server = await listen(services, 0, '127.0.0.1');
    jobs = new JobInspector(TEST_REDIS_URL, prefix);
    // What the processes queued on their own at start-up is done before the test writes.
    await get(`/api/tasks?minRevision=${services.chains.revision}`);
    await waitFor(async () => (await jobs.idle('analysis')) && (await jobs.idle('tasks')), 'the start-up analysis');
  });

  afterAll(async () => {
    await jobs?.close();
    await api?.feed?.close();
    await server?.close();
    await api?.close();
    await worker?.close();
    workerChains?.stopWatching();
    services?.chains.stopWatching();
    await workerStore?.close();
    await services?.store.close();
    await removeQueueKeys(TEST_REDIS_URL, prefix);
    await new Promise<void>((resolve) => hook?.close(() => resolve()));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a status PUT with X-Request-Id abc-123 yields analysis, reconcile, delivery, escalation and notification jobs carrying it, and worker logs with reqId', async () => {
    const res = await put('S2', { status: 'suspended' }, 'abc-123');
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toBe('abc-123');
    const { revision } = (await res.json()) as { revision: number };

    const { tasks } = await get(`/api/tasks?minRevision=${revision}`);
    expect(tasks.map((t: { supplier: string }) => t.supplier)).toEqual(['S2']);
    const taskId: string = tasks[0].id;

    const [analyze] = (await jobs.jobs('analysis', 'analyze')).filter((j) => j.data.revision === revision);
    const ids = api.queues.ids;
    expect(analyze.data).toEqual({ revision, store: api.queues.scope, requestId: 'abc-123' });
    const [reconcile] = (await jobs.jobs('tasks', 'reconcile')).filter((j) => j.data.revision === revision);
    expect(reconcile.data).toMatchObject({ revision, requestId: 'abc-123' });
    const deliver = await waitFor(() => jobs.queue('tasks').getJob(ids.deliver(taskId)), 'the delivery job');
    expect(deliver.data).toEqual({ taskId, requestId: 'abc-123' });
    const escalate = await waitFor(() => jobs.queue('escalation').getJob(ids.escalate(taskId)), 'the escalation timer');
    expect(escalate.data).toEqual({ taskId, requestId: 'abc-123' });
    const [notify] = await waitFor(async () => (await jobs.jobs('notifications', 'notify')).filter((j) => j.data.event.taskId === taskId), 'the notification job');
    expect(notify.data).toMatchObject({ requestId: 'abc-123', event: { type: 'task.opened', taskId } });

    // The worker's own logger, bound to the request: the reconcile and every job it caused.
    const reconciled = await waitFor(() => workerLines.find((l) => l.msg === 'tasks reconciled' && l.revision === revision), 'the reconcile log line');
    expect(reconciled).toMatchObject({ reqId: 'abc-123', opened: 1 });
    await waitFor(() => workerLines.some((l) => l.msg === 'job done' && l.job === ids.deliver(taskId)), 'the delivery log line');
    const done = workerLines.filter((l) => l.msg === 'job done' && (l.job === ids.deliver(taskId) || l.name === 'analyze' || l.name === 'reconcile'));
    expect(done.filter((l) => l.reqId === 'abc-123').map((l) => l.name)).toEqual(expect.arrayContaining(['analyze', 'reconcile', 'deliver']));
  });

  it('a write without X-Request-Id gets a fresh id, which its jobs carry; work the system starts on its own carries none', async () => {
    const res = await put('S2', { status: 'resumed' });
    const requestId = res.headers.get('x-request-id');
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    const { revision } = (await res.json()) as { revision: number };
    await get(`/api/tasks?minRevision=${revision}`);

    const [reconcile] = (await jobs.jobs('tasks', 'reconcile')).filter((j) => j.data.revision === revision);
    expect(reconcile.data.requestId).toBe(requestId);
    const cleared = await waitFor(
      async () => (await jobs.jobs('notifications', 'notify')).find((j) => j.data.event.type === 'task.cleared'),
      'the notification of the cleared task',
    );
    expect(cleared.data.requestId).toBe(requestId);
    // The analysis each process asked for when it started belongs to no request.
    const first = (await jobs.jobs('analysis', 'analyze')).sort((a, b) => Number(a.id) - Number(b.id))[0];
    expect(first.data).not.toHaveProperty('requestId');
  });
});
