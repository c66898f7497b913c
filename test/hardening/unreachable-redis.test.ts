/**
 * `linkage serve` (the production entry point, a real process) started with a Redis that never
 * answers: the task endpoints and the event stream say 503 and why (as /api/ready does) instead
 * of an empty list, 404s and a silent stream; SIGTERM exits within LINKAGE_DRAIN_MS and a
 * little. And the admin token from LINKAGE_ADMIN_TOKEN is never printed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../src/coordination';
import { SHUTDOWN_GRACE_MS } from '../../src/cli/serve';

jest.setTimeout(90_000);

const ROOT = path.resolve(__dirname, '../..');
const ADMIN = 'unreachable-redis-admin-token-0123456789';
const DRAIN_MS = 1_000;

describe('a server whose Redis never answers', () => {
  let child: ChildProcess;
  let output = '';
  let url = '';
  let exited: Promise<number | string>;
  let dir = '';

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linkage-noredis-'));
    const port = await freePort();
    child = spawn(process.execPath, [path.join(ROOT, 'scripts/linkage.js'), 'serve', '--port', '0'], {
      cwd: ROOT,
      env: {
        ...process.env,
        LOG_LEVEL: 'info',
        LINKAGE_DATA_DIR: dir,
        LINKAGE_DEMO: 'off',
        LINKAGE_ADMIN_TOKEN: ADMIN,
        // Nothing listens there.
        REDIS_URL: `redis://127.0.0.1:${port}`,
        LINKAGE_DRAIN_MS: String(DRAIN_MS),
        // After the drain, a job in flight (a webhook call) gets its timeout to finish.
        LINKAGE_WEBHOOK_TIMEOUT_MS: '1000',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)));
    const deadline = Date.now() + 60_000;
    for (;;) {
      const m = /linkage is running at (http:\/\/\S+?)\/ /.exec(output);
      if (m) {
        url = m[1];
        break;
      }
      if (child.exitCode !== null || Date.now() > deadline) throw new Error(`server did not start:\n${output}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  });

  afterAll(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const call = async (method: string, p: string) => {
    const res = await fetch(`${url}${p}`, {
      method,
      headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
      body: method === 'POST' ? '{}' : undefined,
    });
    return { status: res.status, body: (await res.json()) as any };
  };

  it('answers the task endpoints and the event stream 503 with the reason, as /api/ready does', async () => {
    const ready = await call('GET', '/api/ready');
    expect(ready.status).toBe(503);
    expect(ready.body.checks.redis).not.toBe('ok');
    for (const [method, p] of [
      ['GET', '/api/tasks'],
      ['GET', '/api/tasks/tk_0000000000000000'],
      ['POST', '/api/tasks/tk_0000000000000000/ack'],
      ['GET', '/api/events'],
    ]) {
      const res = await call(method, p);
      expect([p, res.status]).toEqual([p, 503]);
      expect(res.body.error).toMatchObject({ code: 'not_ready', message: expect.stringMatching(/redis .* has not answered since start-up/), retryAfter: 5 });
    }
    // The analysis itself is served.
    expect((await call('GET', '/api/chains')).status).toBe(200);
  });

  it('never prints the admin token that came from LINKAGE_ADMIN_TOKEN, nor logs it', () => {
    expect(output).toContain('linkage is running');
    expect(output).not.toContain(ADMIN);
  });

  it('exits cleanly on SIGTERM within LINKAGE_DRAIN_MS and the grace', async () => {
    const started = Date.now();
    child.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const code = await Promise.race([exited, new Promise<string>((r) => (timer = setTimeout(() => r('still running'), DRAIN_MS + SHUTDOWN_GRACE_MS + 5_000)))]);
    clearTimeout(timer);
    // 0: it finished its own shutdown (the hard limit exits 1).
    expect(code).toBe(0);
    expect(Date.now() - started).toBeLessThan(DRAIN_MS + SHUTDOWN_GRACE_MS + 5_000);
  });
});
