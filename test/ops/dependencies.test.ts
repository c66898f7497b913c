/**
 * package.json says what a production install needs: every runtime dependency is loaded by
 * the server or the CLI, and what only the browser bundle or the types use is a development
 * dependency (test/ops/production-build.test.ts runs the build with those unloadable).
 */
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

function files(dir: string, keep: (file: string) => boolean): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? files(p, keep) : keep(p) ? [p] : [];
  });
}

/** The packages a set of files loads at run time (type-only imports are erased). */
function packagesLoaded(list: string[]): Set<string> {
  const out = new Set<string>();
  const spec = /^(?!import type)[^\n]*?(?:from\s+|require\(|import\()'([^'.][^']*)'/gm;
  for (const file of list) {
    for (const m of fs.readFileSync(file, 'utf8').matchAll(spec)) {
      const id = m[1];
      if (id.startsWith('node:')) continue;
      out.add(id.startsWith('@') ? id.split('/').slice(0, 2).join('/') : id.split('/')[0]);
    }
  }
  return out;
}

const clientDir = path.join(ROOT, 'src/web/client');
const server = packagesLoaded([
  ...files(path.join(ROOT, 'src'), (f) => /\.ts$/.test(f) && !f.endsWith('.test.ts') && !f.startsWith(clientDir)),
  path.join(ROOT, 'scripts/linkage.js'),
]);
const client = packagesLoaded(files(clientDir, (f) => /\.tsx?$/.test(f)));

describe('dependencies', () => {
  it('are each loaded by the server or the CLI', () => {
    const unused = Object.keys(pkg.dependencies).filter((d) => !server.has(d));
    expect(unused).toEqual([]);
  });

  it('leave what only the browser bundle loads to development', () => {
    const bundledOnly = [...client].filter((d) => !server.has(d));
    expect(bundledOnly.length).toBeGreaterThan(0);
    for (const d of bundledOnly) expect(Object.keys(pkg.dependencies)).not.toContain(d);
  });

  it('hold no type-only package', () => {
    expect(Object.keys(pkg.dependencies).filter((d) => d.startsWith('@types/') || d.endsWith('-types'))).toEqual([]);
  });

  it('pin ioredis to 6.0.x, whose internals src/coordination/redis-client.ts reaches into', () => {
    expect(pkg.dependencies.ioredis).toMatch(/^~6\.0\.\d+$/);
  });
});
