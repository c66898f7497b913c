/**
 * The C reference of the fixed point (scripts/fixed-point.c), compiled at bench time with
 * `cc -O2` when a C compiler exists: the benchmark reports the analysis's fixed point beside
 * this plain worklist over CSR arrays, run on the same graph in the same run.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CompactNetwork } from '../analysis';
import { writeGraphFile } from './graph-file';

export interface CReferenceFigures {
  minMs: number;
  medianMs: number;
  down: number;
  blocked: number;
}

const SOURCE = path.resolve(__dirname, '../../scripts/fixed-point.c');

/** Compiles the reference once per process; a string says why it cannot run. */
let compiled: string | { error: string } | undefined;

function binary(): string | { error: string } {
  if (compiled !== undefined) return compiled;
  // Built under a name of this process, then renamed over the shared one: runs of the bench
  // never litter the temporary directory, and two at once never run a half-written binary.
  const out = path.join(os.tmpdir(), 'linkage-fixed-point');
  const building = `${out}-${process.pid}`;
  const cc = process.env.CC ?? 'cc';
  try {
    execFileSync(cc, ['-O2', '-o', building, SOURCE], { stdio: ['ignore', 'ignore', 'pipe'] });
    fs.renameSync(building, out);
    compiled = out;
  } catch (err) {
    compiled = { error: `${cc} -O2 failed or is missing (${(err as Error).message.split('\n')[0]})` };
  }
  return compiled;
}

/** Runs the reference `runs` times on the network; a string when there is no C compiler. */
export function runCReference(net: CompactNetwork, runs = 5): CReferenceFigures | string {
  const bin = binary();
  if (typeof bin !== 'string') return bin.error;
  const file = path.join(os.tmpdir(), `linkage-graph-${process.pid}-${net.ids.length}.bin`);
  writeGraphFile(file, net);
  try {
    const out = execFileSync(bin, [file, String(runs)], { encoding: 'utf8' });
    const m = /down=(\d+) blocked=(\d+) min_ms=([\d.]+) median_ms=([\d.]+)/.exec(out);
    if (!m) return `unexpected output: ${out.trim().split('\n').pop()}`;
    return { down: Number(m[1]), blocked: Number(m[2]), minMs: Number(m[3]), medianMs: Number(m[4]) };
  } finally {
    fs.rmSync(file, { force: true });
  }
}
