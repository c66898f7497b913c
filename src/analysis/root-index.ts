/**
 * Root causes seen from the roots (§2.6, §2.8): for every down enterprise, what it reaches in
 * the blocking graph H. One forward search per down enterprise gives, at once, each root's
 * blockedEnterprises and blockedLeaders counts, every blocked leader's root causes, and the
 * region its resume trial needs (unblocksIfResumed, resume-trial.ts).
 *
 * Cost is the number of (root, blocked enterprise) pairs plus the H edges between them:
 * exact reachability counts have no general shortcut, but H is sparse (only lost parts'
 * suppliers, materialised once in the lost graph) and each search stops at down
 * enterprises, which have no in-edges in H.
 */
import { BLOCKED, DOWN, sortIds } from './codes';
import type { CompiledNetwork } from './compile';
import { hArrays, reachInH, type LostGraph } from './lost-graph';
import { buildHInParallel, runSearches, searchInParallel, searchJob, warmRootSearchHelper, type SearchResult } from './parallel-search';
import { essentialRootBounds } from './essential-roots';
import { ResumeTrial } from './resume-trial';
import type { AvailabilityState } from './state';

export interface RootIndex {
  /** Down enterprises that are a root cause of at least one blocked enterprise, by id. */
  readonly roots: Int32Array;
  /** Parallel to roots: blocked enterprises it is a root cause of. */
  readonly blockedEnterprises: Int32Array;
  /** Parallel to roots: blocked leaders it is a root cause of. */
  readonly blockedLeaders: Int32Array;
  /** Parallel to roots: blocked leaders that would be clear if it alone resumed. */
  readonly unblocksIfResumed: Int32Array;
  /** A blocked leader's root causes (indices, in id order); empty for any other enterprise. */
  rootsOfLeader(leader: number): Int32Array;
  /** A root's blocked leaders (indices, in the order its search reached them); empty for a non-root. */
  leadersOfRoot(root: number): Int32Array;
}

/**
 * Every (root, blocked leader) pair, recorded root after root (roots in id order), then
 * indexed by leader with a stable counting sort: typed arrays instead of an array object per
 * leader and per root, which at a million enterprises (millions of pairs) kept the garbage
 * collector busy for longer than the searches took.
 */
class PairIndex {
  /** Pairs of root position k: pairLeader[rootPairs[k] .. rootPairs[k + 1] - 1]. */
  private readonly rootPairs: Int32Array;
  private readonly pairLeader: Int32Array;
  /** Roots of leader l: leaderRoot[leaderPairs[l] .. leaderPairs[l + 1] - 1]. */
  private readonly leaderPairs: Int32Array;
  private readonly leaderRoot: Int32Array;
  /** roots[rank[r]] === r for a root r (rank of anything else is meaningless). */
  private readonly roots: Int32Array;
  private readonly rank: Int32Array;

  constructor(n: number, roots: Int32Array, rank: Int32Array, rootPairs: Int32Array, pairLeader: Int32Array) {
    this.rootPairs = rootPairs;
    this.pairLeader = pairLeader;
    this.roots = roots;
    this.rank = rank;
    const pairs = pairLeader.length;
    this.leaderPairs = new Int32Array(n + 1);
    for (let p = 0; p < pairs; p++) this.leaderPairs[pairLeader[p] + 1]++;
    for (let i = 1; i <= n; i++) this.leaderPairs[i] += this.leaderPairs[i - 1];
    const next = this.leaderPairs.slice(0, n);
    this.leaderRoot = new Int32Array(pairs);
    placeRoots(roots, rootPairs, pairLeader, next, this.leaderRoot);
  }

  rootsOfLeader(l: number): Int32Array {
    return this.leaderRoot.subarray(this.leaderPairs[l], this.leaderPairs[l + 1]);
  }

  leadersOfRoot(r: number): Int32Array {
    const k = this.rank[r];
    return this.roots[k] !== r ? new Int32Array(0) : this.pairLeader.subarray(this.rootPairs[k], this.rootPairs[k + 1]);
  }
}

