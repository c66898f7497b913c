/**
 * The coordinator token is printed at start-up only when this process generated it and its
 * output is a terminal; output that is not one (a container's log, a journal) never carries
 * it. The interactive case runs `linkage serve` under a pseudo-terminal (util-linux `script`).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { tokenLines } from '../../src/cli/serve';
import { waitFor } from './support';

jest.setTimeout(90_000);

const ROOT = path.resolve(__dirname, '../..');
const TOKEN = 'lk_generated-token-0123456789abcdef';
const URL_ = 'http://localhost:8080';

describe('the start-up banner', () => {
  it('prints a generated token, with a curl line, on a terminal', () => {
    const text = tokenLines({ adminToken: TOKEN, adminTokenGenerated: true, url: URL_, interactive: true });
    expect(text).toContain(`coordinator token: ${TOKEN}\n`);
    expect(text).toContain(`Bearer ${TOKEN}" ${URL_}/api/chains`);
  });

  it('does not print a generated token when the output is not a terminal, and says where it is', () => {
    const text = tokenLines({ adminToken: TOKEN, adminTokenGenerated: true, url: URL_, interactive: false });
    expect(text).not.toContain(TOKEN);
    expect(text).toMatch(/linkage token/);
  });

  it('never prints a token from LINKAGE_ADMIN_TOKEN', () => {
    expect(tokenLines({ adminToken: TOKEN, adminTokenGenerated: false, url: URL_, interactive: true })).not.toContain(TOKEN);
  });
});

const hasScript = spawnSync('script', ['--version']).status === 0;

(hasScript ? describe : describe.skip)('linkage serve started from a terminal', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linkage-tty-'));
  let child: ChildProcess;
  let output = '';

  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('prints the token it generated', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn', LINKAGE_DATA_DIR: dir, LINKAGE_DEMO: 'off', LINKAGE_REDIS_SERVER: 'off' };
    delete env.REDIS_URL;
    delete env.LINKAGE_ADMIN_TOKEN;
    const command = `exec ${JSON.stringify(process.execPath)} ${JSON.stringify(path.join(ROOT, 'scripts/linkage.js'))} serve --port 0`;
    child = spawn('script', ['-qfec', command, '/dev/null'], { cwd: ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
    child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
    await waitFor(
      () => {
        if (child.exitCode !== null) throw new Error(`serve exited:\n${output}`);
        return /linkage is running at/.test(output) && /coordinator token: /.test(output);
      },
      'the banner',
      60_000,
    );
    const token = fs.readFileSync(path.join(dir, 'admin-token'), 'utf8').trim();
    expect(output).toContain(`coordinator token: ${token}`);
  });
});
