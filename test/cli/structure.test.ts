/**
 * The CLI's modules: any command module can be loaded first (no cycle through commands.ts),
 * `--help` and `--version` load no command, usage errors exit 2.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { cli } from './support';

const ROOT = path.resolve(__dirname, '../..');

describe('CLI module structure', () => {
  it.each(['tasks', 'token', 'requests', 'analyze', 'import', 'generate'])('cli/%s.ts can be imported first', (name) => {
    jest.isolateModules(() => {
      const mod = require(`../../src/cli/${name}`) as Record<string, unknown>;
      expect(Object.keys(mod).length).toBeGreaterThan(0);
      const { COMMANDS } = require('../../src/cli/commands') as typeof import('../../src/cli/commands');
      expect(COMMANDS[name].usage.length).toBeGreaterThan(10);
    });
  });

  it('exports the usage strings from the command modules as before', () => {
    jest.isolateModules(() => {
      const { TASKS_USAGE } = require('../../src/cli/tasks') as typeof import('../../src/cli/tasks');
      expect(TASKS_USAGE).toMatch(/^linkage tasks list/);
    });
  });

  it('--help loads no command module (a real process under tsx)', () => {
    const script = `require('tsx/cjs');
const { run } = require('./src/cli/main.ts');
run(['--help']).then((code) => {
  const loaded = Object.keys(require.cache).filter((f) => /src[\\\\/](cli|runtime|coordination|graph|analysis)[\\\\/]/.test(f)).map((f) => require('path').relative(process.cwd(), f));
  process.stderr.write(JSON.stringify({ code, loaded }));
});`;
    const res = spawnSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' });
    expect(res.stdout).toMatch(/Commands:/);
    const report = JSON.parse(res.stderr) as { code: number; loaded: string[] };
    expect(report.code).toBe(0);
    expect(report.loaded.sort()).toEqual(['src/cli/args.ts', 'src/cli/commands.ts', 'src/cli/main.ts', 'src/cli/usage.ts', 'src/graph/csv-columns.ts']);
  });

  it('--version prints the package version', async () => {
    const { version } = require('../../package.json') as { version: string };
    for (const flag of ['--version', '-V']) {
      const r = await cli([flag]);
      expect(r.code).toBe(0);
      expect(r.out).toBe(`linkage ${version}\n`);
    }
  });
});