function placeRoots(roots: Int32Array, rootPairs: Int32Array, pairLeader: Int32Array, next: Int32Array, leaderRoot: Int32Array): void {
  for (let k = 0; k < roots.length; k++) {
    const r = roots[k];
    for (let p = rootPairs[k], end = rootPairs[k + 1]; p < end; p++) leaderRoot[next[pairLeader[p]]++] = r;
  }
}

export function buildRootIndex(net: CompiledNetwork, state: AvailabilityState): RootIndex {
  const n = net.size;
  // H has at most one edge per link: a network too small for the helper never needs it.
  const parallel = searchInParallel(net.linkCount);
  if (parallel) warmRootSearchHelper();
  // What needs no H is worked out here while the helper thread builds H: the down enterprises
  // in id order (the order answers give); then the essential-root bounds, while it searches.
  const down = downEnterprises(state.avail);
  let downById: Int32Array = new Int32Array(0);
  let filter: TrialFilter | undefined;
  const lost: LostGraph = buildHInParallel(hArrays(net, state), n, parallel, () => {
    downById = rootsById(net, down);
  });
  // The roots: down enterprises with an edge in H. Searches run in index order, where
  // neighbouring roots mostly reach the same region (the order of import), so that memory is
  // warm; their results are then placed in id order, which also lists every leader's root
  // causes in id order.
  const byIndex = withEdges(down, lost.hStart);
  const roots = withEdges(downById, lost.hStart);
  const count = byIndex.length;
  const job = searchJob(net, lost.hStart, lost.hTarget, byIndex, parallel);
  const searched = runSearches(job, parallel, () => {
    filter = trialFilter(net, state);
  });
  const rank = new Int32Array(n);
  for (let q = 0; q < count; q++) rank[roots[q]] = q;
  const enterprises = new Int32Array(count);
  const leaders = new Int32Array(count);
  inRankOrder(byIndex, rank, job.enterprises, enterprises);
  inRankOrder(byIndex, rank, job.leaders, leaders);
  const rootPairs = new Int32Array(count + 1);
  for (let q = 0; q < count; q++) rootPairs[q + 1] = rootPairs[q] + leaders[q];
  const byRank = new Int32Array(rootPairs[count]);
  placeInRankOrder(byIndex, rank, leaders, rootPairs, searched, byRank);
  const unblocks = resumeTrials(net, state, lost, filter!, roots, rootPairs, byRank);
  const index = new PairIndex(n, roots, rank, rootPairs, byRank);
  return {
    roots,
    blockedEnterprises: enterprises,
    blockedLeaders: leaders,
    unblocksIfResumed: unblocks,
    rootsOfLeader: (l) => index.rootsOfLeader(l),
    leadersOfRoot: (r) => index.leadersOfRoot(r),
  };
}

/** out[rank[byIndex[k]]] = values[k]. */
function inRankOrder(byIndex: Int32Array, rank: Int32Array, values: Int32Array, out: Int32Array): void {
  for (let k = 0; k < byIndex.length; k++) out[rank[byIndex[k]]] = values[k];
}

/** Which roots get a resume trial: those in a blocked leader's essential-root bound, and any root of a leader with none. */
interface TrialFilter {
  mayClear: Uint8Array;
  anyRoot: Uint8Array;
  /** Whether any leader has no bound (anyRoot is all 0 otherwise). */
  unbounded: boolean;
}

function trialFilter(net: CompiledNetwork, state: AvailabilityState): TrialFilter {
  const n = net.size;
  const bounds = essentialRootBounds(net, state);
  const mayClear = new Uint8Array(n);
  const anyRoot = new Uint8Array(n);
  let unbounded = false;
  for (const l of net.leaders) {
    if (state.avail[l] !== BLOCKED) continue;
    const bound = bounds.of(l);
    if (bound === null) {
      anyRoot[l] = 1;
      unbounded = true;
    } else for (const r of bound) mayClear[r] = 1;
  }
  return { mayClear, anyRoot, unbounded };
}

