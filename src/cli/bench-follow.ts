/**
 * Follower benchmark (`linkage bench --only follow`): two ChainStates on two connections to one
 * SQLite file stand for two processes. One writes status reports (and applies its own, as an API
 * does); the other watches the store every `pollMs` and applies the change log. Figures:
 * - visibility: from the start of a write on the first to the revision reaching the second's
 *   analysis (poll interval included), p50 and max, at 200,000 enterprises;
 * - CPU per applied status change on the follower (reading the log, the incremental analysis,
 *   the directory and the runway records), at 200,000 and 1,000,000 enterprises;
 * and, for comparison, what a snapshot reload (the fallback) costs at each size.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { IncrementalAnalysis } from '../analysis';
import { SqliteStore, type ImportDocument, type Status } from '../graph';
import { ChainState } from '../runtime/chain-state';
import { Metrics } from '../shared/metrics';
import { generateNetwork, toSnapshot } from './bench-analysis';

export interface FollowBenchOptions {
  /** Enterprises of the visibility run (default 200,000). */
  visibilitySize?: number;
  /** Enterprises of the CPU runs (default 200,000 and 1,000,000). */
  cpuSizes?: number[];
  /** Status writes per run (default 30). */
  writes?: number;
  /** The follower's poll interval (default 20 ms). */
  pollMs?: number;
  log?: (line: string) => void;
}

export interface FollowFigures {
  size: number;
  /** Visibility delays, ms (the visibility run only). */
  visibility?: { p50: number; max: number; writes: number };
  /** Follower CPU per applied status change, ms. */
  cpu: { mean: number; p50: number; max: number };
  /** The follower's start: snapshot read and full analysis, ms. */
  reloadMs: number;
  /** Snapshot reloads the follower made after its start (0 when it followed the log throughout). */
  reloadsAfterStart: number;
}

const CTX = { actor: 'bench', now: new Date('2020-03-24T08:00:00Z') };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const round = (x: number) => Math.round(x * 100) / 100;
const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

/** A SQLite file holding the generated network of `size` enterprises. */
async function generatedStore(size: number, file: string, log: (line: string) => void): Promise<string[]> {
  const t0 = performance.now();
  const snapshot = toSnapshot(generateNetwork(size, 2020));
  const doc: ImportDocument = {
    enterprises: snapshot.enterprises.map((e) => ({ id: e.id, name: `Enterprise ${e.id}`, role: e.role, industry: e.industry, province: e.province, status: e.status })),
    links: snapshot.links,
    statusReports: [],
  };
  const store = new SqliteStore({ file });
  await store.init();
  await store.applyImport(doc, CTX);
  await store.close();
  log(`  ${size.toLocaleString('en')} enterprises / ${doc.links.length.toLocaleString('en')} links generated and stored in ${round((performance.now() - t0) / 1000)} s`);
  // Suppliers that are not suspended yet: the writes suspend and resume them.
  return snapshot.enterprises.filter((e) => e.role === 'supplier' && e.status !== 'suspended').map((e) => e.id);
}

async function followerOn(file: string, metrics: Metrics): Promise<{ store: SqliteStore; chains: ChainState; reloadMs: number }> {
  const store = new SqliteStore({ file });
  await store.init();
  const chains = new ChainState(store, 60_000, metrics);
  const t0 = performance.now();
  await chains.catchUp();
  return { store, chains, reloadMs: performance.now() - t0 };
}

const reloads = async (metrics: Metrics) => (await metrics.analysisReloads.get()).values.reduce((n, v) => n + v.value, 0);

/** The k-th write: suspend a fresh supplier, or resume the one suspended just before. */
function statusOf(k: number, suppliers: readonly string[]): { enterprise: string; status: Status } {
  const i = Math.floor(k / 2) * 7919;
  return { enterprise: suppliers[i % suppliers.length], status: k % 2 === 0 ? 'suspended' : 'resumed' };
}

