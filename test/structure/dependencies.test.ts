/**
 * The module structure of src/ (issue #18): the rules of .dependency-cruiser.cjs (no cycles between
 * folders, nothing in src/ importing test/, a pure analysis, dependencies pointing inward) hold.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const CLI = path.join(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');

interface CruiseSummary {
  violations: Array<{ from: string; to: string; rule: { name: string } }>;
  totalCruised: number;
  ruleSetUsed: { forbidden: Array<{ name: string }> };
}

describe('the dependency rules of src/', () => {
  const run = spawnSync(process.execPath, [CLI, 'src', '--config', '.dependency-cruiser.cjs', '--output-type', 'json'], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const summary = (JSON.parse(run.stdout) as { summary: CruiseSummary }).summary;

  it('are the ones of issue #18, applied to all of src/', () => {
    const rules = summary.ruleSetUsed.forbidden.map((r) => r.name);
    expect(rules).toEqual(
      expect.arrayContaining(['no-folder-cycles', 'no-src-to-test', 'analysis-is-pure', 'domain-not-to-entry-points', 'shared-is-a-leaf', 'infra-is-plumbing']),
    );
    expect(summary.totalCruised).toBeGreaterThan(150);
  });

  it('hold: no violation', () => {
    expect(summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`)).toEqual([]);
    expect(run.status).toBe(0);
  });
});
