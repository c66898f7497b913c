/**
 * The browser code is typed against the DOM by its own tsconfig (src/web/client), outside
 * the root program that `npm run typecheck` checks; this keeps it checked by the suite, and
 * checks that it bundles.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { buildBundle } from '../../src/web';

const root = path.join(__dirname, '..', '..');

describe('the web client', () => {
  it('type-checks against the DOM under strict settings', async () => {
    const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
    const run = promisify(execFile)(process.execPath, [tsc, '-p', path.join(root, 'src', 'web', 'client', 'tsconfig.json')], { cwd: root });
    await expect(run.then(() => 'clean').catch((e: { stdout?: string }) => e.stdout)).resolves.toBe('clean');
  }, 90_000);

  it('bundles into one script and one stylesheet', async () => {
    const b = await buildBundle();
    expect(b.js.body.length).toBeGreaterThan(10_000);
    expect(b.css.body.toString()).toContain('.topbar');
    expect(b.js.body.toString()).toContain('sourceMappingURL=app.js.map');
  });
});
