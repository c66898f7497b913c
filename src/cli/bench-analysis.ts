/**
 * Benchmark of the chain analysis (`linkage bench --only analysis`): compile time, full
 * analysis time, query times, incremental status updates, and memory, on seeded synthetic
 * networks of 7,000 and 1,000,000 enterprises.
 *
 * Networks are generated directly as compact arrays (no per-link objects). Compiling is
 * timed from compact arrays and from a store-style ChainSnapshot; the graphology path
 * (buildSupplyGraph → compile) is timed at small sizes only, because a graphology graph of
 * millions of edges is slow to build and heavy, and is not how the analysis runs at scale.
 * Never part of the test suite: figures depend on the machine.
 */
import { cpus, loadavg } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { analyze, buildSupplyGraph, compileNetwork, IncrementalAnalysis, rootSearchStats, type CompactNetwork, type CompiledNetwork } from '../analysis';
import { PROVINCES } from '../shared/provinces';
import type { ChainSnapshot } from '../graph/store';
import { runCReference, type CReferenceFigures } from './c-reference';
import { mulberry32 } from '../shared/prng';

export interface BenchOptions {
  /** Network sizes in enterprises; default [7_000, 1_000_000]. */
  sizes?: number[];
  /** Where to print lines; default: nothing printed. */
  log?: (line: string) => void;
  /** PRNG seed; default 2020. */
  seed?: number;
  /** Status updates timed per size; default 1,000. */
  updates?: number;
}

export interface SizeFigures {
  enterprises: number;
  links: number;
  leaders: number;
  down: number;
  blocked: number;
  blockedLeaders: number;
  generateMs: number;
  /**
   * The first complete answer of the size: compile from arrays, fixed point, chains(),
   * bottlenecks(), on a fresh network, after a full garbage collection (at 1M the smaller
   * size ran first in the process).
   */
  firstAnswer: {
    /** Whether a helper thread took part in the root searches (src/analysis/parallel-search.ts). */
    helperJoined: boolean;
    compileMs: number;
    fixedPointMs: number;
    chainsMs: number;
    bottlenecksMs: number;
    totalMs: number;
  };
  /** The C reference's fixed point on the same graph, this run (scripts/fixed-point.c); null without a C compiler. */
  cFixedPoint: CReferenceFigures | null;
  compileCompactMs: number;
  compileSnapshotMs: number;
  /** buildSupplyGraph + compile; only measured up to 100,000 enterprises. */
  compileGraphMs: number | null;
  /** Full analysis (availability, linear propagation) on the compiled network: median. */
  analysisMedianMs: number;
  analysisRuns: number;
  /** chains() on a fresh analysis (builds the root index: every root's reach, trials): median. */
  chainsMs: number;
  /** The very first chains() of the process, before the code is warm. */
  chainsColdMs: number;
  /** bottlenecks() after chains() (ranking from the cached root index): median. */
  bottlenecksMs: number;
  bottlenecks: number;
  /** One suspension of an operating enterprise, incremental. */
  suspendP50Ms: number;
  suspendP99Ms: number;
  suspendMaxMs: number;
  /** The matching re-resumption (region re-propagation). */
  resumeP50Ms: number;
  resumeP99Ms: number;
  rssAfterMb: number;
}

export interface BenchFigures {
  node: string;
  /** 1-minute load average when the benchmark started: other work on the machine skews wall times. */
  loadAverage: number;
  sizes: SizeFigures[];
  /** Largest process.memoryUsage().rss sampled between phases, MB. */
  peakRssSampledMb: number;
  /** process.resourceUsage().maxRSS (the kernel's high-water mark), MB. */
  maxRssMb: number;
}

/** Share of enterprises per tier, tier 0 being the leaders. */
const TIER_SHARES = [0.01, 0.09, 0.15, 0.2, 0.25, 0.3];
const PART_POOL = 5_000;

/**
 * A tiered synthetic network: leaders (1%) at tier 0, suppliers in tiers 1–5. Every
 * enterprise above the last tier needs 3–5 parts (partsPerCustomer), each from 1–3 alternates in the next tier
 * (sometimes two tiers down), chosen near its own position so that supply regions cluster
 * as in real economies; 10% of links are non-critical; 1% of customers in tiers 2–5 also
 * take a part from a tier closer to the leaders (cycles); the last tier trades one part
 * among itself. `suspendedFraction` of enterprises, chosen at random, are suspended.
 */
