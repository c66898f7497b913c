/**
 * A worker (`linkage serve --role worker`, a real process) with LINKAGE_METRICS_PORT serves
 * /metrics under the API's rule (a coordinator token), its readiness and liveness for the
 * container health check, and nothing else. Node's default metrics keep their standard names.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createToken, SqliteTokenStore } from '../../src/access';
import { systemClock } from '../../src/shared/clock';
import { removeQueueKeys, TEST_REDIS_URL, uniquePrefix } from '../integration/harness';
import { startInstance, stopAll, type Instance } from './fixtures/instances';

jest.setTimeout(90_000);

const ROOT = path.resolve(__dirname, '../..');
const ADMIN = 'worker-metrics-admin-token-0123456789';

describe('a worker with LINKAGE_METRICS_PORT', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linkage-wmetrics-'));
  const prefix = uniquePrefix('lk-wmetrics');
  let worker: Instance;
  let url = '';

  const get = (p: string, token?: string) => fetch(`${url}${p}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

  beforeAll(async () => {
    worker = await startInstance('worker', {
      LINKAGE_DATA_DIR: dir,
      LINKAGE_DEMO: 'off',
      LINKAGE_ADMIN_TOKEN: ADMIN,
      REDIS_URL: TEST_REDIS_URL,
      LINKAGE_QUEUE_PREFIX: prefix,
      LINKAGE_METRICS_PORT: '0',
    });
    const m = /worker metrics at (http:\/\/\S+)\/metrics/.exec(worker.output());
    if (!m) throw new Error(`the worker did not say where its metrics are:\n${worker.output()}`);
    url = m[1];
  });

  afterAll(async () => {
    await stopAll(worker ? [worker] : []);
    await removeQueueKeys(TEST_REDIS_URL, prefix);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('serves /metrics to a coordinator: its queues and the Node defaults under their standard names', async () => {
    const res = await get('/metrics', ADMIN);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await res.text();
    expect(text).toMatch(/^linkage_queue_jobs\{queue="tasks",state="waiting"\} \d+$/m);
    expect(text).toMatch(/^process_cpu_user_seconds_total \d/m);
    expect(text).toMatch(/^nodejs_heap_size_used_bytes \d/m);
    expect(text).not.toMatch(/linkage_(process|nodejs)_/);
  });

  it('refuses /metrics without a token (401) and to another role (403), as the API does', async () => {
    const none = await get('/metrics');
    expect(none.status).toBe(401);
    expect(((await none.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
    expect((await get('/metrics', 'not-a-token-at-all-0123456789')).status).toBe(401);
    const tokens = new SqliteTokenStore(path.join(dir, 'linkage.sqlite'));
    await tokens.init();
    const liaison = (await createToken(tokens, { role: 'liaison', province: '420000' }, systemClock)).token;
    await tokens.close();
    const denied = await get('/metrics', liaison);
    expect(denied.status).toBe(403);
    expect(((await denied.json()) as { error: { code: string } }).error.code).toBe('forbidden');
  });

  it('answers liveness and readiness (store, Redis, analysis), which the health check reads', async () => {
    expect((await get('/api/health')).status).toBe(200);
    const ready = await get('/api/ready');
    expect(ready.status).toBe(200);
    expect(((await ready.json()) as { checks: unknown }).checks).toEqual({ store: 'ok', redis: 'ok', analysis: 'ok' });
    const check = spawnSync(process.execPath, [path.join(ROOT, 'scripts/healthcheck.js'), new URL(url).port]);
    expect(check.status).toBe(0);
  });

  it('serves no API and no web UI', async () => {
    const chains = await get('/api/chains', ADMIN);
    expect(chains.status).toBe(404);
    expect(((await chains.json()) as { error: { code: string } }).error.code).toBe('not_found');
    expect((await get('/')).status).toBe(404);
  });
});
