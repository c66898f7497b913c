/**
 * The browser bundle. A production build (`npm run build`) writes it to ./assets beside this
 * module (dist/src/web/assets), and a process that finds it there serves those files. Without
 * one (`npm start`, from the sources), the client in ./client is bundled with esbuild into
 * memory the first time the UI is asked for, then kept for the life of the process, so no
 * build step runs before `npm start`. esbuild is loaded only then: a production install
 * (`npm ci --omit=dev`) does not need it.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** One built file, ready to send. */
export interface Asset {
  body: Buffer;
  contentType: string;
  /** Content hash: the ETag, and the version in the page's asset URLs. */
  hash: string;
}

export interface Bundle {
  js: Asset;
  css: Asset;
  sourceMap: Asset;
}

export const CLIENT_DIR = path.join(__dirname, 'client');
/** Where `npm run build` puts the bundle and where a process looks for it first. */
export const PREBUILT_DIR = path.join(__dirname, 'assets');
/** The files of a written bundle, by part. */
const FILES = { js: 'app.js', css: 'app.css', sourceMap: 'app.js.map' } as const;
const CONTENT_TYPES = {
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  sourceMap: 'application/json; charset=utf-8',
} as const;
/** The script and the stylesheet are separate entry points: the page links both. */
const ENTRIES = [
  { in: path.join(CLIENT_DIR, 'main.tsx'), out: 'app' },
  { in: path.join(CLIENT_DIR, 'app.css'), out: 'app' },
];

function asset(body: Uint8Array, contentType: string): Asset {
  const buf = Buffer.from(body);
  return { body: buf, contentType, hash: crypto.createHash('sha256').update(buf).digest('hex').slice(0, 16) };
}

/** Bundles the client; rejects with esbuild's messages when the source does not build. */
export async function buildBundle(): Promise<Bundle> {
  // Required here, not imported at the top: only a process without a prebuilt bundle needs it.
  let build: typeof import('esbuild').build;
  try {
    ({ build } = require('esbuild') as typeof import('esbuild'));
  } catch (err) {
    throw new Error(`web bundle: none prebuilt in ${PREBUILT_DIR} and esbuild is not installed (run npm run build)`, { cause: err });
  }
  const result = await build({
    entryPoints: ENTRIES,
    bundle: true,
    write: false,
    minify: true,
    sourcemap: 'linked',
    format: 'iife',
    platform: 'browser',
    target: ['es2020'],
    outdir: '/assets',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    tsconfig: path.join(CLIENT_DIR, 'tsconfig.json'),
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  });
  const find = (ext: string) => {
    const file = result.outputFiles.find((f) => f.path.endsWith(ext));
    if (!file) throw new Error(`web bundle: esbuild produced no ${ext} file`);
    return file.contents;
  };
  return {
    js: asset(find(FILES.js), CONTENT_TYPES.js),
    css: asset(find(FILES.css), CONTENT_TYPES.css),
    sourceMap: asset(find(FILES.sourceMap), CONTENT_TYPES.sourceMap),
  };
}

/** Writes a bundle to `dir` (the build's step after tsc), as readBundle reads it. */
export function writeBundle(b: Bundle, dir: string): void {
  fs.mkdirSync(dir, { recursive: true });
  for (const part of ['js', 'css', 'sourceMap'] as const) fs.writeFileSync(path.join(dir, FILES[part]), b[part].body);
}

/** The bundle written to `dir`, or null when there is none (no app.js there). */
export function readBundle(dir: string): Bundle | null {
  if (!fs.existsSync(path.join(dir, FILES.js))) return null;
  const read = (part: keyof typeof FILES) => asset(fs.readFileSync(path.join(dir, FILES[part])), CONTENT_TYPES[part]);
  return { js: read('js'), css: read('css'), sourceMap: read('sourceMap') };
}

let cached: Promise<Bundle> | null = null;

/**
 * The bundle of this process: the prebuilt one when the build wrote it, else built in memory
 * once; a failed build is retried on the next call.
 */
export function bundle(): Promise<Bundle> {
  if (!cached) {
    const prebuilt = readBundle(PREBUILT_DIR);
    if (prebuilt) cached = Promise.resolve(prebuilt);
  }
  cached ??= buildBundle().catch((err: unknown) => {
    cached = null;
    throw err;
  });
  return cached;
}