export function generateNetwork(
  enterprises: number,
  seed = 2020,
  suspendedFraction = 0.1,
  /** Parts each customer above the last tier needs: fewest and most. */
  partsPerCustomer: readonly [number, number] = [3, 5],
): CompactNetwork {
  const random = mulberry32(seed);
  const int = (n: number) => Math.floor(random() * n);
  const n = enterprises;
  const bounds = [0];
  for (const share of TIER_SHARES) bounds.push(Math.min(n, bounds[bounds.length - 1] + Math.max(1, Math.round(share * n))));
  bounds[bounds.length - 1] = n;
  const tiers = TIER_SHARES.length;
  const tierOf = (i: number) => {
    let t = 0;
    while (i >= bounds[t + 1]) t++;
    return t;
  };

  const ids: string[] = new Array(n);
  const role = new Uint8Array(n);
  const status = new Uint8Array(n);
  const provinceOf = new Int32Array(n);
  const industryOf = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    ids[i] = `E${i}`;
    role[i] = i < bounds[1] ? 1 : 0;
    status[i] = random() < suspendedFraction ? 2 : random() < 0.1 ? 1 : 0;
    provinceOf[i] = int(PROVINCES.length);
    industryOf[i] = int(4);
  }

  let cap = Math.ceil(n * 6);
  let sup = new Int32Array(cap);
  let cus = new Int32Array(cap);
  let prt = new Int32Array(cap);
  let crit = new Uint8Array(cap);
  let m = 0;
  const push = (s: number, c: number, p: number, critical: boolean) => {
    if (m === cap) {
      cap *= 2;
      const grow32 = (a: Int32Array) => {
        const b = new Int32Array(cap);
        b.set(a);
        return b;
      };
      sup = grow32(sup);
      cus = grow32(cus);
      prt = grow32(prt);
      const c2 = new Uint8Array(cap);
      c2.set(crit);
      crit = c2;
    }
    sup[m] = s;
    cus[m] = c;
    prt[m] = p;
    crit[m] = critical ? 1 : 0;
    m++;
  };
  /** A random enterprise of tier t near relative position pos (0..1). */
  const near = (t: number, pos: number) => {
    const lo = bounds[t];
    const size = bounds[t + 1] - lo;
    const spread = Math.max(8, Math.round(size * 0.002));
    const centre = lo + Math.floor(pos * size);
    const x = centre + int(2 * spread + 1) - spread;
    return Math.min(bounds[t + 1] - 1, Math.max(lo, x));
  };

  for (let c = 0; c < n; c++) {
    const t = tierOf(c);
    const pos = (c - bounds[t]) / Math.max(1, bounds[t + 1] - bounds[t]);
    if (t === tiers - 1) {
      const s = near(t, pos);
      if (s !== c) push(s, c, int(PART_POOL), random() < 0.9);
      continue;
    }
    const parts = partsPerCustomer[0] + int(partsPerCustomer[1] - partsPerCustomer[0] + 1);
    const first = int(PART_POOL);
    for (let k = 0; k < parts; k++) {
      const part = (first + k * 7) % PART_POOL;
      const r = random();
      const alternates = r < 0.45 ? 1 : r < 0.85 ? 2 : 3;
      const critical = random() < 0.9;
      const from = t + 2 < tiers && random() < 0.15 ? t + 2 : t + 1;
      const chosen: number[] = [];
      for (let a = 0; a < alternates; a++) {
        const s = near(from, pos);
        if (chosen.includes(s)) continue;
        chosen.push(s);
        push(s, c, part, critical);
      }
    }
    if (t >= 2 && random() < 0.01) push(near(t - 1, pos), c, (first + 3) % PART_POOL, true);
  }

  const parts: string[] = Array.from({ length: PART_POOL }, (_, p) => `part-${p}`);
  return {
    revision: 1,
    ids,
    role,
    status,
    provinces: PROVINCES.map((p) => p.code),
    provinceOf,
    industries: ['automotive', 'electronics', 'machinery', 'chemicals'],
    industryOf,
    parts,
    linkSupplier: sup.slice(0, m),
    linkCustomer: cus.slice(0, m),
    linkPart: prt.slice(0, m),
    linkCritical: crit.slice(0, m),
  };
}

/** The same network as a store snapshot (objects), to time the snapshot path. */
export function toSnapshot(c: CompactNetwork): ChainSnapshot {
  const statusNames = ['resumed', 'partial', 'suspended'] as const;
  const enterprises = c.ids.map((id, i) => ({
    id,
    role: c.role[i] === 1 ? ('leader' as const) : ('supplier' as const),
    province: c.provinces[c.provinceOf[i]],
    industry: c.industries[c.industryOf[i]],
    status: statusNames[c.status[i]],
  }));
  const links = new Array(c.linkSupplier.length);
  for (let k = 0; k < links.length; k++) {
    links[k] = {
      supplier: c.ids[c.linkSupplier[k]],
      customer: c.ids[c.linkCustomer[k]],
      part: c.parts[c.linkPart[k]],
      critical: c.linkCritical[k] === 1,
    };
  }
  return { revision: c.revision ?? 1, enterprises, links };
}

