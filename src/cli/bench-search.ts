/**
 * Benchmark of the enterprise search (`linkage bench --only search`): GET /api/enterprises
 * answers from the in-memory directory on every keystroke; timed on the demonstration
 * scenario and on a generated network of 200,000 enterprises, for one- to three-character
 * queries (the slowest: they match the most), first page of 20.
 */
import { analyze } from '../analysis';
import { EnterpriseDirectory } from '../runtime/directory';
import { DEFAULTS } from '../shared/config';
import { generateScenario } from '../scenario';
import type { ChainSnapshot } from '../graph';
import { snapshotOfDocument } from './analyze';
import { generateNetwork, toSnapshot } from './bench-analysis';

const quantile = (sorted: number[], q: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : 0);
const round = (x: number) => Math.round(x * 1000) / 1000;

function timeQueries(label: string, snapshot: ChainSnapshot, log: (line: string) => void): { p50Ms: number; p99Ms: number } {
  const directory = new EnterpriseDirectory(analyze(snapshot), snapshot);
  const names = snapshot.enterprises.map((e) => e.name ?? e.id);
  const queries: string[] = [];
  for (let k = 0; k < 300; k++) {
    const name = names[(k * 7919) % names.length];
    const at = k % Math.max(1, name.length - 3);
    queries.push(name.slice(at, at + 1 + (k % 3)));
  }
  directory.search({ q: queries[0], limit: 20 }); // builds the lower-case index and the id order once
  const times: number[] = [];
  for (const q of queries) {
    const t0 = performance.now();
    directory.search({ q, limit: 20 });
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const out = { p50Ms: round(quantile(times, 0.5)), p99Ms: round(quantile(times, 0.99)) };
  log(`enterprise search, ${label} (${snapshot.enterprises.length.toLocaleString('en')} enterprises, 300 queries of 1–3 characters): p50 ${out.p50Ms} ms, p99 ${out.p99Ms} ms`);
  return out;
}

export async function benchSearch(opts: { log?: (line: string) => void; largeSize?: number } = {}): Promise<void> {
  const log = opts.log ?? (() => undefined);
  timeQueries('demo', snapshotOfDocument(generateScenario({ asOf: DEFAULTS.DEMO_AS_OF }), DEFAULTS.DEMO_AS_OF), log);
  timeQueries('generated', toSnapshot(generateNetwork(opts.largeSize ?? 200_000, 2020)), log);
}
