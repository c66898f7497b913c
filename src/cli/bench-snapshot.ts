/**
 * Snapshot benchmark (`linkage bench --only snapshot`): a million enterprises and about six
 * million links in a SQLite store file (made once, then reused: bench-store-file.ts), read
 * with snapshot() and compiled as a process does when it starts or falls back to a full
 * reload, then the first complete answer from it. Then a small import (100 enterprises, 500
 * links) with the cache kept current by the import, timed against the same import without, and
 * the first snapshot() after it in another connection, as another process reads it.
 */
import fs from 'node:fs';
import { IncrementalAnalysis } from '../analysis';
import { openSqlite } from '../infra/sqlite/open';
import { SqliteStore } from '../graph';
import type { ImportDocument } from '../graph';
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
  /** A small import (100 enterprises, 500 links) that keeps the cache current. */
  importKeepingMs: number;
  /** The same size of import with the cache left stale (as before imports kept it). */
  importMs: number;
  /** The first snapshot() after the import that kept the cache, on another connection. */
  afterImportSnapshotMs: number;
  maxRssMb: number;
}

/** 100 new enterprises, each supplying 5 parts (one new) to existing leaders; `tag` keeps the ids new on every run. */
function smallImport(tag: string, leaders: readonly string[]): ImportDocument {
  const enterprises: ImportDocument['enterprises'] = [];
  const links: ImportDocument['links'] = [];
  for (let i = 0; i < 100; i++) {
    const id = `bench-${tag}-${i}`;
    enterprises.push({ id, name: `Bench ${tag} ${i}`, role: 'supplier', industry: 'automotive', province: '420000', status: 'resumed' });
    for (let k = 0; k < 5; k++)
      links.push({ supplier: id, customer: leaders[(i * 5 + k) % leaders.length], part: k === 0 ? `bench part ${tag}` : `part ${k}`, critical: k % 2 === 0 });
  }
  return { enterprises, links, statusReports: [] };
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
  let importKeepingMs = NaN;
  let importMs = NaN;
  let afterImportSnapshotMs = NaN;
  let cacheKept = false;
  let enterprises = 0;
  let links = 0;
  let leaders: string[] = [];
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
      if (r === 0) leaders = snapshot.columns!.ids.filter((_, i) => snapshot.columns!.role[i] === 1).slice(0, 1000);
      snapshots.push(snapshotMs);
      compiles.push(fromSnapshotMs);
      answers.push(answersMs);
      totals.push(snapshotMs + fromSnapshotMs + answersMs);
    }
    // The cache is current now (the last snapshot); an import keeps it so.
    const tag = Date.now().toString(36);
    const ctx = { actor: 'bench', now: new Date() };
    let t0 = performance.now();
    const kept = await store.applyImport(smallImport(`${tag}a`, leaders), ctx);
    importKeepingMs = ms(t0);
    const check = openSqlite(file);
    cacheKept = check.prepare("SELECT revision FROM snapshot_cache WHERE key = 'snapshot'").pluck().get() === kept.revision;
    check.close();
    const other = new SqliteStore({ file });
    await other.init();
    try {
      t0 = performance.now();
      const after = await other.snapshot();
      afterImportSnapshotMs = ms(t0);
      if (after.revision !== kept.revision || after.columns!.ids.length !== enterprises + 100) throw new Error('bench: the snapshot after the import is not its revision');
    } finally {
      await other.close();
    }
    // The same import with the cache left stale (the next snapshot reads rows).
    const stale = new SqliteStore({ file, importCacheMinLinks: Infinity });
    await stale.init();
    try {
      t0 = performance.now();
      await stale.applyImport(smallImport(`${tag}b`, leaders), ctx);
      importMs = ms(t0);
    } finally {
      await stale.close();
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
    importKeepingMs: round(importKeepingMs),
    importMs: round(importMs),
    afterImportSnapshotMs: round(afterImportSnapshotMs),
    maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  };
  log(
    `snapshot ${f.enterprises.toLocaleString('en')} enterprises, ${f.links.toLocaleString('en')} links from SQLite ` +
      `(median of ${runs}): snapshot() ${f.snapshotMs} ms (runs: ${snapshots.map(round).join(', ')}; cold, rows read and cache written, ` +
      `${f.coldSnapshotMs} ms; warm, from the cache, ${f.warmSnapshotMs} ms), ` +
      `fromSnapshot (compile + fixed point) ${f.fromSnapshotMs} ms, chains() + bottlenecks() ${f.answersMs} ms; ` +
      `first answer from the store ${f.totalMs} ms; an import of 100 enterprises and 500 links ` +
      `${cacheKept ? 'keeping the cache' : '(below IMPORT_CACHE_MIN_LINKS: cache left stale)'} ${f.importKeepingMs} ms ` +
      `(${f.importMs} ms leaving it stale), the first snapshot() after it on another connection ${f.afterImportSnapshotMs} ms; maxRSS ${f.maxRssMb} MB`,
  );
  return f;
}
