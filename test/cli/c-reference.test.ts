import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { analyze } from '../../src/analysis';
import { generateNetwork } from '../../src/cli/bench-analysis';
import { runCReference } from '../../src/cli/c-reference';
import { GRAPH_FILE_MAGIC, writeGraphFile } from '../../src/cli/graph-file';

function hasCompiler(): boolean {
  try {
    execFileSync(process.env.CC ?? 'cc', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('the benchmark graph file and the C reference of the fixed point', () => {
  test('the file holds the magic, the sizes, then the status and link arrays as they are', () => {
    const net = generateNetwork(300, 3);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'linkage-graph-')), 'g.bin');
    writeGraphFile(file, net);
    const bytes = fs.readFileSync(file);
    const n = net.ids.length;
    const m = net.linkSupplier.length;
    expect(bytes.subarray(0, 8).toString('latin1')).toBe(GRAPH_FILE_MAGIC);
    expect([bytes.readUInt32LE(8), bytes.readUInt32LE(12)]).toEqual([n, m]);
    expect(bytes.length).toBe(16 + n + 3 * 4 * m + m);
    expect(Array.from(bytes.subarray(16, 16 + n))).toEqual(Array.from(net.status));
    const customerAt = 16 + n + 4 * m;
    expect(bytes.readInt32LE(customerAt + 4 * (m - 1))).toBe(net.linkCustomer[m - 1]);
    expect(bytes[bytes.length - 1]).toBe(net.linkCritical[m - 1]);
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  });

  (hasCompiler() ? test : test.skip)('the C worklist finds the same down and blocked enterprises as the analysis', () => {
    for (const [size, seed, suspended] of [
      [2_000, 1, 0.1],
      [2_000, 2, 0.3],
      [500, 3, 0],
    ] as const) {
      const net = generateNetwork(size, seed, suspended);
      const counts = analyze(net).counts();
      const c = runCReference(net, 1);
      if (typeof c === 'string') throw new Error(c);
      expect({ down: c.down, blocked: c.blocked }).toEqual({ down: counts.down, blocked: counts.blocked });
    }
  });
});
