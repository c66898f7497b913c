/**
 * The CLI as a Unix tool: a closed pipe ends it quietly, the progress bar never shows
 * `eta NULLs`, bad flags exit 2 before anything starts.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { progressLine } from '../../src/cli/progress';
import { cli } from './support';

const ROOT = path.resolve(__dirname, '../..');
const BIN = path.join(ROOT, 'scripts/linkage.js');

/** Runs the bin, reads the first chunk of stdout, then closes the pipe like `| head -c1` would. */
function runAndCloseEarly(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; err: string; got: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    let got = 0;
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.stdout.once('data', (c: Buffer) => {
      got = c.length;
      child.stdout.destroy();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, err, got }));
  });
}

describe('linkage … | head', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linkage-cli-pipe-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('generate (megabytes on stdout) exits 0 without a stack trace when the reader goes away', async () => {
    const r = await runAndCloseEarly(['generate', '--enterprises', '20000'], { ...process.env, LINKAGE_DATA_DIR: dir });
    expect(r.got).toBeGreaterThan(0);
    expect(r.err).not.toMatch(/EPIPE|Error|at /);
    expect(r.code).toBe(0);
  });
});

describe('progress line', () => {
  const bar = '████░░░░';
  it('shows no eta when cli-progress has none (NULL, INF) or nothing is done yet', () => {
    for (const eta of ['NULL', 'INF']) expect(progressLine('links', { value: 5, total: 10, eta, progress: 0.5 }, bar)).not.toMatch(/eta|NULL|INF/);
    expect(progressLine('links', { value: 0, total: 10, eta: 3, progress: 0 }, bar)).not.toMatch(/eta/);
  });
  it('says "nothing to import" for a phase with no rows (an absent file)', () => {
    const line = progressLine('inventories', { value: 0, total: 0, eta: 'NULL', progress: NaN }, bar);
    expect(line).toContain('nothing to import');
    expect(line).not.toMatch(/NULL|NaN/);
  });
  it('shows done/total, the percentage and an eta while it has one', () => {
    expect(progressLine('links', { value: 5, total: 10, eta: 7, progress: 0.5 }, bar)).toBe(` links |${bar}| 5/10 50% eta 7s`);
  });
});

describe('usage errors exit 2', () => {
  let dir: string;
  const saved = { ...process.env };
  beforeEach(() => {
    dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'linkage-cli-usage-')), 'data');
    process.env.LINKAGE_DATA_DIR = dir;
    process.env.REDIS_URL = 'redis://127.0.0.1:1';
  });
  afterEach(() => {
    process.env = { ...saved };
    fs.rmSync(path.dirname(dir), { recursive: true, force: true });
  });

  it('serve --port abc fails with a clear message before touching the data directory or Redis', async () => {
    for (const args of [
      ['serve', '--port', 'abc'],
      ['serve', '--port', '70000'],
      ['serve', '--role', 'boss'],
    ]) {
      const r = await cli(args);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(args[1] === '--port' ? /--port must be a port number from 0 to 65535/ : /--role must be one of all, api, worker/);
      expect(r.err).not.toMatch(/RangeError|at /);
    }
    expect(fs.existsSync(dir)).toBe(false);
  });

  it.each([
    [['generate', '--seed', 'x']],
    [['generate', '--as-of', '2020-13-45']],
    [['analyze', '--top', 'many']],
    [['tasks', 'show']],
    [['requests', 'show']],
    [['import']],
    [['import', '/nonexistent/file.json']],
    [['nosuchcommand']],
    [['tasks', 'list', '--bogus']],
  ])('%j', async (args) => {
    const r = await cli(args);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^linkage/);
  });
});
