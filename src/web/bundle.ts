/**
 * The browser bundle: the client in ./client is bundled with esbuild into memory the first
 * time the UI is asked for, then kept for the life of the process. Nothing is written to
 * disk and no build step runs before `npm start`.
 */
import crypto from 'node:crypto';
import path from 'node:path';
import { build } from 'esbuild';

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
    js: asset(find('app.js'), 'text/javascript; charset=utf-8'),
    css: asset(find('app.css'), 'text/css; charset=utf-8'),
    sourceMap: asset(find('app.js.map'), 'application/json; charset=utf-8'),
  };
}

let cached: Promise<Bundle> | null = null;

/** The bundle, built once per process; a failed build is retried on the next call. */
export function bundle(): Promise<Bundle> {
  cached ??= buildBundle().catch((err: unknown) => {
    cached = null;
    throw err;
  });
  return cached;
}
