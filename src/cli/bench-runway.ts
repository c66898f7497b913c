/**
 * Benchmark of the runway (`linkage bench --only runway`, CONTRACT §7): the stop-date solution
 * (solveRunway, Dijkstra-style over the compiled groups) and the per-leader answers, on the
 * seeded synthetic networks of the analysis bench (7,000 and 1,000,000 enterprises), with random
 * suspension dates and stock for half of the groups. Memory is the growth of RSS and heap over
 * the network already compiled, i.e. what the runway itself costs.
 * Never part of the test suite: figures depend on the machine.
 */
import { analyze, compileNetwork, Runway, type CompiledNetwork } from '../analysis';
import { NO_STOCK, solveRunway, type RunwayInputs } from '../analysis/runway';
import { dayDate, dayNumber, type CurrentInventory } from '../analysis/runway-report';
import { generateNetwork } from './bench-analysis';
import { mulberry32 } from '../shared/prng';

export interface RunwayBenchOptions {
  sizes?: number[];
  log?: (line: string) => void;
  seed?: number;
}

export interface RunwayFigures {
  enterprises: number;
  links: number;
  groups: number;
  stopping: number;
  /** solveRunway on typed inputs: median. */
  solveMedianMs: number;
  runs: number;
  /** Runway from API-style facts (dates, ids, inventory rows) and every leader's answer: median. */
  answerMedianMs: number;
  /** The full §2 analysis on the same network in the same run: a yardstick for a loaded machine. */
  analysisMedianMs: number;
  /** RSS and heap growth during one solve over the compiled network, MB. */
  extraRssMb: number;
  extraHeapMb: number;
}

const D = '2020-03-24';

function inputs(net: CompiledNetwork, seed: number): RunwayInputs {
  const random = mulberry32(seed);
  const day = dayNumber(D);
  const downSince = new Int32Array(net.size);
  for (let i = 0; i < net.size; i++) downSince[i] = day - Math.floor(random() * 30);
  const stockAsOf = new Int32Array(net.groupCount).fill(NO_STOCK);
  const stockDays = new Int32Array(net.groupCount);
  for (let g = 0; g < net.groupCount; g++) {
    if (random() < 0.5) continue;
    stockAsOf[g] = day - Math.floor(random() * 10);
    stockDays[g] = Math.floor(random() * 16);
  }
  return { downSince, stockAsOf, stockDays };
}

function facts(net: CompiledNetwork, typed: RunwayInputs) {
  const downSince = new Map<string, string>();
  for (let i = 0; i < net.size; i++) if (net.status[i] === 2) downSince.set(net.ids[i], dayDate(typed.downSince[i]));
  const inventories: CurrentInventory[] = [];
  for (let g = 0; g < net.groupCount; g++) {
    if (typed.stockAsOf[g] === NO_STOCK) continue;
    inventories.push({ customer: net.ids[net.groupCustomer[g]], part: net.parts[net.groupPart[g]], days: typed.stockDays[g], asOf: dayDate(typed.stockAsOf[g]) });
  }
  return { date: D, downSince, inventories };
}

const ms = (t0: number) => Math.round((performance.now() - t0) * 1000) / 1000;
const mb = (bytes: number) => Math.round(bytes / 2 ** 20);
const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];

export async function benchRunway(opts: RunwayBenchOptions = {}): Promise<RunwayFigures[]> {
  const sizes = opts.sizes ?? [7_000, 1_000_000];
  const log = opts.log ?? (() => undefined);
  const seed = opts.seed ?? 2020;
  const out: RunwayFigures[] = [];
  for (const size of sizes) {
    const net = compileNetwork(generateNetwork(size, seed));
    const typed = inputs(net, seed + 1);
    const runs = size <= 100_000 ? 51 : 5;
    solveRunway(net, net.status, typed); // warm up
    (globalThis as { gc?: () => void }).gc?.();
    const rss0 = process.memoryUsage().rss;
    const heap0 = process.memoryUsage().heapUsed;
    let t0 = performance.now();
    let sol = solveRunway(net, net.status, typed);
    const first = ms(t0);
    const extraRss = process.memoryUsage().rss - rss0;
    const extraHeap = process.memoryUsage().heapUsed - heap0;
    const solveTimes = [first];
    for (let r = 1; r < runs; r++) {
      t0 = performance.now();
      sol = solveRunway(net, net.status, typed);
      solveTimes.push(ms(t0));
    }
    const analysisTimes: number[] = [];
    for (let r = 0; r < runs; r++) {
      t0 = performance.now();
      analyze(net);
      analysisTimes.push(ms(t0));
    }
    let stopping = 0;
    for (let i = 0; i < net.size; i++) if (sol.stop[i] !== 0x7fffffff) stopping++;

    const f = facts(net, typed);
    const answerTimes: number[] = [];
    for (let r = 0; r < (size <= 100_000 ? 21 : 3); r++) {
      t0 = performance.now();
      new Runway(net, net.status, f).leaders();
      answerTimes.push(ms(t0));
    }
    const figures: RunwayFigures = {
      enterprises: net.size,
      links: net.linkCount,
      groups: net.groupCount,
      stopping,
      solveMedianMs: median(solveTimes),
      runs,
      answerMedianMs: median(answerTimes),
      analysisMedianMs: median(analysisTimes),
      extraRssMb: mb(Math.max(0, extraRss)),
      extraHeapMb: mb(Math.max(0, extraHeap)),
    };
    out.push(figures);
    log(
      `runway ${figures.enterprises.toLocaleString('en')} enterprises, ${figures.links.toLocaleString('en')} links, ` +
        `${figures.groups.toLocaleString('en')} groups (${figures.stopping.toLocaleString('en')} stop)`,
    );
    log(
      `  stop dates (solveRunway): median ${figures.solveMedianMs} ms over ${runs} runs ` +
        `(the §2 analysis in the same run: ${figures.analysisMedianMs} ms); +${figures.extraRssMb} MB rss, +${figures.extraHeapMb} MB heap`,
    );
    log(`  from store-style facts, every leader answered: median ${figures.answerMedianMs} ms (${f.inventories.length.toLocaleString('en')} stock reports)`);
  }
  return out;
}
