/**
 * Snapshot benchmark (`linkage bench --only snapshot`): a million enterprises and about six
 * million links in a SQLite store file (made once, then reused: bench-store-file.ts), read
 * with snapshot() and compiled as a process does when it starts or falls back to a full
 * reload, then the first complete answer from it.
 */
import fs from 'node:fs';
import { IncrementalAnalysis } from '../analysis';
import { openSqlite } from '../infra/sqlite/open';
import { SqliteStore } from '../graph';
import { generateNetwork } from './bench-analysis';
import { benchStoreFile } from './bench-store-file';

export interface SnapshotBenchFigures {
  enterprises: number;
  links: number;
  /** store.snapshot(), median of the runs (the first cold, the others from the cache). */
  snapshotMs: number;
  /** The first snapshot(): rows read, the packed cache written. */
  coldSnapshotMs: number;
  /** The later snapshot()s, from the cache: median. */
  warmSnapshotMs: number;
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
  const runs = opts.runs ?? 4;
  const log = opts.log ?? (() => undefined);
  // Four to six parts per customer: about 6.2 links per enterprise, the size of issue #17.
  const base = await benchStoreFile(`store-${size}-2020`, () => generateNetwork(size, 2020, 0.1, [4, 6]), log);
  // A copy the snapshot cache is written to, so the shared file stays as it was made.
  const file = base.replace(/\.sqlite$/, '-cache.sqlite');
  if (!fs.existsSync(file)) fs.copyFileSync(base, file);
  const store = new SqliteStore({ file });
  await store.init();
  // Cold first: no cache.
  const db = openSqlite(file);
  db.exec('DELETE FROM snapshot_cache');
  db.close();
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
    coldSnapshotMs: round(snapshots[0]),
    warmSnapshotMs: round(median(snapshots.slice(1))),
    fromSnapshotMs: round(median(compiles)),
    answersMs: round(median(answers)),
    totalMs: round(median(totals)),
    maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  };
  log(
    `snapshot ${f.enterprises.toLocaleString('en')} enterprises, ${f.links.toLocaleString('en')} links from SQLite ` +
      `(median of ${runs}): snapshot() ${f.snapshotMs} ms (runs: ${snapshots.map(round).join(', ')}; cold, rows read and cache written, ` +
      `${f.coldSnapshotMs} ms; warm, from the cache, ${f.warmSnapshotMs} ms), ` +
      `fromSnapshot (compile + fixed point) ${f.fromSnapshotMs} ms, chains() + bottlenecks() ${f.answersMs} ms; ` +
      `first answer from the store ${f.totalMs} ms; maxRSS ${f.maxRssMb} MB`,
  );
  return f;
}
