/**
 * The module structure of src/ (issue #18): the rules of .dependency-cruiser.cjs hold, apart from the
 * violations listed in .dependency-cruiser-known-violations.json, which only ever shrink.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const CLI = path.join(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');
const CONFIG = '.dependency-cruiser.cjs';
const KNOWN = '.dependency-cruiser-known-violations.json';

function cruise(...extra: string[]) {
  return spawnSync(process.execPath, [CLI, 'src', '--config', CONFIG, ...extra], { cwd: ROOT, encoding: 'utf8' });
}

describe('the dependency rules of src/', () => {
  it('hold, apart from the known violations still to mend', () => {
    const run = cruise('--ignore-known', KNOWN, '--output-type', 'err');
    expect(run.stdout + run.stderr).not.toMatch(/error /);
    expect(run.status).toBe(0);
  });

  it('are checked: without the list of known violations, exactly those are reported', () => {
    const known: Array<{ rule: { name: string } }> = JSON.parse(readFileSync(path.join(ROOT, KNOWN), 'utf8'));
    const run = cruise('--output-type', 'json');
    const summary = JSON.parse(run.stdout).summary as { violations: Array<{ rule: { name: string } }> };
    expect(summary.violations.length).toBe(known.length);
  });
});
