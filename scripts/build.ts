/**
 * `npm run build`: the production build in dist/ (or --out DIR), run by `npm run start:prod`
 * and the Docker image without tsx, esbuild or the browser libraries at run time.
 *
 *   dist/src/…             the server and CLI, compiled by tsc (tsconfig.build.json)
 *   dist/src/web/assets/   the web UI bundle (esbuild), served instead of bundling in memory
 *   dist/cypher/, dist/package.json
 *                          what the code reads relative to its own location
 *                          (src/graph/neo4j/cypher.ts, the API version), so dist/ runs as
 *                          the repository does
 *
 * The output directory is emptied first: a module deleted from src/ does not linger in it.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { buildBundle, writeBundle } from '../src/web/bundle';

const ROOT = path.resolve(__dirname, '..');

function outDir(argv: string[]): string {
  const i = argv.indexOf('--out');
  if (i === -1) return path.join(ROOT, 'dist');
  const dir = argv[i + 1];
  if (!dir) throw new Error('build: --out needs a directory');
  return path.resolve(dir);
}

async function main(): Promise<void> {
  const out = outDir(process.argv.slice(2));
  fs.rmSync(out, { recursive: true, force: true });
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(ROOT, 'tsconfig.build.json'), '--outDir', out], { stdio: 'inherit' });
  fs.cpSync(path.join(ROOT, 'cypher'), path.join(out, 'cypher'), { recursive: true });
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Record<string, unknown>;
  const { name, version, description, license, engines } = pkg;
  fs.writeFileSync(path.join(out, 'package.json'), `${JSON.stringify({ name, version, private: true, description, license, engines }, null, 2)}\n`);
  // Where src/web/bundle.ts looks from its compiled copy: dist/src/web/assets.
  writeBundle(await buildBundle(), path.join(out, 'src', 'web', 'assets'));
  process.stdout.write(`built ${path.relative(process.cwd(), out) || '.'}: node ${path.relative(process.cwd(), path.join(out, 'src', 'main.js'))} to run it\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
