/**
 * Snapshot benchmark (`linkage bench --only snapshot`): a million enterprises and about six
 * million links in a SQLite store file (made once, then reused: bench-store-file.ts), read
 * with snapshot() and compiled as a process does when it starts or falls back to a full
 * reload, then the first complete answer from it.
 */
import { IncrementalAnalysis } from '../analysis';
import { SqliteStore } from '../graph';
import { generateNetwork } from './bench-analysis';
import { benchStoreFile } from './bench-store-file';

export interface SnapshotBenchFigures {
  enterprises: number;
  links: number;
  /** store.snapshot(), median of the runs. */
  snapshotMs: number;
  /** IncrementalAnalysis.fromSnapshot (compile + fixed point), median. */
  fromSnapshotMs: number;
  /** chains() + bottlenecks() on it, median. */
  answersMs: number;
  /** snapshot + fromSnapshot + answers, median of the sums. */
  totalMs: number;
  maxRssMb: number;
}

const ms = (t0: number) => performance.now() - t0;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function benchSnapshot(opts: { size?: number; runs?: number; log?: (line: string) => void } = {}): Promise<SnapshotBenchFigures> {
  const size = opts.size ?? 1_000_000;
  const runs = opts.runs ?? 3;
  const log = opts.log ?? (() => undefined);
  // Four to six parts per customer: about 6.2 links per enterprise, the size of issue #17.
  const file = await benchStoreFile(`store-${size}-2020`, () => generateNetwork(size, 2020, 0.1, [4, 6]), log);
  const store = new SqliteStore({ file });
  const snapshots: number[] = [];
  const compiles: number[] = [];
  const answers: number[] = [];
  const totals: number[] = [];
  let enterprises = 0;
  let links = 0;
  try {
    for (let r = 0; r < runs; r++) {
      let t0 = performance.now();
      const snapshot = await store.snapshot();
      const snapshotMs = ms(t0);
      t0 = performance.now();
      const analysis = IncrementalAnalysis.fromSnapshot(snapshot);
      const fromSnapshotMs = ms(t0);
      t0 = performance.now();
      analysis.chains();
      analysis.bottlenecks();
      const answersMs = ms(t0);
      enterprises = analysis.network.size;
      links = analysis.network.linkCount;
      snapshots.push(snapshotMs);
      compiles.push(fromSnapshotMs);
      answers.push(answersMs);
      totals.push(snapshotMs + fromSnapshotMs + answersMs);
    }
  } finally {
    await store.close();
  }
  const round = (x: number) => Math.round(x);
  const f: SnapshotBenchFigures = {
    enterprises,
    links,
    snapshotMs: round(median(snapshots)),
    fromSnapshotMs: round(median(compiles)),
    answersMs: round(median(answers)),
    totalMs: round(median(totals)),
    maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  };
  log(
    `snapshot ${f.enterprises.toLocaleString('en')} enterprises, ${f.links.toLocaleString('en')} links from SQLite ` +
      `(median of ${runs}): snapshot() ${f.snapshotMs} ms (runs: ${snapshots.map(round).join(', ')}), ` +
      `fromSnapshot (compile + fixed point) ${f.fromSnapshotMs} ms, chains() + bottlenecks() ${f.answersMs} ms; ` +
      `first answer from the store ${f.totalMs} ms; maxRSS ${f.maxRssMb} MB`,
  );
  return f;
}
