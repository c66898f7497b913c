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
import { BLOCKED, DOWN, LEADER, sortIds } from './codes';
import type { CompiledNetwork } from './compile';
import { buildLostGraph, type LostGraph } from './lost-graph';
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
  const lost = buildLostGraph(net, state);
  const trial = new ResumeTrial(net, state);
  // Roots that might clear a leader alone; for every other root the trial would find 0.
  const bounds = essentialRootBounds(net, state);
  const mayClear = new Uint8Array(n);
  const anyRoot = new Uint8Array(n);
  for (const l of net.leaders) {
    if (state.avail[l] !== BLOCKED) continue;
    const bound = bounds.of(l);
    if (bound === null) anyRoot[l] = 1;
    else for (const r of bound) mayClear[r] = 1;
  }
  // Searches run in index order, where neighbouring roots mostly reach the same region (the
  // order of import), so that memory is warm; their results are then placed in id order, the
  // order answers give, which also lists every leader's root causes in id order.
  const byIndex = downWithEdges(state.avail, lost.hStart);
  const count = byIndex.length;
  const roots = rootsById(net, byIndex);
  const rank = new Int32Array(n);
  for (let q = 0; q < count; q++) rank[roots[q]] = q;
  const found = searchRoots(net, lost, byIndex, rank, mayClear, anyRoot, trial);
  const { enterprises, leaders, unblocks, pairLeader, pairs } = found;
  const rootPairs = new Int32Array(count + 1);
  for (let q = 0; q < count; q++) rootPairs[q + 1] = rootPairs[q] + leaders[q];
  const byRank = new Int32Array(pairs);
  placeInRankOrder(byIndex, rank, leaders, rootPairs, pairLeader, byRank);
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

interface Searched {
  /** Per root, in id order: blocked enterprises and leaders it reaches, leaders it alone clears. */
  enterprises: Int32Array;
  leaders: Int32Array;
  unblocks: Int32Array;
  /** The leaders each search reached, search after search (byIndex order). */
  pairLeader: Int32Array;
  pairs: number;
}

/** One search in H per root (byIndex order), and a resume trial where the bounds allow one. */
function searchRoots(net: CompiledNetwork, lost: LostGraph, byIndex: Int32Array, rank: Int32Array, mayClear: Uint8Array, anyRoot: Uint8Array, trial: ResumeTrial): Searched {
  const n = net.size;
  const count = byIndex.length;
  const enterprises = new Int32Array(count);
  const leaders = new Int32Array(count);
  const unblocks = new Int32Array(count);
  const leaderCount = net.leaders.length;
  let pairLeader: Int32Array = new Int32Array(Math.max(16, n, 2 * leaderCount));
  let pairs = 0;
  const buf = new Int32Array(n);
  const marks = leaderTags(net.role);
  const end = new Int32Array(1);
  let inRegion: Int32Array | undefined;
  for (let k = 0; k < count; k++) {
    const r = byIndex[k];
    if (pairLeader.length - pairs < leaderCount) pairLeader = grown(pairLeader, pairs + leaderCount);
    const from = pairs;
    // Every candidate has an edge in H, so its search reaches at least one blocked enterprise.
    const size = reachCounting(lost.hStart, lost.hTarget, r, buf, marks, k + 1, pairLeader, pairs, end);
    pairs = end[0];
    const q = rank[r];
    enterprises[q] = size - 1;
    leaders[q] = pairs - from;
    const mine = pairLeader.subarray(from, pairs);
    if (pairs > from && (mayClear[r] === 1 || someMarked(anyRoot, mine))) {
      inRegion ??= new Int32Array(n);
      for (let i = 0; i < size; i++) inRegion[buf[i]] = k + 1;
      unblocks[q] = trial.cleared(buf, size, inRegion, k + 1, mine);
    }
  }
  return { enterprises, leaders, unblocks, pairLeader, pairs };
}

/**
 * Search marks with the leader flag folded in: marks[x] >> 1 is the last search (epoch) that
 * reached x, marks[x] & 1 whether x is a leader. A search then learns both with one read.
 */
function leaderTags(role: Uint8Array): Int32Array {
  const leader = LEADER;
  const marks = new Int32Array(role.length);
  for (let i = 0, n = role.length; i < n; i++) if (role[i] === leader) marks[i] = 1;
  return marks;
}

/**
 * Breadth-first search in H from r (search `epoch` ≥ 1): writes the reached enterprises, r
 * first, to `out` and returns how many; appends the leaders among them (r, down, is never
 * one) to pairLeader from `at`, leaving the new end in end[0].
 */
function reachCounting(
  hStart: Int32Array,
  hTarget: Int32Array,
  r: number,
  out: Int32Array,
  marks: Int32Array,
  epoch: number,
  pairLeader: Int32Array,
  at: number,
  end: Int32Array,
): number {
  const tag = epoch << 1;
  marks[r] = tag | (marks[r] & 1);
  out[0] = r;
  let head = 0;
  let tail = 1;
  while (head < tail) {
    const s = out[head++];
    for (let j = hStart[s], stop = hStart[s + 1]; j < stop; j++) {
      const c = hTarget[j];
      const m = marks[c];
      if (m >> 1 !== epoch) {
        marks[c] = tag | (m & 1);
        out[tail++] = c;
        if ((m & 1) === 1) pairLeader[at++] = c;
      }
    }
  }
  end[0] = at;
  return tail;
}

function grown(a: Int32Array, atLeast: number): Int32Array {
  const b = new Int32Array(Math.max(atLeast, 2 * a.length));
  b.set(a);
  return b;
}

function someMarked(flags: Uint8Array, xs: Int32Array): boolean {
  for (let i = 0; i < xs.length; i++) if (flags[xs[i]] === 1) return true;
  return false;
}

/** The down enterprises with an edge in H (those that can be a root cause), in index order. */
function downWithEdges(avail: Uint8Array, hStart: Int32Array): Int32Array {
  const down = DOWN;
  let count = 0;
  for (let r = 0, n = avail.length; r < n; r++) if (avail[r] === down && hStart[r] !== hStart[r + 1]) count++;
  const out = new Int32Array(count);
  for (let r = 0, k = 0, n = avail.length; r < n; r++) if (avail[r] === down && hStart[r] !== hStart[r + 1]) out[k++] = r;
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

/** Copies each root's leaders, recorded in search order, to its place in id order. */
function placeInRankOrder(byIndex: Int32Array, rank: Int32Array, leaders: Int32Array, rootPairs: Int32Array, pairLeader: Int32Array, out: Int32Array): void {
  let from = 0;
  for (let k = 0; k < byIndex.length; k++) {
    const q = rank[byIndex[k]];
    const len = leaders[q];
    out.set(pairLeader.subarray(from, from + len), rootPairs[q]);
    from += len;
  }
}
