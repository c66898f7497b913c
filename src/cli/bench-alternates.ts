/**
 * Benchmark of alternate suppliers (`linkage bench --only alternates`, CONTRACT §8): what
 * GET /api/chains/:leaderId/alternates computes, timed cold (the per-revision index built
 * afresh, as for the first request after a status report) for every blocked leader of the
 * demonstration scenario, and for the leader with the most candidates on a generated
 * network of 200,000 enterprises. Targets: ≤ 50 ms p99 (demo), ≤ 1 s (200k). Then at
 * 1,000,000 enterprises (issue #17: the budgets hold at that size), over a sample of the
 * blocked leaders, since answering all 9,000 takes most of an hour.
 */
import { AlternateSuppliers, analyze, compileNetwork, type ChainAnalysis, type EnterpriseFacts } from '../analysis';
import { DEFAULTS } from '../shared/config';
import { generateScenario } from '../scenario';
import { snapshotFacts, snapshotOfDocument } from './analyze';
import { generateNetwork } from './bench-analysis';

export interface AlternatesFigures {
  demoBlockedLeaders: number;
  demoP50Ms: number;
  demoP99Ms: number;
  demoMaxMs: number;
  /** The same with the revision's index already built (every request after the first). */
  demoWarmP99Ms: number;
  largeEnterprises: number;
  largeLeader: string;
  largeGroups: number;
  largeCandidates: number;
  largeMedianMs: number;
  largeMaxMs: number;
  /** At 1,000,000 enterprises (absent with `hugeSize: 0`). */
  huge?: HugeFigures;
}

export interface HugeFigures {
  enterprises: number;
  blockedLeaders: number;
  /** The revision's index (AlternateSuppliers) built once. */
  indexMs: number;
  /** Leaders answered with the index built: an even sample of the blocked leaders, in id order. */
  sampled: number;
  warmP50Ms: number;
  warmP99Ms: number;
  warmMaxMs: number;
  /** The sampled leader with the most candidates, answered cold (index built, answer, names). */
  heaviestLeader: string;
  heaviestCandidates: number;
  heaviestColdMedianMs: number;
  heaviestColdMaxMs: number;
}

const ms = (t0: number) => performance.now() - t0;
const round = (x: number) => Math.round(x * 1000) / 1000;
const quantile = (sorted: number[], q: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : 0);

/** One request's computation: the index of the revision, the leader's answer, its names. */
function answer(analysis: ChainAnalysis, leader: string, facts: EnterpriseFacts, index?: AlternateSuppliers) {
  const out = (index ?? new AlternateSuppliers(analysis)).forLeader(leader, { limit: 5, facts });
  const names = new Set<string>([leader]);
  for (const g of out.groups) {
    names.add(g.customer);
    for (const c of g.candidates) for (const id of [c.id, ...c.clears]) names.add(id);
  }
  for (const id of names) facts.name(id);
  return out;
}

