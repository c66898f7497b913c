/**
 * Process roles and Redis provisioning: `linkage serve` without REDIS_URL starts a private
 * redis-server (AOF on, 127.0.0.1, stopped on exit); without any Redis the API still serves
 * the analysis while tasks answer 503 and readiness says why.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { redisAnswers } from '../../src/coordination';
import { attachCoordination, createServices } from '../../src/runtime/context';
import { listen } from '../../src/http/server';
import { loadConfig } from '../../src/shared/config';
import { removeQueueKeys } from '../integration/harness';

const ROOT = path.resolve(__dirname, '../..');
const TOKEN = 'test-coordinator-token-0123456789';

describe('linkage serve', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linkage-roles-'));
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('starts a private redis-server with the append-only file when REDIS_URL is unset, and stops it on SIGTERM', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, LINKAGE_DATA_DIR: dir, LINKAGE_DEMO: 'off', LINKAGE_ADMIN_TOKEN: TOKEN, LOG_LEVEL: 'warn' };
    delete env.REDIS_URL;
    const child = spawn(process.execPath, [path.join(ROOT, 'scripts/linkage.js'), 'serve', '--port', '0'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      const deadline = Date.now() + 60_000;
      while (!/running at (http:\/\/\S+)\//.test(out)) {
        if (child.exitCode !== null || Date.now() > deadline) throw new Error(`serve did not start:\n${out}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      const url = /running at (http:\/\/\S+)\//.exec(out)![1];
      const port = Number(fs.readFileSync(path.join(dir, 'redis', 'redis.port'), 'utf8'));
      const redisUrl = `redis://127.0.0.1:${port}`;
      expect(await redisAnswers(redisUrl)).toBe(true);
      const ready = await (await fetch(`${url}/api/ready`)).json();
      expect(ready).toMatchObject({ status: 'ready', checks: { redis: 'ok' } });
      const tasks = await fetch(`${url}/api/tasks`, { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(tasks.status).toBe(200);
      expect(fs.readdirSync(path.join(dir, 'redis')).some((f) => f.startsWith('appendonly'))).toBe(true);

      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(await redisAnswers(redisUrl)).toBe(false);
    } finally {
      child.kill('SIGKILL');
    }
  }, 90_000);

  it('keeps serving the analysis without any Redis: tasks answer 503 and readiness names the problem', async () => {
    const config = loadConfig({ LINKAGE_DATA_DIR: dir, LINKAGE_DEMO: 'off', LINKAGE_ADMIN_TOKEN: TOKEN, LINKAGE_REDIS_SERVER: 'off' });
    const services = await createServices(config);
    expect(await attachCoordination(services, 'all')).toBeNull();
    const server = await listen(services, 0, '127.0.0.1');
    try {
      const auth = { headers: { authorization: `Bearer ${TOKEN}` } };
      expect((await fetch(`${server.url}/api/chains`, auth)).status).toBe(200);
      const tasks = await fetch(`${server.url}/api/tasks`, auth);
      expect(tasks.status).toBe(503);
      expect(((await tasks.json()) as any).error).toMatchObject({ code: 'not_ready', message: expect.stringContaining('REDIS_URL') });
      const ready = await fetch(`${server.url}/api/ready`);
      expect(ready.status).toBe(503);
      expect(((await ready.json()) as any).checks.redis).toContain('REDIS_URL');
    } finally {
      await server.close();
      await services.store.close();
    }
  });

  it('runs the API alone with role api: no workers, the analysis it asks for waits for a worker elsewhere', async () => {
    const prefix = `lk-roles-${process.pid}`;
    const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
    const config = loadConfig({ LINKAGE_DATA_DIR: dir, LINKAGE_DEMO: 'off', LINKAGE_ADMIN_TOKEN: TOKEN, LINKAGE_QUEUE_PREFIX: prefix, REDIS_URL: redisUrl });
    const services = await createServices(config);
    const coordination = (await attachCoordination(services, 'api'))!;
    try {
      expect(coordination.workers).toBeNull();
      expect(coordination.feed).not.toBeNull();
      const analysis = coordination.queues.byName.analysis;
      const deadline = Date.now() + 5_000;
      while ((await analysis.getJobCounts('waiting')).waiting === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      // Nobody processes it in this process: the job waits for a worker.
      expect((await analysis.getJobCounts('waiting')).waiting).toBe(1);
      expect(await analysis.getJobSchedulersCount()).toBe(0);
    } finally {
      await coordination.close();
      await removeQueueKeys(redisUrl, prefix);
      await services.store.close();
    }
  });
});
