/**
 * The production build (`npm run build`, here into a temporary directory) runs as the Docker
 * image runs it: `node dist/src/main.js` with no development dependency loadable (a preload
 * makes requiring any of them, and tsx, fail, as after `npm ci --omit=dev`). It answers
 * health and readiness, serves the web UI from the bundle the build wrote rather than
 * bundling again, runs the task workers, passes the image's health check, and the compiled
 * CLI runs.
 */
import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../../src/coordination';
import { removeQueueKeys, TEST_REDIS_URL, uniquePrefix } from '../integration/harness';
import { waitFor } from './support';

jest.setTimeout(240_000);

const ROOT = path.resolve(__dirname, '../..');

/** A preload that refuses every devDependency (and tsx): what a production install lacks. */
function writeDevBlocker(file: string): string[] {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
  const blocked = [...Object.keys(pkg.devDependencies), 'tsx'];
  fs.writeFileSync(
    file,
    `const Module = require('node:module');
const blocked = new Set(${JSON.stringify(blocked)});
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  const name = request.startsWith('@') ? request.split('/').slice(0, 2).join('/') : request.split('/')[0];
  if (blocked.has(name)) throw new Error('production build requires the development dependency ' + name);
  return resolve.call(this, request, ...rest);
};
`,
  );
  return blocked;
}

describe('the production build', () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'linkage-build-'));
  const dist = path.join(work, 'dist');
  const data = path.join(work, 'data');
  const blocker = path.join(work, 'block-dev.js');
  const prefix = uniquePrefix('lk-build');
  const marker = `/* prebuilt ${crypto.randomBytes(6).toString('hex')} */`;
  let child: ChildProcess;
  let exited: Promise<number | string>;
  let output = '';
  let url = '';

  beforeAll(async () => {
    await promisify(execFile)(process.execPath, [require.resolve('tsx/cli'), path.join(ROOT, 'scripts/build.ts'), '--out', dist], { cwd: ROOT });
    // Packages resolve as from a checkout: dist/ beside the project's node_modules.
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(work, 'node_modules'));
    expect(writeDevBlocker(blocker)).toEqual(expect.arrayContaining(['esbuild', 'sigma', 'chart.js', 'typescript', 'tsx']));
    // A mark only the written file has: if the server bundled again, it would not serve it.
    fs.appendFileSync(path.join(dist, 'src/web/assets/app.js'), marker);
    child = spawn(process.execPath, ['-r', blocker, path.join(dist, 'src/main.js')], {
      cwd: work,
      env: {
        ...process.env,
        LOG_LEVEL: 'warn',
        PORT: '0',
        LINKAGE_DATA_DIR: data,
        LINKAGE_ADMIN_TOKEN: '',
        REDIS_URL: TEST_REDIS_URL,
        LINKAGE_QUEUE_PREFIX: prefix,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)));
    url = await waitFor(
      () => {
        if (child.exitCode !== null) throw new Error(`dist/src/main.js exited early:\n${output}`);
        return /linkage is running at (http:\/\/\S+?)\/ /.exec(output)?.[1];
      },
      'the built server to start',
      60_000,
    );
  });

  afterAll(async () => {
    if (child && child.exitCode === null) {
      child.kill('SIGTERM');
      await exited;
    }
    await removeQueueKeys(TEST_REDIS_URL, prefix);
    fs.rmSync(work, { recursive: true, force: true });
  });

  it('starts from dist/ without development dependencies and becomes ready (store, Redis, analysis)', async () => {
    expect((await fetch(`${url}/api/health`)).status).toBe(200);
    const ready = await waitFor(async () => {
      const res = await fetch(`${url}/api/ready`);
      return res.status === 200 && ((await res.json()) as { checks: Record<string, string> });
    }, 'readiness');
    expect(ready.checks).toEqual({ store: 'ok', redis: 'ok', analysis: 'ok' });
    expect(output).not.toMatch(/requires the development dependency/);
  });

  it('serves the API on the demo scenario with the token it generated', async () => {
    const token = fs.readFileSync(path.join(data, 'admin-token'), 'utf8').trim();
    const res = await fetch(`${url}/api/chains`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { chains: unknown[] }).chains.length).toBeGreaterThan(0);
    // Its output is not a terminal: the token it generated is not in it.
    expect(output).toMatch(/coordinator token: generated/);
    expect(output).not.toContain(token);
    const spec = (await (await fetch(`${url}/api/openapi.json`)).json()) as { info: { version: string } };
    expect(spec.info.version).toBe(JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version);
  });

  it('serves the web UI from the bundle the build wrote', async () => {
    const written = fs.readFileSync(path.join(dist, 'src/web/assets/app.js'));
    const hash = crypto.createHash('sha256').update(written).digest('hex').slice(0, 16);
    const page = await (await fetch(`${url}/`)).text();
    expect(page).toContain(`/assets/app.js?v=${hash}`);
    const js = await fetch(`${url}/assets/app.js?v=${hash}`);
    expect(js.status).toBe(200);
    const body = await js.text();
    expect(body.endsWith(marker)).toBe(true);
    expect(body).toBe(written.toString());
    const css = await fetch(`${url}/assets/app.css`);
    expect(css.headers.get('content-type')).toMatch(/^text\/css/);
    expect(await css.text()).toBe(fs.readFileSync(path.join(dist, 'src/web/assets/app.css'), 'utf8'));
  });

  it("passes the image's health check (scripts/healthcheck.js), which fails where nothing is ready", async () => {
    const check = (port: string) => spawnSync(process.execPath, [path.join(ROOT, 'scripts/healthcheck.js'), port], { encoding: 'utf8' }).status;
    expect(check(new URL(url).port)).toBe(0);
    expect(check(String(await freePort()))).toBe(1);
  });

  it('runs the compiled CLI', () => {
    const r = spawnSync(process.execPath, ['-r', blocker, path.join(dist, 'src/cli/main.js'), '--help'], { cwd: work, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/serve/);
  });
});