export async function benchAlternates(
  opts: { log?: (line: string) => void; largeSize?: number; hugeSize?: number; sample?: number; rounds?: number } = {},
): Promise<AlternatesFigures> {
  const log = opts.log ?? (() => undefined);
  const rounds = opts.rounds ?? 20;

  const snapshot = snapshotOfDocument(generateScenario({ asOf: DEFAULTS.DEMO_AS_OF }), DEFAULTS.DEMO_AS_OF);
  const demo = analyze(snapshot);
  const facts = snapshotFacts(snapshot);
  const blocked = demo.blockedLeaderIds();
  for (const l of blocked) answer(demo, l, facts); // warm-up
  const cold: number[] = [];
  const warm: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const l of blocked) {
      const t0 = performance.now();
      answer(demo, l, facts);
      cold.push(ms(t0));
    }
    const index = new AlternateSuppliers(demo);
    for (const l of blocked) {
      const t0 = performance.now();
      answer(demo, l, facts, index);
      warm.push(ms(t0));
    }
  }
  cold.sort((a, b) => a - b);
  warm.sort((a, b) => a - b);

  const size = opts.largeSize ?? 200_000;
  const net = compileNetwork(generateNetwork(size, 2020));
  const large = analyze(net);
  const capacity = (id: string) => {
    const i = net.index.get(id);
    return i === undefined ? null : (i * 37) % 101;
  };
  const largeFacts: EnterpriseFacts = { name: (id) => id, capacityPct: capacity };
  const index = new AlternateSuppliers(large);
  let best = { leader: '', candidates: -1, groups: 0 };
  for (const l of large.blockedLeaderIds()) {
    const a = index.forLeader(l, { limit: 5, facts: largeFacts });
    const candidates = a.groups.reduce((n, g) => n + g.candidateCount, 0);
    if (candidates > best.candidates) best = { leader: l, candidates, groups: a.groups.length };
  }
  const times: number[] = [];
  for (let r = 0; r < Math.max(3, Math.floor(rounds / 4)); r++) {
    const t0 = performance.now();
    answer(large, best.leader, largeFacts);
    times.push(ms(t0));
  }
  times.sort((a, b) => a - b);

  const f: AlternatesFigures = {
    demoBlockedLeaders: blocked.length,
    demoP50Ms: round(quantile(cold, 0.5)),
    demoP99Ms: round(quantile(cold, 0.99)),
    demoMaxMs: round(cold[cold.length - 1] ?? 0),
    demoWarmP99Ms: round(quantile(warm, 0.99)),
    largeEnterprises: net.size,
    largeLeader: best.leader,
    largeGroups: best.groups,
    largeCandidates: Math.max(0, best.candidates),
    largeMedianMs: round(quantile(times, 0.5)),
    largeMaxMs: round(times[times.length - 1] ?? 0),
  };
  log(
    `alternates, demo (${f.demoBlockedLeaders} blocked leaders × ${rounds}): cold p50 ${f.demoP50Ms} ms, p99 ${f.demoP99Ms} ms, ` +
      `max ${f.demoMaxMs} ms (target ≤ 50 ms p99); with the revision's index built: p99 ${f.demoWarmP99Ms} ms`,
  );
  log(
    `alternates, ${f.largeEnterprises.toLocaleString('en')} enterprises, leader with the most candidates (${f.largeLeader}: ` +
      `${f.largeGroups} groups, ${f.largeCandidates.toLocaleString('en')} candidates): median ${f.largeMedianMs} ms, ` +
      `max ${f.largeMaxMs} ms cold (target ≤ 1 s)`,
  );
  const hugeSize = opts.hugeSize ?? 1_000_000;
  if (hugeSize > 0) {
    const h = benchHuge(hugeSize, opts.sample ?? 200);
    f.huge = h;
    log(
      `alternates, ${h.enterprises.toLocaleString('en')} enterprises: index ${h.indexMs} ms; ${h.sampled} of ${h.blockedLeaders} blocked leaders ` +
        `(an even sample) with the index built: p50 ${h.warmP50Ms} ms, p99 ${h.warmP99Ms} ms, max ${h.warmMaxMs} ms; the heaviest of them ` +
        `(${h.heaviestLeader}, ${h.heaviestCandidates.toLocaleString('en')} candidates) cold: median ${h.heaviestColdMedianMs} ms, max ${h.heaviestColdMaxMs} ms (target ≤ 1 s)`,
    );
  }
  return f;
}

function benchHuge(size: number, sample: number): HugeFigures {
  const net = compileNetwork(generateNetwork(size, 2020));
  const analysis = analyze(net);
  const facts: EnterpriseFacts = { name: (id) => id, capacityPct: (id) => ((net.index.get(id) ?? 0) * 37) % 101 };
  let t0 = performance.now();
  const index = new AlternateSuppliers(analysis);
  const indexMs = ms(t0);
  const blocked = analysis.blockedLeaderIds();
  const step = Math.max(1, Math.floor(blocked.length / sample));
  const times: number[] = [];
  let heaviest = { leader: '', candidates: -1 };
  for (let i = 0; i < blocked.length && times.length < sample; i += step) {
    t0 = performance.now();
    const a = answer(analysis, blocked[i], facts, index);
    times.push(ms(t0));
    const candidates = a.groups.reduce((n, g) => n + g.candidateCount, 0);
    if (candidates > heaviest.candidates) heaviest = { leader: blocked[i], candidates };
  }
  times.sort((a, b) => a - b);
  const cold: number[] = [];
  for (let r = 0; r < 3; r++) {
    t0 = performance.now();
    answer(analysis, heaviest.leader, facts);
    cold.push(ms(t0));
  }
  cold.sort((a, b) => a - b);
  return {
    enterprises: net.size,
    blockedLeaders: blocked.length,
    indexMs: round(indexMs),
    sampled: times.length,
    warmP50Ms: round(quantile(times, 0.5)),
    warmP99Ms: round(quantile(times, 0.99)),
    warmMaxMs: round(times[times.length - 1] ?? 0),
    heaviestLeader: heaviest.leader,
    heaviestCandidates: Math.max(0, heaviest.candidates),
    heaviestColdMedianMs: round(quantile(cold, 0.5)),
    heaviestColdMaxMs: round(cold[cold.length - 1] ?? 0),
  };
}