const ms = (t0: number) => performance.now() - t0;

/** A full garbage collection, when V8 lets the flag be set at run time (it does on Node 20). */
function fullGc(): void {
  try {
    setFlagsFromString('--expose-gc');
    (runInNewContext('gc') as () => void)();
  } catch {
    // No collection: the figure then includes whatever the collector does meanwhile.
  }
}
const round = (x: number) => Math.round(x * 1000) / 1000;

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

export async function benchAnalysis(opts: BenchOptions = {}): Promise<BenchFigures> {
  const sizes = opts.sizes ?? [7_000, 1_000_000];
  const log = opts.log ?? (() => undefined);
  const seed = opts.seed ?? 2020;
  const updates = opts.updates ?? 1_000;
  let peakRss = 0;
  const sample = () => {
    const rss = process.memoryUsage().rss;
    if (rss > peakRss) peakRss = rss;
    return rss;
  };
  const mb = (bytes: number) => Math.round(bytes / 2 ** 20);
  const out: SizeFigures[] = [];
  const loadAverage = Math.round(loadavg()[0] * 100) / 100;
  log(`analysis bench: load average ${loadAverage} on ${cpus().length} cores`);

  for (const size of sizes) {
    sample();
    let t0 = performance.now();
    const compact = generateNetwork(size, seed);
    const generateMs = ms(t0);
    sample();

    // The first complete answer, before anything else runs on this network, and after a full
    // collection: the generator's garbage (millions of temporary objects) is not the analysis'.
    fullGc();
    const searchesBefore = rootSearchStats();
    t0 = performance.now();
    const net: CompiledNetwork = compileNetwork(compact);
    const compileCompactMs = ms(t0);
    t0 = performance.now();
    const first = analyze(net);
    const firstFixedPointMs = ms(t0);
    t0 = performance.now();
    first.chains();
    const firstChainsMs = ms(t0);
    t0 = performance.now();
    first.bottlenecks();
    const firstBottlenecksMs = ms(t0);
    const helperJoined = rootSearchStats().joined > searchesBefore.joined;
    const firstAnswer = {
      helperJoined,
      compileMs: round(compileCompactMs),
      fixedPointMs: round(firstFixedPointMs),
      chainsMs: round(firstChainsMs),
      bottlenecksMs: round(firstBottlenecksMs),
      totalMs: round(compileCompactMs + firstFixedPointMs + firstChainsMs + firstBottlenecksMs),
    };
    sample();

    let snapshot: ChainSnapshot | undefined = toSnapshot(compact);
    sample();
    t0 = performance.now();
    compileNetwork(snapshot);
    const compileSnapshotMs = ms(t0);
    sample();

    let compileGraphMs: number | null = null;
    if (size <= 100_000) {
      t0 = performance.now();
      compileNetwork(buildSupplyGraph(snapshot));
      compileGraphMs = ms(t0);
      sample();
    }
    snapshot = undefined;

    // Warm up, then time the full analysis on the compiled network.
    const runs = size <= 100_000 ? 31 : 5;
    analyze(net);
    const times: number[] = [];
    let analysis = analyze(net);
    for (let r = 0; r < runs; r++) {
      t0 = performance.now();
      analysis = analyze(net);
      times.push(ms(t0));
      sample();
    }
    times.sort((a, b) => a - b);
    const counts = analysis.counts();
    // Same graph, same run: the reference is timed right after the analysis's fixed point.
    const reference = runCReference(compact, runs);
    if (typeof reference !== 'string' && (reference.down !== counts.down || reference.blocked !== counts.blocked)) {
      throw new Error(`bench: the C reference found ${reference.down} down / ${reference.blocked} blocked, the analysis ${counts.down} / ${counts.blocked}`);
    }

    const chainsTimes: number[] = [];
    const bottleneckTimes: number[] = [];
    let bottlenecks = 0;
    for (let r = 0; r < (size <= 100_000 ? 11 : 3); r++) {
      const fresh = analyze(net);
      t0 = performance.now();
      fresh.chains();
      chainsTimes.push(ms(t0));
      t0 = performance.now();
      bottlenecks = fresh.bottlenecks().length;
      bottleneckTimes.push(ms(t0));
      sample();
    }
    const chainsColdMs = chainsTimes[0];
    chainsTimes.sort((a, b) => a - b);
    bottleneckTimes.sort((a, b) => a - b);

    // Incremental: suspend an operating enterprise, then resume it; both timed.
    const inc = new IncrementalAnalysis(net);
    const random = mulberry32(seed + size);
    const suspendTimes: number[] = [];
    const resumeTimes: number[] = [];
    for (let k = 0; k < updates; k++) {
      let x: number;
      do x = Math.floor(random() * net.size);
      while (inc.availability(net.ids[x]) !== 'operating');
      const id = net.ids[x];
      const status = inc.status(id);
      t0 = performance.now();
      inc.setStatus(id, 'suspended');
      suspendTimes.push(ms(t0));
      t0 = performance.now();
      inc.setStatus(id, status);
      resumeTimes.push(ms(t0));
    }
    suspendTimes.sort((a, b) => a - b);
    resumeTimes.sort((a, b) => a - b);
    const rssAfter = sample();

    const f: SizeFigures = {
      enterprises: net.size,
      links: net.linkCount,
      leaders: counts.leaders,
      down: counts.down,
      blocked: counts.blocked,
      blockedLeaders: counts.blockedLeaders,
      generateMs: round(generateMs),
      firstAnswer,
      cFixedPoint: typeof reference === 'string' ? null : reference,
      compileCompactMs: round(compileCompactMs),
      compileSnapshotMs: round(compileSnapshotMs),
      compileGraphMs: compileGraphMs === null ? null : round(compileGraphMs),
      analysisMedianMs: round(quantile(times, 0.5)),
      analysisRuns: runs,
      chainsMs: round(quantile(chainsTimes, 0.5)),
      chainsColdMs: round(chainsColdMs),
      bottlenecksMs: round(quantile(bottleneckTimes, 0.5)),
      bottlenecks,
      suspendP50Ms: round(quantile(suspendTimes, 0.5)),
      suspendP99Ms: round(quantile(suspendTimes, 0.99)),
      suspendMaxMs: round(suspendTimes[suspendTimes.length - 1] ?? 0),
      resumeP50Ms: round(quantile(resumeTimes, 0.5)),
      resumeP99Ms: round(quantile(resumeTimes, 0.99)),
      rssAfterMb: mb(rssAfter),
    };
    out.push(f);
    log(
      `analysis ${f.enterprises.toLocaleString('en')} enterprises, ${f.links.toLocaleString('en')} links ` +
        `(${f.down} down, ${f.blocked} blocked, ${f.blockedLeaders}/${f.leaders} leaders blocked)`,
    );
    log(
      `  compile: ${f.compileCompactMs} ms from arrays, ${f.compileSnapshotMs} ms from snapshot` +
        (f.compileGraphMs === null ? ' (graphology path skipped at this size)' : `, ${f.compileGraphMs} ms from graphology`),
    );
    log(
      `  first complete answer: ${f.firstAnswer.totalMs} ms (compile ${f.firstAnswer.compileMs} + fixed point ` +
        `${f.firstAnswer.fixedPointMs} + chains() ${f.firstAnswer.chainsMs} + bottlenecks() ${f.firstAnswer.bottlenecksMs}; ` +
        `after a full GC; root searches ${f.firstAnswer.helperJoined ? 'shared with the helper thread' : 'on this thread alone'})`,
    );
    log(`  full analysis (fixed point): median ${f.analysisMedianMs} ms over ${runs} runs (compiled network)`);
    log(
      typeof reference === 'string'
        ? `  C reference skipped: ${reference}`
        : `  C reference fixed point (scripts/fixed-point.c, cc -O2, same graph): median ${reference.medianMs} ms, ` +
            `min ${reference.minMs} ms; analysis/C = ${(f.analysisMedianMs / reference.medianMs).toFixed(2)}× (same counts)`,
    );
    log(`  chains(): median ${f.chainsMs} ms (first, cold: ${f.chainsColdMs} ms); ` + `then bottlenecks(): ${f.bottlenecksMs} ms (${f.bottlenecks} bottlenecks)`);
    log(
      `  incremental (${updates}×): suspend p50 ${f.suspendP50Ms} ms, p99 ${f.suspendP99Ms} ms, max ${f.suspendMaxMs} ms; ` +
        `resume p50 ${f.resumeP50Ms} ms, p99 ${f.resumeP99Ms} ms`,
    );
    log(`  rss after: ${f.rssAfterMb} MB`);
  }
  const figures: BenchFigures = {
    node: process.version,
    loadAverage,
    sizes: out,
    peakRssSampledMb: mb(peakRss),
    maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  };
  log(`analysis memory: peak rss sampled ${figures.peakRssSampledMb} MB, maxRSS ${figures.maxRssMb} MB`);
  return figures;
}