async function run(
  size: number,
  opts: Required<Omit<FollowBenchOptions, 'log' | 'visibilitySize' | 'cpuSizes'>> & { visibility: boolean },
  log: (line: string) => void,
): Promise<FollowFigures> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linkage-bench-follow-'));
  const file = path.join(dir, 'follow.sqlite');
  const open: SqliteStore[] = [];
  try {
    const suppliers = await generatedStore(size, file, log);
    const metrics = new Metrics({ defaultMetrics: false });
    const follower = await followerOn(file, metrics);
    open.push(follower.store);
    const startReloads = await reloads(metrics);
    const writerStore = new SqliteStore({ file });
    await writerStore.init();
    open.push(writerStore);
    // The visibility run's writer applies its own writes, as an API does; in the CPU runs it
    // only writes (a second analysis of a million enterprises in one heap would time the GC).
    const writer = opts.visibility ? new ChainState(writerStore, 60_000) : null;
    await writer?.catchUp();
    let k = 0;
    const write = async () => {
      const { change } = await writerStore.appendStatusReport({ ...statusOf(k++, suppliers), asOf: '2020-03-10' }, CTX);
      await writer?.changed(change);
      return change.revision;
    };

    let visibility: FollowFigures['visibility'];
    if (opts.visibility) {
      follower.chains.watch(opts.pollMs);
      // The watcher's timer does not hold the process open (unref): this one does, meanwhile.
      const keepAlive = setInterval(() => undefined, 1_000);
      const delays: number[] = [];
      for (let w = 0; w < opts.writes; w++) {
        // Writes land at random points of the poll cycle.
        await sleep(Math.random() * 2 * opts.pollMs);
        const t0 = performance.now();
        const revision = await write();
        while (follower.chains.revision < revision)
          await new Promise<void>((resolve) => {
            const off = follower.chains.onRevision(() => (off(), resolve()));
          });
        delays.push(performance.now() - t0);
      }
      follower.chains.stopWatching();
      clearInterval(keepAlive);
      delays.sort((a, b) => a - b);
      visibility = { p50: round(quantile(delays, 0.5)), max: round(delays[delays.length - 1]), writes: delays.length };
    }

    // CPU of the follower alone: it catches up after each write, with nothing else running.
    const cpu: number[] = [];
    for (let w = 0; w < opts.writes; w++) {
      const revision = await write();
      const c0 = process.cpuUsage();
      await follower.chains.catchUp();
      const c = process.cpuUsage(c0);
      if (follower.chains.revision !== revision) throw new Error(`follower at ${follower.chains.revision}, not ${revision}`);
      cpu.push((c.user + c.system) / 1000);
    }
    const reloadsAfterStart = (await reloads(metrics)) - startReloads;
    cpu.sort((a, b) => a - b);

    // The follower answers what a fresh load of the store does.
    const fresh = IncrementalAnalysis.fromSnapshot(await follower.store.snapshot());
    const { analysis } = await follower.chains.view();
    const same = JSON.stringify(fresh.counts()) === JSON.stringify(analysis.counts()) && JSON.stringify(fresh.chains()) === JSON.stringify(analysis.chains());
    if (!same) throw new Error('the follower does not answer what a fresh load does');

    const figures: FollowFigures = {
      size,
      visibility,
      cpu: { mean: round(cpu.reduce((a, b) => a + b, 0) / cpu.length), p50: round(quantile(cpu, 0.5)), max: round(cpu[cpu.length - 1]) },
      reloadMs: round(follower.reloadMs),
      reloadsAfterStart,
    };
    const seen = visibility ? `visible on the follower p50 ${visibility.p50} ms, max ${visibility.max} ms (${visibility.writes} writes, poll ${opts.pollMs} ms); ` : '';
    log(
      `  follow, ${size.toLocaleString('en')} enterprises: ${seen}follower CPU per applied status change mean ${figures.cpu.mean} ms, p50 ${figures.cpu.p50} ms, max ${figures.cpu.max} ms (${cpu.length} changes); ` +
        `snapshot reloads after start ${reloadsAfterStart}; a reload (the fallback) takes ${figures.reloadMs} ms; answers equal a fresh load`,
    );
    return figures;
  } finally {
    for (const s of open) await s.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchFollow(opts: FollowBenchOptions = {}): Promise<FollowFigures[]> {
  const log = opts.log ?? (() => undefined);
  const common = { writes: opts.writes ?? 30, pollMs: opts.pollMs ?? 20 };
  const visibilitySize = opts.visibilitySize ?? 200_000;
  log(
    `follow bench: load average ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')} on ${os.cpus().length} cores`,
  );
  const out = [await run(visibilitySize, { ...common, visibility: true }, log)];
  for (const size of opts.cpuSizes ?? [1_000_000]) if (size !== visibilitySize) out.push(await run(size, { ...common, visibility: false }, log));
  log(
    `follow bench: load average after ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}`,
  );
  return out;
}