/**
 * unblocksIfResumed per root (id order): a resume trial over the root's region, for the few
 * roots the filter lets through; every other root would clear no leader alone.
 */
function resumeTrials(
  net: CompiledNetwork,
  state: AvailabilityState,
  lost: LostGraph,
  filter: TrialFilter,
  roots: Int32Array,
  rootPairs: Int32Array,
  byRank: Int32Array,
): Int32Array {
  const n = net.size;
  const { mayClear, anyRoot, unbounded } = filter;
  const unblocks = new Int32Array(roots.length);
  let trial: ResumeTrial | undefined;
  let scratch: { region: Int32Array; marks: Int32Array } | undefined;
  let epoch = 0;
  for (let q = 0; q < roots.length; q++) {
    const r = roots[q];
    const mine = byRank.subarray(rootPairs[q], rootPairs[q + 1]);
    if (mine.length === 0 || (mayClear[r] !== 1 && !(unbounded && someMarked(anyRoot, mine)))) continue;
    trial ??= new ResumeTrial(net, state);
    scratch ??= { region: new Int32Array(n), marks: new Int32Array(n) };
    const size = reachInH(lost, r, scratch.region, scratch.marks, ++epoch);
    unblocks[q] = trial.cleared(scratch.region, size, scratch.marks, epoch, mine);
  }
  return unblocks;
}

function someMarked(flags: Uint8Array, xs: Int32Array): boolean {
  for (let i = 0; i < xs.length; i++) if (flags[xs[i]] === 1) return true;
  return false;
}

/** The down enterprises, in index order. */
function downEnterprises(avail: Uint8Array): Int32Array {
  const down = DOWN;
  let count = 0;
  for (let r = 0, n = avail.length; r < n; r++) if (avail[r] === down) count++;
  const out = new Int32Array(count);
  for (let r = 0, k = 0, n = avail.length; r < n; r++) if (avail[r] === down) out[k++] = r;
  return out;
}

/** Those of `xs` with an edge in H (those that can be a root cause), in the same order. */
function withEdges(xs: Int32Array, hStart: Int32Array): Int32Array {
  let count = 0;
  for (let k = 0; k < xs.length; k++) if (hStart[xs[k]] !== hStart[xs[k] + 1]) count++;
  const out = new Int32Array(count);
  for (let k = 0, i = 0; k < xs.length; k++) if (hStart[xs[k]] !== hStart[xs[k] + 1]) out[i++] = xs[k];
  return out;
}

/** The same enterprises sorted by id. */
function rootsById(net: CompiledNetwork, byIndex: Int32Array): Int32Array {
  const ids = idsOf(net.ids, byIndex);
  // The default sort compares strings natively, by UTF-16 code units (codes.ts sortIds).
  sortIds(ids);
  const out = new Int32Array(ids.length);
  for (let k = 0; k < ids.length; k++) out[k] = net.index.get(ids[k])!;
  return out;
}

function idsOf(ids: readonly string[], xs: Int32Array): string[] {
  const out: string[] = new Array(xs.length);
  for (let k = 0; k < xs.length; k++) out[k] = ids[xs[k]];
  return out;
}

/** Copies each root's leaders, recorded by whichever thread searched it, to its place in id order. */
function placeInRankOrder(byIndex: Int32Array, rank: Int32Array, leaders: Int32Array, rootPairs: Int32Array, searched: SearchResult, out: Int32Array): void {
  const { pairs, source, from } = searched;
  for (let k = 0; k < byIndex.length; k++) {
    const q = rank[byIndex[k]];
    const list = pairs[source[k]];
    const start = from[k];
    const at = rootPairs[q];
    for (let i = 0, len = leaders[q]; i < len; i++) out[at + i] = list[start + i];
  }
}
